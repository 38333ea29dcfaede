using System.ComponentModel.DataAnnotations;

namespace TppsPortal.Accounts;

/// <summary>What an admin fills in to create or change a user. Checked again in <see cref="UserService"/>.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Nama pengguna wajib diisi.")]
    [StringLength(AppUser.UserNameMaxLength, MinimumLength = 3, ErrorMessage = "Nama pengguna 3 sampai 64 karakter.")]
    [RegularExpression("^[a-z0-9._-]+$", ErrorMessage = "Nama pengguna hanya huruf kecil, angka, titik, garis bawah dan tanda hubung.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Nama lengkap wajib diisi.")]
    [StringLength(AppUser.FullNameMaxLength, ErrorMessage = "Nama lengkap paling banyak 150 karakter.")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Peran wajib dipilih.")]
    public Role? Role { get; set; }

    /// <summary>Province, district or kecamatan code, depending on the role; empty for Admin Sistem.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Only for Operator OPD.</summary>
    public int? AgencyId { get; set; }

    /// <summary>
    /// An account for another system: no password, no sign-in, API tokens made by an admin. Set when it is created and
    /// never changed afterwards (a person's account does not become a machine's).
    /// </summary>
    public bool IsIntegration { get; set; }

    /// <summary>Only when creating a person's account: the first password, which the user should change.</summary>
    public string? Password { get; set; }

    /// <summary>Identity's concurrency stamp as loaded, so that a stale edit is refused.</summary>
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>A user as the user list shows it.</summary>
public sealed record UserRow(
    string Id,
    string UserName,
    string FullName,
    Role Role,
    string? RegionCode,
    string? RegionName,
    string? AgencyName,
    bool IsActive,
    bool IsLockedOut,
    DateTimeOffset? LastSignInAt)
{
    /// <summary>An account for another system (API tokens only, no sign-in).</summary>
    public bool IsIntegration { get; init; }
}

public sealed record UserQuery(string? Search = null, Role? Role = null, bool IncludeInactive = true, int Skip = 0, int Take = 50);

/// <summary>What an admin types to give a user a new password. Checked again by Identity's password policy.</summary>
public sealed class PasswordResetForm
{
    [Required(ErrorMessage = "Kata sandi baru wajib diisi.")]
    [MinLength(10, ErrorMessage = "Kata sandi minimal 10 karakter.")]
    public string Password { get; set; } = "";
}
