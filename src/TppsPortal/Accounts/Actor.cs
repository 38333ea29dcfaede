using System.Globalization;
using System.Security.Claims;

namespace TppsPortal.Accounts;

/// <summary>
/// Who is asking: the signed-in user's id, role and scope. Every service method that reads or changes
/// scoped data takes an actor and hands it to <see cref="AccessPolicy"/>.
/// </summary>
public sealed record Actor(string UserId, string UserName, Role Role, string? RegionCode, int? AgencyId)
{
    public const string RoleClaim = "tpps:role";
    public const string RegionClaim = "tpps:region";
    public const string AgencyClaim = "tpps:agency";
    public const string FullNameClaim = "tpps:fullname";

    /// <summary>The person's full name as the portal knows it ("" when none was entered).</summary>
    public string FullName { get; init; } = "";

    /// <summary>How records name this person: the full name, or the sign-in name only when no full name was entered.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? UserName : FullName.Trim();

    public bool IsReadOnly => Role.IsReadOnly();

    /// <summary>Reads the actor from the claims made at sign-in; null when the principal is anonymous or incomplete.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        if (id is null || name is null || !Enum.TryParse<Role>(principal.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        var region = principal.FindFirstValue(RegionClaim);
        var agency = principal.FindFirstValue(AgencyClaim);
        return new Actor(id, name, role, string.IsNullOrEmpty(region) ? null : region,
            int.TryParse(agency, NumberStyles.None, CultureInfo.InvariantCulture, out var agencyId) ? agencyId : null)
        {
            FullName = principal.FindFirstValue(FullNameClaim) ?? "",
        };
    }

    public static Actor FromUser(AppUser user) =>
        new(user.Id, user.UserName ?? "", user.Role, user.RegionCode, user.AgencyId) { FullName = user.FullName };
}
