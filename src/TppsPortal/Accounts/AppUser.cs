using Microsoft.AspNetCore.Identity;
using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>A person who signs in. Identity holds the password, lockout and security stamp.</summary>
public sealed class AppUser : IdentityUser
{
    public const int FullNameMaxLength = 150;
    public const int UserNameMaxLength = 64;

    public string FullName { get; set; } = "";
    public Role Role { get; set; }

    /// <summary>The region this user works in: a province, district or kecamatan, depending on the role.</summary>
    public string? RegionCode { get; set; }
    public Region? Region { get; set; }

    /// <summary>Only for Operator OPD: the agency the user reports for.</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
