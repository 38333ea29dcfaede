using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Notifications;

/// <summary>What one daily check did: for the logs and the benchmark.</summary>
public sealed record ReminderRunResult(
    int CheckedDistricts,
    int ActionDueSoon,
    int ActionOverdue,
    int DeadlineNear,
    int Candidates,
    TimeSpan Elapsed)
{
    /// <summary>Notifications created by this run (rows that already existed are not counted).</summary>
    public int Created => ActionDueSoon + ActionOverdue + DeadlineNear;
}

/// <summary>
/// The periodic check behind the reminders: follow-up actions due soon or overdue, and kecamatan forms not submitted as
/// a period's deadline nears. Run by the scheduler every few minutes (<see cref="ReminderCheckJob"/>); a district is
/// checked once its local time (WIB, WITA, WIT) has reached its digest hour that day. Each reminder has a key
/// (<see cref="Notification.DedupKey"/>) that is unique per user, and the rows are inserted with
/// <c>ON CONFLICT DO NOTHING</c>, so running the check again (the next tick, or another portal instance at the same
/// moment) creates nothing twice.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    Notifier notifier,
    TimeProvider clock,
    ILogger<ReminderService> logger)
{
    /// <summary>The follow-up list (src/TppsPortal.Web/Meetings/ActionTrackerPage.razor); it filters by meeting and agency.</summary>
    private const string LinkActions = "tindak-lanjut";

    public async Task<ReminderRunResult> RunDailyCheckAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        // The widest window any district can have: its today (UTC+7 to UTC+9) plus the most days before allowed.
        var earliestToday = DateOnly.FromDateTime(now.UtcDateTime.AddHours(7));
        var latestToday = DateOnly.FromDateTime(now.UtcDateTime.AddHours(9));
        var horizon = latestToday.AddDays(ReminderSettings.MaxDaysBefore);

        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var actions = await db.FollowUpActions.AsNoTracking()
            .Where(a => a.Status != ActionStatus.Selesai && a.Status != ActionStatus.Batal && a.DueDate <= horizon)
            .Select(a => new ActionRow(
                a.Id, a.DistrictCode, a.MeetingId, a.Meeting!.RegionCode, a.Meeting.Title, a.Meeting.Date,
                a.Description, a.ResponsibleAgencyId, a.ResponsibleAgency!.Name, a.ResponsibleAgency.ShortName, a.DueDate))
            .ToListAsync(ct);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.IsOpen && p.Deadline >= earliestToday && p.Deadline <= horizon)
            .Select(p => new { p.Id, p.DistrictCode, p.Year, p.Month, p.Deadline })
            .ToListAsync(ct);

        // The districts whose check is due now: something to look at, and the digest hour reached today.
        var settings = await db.ReminderSettings.AsNoTracking().ToDictionaryAsync(s => s.DistrictCode, StringComparer.Ordinal, ct);
        var districts = new Dictionary<string, DistrictDay>(StringComparer.Ordinal);
        foreach (var code in actions.Select(a => a.DistrictCode).Concat(periods.Select(p => p.DistrictCode)).Distinct())
        {
            var s = settings.GetValueOrDefault(code) ?? ReminderSettings.Defaults(code);
            var zone = MeetingService.DefaultTimeZone(code);
            var local = now.ToOffset(TimeSpan.FromHours(MeetingService.OffsetHours(zone)));
            if (local.Hour >= s.DigestHour)
            {
                districts[code] = new DistrictDay(s, DateOnly.FromDateTime(local.DateTime));
            }
        }
        if (districts.Count == 0)
        {
            return new ReminderRunResult(0, 0, 0, 0, 0, watch.Elapsed);
        }

        var directory = await notifier.DirectoryAsync(db, districts.Keys, ct);
        var rows = new List<Notification>();
        AddActionReminders(rows, actions, districts, directory, now);
        await AddDeadlineRemindersAsync(db, rows, periods.Select(p => new PeriodRow(p.Id, p.DistrictCode, p.Year, p.Month, p.Deadline)).ToList(),
            districts, directory, now, ct);

        var created = await InsertAsync(db, rows, ct);
        var result = new ReminderRunResult(
            districts.Count,
            created.GetValueOrDefault(NotificationKind.ActionDueSoon),
            created.GetValueOrDefault(NotificationKind.ActionOverdue),
            created.GetValueOrDefault(NotificationKind.DeadlineNear),
            rows.Count,
            watch.Elapsed);
        logger.LogInformation(
            "Reminder check: {Districts} districts checked, {Candidates} reminders due, created {DueSoon} due soon, {Overdue} overdue, {Deadline} deadline near in {Elapsed} ms",
            result.CheckedDistricts, result.Candidates, result.ActionDueSoon, result.ActionOverdue, result.DeadlineNear, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    // ----- follow-up actions -----

    private void AddActionReminders(List<Notification> rows, List<ActionRow> actions, Dictionary<string, DistrictDay> districts,
        RecipientDirectory directory, DateTimeOffset now)
    {
        foreach (var a in actions)
        {
            if (!districts.TryGetValue(a.DistrictCode, out var day))
            {
                continue;
            }
            var today = day.Today;
            NotificationDraft draft;
            if (a.DueDate < today)
            {
                if (!day.Settings.ActionOverdue)
                {
                    continue;
                }
                draft = OverdueDraft(a, today);
            }
            else if (a.DueDate <= today.AddDays(day.Settings.ActionDaysBefore))
            {
                if (!day.Settings.ActionDueSoon)
                {
                    continue;
                }
                draft = DueSoonDraft(a, today);
            }
            else
            {
                continue;
            }

            // The responsible agency's operators, and the secretariat's copy: each asked whether they may know of it.
            bool MayKnow(Actor actor) =>
                access.CanUpdateAction(actor, a.MeetingRegionCode, a.DistrictCode, a.ResponsibleAgencyId) ||
                (actor.Role != Role.OperatorOpd && access.CanReadMeeting(actor, a.MeetingRegionCode));
            var operators = directory.For(new Audience.AgencyOperators([a.ResponsibleAgencyId])).Where(u => MayKnow(Actor.FromUser(u))).ToList();
            var secretariat = directory.For(new Audience.Secretariat(a.DistrictCode)).Where(u => MayKnow(Actor.FromUser(u))).ToList();
            var reachable = operators.Where(u => u.WhatsAppNumber is not null).Select(u => u.WhatsAppNumber).Distinct().ToList();
            var operatorNumber = reachable.Count == 1 ? reachable[0] : null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var user in operators)
            {
                if (seen.Add(user.Id))
                {
                    rows.Add(Notifier.Create(user, draft, now));
                }
            }
            foreach (var user in secretariat)
            {
                if (seen.Add(user.Id))
                {
                    var n = Notifier.Create(user, draft, now);
                    n.WhatsAppTo = operatorNumber;
                    rows.Add(n);
                }
            }
        }
    }

    private static NotificationDraft DueSoonDraft(ActionRow a, DateOnly today)
    {
        var days = a.DueDate.DayNumber - today.DayNumber;
        var when = days switch { 0 => "hari ini", 1 => "besok", _ => $"{days} hari lagi" };
        var due = IndonesianFormat.DayAndDate(a.DueDate);
        return new NotificationDraft(
            NotificationKind.ActionDueSoon,
            $"Tindak lanjut jatuh tempo {when}: {Short(a.Description, 120)}",
            $"Tindak lanjut \"{a.Description}\" dari rapat \"{a.MeetingTitle}\" ({IndonesianFormat.Date(a.MeetingDate)}) menjadi tanggung jawab {a.AgencyName}. " +
            $"Batas waktunya {due} ({when}). Mohon diselesaikan dan perbarui statusnya di Portal TPPS.",
            ActionLink(a, overdue: false),
            a.MeetingRegionCode,
            $"action-due:{a.Id}:{a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"Yth. {a.AgencyShortName}, pengingat tindak lanjut rapat \"{a.MeetingTitle}\": {a.Description}. " +
            $"Batas waktu {due} ({when}). Mohon diselesaikan dan statusnya diperbarui di Portal TPPS. Terima kasih.");
    }

    private static NotificationDraft OverdueDraft(ActionRow a, DateOnly today)
    {
        var late = today.DayNumber - a.DueDate.DayNumber;
        var due = IndonesianFormat.DayAndDate(a.DueDate);
        var week = ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
        var weekYear = ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue));
        return new NotificationDraft(
            NotificationKind.ActionOverdue,
            $"Tindak lanjut terlambat {late} hari: {Short(a.Description, 120)}",
            $"Tindak lanjut \"{a.Description}\" dari rapat \"{a.MeetingTitle}\" ({IndonesianFormat.Date(a.MeetingDate)}), tanggung jawab {a.AgencyName}, " +
            $"seharusnya selesai {due} dan sudah lewat {late} hari. Mohon diselesaikan atau perbarui statusnya di Portal TPPS. " +
            "Pengingat ini dikirim sekali seminggu selama tindak lanjut belum selesai.",
            ActionLink(a, overdue: true),
            a.MeetingRegionCode,
            $"action-overdue:{a.Id}:{weekYear}-W{week:00}",
            $"Yth. {a.AgencyShortName}, tindak lanjut rapat \"{a.MeetingTitle}\" belum selesai: {a.Description}. " +
            $"Batas waktunya {due} (sudah lewat {late} hari). Mohon segera diselesaikan dan statusnya diperbarui di Portal TPPS. Terima kasih.");
    }

    private static string ActionLink(ActionRow a, bool overdue) =>
        $"{LinkActions}?rapat={a.MeetingId}&instansi={a.ResponsibleAgencyId}" + (overdue ? "&terlambat=1" : "");

    // ----- kecamatan forms -----

    private async Task AddDeadlineRemindersAsync(AppDbContext db, List<Notification> rows, List<PeriodRow> periods,
        Dictionary<string, DistrictDay> districts, RecipientDirectory directory, DateTimeOffset now, CancellationToken ct)
    {
        var due = periods.Where(p => districts.TryGetValue(p.DistrictCode, out var day) && day.Settings.DeadlineNear
                                     && p.Deadline >= day.Today && p.Deadline <= day.Today.AddDays(day.Settings.DeadlineDaysBefore)).ToList();
        if (due.Count == 0)
        {
            return;
        }
        var districtCodes = due.Select(p => p.DistrictCode).Distinct().ToList();
        var periodIds = due.Select(p => p.Id).ToList();
        var kecamatan = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Kecamatan && r.ParentCode != null && districtCodes.Contains(r.ParentCode))
            .Select(r => new { r.Code, r.Name, r.ParentCode }).ToListAsync(ct);
        var status = await db.KecamatanReports.AsNoTracking()
            .Where(r => periodIds.Contains(r.PeriodId))
            .Select(r => new { r.PeriodId, r.KecamatanCode, r.Status })
            .ToDictionaryAsync(r => (r.PeriodId, r.KecamatanCode), r => r.Status, ct);
        var byDistrict = kecamatan.ToLookup(k => k.ParentCode!, StringComparer.Ordinal);
        foreach (var p in due)
        {
            var today = districts[p.DistrictCode].Today;
            foreach (var k in byDistrict[p.DistrictCode])
            {
                ReportStatus? state = status.TryGetValue((p.Id, k.Code), out var s) ? s : null;
                if (state is ReportStatus.Diajukan or ReportStatus.Disetujui)
                {
                    continue;
                }
                var draft = DeadlineDraft(p, k.Code, k.Name, state, today);
                foreach (var user in directory.For(new Audience.Kecamatan(k.Code)))
                {
                    if (access.CanReadSubmission(Actor.FromUser(user), k.Code))
                    {
                        rows.Add(Notifier.Create(user, draft, now));
                    }
                }
            }
        }
    }

    private static NotificationDraft DeadlineDraft(PeriodRow p, string kecamatanCode, string kecamatanName, ReportStatus? state, DateOnly today)
    {
        var days = p.Deadline.DayNumber - today.DayNumber;
        var when = days switch { 0 => "hari ini", 1 => "besok", _ => $"{days} hari lagi" };
        var period = IndonesianFormat.MonthYear(p.Year, p.Month);
        var deadline = IndonesianFormat.DayAndDate(p.Deadline);
        var where = KecamatanName(kecamatanName);
        var what = state switch
        {
            ReportStatus.Dikembalikan => "dikembalikan oleh sekretariat dan belum diajukan lagi",
            ReportStatus.Draft => "masih draf dan belum diajukan",
            _ => "belum diisi",
        };
        return new NotificationDraft(
            NotificationKind.DeadlineNear,
            $"Formulir {period} {where} belum diajukan: batas waktu {when}",
            $"Formulir laporan periode {period} {where} {what}. Batas waktu pengajuan {deadline} ({when}). " +
            "Mohon lengkapi dan ajukan formulir sebelum batas waktu.",
            $"laporan/{p.Id}/{kecamatanCode}",
            kecamatanCode,
            $"deadline:{p.Id}:{kecamatanCode}",
            $"Pengingat: formulir laporan stunting periode {period} {where} {what}. " +
            $"Batas waktu pengajuan {deadline} ({when}). Mohon data desa/kelurahan segera dilengkapi agar formulir dapat diajukan di Portal TPPS. Terima kasih.");
    }

    private static string KecamatanName(string name) =>
        name.StartsWith("Kecamatan ", StringComparison.OrdinalIgnoreCase) ? name : "Kecamatan " + name;

    private static string Short(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)].TrimEnd() + "…";
    }

    // ----- the insert -----

    /// <summary>
    /// One statement for every row: <c>unnest</c> of one array per column, <c>ON CONFLICT DO NOTHING</c> on the
    /// (user, key) unique index. Rows go in a fixed order (user, key), so two instances inserting the same set at once
    /// wait on each other instead of deadlocking. Returns how many rows of each kind were new.
    /// </summary>
    private static async Task<Dictionary<NotificationKind, int>> InsertAsync(AppDbContext db, List<Notification> rows, CancellationToken ct)
    {
        var created = new Dictionary<NotificationKind, int>();
        if (rows.Count == 0)
        {
            return created;
        }
        rows = rows.DistinctBy(r => (r.UserId, r.DedupKey))
            .OrderBy(r => r.UserId, StringComparer.Ordinal).ThenBy(r => r.DedupKey, StringComparer.Ordinal).ToList();
        const string sql = """
            WITH inserted AS (
                INSERT INTO notifications (user_id, kind, title, body, link, region_code, dedup_key, whats_app_text, whats_app_to,
                                           created_at, email_state, email_attempts, email_next_attempt_at)
                SELECT r.user_id, r.kind, r.title, r.body, r.link, r.region_code, r.dedup_key, r.whats_app_text, r.whats_app_to,
                       @now, r.email_state, 0, CASE WHEN r.email_state = 1 THEN @now END
                FROM unnest(@user_id, @kind, @title, @body, @link, @region_code, @dedup_key, @whats_app_text, @whats_app_to, @email_state)
                     WITH ORDINALITY AS r(user_id, kind, title, body, link, region_code, dedup_key, whats_app_text, whats_app_to, email_state, n)
                ORDER BY r.n
                ON CONFLICT (user_id, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
                RETURNING kind)
            SELECT kind, count(*)::int FROM inserted GROUP BY kind
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 120;
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = rows[0].CreatedAt });
            Add(command, "user_id", NpgsqlDbType.Text, rows.Select(r => r.UserId));
            Add(command, "kind", NpgsqlDbType.Smallint, rows.Select(r => (short)r.Kind));
            Add(command, "title", NpgsqlDbType.Text, rows.Select(r => r.Title));
            Add(command, "body", NpgsqlDbType.Text, rows.Select(r => r.Body));
            Add(command, "link", NpgsqlDbType.Text, rows.Select(r => r.Link));
            Add(command, "region_code", NpgsqlDbType.Text, rows.Select(r => r.RegionCode));
            Add(command, "dedup_key", NpgsqlDbType.Text, rows.Select(r => r.DedupKey));
            Add(command, "whats_app_text", NpgsqlDbType.Text, rows.Select(r => r.WhatsAppText));
            Add(command, "whats_app_to", NpgsqlDbType.Text, rows.Select(r => r.WhatsAppTo));
            Add(command, "email_state", NpgsqlDbType.Smallint, rows.Select(r => (short)r.EmailState));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                created[(NotificationKind)reader.GetInt16(0)] = reader.GetInt32(1);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return created;
    }

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    private sealed record ActionRow(
        int Id, string DistrictCode, int MeetingId, string MeetingRegionCode, string MeetingTitle, DateOnly MeetingDate,
        string Description, int ResponsibleAgencyId, string AgencyName, string AgencyShortName, DateOnly DueDate);

    private sealed record PeriodRow(int Id, string DistrictCode, int Year, int Month, DateOnly Deadline);

    private sealed record DistrictDay(ReminderSettings Settings, DateOnly Today);
}
