using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Notifications;

/// <summary>
/// A person's own notifications (the bell and the list page), their profile for reaching them, and the district's
/// reminder settings. Everyone reads and marks only their own notifications.
/// </summary>
public sealed class NotificationService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    TimeProvider clock,
    ILogger<NotificationService> logger)
{
    public const int MaxList = 200;

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);
    }

    /// <summary>The newest first; <paramref name="unreadOnly"/> for the bell's short list.</summary>
    public async Task<Page<NotificationView>> ListAsync(Actor actor, bool unreadOnly = false, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        take = Math.Clamp(take, 1, MaxList);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        if (unreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(Math.Max(skip, 0)).Take(take).ToListAsync(ct);
        return new Page<NotificationView>(rows.Select(View).ToList(), total);
    }

    public async Task MarkReadAsync(Actor actor, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.Id == id && n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    internal static NotificationView View(Notification n) => new(
        n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt is not null,
        n.WhatsAppText is null ? null : WhatsApp.Link(n.WhatsAppTo, n.WhatsAppText));

    // ----- profile -----

    public async Task<NotificationProfileForm> GetProfileAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct)
                   ?? throw new AccessDeniedException(Texts.NotFound);
        return new NotificationProfileForm
        {
            Email = user.Email,
            WhatsAppNumber = user.WhatsAppNumber is null ? null : WhatsApp.Display(user.WhatsAppNumber),
            EmailDigest = user.EmailDigest,
            EmailKinds = [.. NotificationKinds.All.Where(k => (user.EmailMutedKinds & k.Bit()) == 0)],
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
    }

    /// <summary>Saves the person's own e-mail, WhatsApp number and mail choices; checked here, whatever the page did.</summary>
    public async Task<Result> SaveProfileAsync(Actor actor, NotificationProfileForm form, CancellationToken ct = default)
    {
        var errors = new ErrorBag();
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        if (email is not null && (email.Length > AppUser.EmailMaxLength || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)
                                  || email.Contains(' ', StringComparison.Ordinal) || !email.Split('@')[^1].Contains('.', StringComparison.Ordinal)))
        {
            errors.Add(nameof(form.Email), "Alamat e-mail tidak valid, misalnya nama@luwutimurkab.go.id.");
        }
        string? whatsApp = null;
        if (!string.IsNullOrWhiteSpace(form.WhatsAppNumber))
        {
            whatsApp = WhatsApp.Normalize(form.WhatsAppNumber);
            if (whatsApp is null)
            {
                errors.Add(nameof(form.WhatsAppNumber), WhatsApp.InvalidNumberMessage);
            }
        }
        if (form.EmailDigest && email is null)
        {
            errors.Add(nameof(form.EmailDigest), "Ringkasan harian dikirim lewat e-mail: isi alamat e-mail terlebih dahulu.");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct) ?? throw new AccessDeniedException(Texts.NotFound);
        if (form.ConcurrencyStamp is not null && form.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        user.Email = email;
        user.NormalizedEmail = email?.ToUpperInvariant();
        user.WhatsAppNumber = whatsApp;
        user.EmailDigest = form.EmailDigest;
        user.EmailMutedKinds = NotificationKinds.All.Where(k => !form.EmailKinds.Contains(k)).Aggregate(0, (mask, k) => mask | k.Bit());
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        // Mail still waiting for this person follows the new choice (no address, or a kind switched off: not sent).
        var muted = user.EmailMutedKinds;
        if (email is null)
        {
            await db.Notifications.Where(n => n.UserId == user.Id && n.EmailState == EmailState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailState, EmailState.None), ct);
        }
        else if (muted != 0)
        {
            var mutedKinds = NotificationKinds.All.Where(k => (muted & k.Bit()) != 0).ToList();
            await db.Notifications.Where(n => n.UserId == user.Id && n.EmailState == EmailState.Pending && mutedKinds.Contains(n.Kind))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailState, EmailState.None), ct);
        }
        form.ConcurrencyStamp = user.ConcurrencyStamp;
        logger.LogInformation("Notification profile of {UserName} saved (e-mail {HasEmail}, WhatsApp {HasWhatsApp}, digest {Digest})",
            actor.UserName, email is not null, whatsApp is not null, form.EmailDigest);
        return Result.Ok;
    }

    /// <summary>
    /// When the person's daily digest goes, for the profile page ("07.00 WITA"): their district's digest hour in the
    /// district's time zone (the default hour in WIB without a district).
    /// </summary>
    public async Task<string> DigestTimeAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var district = Email.DigestClock.DistrictOf(actor.RegionCode);
        var hours = await db.ReminderSettings.AsNoTracking().Where(s => s.DistrictCode == district)
            .ToDictionaryAsync(s => s.DistrictCode, s => s.DigestHour, ct);
        var digest = Email.DigestClock.For(actor.RegionCode, hours);
        return $"{IndonesianFormat.Time(new TimeOnly(digest.Hour, 0))} {digest.TimeZone}";
    }

    // ----- the district's reminder settings -----

    public bool CanManageSettings(Actor actor, string districtCode) => access.CanManageReminders(actor, districtCode);

    public async Task<ReminderSettingsForm> GetSettingsAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        DemandManageSettings(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.ReminderSettings.AsNoTracking().FirstOrDefaultAsync(r => r.DistrictCode == districtCode, ct)
                ?? ReminderSettings.Defaults(districtCode);
        return new ReminderSettingsForm
        {
            ActionDueSoon = s.ActionDueSoon,
            ActionDaysBefore = s.ActionDaysBefore,
            ActionOverdue = s.ActionOverdue,
            PeriodOpened = s.PeriodOpened,
            DeadlineNear = s.DeadlineNear,
            DeadlineDaysBefore = s.DeadlineDaysBefore,
            DigestHour = s.DigestHour,
            TimeZone = Meetings.MeetingService.DefaultTimeZone(districtCode),
            Version = s.Version,
            UpdatedBy = s.UpdatedBy,
            UpdatedAt = s.Version == 0 ? null : s.UpdatedAt,
        };
    }

    public async Task<Result> SaveSettingsAsync(Actor actor, string districtCode, ReminderSettingsForm form, CancellationToken ct = default)
    {
        DemandManageSettings(actor, districtCode);
        var errors = new ErrorBag();
        if (form.ActionDaysBefore is < 1 or > ReminderSettings.MaxDaysBefore) errors.Add(nameof(form.ActionDaysBefore), "Isi 1 sampai 30 hari.");
        if (form.DeadlineDaysBefore is < 1 or > ReminderSettings.MaxDaysBefore) errors.Add(nameof(form.DeadlineDaysBefore), "Isi 1 sampai 30 hari.");
        if (form.DigestHour is < 0 or > 23) errors.Add(nameof(form.DigestHour), "Jam 0 sampai 23.");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.ReminderSettings.FirstOrDefaultAsync(r => r.DistrictCode == districtCode, ct);
        if (s is null)
        {
            if (form.Version != 0)
            {
                return Result.Conflict(Texts.ConcurrencyConflict);
            }
            s = ReminderSettings.Defaults(districtCode);
            db.ReminderSettings.Add(s);
        }
        else
        {
            db.Entry(s).Property(r => r.Version).OriginalValue = form.Version;
        }
        s.ActionDueSoon = form.ActionDueSoon;
        s.ActionDaysBefore = form.ActionDaysBefore;
        s.ActionOverdue = form.ActionOverdue;
        s.PeriodOpened = form.PeriodOpened;
        s.DeadlineNear = form.DeadlineNear;
        s.DeadlineDaysBefore = form.DeadlineDaysBefore;
        s.DigestHour = form.DigestHour;
        s.UpdatedAt = clock.GetUtcNow();
        s.UpdatedBy = actor.DisplayName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        form.Version = s.Version;
        form.UpdatedBy = s.UpdatedBy;
        form.UpdatedAt = s.UpdatedAt;
        logger.LogInformation("Reminder settings of {District} saved by {UserName}", districtCode, actor.UserName);
        return Result.Ok;
    }

    private void DemandManageSettings(Actor actor, string districtCode) => access.DemandManageReminders(actor, districtCode);
}
