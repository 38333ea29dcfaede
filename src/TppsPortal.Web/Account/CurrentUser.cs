using Microsoft.AspNetCore.Components.Authorization;
using TppsPortal.Accounts;
using TppsPortal.Common;

namespace TppsPortal.Web.Account;

/// <summary>The signed-in user as an <see cref="Actor"/>, for components to hand to the services.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<Actor?> TryGetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User);
    }

    public async Task<Actor> GetAsync() =>
        await TryGetAsync() ?? throw new AccessDeniedException("Silakan masuk terlebih dahulu.");
}
