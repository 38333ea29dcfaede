using TppsPortal.Common;

namespace TppsPortal.Web.Hosting;

/// <summary>Turns an <see cref="AccessDeniedException"/> from the service layer into HTTP 403 for plain requests.</summary>
public sealed class AccessDeniedMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (AccessDeniedException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { error = ex.Message });
        }
    }
}
