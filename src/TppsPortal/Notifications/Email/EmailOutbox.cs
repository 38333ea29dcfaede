using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using TppsPortal.Accounts;
using TppsPortal.Data;

namespace TppsPortal.Notifications.Email;

/// <summary>What one pass of the outbox did.</summary>
/// <param name="Mails">Mails the server accepted (a digest is one mail).</param>
/// <param name="Notifications">Notifications marked sent by those mails.</param>
/// <param name="Retrying">Notifications whose mail failed and will be tried again later.</param>
/// <param name="GivenUp">Notifications marked failed after a day of failures.</param>
public sealed record OutboxResult(int Mails, int Notifications, int Retrying, int GivenUp)
{
    public static readonly OutboxResult Nothing = new(0, 0, 0, 0);
}

/// <summary>
/// Sends the mail of pending notifications (the outbox: <see cref="Notification.EmailState"/>). Rows are claimed with
/// <c>SELECT ... FOR UPDATE SKIP LOCKED</c> and stay locked until they are marked, in one transaction, so two
/// portal instances never send the same row; a crash between the server's "250 OK" and the commit leaves the row
/// pending and it is sent again (with the same Message-ID). A failed send is retried after 1, 2, 4 ... minutes
/// (at most an hour) and given up a day after the mail was due. Users who chose the daily digest get one mail at
/// their district's digest hour with everything pending.
/// </summary>
public sealed class EmailOutbox(
    IDbContextFactory<AppDbContext> dbFactory,
    IMailSender sender,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<EmailOutbox> logger)
{
    public const int BatchSize = 20;
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(60);

    public async Task<OutboxResult> SendDueAsync(CancellationToken ct)
    {
        var mail = options.Value;
        if (!mail.Enabled)
        {
            return OutboxResult.Nothing;
        }
        if (mail.Problems() is { Count: > 0 } problems)
        {
            logger.LogError("E-mail is enabled but not configured correctly; nothing is sent: {Problems}", string.Join(" ", problems));
            return OutboxResult.Nothing;
        }
        var run = new Run(new EmailComposer(mail));
        await SendSingleMailsAsync(run, ct);
        if (!run.ServerDown)
        {
            await SendDigestsAsync(run, ct);
        }
        if (run.Mails + run.Retrying + run.GivenUp > 0)
        {
            logger.LogInformation("E-mail outbox: {Mails} mail(s) sent for {Notifications} notification(s), {Retrying} to retry, {GivenUp} given up",
                run.Mails, run.Notifications, run.Retrying, run.GivenUp);
        }
        return new OutboxResult(run.Mails, run.Notifications, run.Retrying, run.GivenUp);
    }

    /// <summary>One mail per notification, for users who did not choose the digest.</summary>
    private async Task SendSingleMailsAsync(Run run, CancellationToken ct)
    {
        while (!run.ServerDown)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var rows = await db.Notifications.FromSql($"""
                SELECT n.* FROM notifications n JOIN users u ON u.id = n.user_id
                 WHERE n.email_state = {(short)EmailState.Pending} AND n.email_next_attempt_at <= {now} AND NOT u.email_digest
                 ORDER BY n.email_next_attempt_at, n.id
                 LIMIT {BatchSize}
                   FOR UPDATE OF n SKIP LOCKED
                """).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return;
            }
            var userIds = rows.Select(r => r.UserId).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            var hours = await DigestHoursAsync(db, users.Values, ct);
            foreach (var row in rows)
            {
                var user = users[row.UserId];
                if (!Notifier.WantsEmail(user, row.Kind))
                {
                    // The address was removed or the kind switched off after the notification was made.
                    row.EmailState = EmailState.None;
                    row.EmailNextAttemptAt = null;
                    continue;
                }
                if (run.ServerDown)
                {
                    continue; // claimed but not tried: stays as it is for the next pass
                }
                var failure = await TrySendAsync(() => run.Composer.Single(Recipient(user, hours), row, clock.GetUtcNow()), ct);
                if (failure is null)
                {
                    MarkSent(row);
                    run.Mails++;
                    run.Notifications++;
                }
                else
                {
                    RecordFailure(run, row, failure, dueSince: row.CreatedAt);
                    logger.LogWarning(failure, "Mail of notification {NotificationId} to {UserName} failed (attempt {Attempt})",
                        row.Id, user.UserName, row.EmailAttempts);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>One mail per digest user whose district's digest hour has come, with all their pending notifications.</summary>
    private async Task SendDigestsAsync(Run run, CancellationToken ct)
    {
        List<DigestCandidate> candidates;
        Dictionary<string, int> hours;
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            candidates = await db.Notifications.AsNoTracking()
                .Where(n => n.EmailState == EmailState.Pending && n.EmailNextAttemptAt <= now)
                .Join(db.Users.Where(u => u.EmailDigest), n => n.UserId, u => u.Id, (n, u) => new { n.UserId, u.RegionCode, n.CreatedAt })
                .GroupBy(x => new { x.UserId, x.RegionCode })
                .Select(g => new DigestCandidate(g.Key.UserId, g.Key.RegionCode, g.Min(x => x.CreatedAt)))
                .ToListAsync(ct);
            hours = await DigestHoursAsync(db, candidates.Select(c => c.RegionCode), ct);
        }
        foreach (var candidate in candidates)
        {
            var clockOfUser = DigestClock.For(candidate.RegionCode, hours);
            // Due once the oldest pending notification has seen a digest hour pass.
            if (candidate.Oldest >= clockOfUser.LastSlot(now))
            {
                continue;
            }
            await SendDigestAsync(run, candidate.UserId, ct);
            if (run.ServerDown)
            {
                return;
            }
        }
    }

    private async Task SendDigestAsync(Run run, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The user's row is the lock of their digest: another instance busy with it is skipped, so a digest is
        // never split between two instances or sent twice.
        var locked = await db.Database.SqlQuery<string>($"SELECT id AS \"Value\" FROM users WHERE id = {userId} FOR UPDATE SKIP LOCKED").ToListAsync(ct);
        if (locked.Count == 0)
        {
            return;
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var now = clock.GetUtcNow();
        var rows = await db.Notifications
            .Where(n => n.UserId == userId && n.EmailState == EmailState.Pending && n.EmailNextAttemptAt <= now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .ToListAsync(ct);
        var hours = await DigestHoursAsync(db, [user.RegionCode], ct);
        var digestClock = DigestClock.For(user.RegionCode, hours);
        // Checked again under the lock: another instance may have sent it, or the person changed their choice.
        if (!user.EmailDigest || rows.Count == 0 || rows[0].CreatedAt >= digestClock.LastSlot(now))
        {
            return;
        }
        foreach (var row in rows.Where(r => !Notifier.WantsEmail(user, r.Kind)))
        {
            row.EmailState = EmailState.None;
            row.EmailNextAttemptAt = null;
        }
        var wanted = rows.Where(r => r.EmailState == EmailState.Pending).ToList();
        if (wanted.Count > 0)
        {
            var failure = await TrySendAsync(() => run.Composer.Digest(Recipient(user, hours), wanted, now), ct);
            if (failure is null)
            {
                foreach (var row in wanted)
                {
                    MarkSent(row);
                }
                run.Mails++;
                run.Notifications += wanted.Count;
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastDigestAt, clock.GetUtcNow()), ct);
            }
            else
            {
                foreach (var row in wanted)
                {
                    RecordFailure(run, row, failure, dueSince: digestClock.NextSlot(row.CreatedAt));
                }
                logger.LogWarning(failure, "Daily digest of {Count} notification(s) to {UserName} failed (attempt {Attempt})",
                    wanted.Count, user.UserName, wanted.Max(r => r.EmailAttempts));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Null when the server accepted the message; otherwise what went wrong (never thrown: an outage is expected).</summary>
    private async Task<Exception?> TrySendAsync(Func<MimeMessage> compose, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(compose(), ct);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return ex;
        }
    }

    private void MarkSent(Notification row)
    {
        row.EmailState = EmailState.Sent;
        row.EmailSentAt = clock.GetUtcNow();
        row.EmailNextAttemptAt = null;
        row.EmailError = null;
    }

    private void RecordFailure(Run run, Notification row, Exception failure, DateTimeOffset dueSince)
    {
        var now = clock.GetUtcNow();
        row.EmailAttempts++;
        row.EmailError = Clip($"{failure.GetType().Name}: {failure.Message}", Notification.EmailErrorMaxLength);
        if (now - dueSince >= GiveUpAfter)
        {
            row.EmailState = EmailState.Failed;
            row.EmailNextAttemptAt = null;
            run.GivenUp++;
        }
        else
        {
            row.EmailNextAttemptAt = now + Backoff(row.EmailAttempts);
            run.Retrying++;
        }
        // A server that cannot be reached (or refuses everything) fails the next mail too: stop this pass.
        // A refusal of this one message (its recipient, its content, an address MimeKit cannot parse) does not stop the others.
        if (failure is not (SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } or ParseException))
        {
            run.ServerDown = true;
        }
    }

    /// <summary>1, 2, 4, 8 ... minutes after the attempt that failed, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(1 << Math.Clamp(attempts - 1, 0, 6), MaxBackoff.TotalMinutes));

    private static MailRecipient Recipient(AppUser user, IReadOnlyDictionary<string, int> hours)
    {
        var digestClock = DigestClock.For(user.RegionCode, hours);
        return new MailRecipient(user.UserName ?? "", user.FullName, user.Email ?? "", digestClock.TimeZone, digestClock.Hour);
    }

    private static Task<Dictionary<string, int>> DigestHoursAsync(AppDbContext db, IEnumerable<AppUser> users, CancellationToken ct) =>
        DigestHoursAsync(db, users.Select(u => u.RegionCode), ct);

    private static async Task<Dictionary<string, int>> DigestHoursAsync(AppDbContext db, IEnumerable<string?> regionCodes, CancellationToken ct)
    {
        var districts = regionCodes.Select(DigestClock.DistrictOf).OfType<string>().Distinct().ToList();
        return await db.ReminderSettings.AsNoTracking().Where(s => districts.Contains(s.DistrictCode))
            .ToDictionaryAsync(s => s.DistrictCode, s => s.DigestHour, ct);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record DigestCandidate(string UserId, string? RegionCode, DateTimeOffset Oldest);

    private sealed class Run(EmailComposer composer)
    {
        public EmailComposer Composer { get; } = composer;
        public int Mails { get; set; }
        public int Notifications { get; set; }
        public int Retrying { get; set; }
        public int GivenUp { get; set; }
        public bool ServerDown { get; set; }
    }
}

/// <summary>
/// When a user's daily digest goes: the digest hour of their district (the first two segments of their region code,
/// "73.24") in the district's time zone. Without a district (Admin Sistem, a province's Pemantau) the default hour,
/// in WIB for Admin Sistem and in the province's zone otherwise. Indonesia keeps no daylight saving time.
/// </summary>
public sealed record DigestClock(string TimeZone, int Hour)
{
    public static string? DistrictOf(string? regionCode)
    {
        if (regionCode is null)
        {
            return null;
        }
        var parts = regionCode.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : null;
    }

    public static DigestClock For(string? regionCode, IReadOnlyDictionary<string, int> districtHours)
    {
        var zone = string.IsNullOrEmpty(regionCode) ? "WIB" : Meetings.MeetingService.DefaultTimeZone(regionCode);
        var hour = DistrictOf(regionCode) is { } district && districtHours.TryGetValue(district, out var h) ? h : ReminderSettings.DefaultDigestHour;
        return new DigestClock(zone, hour);
    }

    /// <summary>The latest digest hour at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LastSlot(DateTimeOffset now)
    {
        var local = now.ToOffset(TimeSpan.FromHours(Meetings.MeetingService.OffsetHours(TimeZone)));
        var slot = new DateTimeOffset(local.Year, local.Month, local.Day, Hour, 0, 0, local.Offset);
        return (slot > local ? slot.AddDays(-1) : slot).ToUniversalTime();
    }

    /// <summary>The first digest hour at or after <paramref name="at"/>: when a notification made then is due.</summary>
    public DateTimeOffset NextSlot(DateTimeOffset at)
    {
        var last = LastSlot(at);
        return last == at ? last : last.AddDays(1);
    }
}
