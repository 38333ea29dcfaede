using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;

namespace TppsPortal.Web.Account;

/// <summary>
/// The sign-in cookie's events: every request checks that the session was not ended (sign-out, password change,
/// deactivation, new role or scope: each gives the user a new security stamp), and the JSON API answers 401/403 as
/// problem details instead of redirecting to the sign-in page.
/// </summary>
public static class SessionCookieEvents
{
    public static void Configure(CookieAuthenticationEvents events)
    {
        events.OnValidatePrincipal = ValidatePrincipalAsync;
        var redirectToLogin = events.OnRedirectToLogin;
        var redirectToAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context => IsApi(context.Request)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Silakan masuk terlebih dahulu.")
            : redirectToLogin(context);
        events.OnRedirectToAccessDenied = context => IsApi(context.Request)
            ? WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Akses ditolak.")
            : redirectToAccessDenied(context);
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static Task WriteProblemAsync(HttpContext http, int status, string detail) =>
        Api.ApiProblems.WriteAsync(http, status,
            status == StatusCodes.Status401Unauthorized ? Api.ApiProblems.Unauthorized : Api.ApiProblems.Forbidden, detail);

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        // A cookie whose security stamp is no longer the user's is refused at once, not only at the next
        // periodic check: one indexed read per request that carries a cookie.
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null ||
            !await services.GetRequiredService<AccountService>().IsSessionCurrentAsync(userId, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Identity's own validator: every minute it renews the cookie with the user's current claims.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
