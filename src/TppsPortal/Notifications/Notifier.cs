using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Data;

namespace TppsPortal.Notifications;

/// <summary>Who should hear of an event: chosen by role and scope, then each person checked by <see cref="AccessPolicy"/>.</summary>
public abstract record Audience
{
    /// <summary>The district's Admin Sekretariat.</summary>
    public sealed record Secretariat(string DistrictCode) : Audience;

    /// <summary>The camat and operators of one kecamatan.</summary>
    public sealed record Kecamatan(string KecamatanCode) : Audience;

    /// <summary>The camat and operators of every kecamatan of a district.</summary>
    public sealed record AllKecamatan(string DistrictCode) : Audience;

    /// <summary>
    /// The operators of these agencies: Operator OPD users of the agency, and for a kantor kecamatan (an agency whose
    /// region is a kecamatan) that kecamatan's camat and operators.
    /// </summary>
    public sealed record AgencyOperators(IReadOnlyCollection<int> AgencyIds) : Audience;
}

/// <summary>What one event tells; the same for each recipient.</summary>
public sealed record NotificationDraft(
    NotificationKind Kind,
    string Title,
    string Body,
    string? Link,
    string RegionCode,
    string? DedupKey = null,
    string? WhatsAppText = null);

/// <summary>
/// Writes notifications into the caller's context, so that they are saved in the same transaction as the event
/// that causes them (the caller's SaveChanges). Every recipient is checked with <paramref name="mayKnow"/> (an
/// <see cref="AccessPolicy"/> question about the thing's region): nobody hears of anything outside their scope.
/// A trigger on the table signals open pages (PostgreSQL NOTIFY, delivered at commit; see <see cref="NotificationSignal"/>).
/// </summary>
public sealed class Notifier(TimeProvider clock)
{
    public async Task<IReadOnlyList<AppUser>> RecipientsAsync(AppDbContext db, Audience audience, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        switch (audience)
        {
            case Audience.Secretariat s:
                return await users.Where(u => u.Role == Role.AdminSekretariat && u.RegionCode == s.DistrictCode).ToListAsync(ct);
            case Audience.Kecamatan k:
                return await users.Where(u => u.Role == Role.OperatorKecamatan && u.RegionCode == k.KecamatanCode).ToListAsync(ct);
            case Audience.AllKecamatan d:
                var below = d.DistrictCode + ".";
                return await users.Where(u => u.Role == Role.OperatorKecamatan && u.RegionCode != null && u.RegionCode.StartsWith(below)).ToListAsync(ct);
            case Audience.AgencyOperators a:
                var ids = a.AgencyIds.Distinct().ToList();
                var kecamatan = await db.Agencies.AsNoTracking()
                    .Where(g => ids.Contains(g.Id) && g.Kind == AgencyKind.KantorKecamatan)
                    .Select(g => g.RegionCode).ToListAsync(ct);
                return await users.Where(u =>
                        (u.Role == Role.OperatorOpd && u.AgencyId != null && ids.Contains(u.AgencyId.Value)) ||
                        (u.Role == Role.OperatorKecamatan && u.RegionCode != null && kecamatan.Contains(u.RegionCode)))
                    .ToListAsync(ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(audience));
        }
    }

