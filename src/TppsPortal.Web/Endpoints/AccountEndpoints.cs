using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Web.Hosting;

namespace TppsPortal.Web.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with an antiforgery token from the account menu (AccountMenu.razor): another site cannot sign
        // a user out. Sign-out gives the user a new security stamp, so the cookie is refused from now on even if a
        // copy of it is replayed, and the user's other sessions and open circuits end too (docs/security.md).
        app.MapPost("/keluar", async (SignInManager<AppUser> signIn, AccountService accounts, IOptions<IdentityOptions> identity,
            HttpContext http, ILogger<AppUser> logger) =>
        {
            if (http.User.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) is { } userId)
            {
                await accounts.EndSessionsAsync(userId, http.RequestAborted);
            }
            logger.LogInformation("Signed out: {UserName} from {ClientAddress}", http.User.Identity?.Name, SignInRateLimit.ClientAddress(http));
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/masuk?keluar=1");
        })
        // Anonymous (a session that already ended elsewhere): nothing to end, so nothing to forge; its form's token,
        // made for the signed-in user, would not validate any more, and the person only wants the sign-in page.
        .AllowAnonymous().RequireAntiforgeryToken(unlessAnonymous: true);
        return app;
    }

    /// <summary>
    /// Validates the antiforgery token of a minimal-API POST. The antiforgery middleware only checks endpoints that
    /// bind a form; an endpoint with no form parameters (like sign-out) would otherwise run without one.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder builder, bool unlessAnonymous = false) =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (unlessAnonymous && http.User.Identity?.IsAuthenticated != true)
            {
                return await next(context);
            }
            // The antiforgery middleware has checked already (the metadata above asks it to); without it, check here.
            var valid = http.Features.Get<IAntiforgeryValidationFeature>()?.IsValid
                ?? await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
            if (!valid)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TppsPortal.Web.Antiforgery")
                    .LogWarning("Request refused: no valid antiforgery token for {Method} {Path} from {ClientAddress}",
                        http.Request.Method, http.Request.Path.Value, SignInRateLimit.ClientAddress(http));
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                    detail: "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman, lalu coba lagi.");
            }
            return await next(context);
        });
}
