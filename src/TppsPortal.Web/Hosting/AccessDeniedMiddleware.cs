using TppsPortal.Common;
using TppsPortal.Web.Account;

namespace TppsPortal.Web.Hosting;

/// <summary>
/// Turns an <see cref="AccessDeniedException"/> from the service layer into HTTP 403 for plain requests (problem
/// details on /api).
/// </summary>
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
            if (SessionCookieEvents.IsApi(context.Request))
            {
                await SessionCookieEvents.WriteProblemAsync(context, StatusCodes.Status403Forbidden, ex.Message);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { error = ex.Message });
        }
    }
}
