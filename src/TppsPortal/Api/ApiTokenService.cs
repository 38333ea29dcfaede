using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Api;

/// <summary>A token as its owner's list shows it (never the secret).</summary>
public sealed record ApiTokenRow(
    int Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt)
{
    public string State(DateTimeOffset now) =>
        RevokedAt is not null ? "Dicabut" : ExpiresAt <= now ? "Kedaluwarsa" : "Aktif";
}

/// <summary>What a person types to make a token.</summary>
public sealed class ApiTokenForm
{
    public string Name { get; set; } = "";
    /// <summary>Days until it expires: 1 to <see cref="ApiToken.MaxLifetimeDays"/>.</summary>
    public int? LifetimeDays { get; set; } = ApiToken.DefaultLifetimeDays;
}

/// <summary>A token just made: the secret is in here and nowhere else, ever again.</summary>
public sealed record CreatedApiToken(ApiTokenRow Token, string Secret);

/// <summary>The user a bearer token stands for, when it is usable.</summary>
public sealed record ApiTokenIdentity(int TokenId, string TokenName, AppUser User);

/// <summary>
/// Makes, lists, revokes and checks API tokens. A token acts as its user; who may manage whose tokens is
/// <see cref="AccessPolicy.CanManageTokensOf"/>.
/// </summary>
public sealed class ApiTokenService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    TimeProvider clock,
    ILogger<ApiTokenService> logger)
{
    public const string SecretPrefix = "tpps_";
    /// <summary>The most tokens one account may have at once (usable ones); enough for every system it feeds.</summary>
    public const int MaxUsablePerUser = 20;

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(Actor actor, string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, ct)
            ?? throw new AccessDeniedException(AccessPolicy.DeniedMessage);
        access.DemandManageTokensOf(actor, owner);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == ownerId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy, t.LastUsedAt))
            .ToListAsync(ct);
    }

    public async Task<Result<CreatedApiToken>> CreateAsync(Actor actor, string ownerId, ApiTokenForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, ct)
            ?? throw new AccessDeniedException(AccessPolicy.DeniedMessage);
        access.DemandManageTokensOf(actor, owner);

        var errors = new ErrorBag();
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add(nameof(ApiTokenForm.Name), "Nama token wajib diisi, misalnya \"DHIS2 Provinsi\".");
        }
        else if (name.Length > ApiToken.NameMaxLength)
        {
            errors.Add(nameof(ApiTokenForm.Name), $"Nama token paling banyak {ApiToken.NameMaxLength} karakter (sekarang {name.Length}).");
        }
        if (form.LifetimeDays is not { } days || days < 1 || days > ApiToken.MaxLifetimeDays)
        {
            errors.Add(nameof(ApiTokenForm.LifetimeDays), $"Masa berlaku 1 sampai {ApiToken.MaxLifetimeDays} hari.");
        }
        if (!owner.IsActive)
        {
            errors.Add("", "Akun ini nonaktif; token untuknya tidak dapat dibuat.");
        }
        var now = clock.GetUtcNow();
        if (errors.Any)
        {
            return errors.ToResult();
        }
        if (await db.ApiTokens.CountAsync(t => t.UserId == ownerId && t.RevokedAt == null && t.ExpiresAt > now, ct) >= MaxUsablePerUser)
        {
            return Result.Fail("", $"Akun ini sudah memiliki {MaxUsablePerUser} token aktif. Cabut token yang tidak dipakai lagi terlebih dahulu.");
        }
        if (await db.ApiTokens.AnyAsync(t => t.UserId == ownerId && t.RevokedAt == null && t.ExpiresAt > now && t.Name == name, ct))
        {
            return Result.Fail(nameof(ApiTokenForm.Name), "Sudah ada token aktif dengan nama ini. Pilih nama lain agar keduanya dapat dibedakan.");
        }

        var secret = NewSecret();
        var token = new ApiToken
        {
            UserId = ownerId,
            Name = name,
            Prefix = secret[..ApiToken.PrefixLength],
            Hash = HashOf(secret),
            CreatedAt = now,
            CreatedBy = actor.DisplayName,
            ExpiresAt = now.AddDays(form.LifetimeDays!.Value),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("API token {TokenName} ({Prefix}) made for {Owner} by {Actor}, expires {ExpiresAt:yyyy-MM-dd}",
            token.Name, token.Prefix, owner.UserName, actor.UserName, token.ExpiresAt);
        return Result<CreatedApiToken>.Ok(new CreatedApiToken(ToRow(token), secret));
    }

    public async Task<Result> RevokeAsync(Actor actor, int tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == tokenId, ct)
            ?? throw new AccessDeniedException(AccessPolicy.DeniedMessage);
        access.DemandManageTokensOf(actor, token.User!);
        if (token.RevokedAt is not null)
        {
            return Result.Ok;
        }
        token.RevokedAt = clock.GetUtcNow();
        token.RevokedBy = actor.DisplayName;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("API token {TokenName} ({Prefix}) of {Owner} revoked by {Actor}",
            token.Name, token.Prefix, token.User!.UserName, actor.UserName);
        return Result.Ok;
    }

    /// <summary>
    /// The user a presented secret stands for: null when it is unknown, revoked, expired, or its user is inactive.
    /// One indexed lookup by hash; the last use is written at most once a minute.
    /// </summary>
    public async Task<ApiTokenIdentity?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length is < 20 or > 100)
        {
            return null;
        }
        var hash = HashOf(secret);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.Name, t.RevokedAt, t.ExpiresAt, t.LastUsedAt, t.User })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now || found.User is not { IsActive: true } user)
        {
            return null;
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return new ApiTokenIdentity(found.Id, found.Name, user);
    }

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string NewSecret()
    {
        // 30 random bytes: 40 characters of base64url, 240 bits.
        var text = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        return SecretPrefix + text;
    }

    private static ApiTokenRow ToRow(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy, t.LastUsedAt);
}
