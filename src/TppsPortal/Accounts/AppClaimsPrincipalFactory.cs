using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TppsPortal.Accounts;

/// <summary>Puts the role and scope into the sign-in cookie so that <see cref="Actor.FromPrincipal"/> can read them.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Actor.RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(Actor.FullNameClaim, user.FullName));
        if (user.RegionCode is not null)
        {
            identity.AddClaim(new Claim(Actor.RegionClaim, user.RegionCode));
        }
        if (user.AgencyId is int agencyId)
        {
            identity.AddClaim(new Claim(Actor.AgencyClaim, agencyId.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