    /// <summary>
    /// Everyone <see cref="RecipientsAsync"/> could choose within these districts, loaded in two queries, for a caller
    /// that asks for many audiences at once (the daily reminder check over every district). Same rules as
    /// <see cref="RecipientsAsync"/>.
    /// </summary>
    public async Task<RecipientDirectory> DirectoryAsync(AppDbContext db, IReadOnlyCollection<string> districtCodes, CancellationToken ct)
    {
        var districts = districtCodes.Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.RegionCode != null && u.RegionCode.Length >= 5 && districts.Contains(u.RegionCode.Substring(0, 5))
                        && (u.Role == Role.AdminSekretariat || u.Role == Role.OperatorKecamatan || u.Role == Role.OperatorOpd))
            .ToListAsync(ct);
        var kantorKecamatan = await db.Agencies.AsNoTracking()
            .Where(g => g.Kind == AgencyKind.KantorKecamatan && g.RegionCode.Length >= 5 && districts.Contains(g.RegionCode.Substring(0, 5)))
            .Select(g => new { g.Id, g.RegionCode }).ToDictionaryAsync(g => g.Id, g => g.RegionCode, ct);
        return new RecipientDirectory(users, kantorKecamatan);
    }

    /// <summary>Adds one notification per allowed recipient to <paramref name="db"/> (saved by the caller). Returns how many.</summary>
    public async Task<int> AddAsync(AppDbContext db, Audience audience, Func<Actor, bool> mayKnow, NotificationDraft draft, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(db, audience, ct);
        return Add(db, recipients, mayKnow, draft);
    }

    /// <summary>As <see cref="AddAsync"/>, for recipients already loaded (several audiences, one list without duplicates).</summary>
    public int Add(AppDbContext db, IEnumerable<AppUser> recipients, Func<Actor, bool> mayKnow, NotificationDraft draft)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var user in recipients.DistinctBy(u => u.Id))
        {
            if (!mayKnow(Actor.FromUser(user)))
            {
                continue;
            }
            db.Notifications.Add(Create(user, draft, now));
            count++;
        }
        return count;
    }

    /// <summary>A notification for one person, its e-mail pending when the person has an address and wants this kind.</summary>
    public static Notification Create(AppUser user, NotificationDraft draft, DateTimeOffset now) => new()
    {
        UserId = user.Id,
        Kind = draft.Kind,
        Title = Clip(draft.Title, Notification.TitleMaxLength),
        Body = Clip(draft.Body, Notification.BodyMaxLength),
        Link = draft.Link,
        RegionCode = draft.RegionCode,
        DedupKey = draft.DedupKey,
        WhatsAppText = draft.WhatsAppText is null ? null : Clip(draft.WhatsAppText, Notification.WhatsAppTextMaxLength),
        CreatedAt = now,
        EmailState = WantsEmail(user, draft.Kind) ? EmailState.Pending : EmailState.None,
        EmailNextAttemptAt = WantsEmail(user, draft.Kind) ? now : null,
    };

    public static bool WantsEmail(AppUser user, NotificationKind kind) =>
        !string.IsNullOrWhiteSpace(user.Email) && (user.EmailMutedKinds & kind.Bit()) == 0;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>The possible recipients of some districts, held in memory: answers an <see cref="Audience"/> as <see cref="Notifier.RecipientsAsync"/> does.</summary>
public sealed class RecipientDirectory
{
    private static readonly IReadOnlyList<AppUser> None = [];
    private readonly ILookup<string, AppUser> _secretariat;
    private readonly ILookup<string, AppUser> _kecamatan;
    private readonly ILookup<int, AppUser> _agency;
    private readonly IReadOnlyDictionary<int, string> _kantorKecamatan;

    internal RecipientDirectory(IReadOnlyList<AppUser> users, IReadOnlyDictionary<int, string> kantorKecamatan)
    {
        _secretariat = users.Where(u => u.Role == Role.AdminSekretariat).ToLookup(u => u.RegionCode!, StringComparer.Ordinal);
        _kecamatan = users.Where(u => u.Role == Role.OperatorKecamatan).ToLookup(u => u.RegionCode!, StringComparer.Ordinal);
        _agency = users.Where(u => u.Role == Role.OperatorOpd && u.AgencyId != null).ToLookup(u => u.AgencyId!.Value);
        _kantorKecamatan = kantorKecamatan;
    }

    public IReadOnlyList<AppUser> For(Audience audience)
    {
        switch (audience)
        {
            case Audience.Secretariat s:
                return [.. _secretariat[s.DistrictCode]];
            case Audience.Kecamatan k:
                return [.. _kecamatan[k.KecamatanCode]];
            case Audience.AgencyOperators a:
                var list = new List<AppUser>();
                foreach (var id in a.AgencyIds.Distinct())
                {
                    list.AddRange(_agency[id]);
                    if (_kantorKecamatan.TryGetValue(id, out var kecamatan))
                    {
                        list.AddRange(_kecamatan[kecamatan]);
                    }
                }
                return list.Count == 0 ? None : list.DistinctBy(u => u.Id).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(audience));
        }
    }
}
