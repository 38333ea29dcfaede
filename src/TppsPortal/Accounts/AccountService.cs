using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Common;

namespace TppsPortal.Accounts;

public enum SignInOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
    Inactive,
}

public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User, DateTimeOffset? LockedUntil = null)
{
    /// <summary>What the sign-in page says. It never tells whether a user name exists.</summary>
    public string Message => Outcome switch
    {
        SignInOutcome.Success => "",
        SignInOutcome.LockedOut => LockedUntil is { } until
            ? $"Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {until.ToOffset(TimeSpan.FromHours(8)):HH.mm} WITA, atau minta admin membuka kuncinya."
            : "Akun dikunci sementara karena terlalu banyak percobaan gagal.",
        SignInOutcome.Inactive => "Akun ini sudah dinonaktifkan. Hubungi admin sekretariat TPPS.",
        _ => "Nama pengguna atau kata sandi salah.",
    };
}

/// <summary>Checks credentials (with lockout and deactivation) and lets users change their own password.</summary>
public sealed class AccountService(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    IDbContextFactory<Data.AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    public async Task<SignInCheck> CheckCredentialsAsync(string userName, string password)
    {
        var name = userName.Trim().ToLowerInvariant();
        var user = await userManager.FindByNameAsync(name);
        if (user is null)
        {
            logger.LogWarning("Sign-in failed for unknown user {UserName}", name);
            return new SignInCheck(SignInOutcome.InvalidCredentials, null);
        }

        if (!user.IsActive)
        {
            logger.LogWarning("Sign-in refused for deactivated user {UserName}", name);
            return new SignInCheck(SignInOutcome.Inactive, null);
        }

        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Written directly: going through UserManager would change the concurrency stamp, and an admin who
            // is editing this user at the same moment would get a false conflict.
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                var now = clock.GetUtcNow();
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now));
            }
            logger.LogInformation("Signed in: {UserName} ({Role})", name, user.Role);
            return new SignInCheck(SignInOutcome.Success, user);
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: {UserName} is locked out until {LockoutEnd}", name, user.LockoutEnd);
            return new SignInCheck(SignInOutcome.LockedOut, null, user.LockoutEnd);
        }

        logger.LogWarning("Sign-in failed: wrong password for {UserName} ({Failures} failures)",
            name, await userManager.GetAccessFailedCountAsync(user));
        return new SignInCheck(SignInOutcome.InvalidCredentials, null);
    }

    public async Task<Result> ChangePasswordAsync(Actor actor, string currentPassword, string newPassword)
    {
        var user = await userManager.FindByIdAsync(actor.UserId);
        if (user is null || !user.IsActive)
        {
            return Result.Fail("", Texts.NotFound);
        }
        var outcome = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
        if (outcome.Succeeded)
        {
            logger.LogInformation("Password changed by {UserName}", user.UserName);
            return Result.Ok;
        }
        var field = outcome.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
            ? "CurrentPassword" : "NewPassword";
        return Result.Fail(field, string.Join(" ", outcome.Errors.Select(e => e.Description)));
    }
}
