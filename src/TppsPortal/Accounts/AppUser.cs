using Microsoft.AspNetCore.Identity;
using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>A person who signs in. Identity holds the password, lockout and security stamp.</summary>
public sealed class AppUser : IdentityUser
{
    public const int FullNameMaxLength = 150;
    public const int UserNameMaxLength = 64;
    public const int EmailMaxLength = 254;
    /// <summary>A WhatsApp number as stored: digits only, with the country code (62...).</summary>
    public const int WhatsAppMaxLength = 16;

    public string FullName { get; set; } = "";
    public Role Role { get; set; }

    /// <summary>The region this user works in: a province, district or kecamatan, depending on the role.</summary>
    public string? RegionCode { get; set; }
    public Region? Region { get; set; }

    /// <summary>Only for Operator OPD: the agency the user reports for.</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }

    /// <summary>For "Kirim lewat WhatsApp" links to this person: digits with the country code, e.g. 6281234567890.</summary>
    public string? WhatsAppNumber { get; set; }

    /// <summary>One mail a day with everything new (at the district's digest hour) instead of one mail per event.</summary>
    public bool EmailDigest { get; set; }

    /// <summary>Kinds the person gets no mail for (bit <c>1 &lt;&lt; kind</c>); the bell still shows them.</summary>
    public int EmailMutedKinds { get; set; }

    /// <summary>When the last daily digest went to this person.</summary>
    public DateTimeOffset? LastDigestAt { get; set; }

    /// <summary>
    /// An account for another system (a province's DHIS2, a national dashboard): a role and a scope, no password and no
    /// sign-in; it reads and writes only through API tokens an admin makes for it.
    /// </summary>
    public bool IsIntegration { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
