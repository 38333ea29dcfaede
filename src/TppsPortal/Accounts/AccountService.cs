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
    /// <summary>
    /// What the sign-in page says. It never tells whether a user name exists: a lockout is counted per user name and
    /// address whether or not the account exists, and "dinonaktifkan" is said only after the right password.
    /// </summary>
    public string Message => Outcome switch
    {
        SignInOutcome.Success => "",
        SignInOutcome.LockedOut => LockedUntil is { } until
            ? $"Akun dikunci sementara untuk perangkat ini karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {until.ToOffset(TimeSpan.FromHours(8)):HH.mm} WITA, atau minta admin membuka kuncinya."
            : "Akun dikunci sementara untuk perangkat ini karena terlalu banyak percobaan gagal.",
        SignInOutcome.Inactive => "Akun ini sudah dinonaktifkan. Hubungi admin sekretariat TPPS.",
        _ => "Nama pengguna atau kata sandi salah.",
    };
}

/// <summary>
/// Checks credentials (with lockout per user name and client address, and deactivation), ends a user's sessions on
/// sign-out, and lets users change their own password.
/// </summary>
public sealed class AccountService(
    UserManager<AppUser> userManager,
    IPasswordHasher<AppUser> passwordHasher,
    SignInThrottle throttle,
    IDbContextFactory<Data.AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    /// <summary>The client address used when the caller does not know one (command line, tests).</summary>
    public const string UnknownClient = "-";

    private static readonly AppUser DummyUser = new() { UserName = "dummy.user" };
    private static string? s_dummyHash;

    /// <summary>
    /// Checks a user name and password typed on the sign-in page from <paramref name="clientAddress"/>. An unknown
    /// user name costs the same work as a known one (a password hash is verified either way) and gets the same answer.
    /// </summary>
    public async Task<SignInCheck> CheckCredentialsAsync(string userName, string password, string clientAddress = UnknownClient)
    {
        var name = userName.Trim().ToLowerInvariant();
        var client = string.IsNullOrWhiteSpace(clientAddress) ? UnknownClient : clientAddress;
        if (throttle.LockedUntil(name, client) is { } lockedUntil)
        {
            logger.LogWarning("Sign-in refused ({Reason}): {UserName} from {ClientAddress} is locked out until {LockoutEnd}",
                "locked", name, client, lockedUntil);
            return new SignInCheck(SignInOutcome.LockedOut, null, lockedUntil);
        }

        var user = await userManager.FindByNameAsync(name);
        bool passwordOk;
        if (user is null)
        {
            // The same hash verification a real account costs, against a hash no password matches.
            s_dummyHash ??= passwordHasher.HashPassword(DummyUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            passwordHasher.VerifyHashedPassword(DummyUser, s_dummyHash, password);
            passwordOk = false;
        }
        else
        {
            passwordOk = await userManager.CheckPasswordAsync(user, password);
        }

        if (!passwordOk)
        {
            var (failures, lockedNow) = throttle.RecordFailure(name, client);
            var reason = user is null ? "unknown user" : "wrong password";
            if (lockedNow is { } until)
            {
                logger.LogWarning("Sign-in refused ({Reason}): {UserName} from {ClientAddress}, {Failures} failures, locked out until {LockoutEnd}",
                    reason, name, client, failures, until);
                return new SignInCheck(SignInOutcome.LockedOut, null, until);
            }
            logger.LogWarning("Sign-in refused ({Reason}): {UserName} from {ClientAddress}, {Failures} failures",
                reason, name, client, failures);
            return new SignInCheck(SignInOutcome.InvalidCredentials, null);
        }

        if (!user!.IsActive)
        {
            logger.LogWarning("Sign-in refused ({Reason}): {UserName} from {ClientAddress}", "deactivated", name, client);
            return new SignInCheck(SignInOutcome.Inactive, null);
        }

        throttle.RecordSuccess(name, client);
        // Written directly: going through UserManager would change the concurrency stamp, and an admin who
        // is editing this user at the same moment would get a false conflict.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var now = clock.GetUtcNow();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now));
        }
        logger.LogInformation("Signed in: {UserName} ({Role}) from {ClientAddress}", name, user.Role, client);
        return new SignInCheck(SignInOutcome.Success, user);
    }

    /// <summary>
    /// Sign-out: a new security stamp, so that every cookie issued to this user so far is refused at its next request
    /// (see <see cref="IsSessionCurrentAsync"/>) and open circuits end at their next check. Written directly, as the
    /// last sign-in time is, so that an admin editing the user meanwhile gets no false conflict.
    /// </summary>
    public async Task EndSessionsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stamp = NewSecurityStamp();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp), ct);
    }

    /// <summary>
    /// Whether a session (cookie) of <paramref name="userId"/> carrying <paramref name="securityStamp"/> is still
    /// valid: the user exists, is active, and has not signed out, changed password, role or scope since. One indexed
    /// read, made on every request that carries a cookie.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(string userId, string? securityStamp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(securityStamp))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .AnyAsync(u => u.Id == userId && u.IsActive && u.SecurityStamp == securityStamp, ct);
    }

    // Any unguessable string will do (Identity makes Base32 of 20 random bytes).
    private static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

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
