using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>User management for admins, always within their own scope (see <see cref="AccessPolicy"/>).</summary>
/// <remarks>
/// Identity's <see cref="UserManager{TUser}"/> holds a DbContext; a Blazor circuit lives for hours, so every
/// operation takes a fresh one from its own scope rather than reusing the circuit's.
/// </remarks>
public sealed class UserService(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    AccessPolicy access,
    SignInThrottle throttle,
    ILogger<UserService> logger)
{
    /// <summary>The policy as the forms explain it (see ServiceCollectionExtensions.ConfigureIdentity).</summary>
    public const string PasswordPolicy = "Minimal 10 karakter, berisi huruf kecil dan angka.";

    public bool CanManage(Actor actor) => access.CanManageUsers(actor);

    public IReadOnlyList<Role> AssignableRoles(Actor actor) => access.AssignableRoles(actor);

    public async Task<Page<UserRow>> ListAsync(Actor actor, UserQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = access.ManageableUsers(actor, db.Users.AsNoTracking());
        if (!query.IncludeInactive)
        {
            users = users.Where(u => u.IsActive);
        }
        if (query.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Escape the LIKE wildcards: user names often hold "_" and "." and are meant literally.
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            users = users.Where(u => EF.Functions.ILike(u.UserName!, pattern, @"\") || EF.Functions.ILike(u.FullName, pattern, @"\"));
        }

        var total = await users.CountAsync(ct);
        var rows = await users
            .OrderBy(u => u.RegionCode).ThenBy(u => u.UserName)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
            .Select(u => new
            {
                u.Id, u.UserName, u.FullName, u.Role, u.RegionCode, RegionName = u.Region!.Name,
                AgencyName = u.Agency!.ShortName, u.IsActive, u.LastSignInAt, u.IsIntegration,
            })
            .ToListAsync(ct);
        // Locked: from at least one client address (SignInThrottle); an unlock frees every address.
        return new Page<UserRow>(
            rows.Select(u => new UserRow(u.Id, u.UserName ?? "", u.FullName, u.Role, u.RegionCode, u.RegionName,
                u.AgencyName, u.IsActive, throttle.IsLockedAnywhere(u.UserName ?? ""), u.LastSignInAt) { IsIntegration = u.IsIntegration }).ToList(),
            total);
    }

    /// <summary>The form of an existing user; null when there is no such user.</summary>
    public async Task<UserForm?> GetFormAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindManageableAsync(userManager, actor, userId);
        if (user is null)
        {
            return null;
        }
        return new UserForm
        {
            UserName = user.UserName ?? "",
            FullName = user.FullName,
            Role = user.Role,
            RegionCode = user.RegionCode,
            AgencyId = user.AgencyId,
            IsIntegration = user.IsIntegration,
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
    }

    public async Task<Result<string>> CreateAsync(Actor actor, UserForm form, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var errors = await ValidateAsync(userManager, actor, form, isNew: true, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var user = new AppUser
        {
            UserName = form.UserName.Trim().ToLowerInvariant(),
            FullName = form.FullName.Trim(),
            Role = form.Role!.Value,
            RegionCode = NullIfEmpty(form.RegionCode),
            AgencyId = form.Role == Role.OperatorOpd ? form.AgencyId : null,
            IsActive = true,
            IsIntegration = form.IsIntegration,
        };
        // An integration account has no password: it cannot sign in, only its API tokens act for it.
        var created = form.IsIntegration ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, form.Password!);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }
        logger.LogInformation("User {UserName} created by {Admin} as {Role} in {Region}",
            user.UserName, actor.UserName, user.Role, user.RegionCode ?? "-");
        return Result<string>.Ok(user.Id);
    }

    public async Task<Result> UpdateAsync(Actor actor, string userId, UserForm form, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindManageableAsync(userManager, actor, userId);
        if (user is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        // A stale form is refused before anything else: its values may no longer make sense.
        if (form.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        if (user.Id == actor.UserId && form.Role is { } newRole && newRole != user.Role)
        {
            return Result.Fail(nameof(UserForm.Role), "Anda tidak dapat mengubah peran akun Anda sendiri.");
        }
        var errors = await ValidateAsync(userManager, actor, form, isNew: false, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var scopeChanged = user.Role != form.Role || user.RegionCode != NullIfEmpty(form.RegionCode) ||
                           user.AgencyId != (form.Role == Role.OperatorOpd ? form.AgencyId : null);
        user.FullName = form.FullName.Trim();
        user.Role = form.Role!.Value;
        user.RegionCode = NullIfEmpty(form.RegionCode);
        user.AgencyId = form.Role == Role.OperatorOpd ? form.AgencyId : null;
        var updated = await userManager.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return FromIdentity(updated);
        }
        if (scopeChanged)
        {
            // Sessions with the old role or scope must sign in again.
            await userManager.UpdateSecurityStampAsync(user);
        }
        logger.LogInformation("User {UserName} changed by {Admin}: {Role} in {Region}",
            user.UserName, actor.UserName, user.Role, user.RegionCode ?? "-");
        return Result.Ok;
    }

    /// <summary>
    /// Sets a password the admin typed or generated (<see cref="GeneratePassword"/>), and lifts a lockout: the
    /// usual reason to reset is a user who forgot the password and locked the account trying.
    /// </summary>
    public async Task<Result> ResetPasswordAsync(Actor actor, string userId, string? newPassword, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindManageableAsync(userManager, actor, userId);
        if (user is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        if (user.Id == actor.UserId)
        {
            // A reset renews the security stamp, which would end the admin's own session a minute later.
            return Result.Fail(nameof(UserForm.Password), "Untuk akun Anda sendiri, gunakan menu Ganti kata sandi.");
        }
        if (user.IsIntegration)
        {
            return Result.Fail(nameof(UserForm.Password), "Akun integrasi tidak memakai kata sandi dan tidak dapat masuk; buat token API untuknya.");
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            return Result.Fail(nameof(UserForm.Password), "Kata sandi baru wajib diisi.");
        }
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var reset = await userManager.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return FromIdentity(reset);
        }
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        throttle.Reset(user.UserName ?? "");
        logger.LogInformation("Password of {UserName} reset by {Admin}", user.UserName, actor.UserName);
        return Result.Ok;
    }

    /// <summary>Lifts a lockout after too many failed sign-ins, without touching the password.</summary>
    public async Task<Result> UnlockAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindManageableAsync(userManager, actor, userId);
        if (user is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        var unlocked = await userManager.SetLockoutEndDateAsync(user, null);
        if (!unlocked.Succeeded)
        {
            return FromIdentity(unlocked);
        }
        await userManager.ResetAccessFailedCountAsync(user);
        throttle.Reset(user.UserName ?? "");
        logger.LogInformation("User {UserName} unlocked by {Admin}", user.UserName, actor.UserName);
        return Result.Ok;
    }

    public async Task<Result> SetActiveAsync(Actor actor, string userId, bool active, CancellationToken ct = default)
    {
        DemandAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindManageableAsync(userManager, actor, userId);
        if (user is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        if (user.Id == actor.UserId && !active)
        {
            return Result.Fail("", "Anda tidak dapat menonaktifkan akun Anda sendiri.");
        }
        user.IsActive = active;
        var updated = await userManager.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return FromIdentity(updated);
        }
        // A deactivated user's open sessions end at the next check of the security stamp.
        await userManager.UpdateSecurityStampAsync(user);
        logger.LogInformation("User {UserName} {Action} by {Admin}", user.UserName, active ? "activated" : "deactivated", actor.UserName);
        return Result.Ok;
    }

    /// <summary>
    /// A random password that meets the policy (12 characters, lower-case letters and digits, at least two of
    /// each), without look-alikes (l, 1, o, 0) because it is read off a screen and typed in by someone else.
    /// </summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz";
        const string digits = "23456789";
        const string all = letters + digits;
        while (true)
        {
            var chars = new char[12];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }
            if (chars.Count(digits.Contains) >= 2 && chars.Count(letters.Contains) >= 2 && chars.Distinct().Count() >= 6)
            {
                return new string(chars);
            }
        }
    }

    /// <summary>The command-line way to make the first Admin Sistem on a database without demo data.</summary>
    public async Task<Result> CreateSystemAdminAsync(string userName, string fullName, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName.Trim().ToLowerInvariant(),
            FullName = fullName.Trim(),
            Role = Role.AdminSistem,
            IsActive = true,
        };
        var created = await userManager.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }
        logger.LogInformation("System administrator {UserName} created from the command line", user.UserName);
        return Result.Ok;
    }

    /// <summary>Only admins manage users, whatever the form says: others are refused before any validation.</summary>
    private void DemandAdmin(Actor actor) => access.DemandManageUsers(actor);

    /// <summary>The user if the actor may manage them; null when there is none; denied when out of scope.</summary>
    private async Task<AppUser?> FindManageableAsync(UserManager<AppUser> userManager, Actor actor, string userId)
    {
        var user = await userManager.FindByIdAsync(userId);
        if (user is not null)
        {
            access.DemandManageUser(actor, user.Role, user.RegionCode);
        }
        return user;
    }

    private async Task<ErrorBag> ValidateAsync(UserManager<AppUser> userManager, Actor actor, UserForm form, bool isNew, CancellationToken ct)
    {
        var errors = new ErrorBag();
        if (isNew)
        {
            var name = (form.UserName ?? "").Trim().ToLowerInvariant();
            if (name.Length is < 3 or > AppUser.UserNameMaxLength || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
            {
                errors.Add(nameof(UserForm.UserName), "Nama pengguna 3 sampai 64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.");
            }
            else if (await userManager.FindByNameAsync(name) is not null)
            {
                errors.Add(nameof(UserForm.UserName), $"Nama pengguna \"{name}\" sudah dipakai.");
            }
            if (form.IsIntegration)
            {
                if (form.Role == Role.AdminSistem)
                {
                    errors.Add(nameof(UserForm.Role), "Akun integrasi tidak dapat berperan Admin Sistem. Pilih peran baca seperti Pemantau Provinsi atau Pimpinan.");
                }
            }
            else if (string.IsNullOrEmpty(form.Password))
            {
                errors.Add(nameof(UserForm.Password), "Kata sandi awal wajib diisi.");
            }
            else
            {
                foreach (var validator in userManager.PasswordValidators)
                {
                    var check = await validator.ValidateAsync(userManager, new AppUser(), form.Password);
                    foreach (var error in check.Errors)
                    {
                        errors.Add(nameof(UserForm.Password), error.Description);
                    }
                }
            }
        }

        if (string.IsNullOrWhiteSpace(form.FullName))
        {
            errors.Add(nameof(UserForm.FullName), "Nama lengkap wajib diisi.");
        }
        else if (form.FullName.Trim().Length > AppUser.FullNameMaxLength)
        {
            errors.Add(nameof(UserForm.FullName), Texts.TooLong(AppUser.FullNameMaxLength));
        }

        if (form.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(nameof(UserForm.Role), "Peran wajib dipilih.");
            return errors;
        }
        if (!access.AssignableRoles(actor).Contains(role))
        {
            errors.Add(nameof(UserForm.Role), $"Anda tidak berwenang memberikan peran {role.Display()}.");
            return errors;
        }

        var region = NullIfEmpty(form.RegionCode);
        if (role.ScopeLevel() is not { } level)
        {
            if (region is not null)
            {
                errors.Add(nameof(UserForm.RegionCode), $"{role.Display()} tidak dibatasi wilayah: kosongkan wilayah kerja.");
            }
            return errors;
        }

        if (region is null)
        {
            errors.Add(nameof(UserForm.RegionCode), $"Wilayah kerja wajib dipilih: {level.Display().ToLowerInvariant()}.");
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regionLevel = await db.Regions.Where(r => r.Code == region).Select(r => (RegionLevel?)r.Level).FirstOrDefaultAsync(ct);
        if (regionLevel is null)
        {
            errors.Add(nameof(UserForm.RegionCode), $"Wilayah dengan kode {region} tidak ada.");
            return errors;
        }
        if (regionLevel != level)
        {
            errors.Add(nameof(UserForm.RegionCode), $"Peran {role.Display()} harus diberi wilayah tingkat {level.Display().ToLowerInvariant()}.");
            return errors;
        }
        if (!access.CanManageUser(actor, role, region))
        {
            errors.Add(nameof(UserForm.RegionCode), "Wilayah ini di luar wilayah kewenangan Anda.");
            return errors;
        }

        if (role == Role.OperatorOpd)
        {
            if (form.AgencyId is not { } agencyId)
            {
                errors.Add(nameof(UserForm.AgencyId), "Operator OPD wajib dikaitkan dengan satu instansi.");
            }
            else
            {
                // The district's own agencies: a kantor kecamatan reports through an Operator Kecamatan instead.
                var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct);
                if (agency is null || agency.RegionCode != region)
                {
                    errors.Add(nameof(UserForm.AgencyId), "Instansi harus milik kabupaten/kota yang dipilih.");
                }
                else if (!agency.IsActive)
                {
                    errors.Add(nameof(UserForm.AgencyId), "Instansi ini sudah nonaktif.");
                }
            }
        }
        return errors;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string EscapeLike(string term) =>
        term.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static Result FromIdentity(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        var errors = new ErrorBag();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(UserForm.UserName),
                var code when code.StartsWith("Password", StringComparison.Ordinal) => nameof(UserForm.Password),
                _ => "",
            };
            errors.Add(field, error.Description);
        }
        return errors.ToResult();
    }
}
