using Microsoft.AspNetCore.Identity;
using TppsPortal.Accounts;

namespace TppsPortal.Web.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with antiforgery token) from the account menu.
        app.MapPost("/keluar", async (SignInManager<AppUser> signIn, HttpContext http, ILogger<AppUser> logger) =>
        {
            logger.LogInformation("Signed out: {UserName}", http.User.Identity?.Name);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/masuk?keluar=1");
        });
        return app;
    }
}
