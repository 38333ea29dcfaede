using Microsoft.AspNetCore.Identity;

namespace TppsPortal.Accounts;

/// <summary>Identity's messages in Indonesian, so that password and user-name errors can be shown as they are.</summary>
public sealed class IndonesianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Kata sandi minimal {length} karakter." };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = "Kata sandi harus berisi angka (0-9)." };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = "Kata sandi harus berisi huruf kecil (a-z)." };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = "Kata sandi harus berisi huruf besar (A-Z)." };

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Kata sandi harus berisi simbol." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Kata sandi harus berisi paling sedikit {uniqueChars} karakter yang berbeda." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Kata sandi saat ini salah." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Nama pengguna \"{userName}\" sudah dipakai." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "Nama pengguna hanya boleh berisi huruf kecil, angka, titik, garis bawah dan tanda hubung." };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = Common.Texts.ConcurrencyConflict };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Terjadi kesalahan. Silakan coba lagi." };
}
