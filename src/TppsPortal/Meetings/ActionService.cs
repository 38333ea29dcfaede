using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Meetings;

/// <summary>
/// Follow-up actions: created in a meeting, tracked until done across later meetings. An Operator OPD sees
/// and updates only their own agency's actions.
/// </summary>
public sealed class ActionService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    MinutesService minutes,
    TimeProvider clock,
    ILogger<ActionService> logger)
{
    /// <summary>Today in the portal's main time zone (WITA); due dates are calendar dates.</summary>
    public DateOnly Today => TodayAt(clock);

    internal static DateOnly TodayAt(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);

    public async Task<Page<ActionRow>> ListAsync(Actor actor, ActionQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = access.ReadableActions(actor, db.FollowUpActions.AsNoTracking());
        var today = Today;
        if (!string.IsNullOrWhiteSpace(query.DistrictCode)) actions = actions.Where(a => a.DistrictCode == query.DistrictCode);
        if (query.AgencyId is { } agency) actions = actions.Where(a => a.ResponsibleAgencyId == agency);
        if (query.Status is { } status) actions = actions.Where(a => a.Status == status);
        if (query.OpenOnly) actions = actions.Where(a => a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses);
        if (query.OverdueOnly) actions = actions.Where(a => (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) && a.DueDate < today);
        if (query.BidangId is { } bidang) actions = actions.Where(a => a.BidangId == bidang);
        if (query.MeetingId is { } meeting) actions = actions.Where(a => a.MeetingId == meeting);
        if (query.DueFrom is { } from) actions = actions.Where(a => a.DueDate >= from);
        if (query.DueTo is { } to) actions = actions.Where(a => a.DueDate <= to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim() + "%";
            actions = actions.Where(a => EF.Functions.ILike(a.Description, pattern));
        }
        var total = await actions.CountAsync(ct);
        var page = await actions
            .OrderBy(a => a.DueDate).ThenBy(a => a.MeetingId).ThenBy(a => a.Number)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .ToListAsync(ct);
        return new Page<ActionRow>(await ToRowsAsync(db, access, actor, page, today, ct), total);
    }

    /// <summary>The actions agreed in one meeting, in their order.</summary>
    public async Task<IReadOnlyList<ActionRow>> ForMeetingAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ForMeetingAsync(db, access, actor, meetingId, Today, ct);
    }

    /// <summary>The same, read through <paramref name="db"/> (the minutes read them inside the transaction that finalises).</summary>
    internal static async Task<IReadOnlyList<ActionRow>> ForMeetingAsync(AppDbContext db, AccessPolicy access, Actor actor, int meetingId, DateOnly today, CancellationToken ct)
    {
        var region = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.RegionCode).FirstOrDefaultAsync(ct)
                     ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandReadMeeting(actor, region);
        var actions = await access.ReadableActions(actor, db.FollowUpActions.AsNoTracking())
            .Where(a => a.MeetingId == meetingId).OrderBy(a => a.Number).ToListAsync(ct);
        return await ToRowsAsync(db, access, actor, actions, today, ct);
    }

    /// <summary>
    /// "Tindak lanjut rapat sebelumnya": open actions (Belum, Proses) of earlier meetings of the same district, by the
    /// meeting they were agreed in (oldest first) and their number there, which stays theirs: the minutes print them
    /// with that meeting as their origin. These are the same rows; updating one here updates it everywhere.
    /// </summary>
    public async Task<IReadOnlyList<ActionRow>> CarriedOverAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CarriedOverAsync(db, access, actor, meetingId, Today, ct);
    }

    internal static async Task<IReadOnlyList<ActionRow>> CarriedOverAsync(AppDbContext db, AccessPolicy access, Actor actor, int meetingId, DateOnly today, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.RegionCode, m.Date, m.StartTime }).FirstOrDefaultAsync(ct)
            ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandReadMeeting(actor, meeting.RegionCode);
        var district = MeetingService.DistrictOf(meeting.RegionCode);
        var actions = await access.ReadableActions(actor, db.FollowUpActions.AsNoTracking())
            .Where(a => a.DistrictCode == district && a.MeetingId != meetingId &&
                        (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) &&
                        (a.Meeting!.Date < meeting.Date || (a.Meeting.Date == meeting.Date && a.Meeting.StartTime < meeting.StartTime)))
            .OrderBy(a => a.Meeting!.Date).ThenBy(a => a.Meeting!.StartTime).ThenBy(a => a.MeetingId).ThenBy(a => a.Number)
            .ToListAsync(ct);
        return await ToRowsAsync(db, access, actor, actions, today, ct);
    }

    public async Task<Result<int>> CreateAsync(Actor actor, int meetingId, ActionForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteMeeting(actor, meeting.RegionCode);
        var errors = await ValidateAsync(db, actor, meeting, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var number = await db.FollowUpActions.Where(a => a.MeetingId == meetingId).MaxAsync(a => (int?)a.Number, ct) ?? 0;
        var action = new FollowUpAction
        {
            MeetingId = meetingId,
            DistrictCode = MeetingService.DistrictOf(meeting.RegionCode),
            Number = number + 1,
            Description = "",
        };
        Apply(form, action);
        action.UpdatedBy = actor.DisplayName;
        db.FollowUpActions.Add(action);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var amendment = RecordAmendment(db, meeting, actor, form, $"Tindak lanjut nomor {action.Number} ditambahkan.");
        await db.SaveChangesAsync(ct);
        await FixAmendedMinutesAsync(db, actor, meeting.Id, amendment, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Action {ActionId} added to meeting {MeetingId} by {UserName}", action.Id, meetingId, actor.UserName);
        return Result<int>.Ok(action.Id);
    }

    public async Task<Result> UpdateAsync(Actor actor, int id, ActionForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.FollowUpActions.Include(a => a.Meeting).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteMeeting(actor, action.Meeting!.RegionCode);
        var errors = await ValidateAsync(db, actor, action.Meeting, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        db.Entry(action).Property(a => a.Version).OriginalValue = form.Version;
        Apply(form, action);
        action.UpdatedBy = actor.DisplayName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var amendment = RecordAmendment(db, action.Meeting, actor, form, $"Tindak lanjut nomor {action.Number} diubah.");
        var saved = await SaveAsync(db, ct);
        if (!saved.Succeeded)
        {
            return saved;
        }
        await FixAmendedMinutesAsync(db, actor, action.MeetingId, amendment, ct);
        await tx.CommitAsync(ct);
        return saved;
    }

    /// <summary>Records status and a dated progress note. Allowed for the meeting's editors and the responsible agency's operator.</summary>
    public async Task<Result> RecordProgressAsync(Actor actor, int id, ActionProgressForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.FollowUpActions.Include(a => a.Meeting).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandUpdateAction(actor, action.Meeting!.RegionCode, action.DistrictCode, action.ResponsibleAgencyId);

        var errors = new ErrorBag();
        if (!Enum.IsDefined(form.Status)) errors.Add(nameof(form.Status), "Status wajib dipilih.");
        var note = form.Note.Trim();
        if (note.Length > FollowUpAction.DescriptionMaxLength) errors.Add(nameof(form.Note), Texts.TooLong(FollowUpAction.DescriptionMaxLength));
        if (note.Length == 0 && form.Status == action.Status) errors.Add(nameof(form.Note), "Tulis perkembangan, atau ubah statusnya.");
        if (form.Status == ActionStatus.Batal && note.Length == 0) errors.Add(nameof(form.Note), "Tuliskan alasan pembatalan.");
        var date = form.Date ?? Today;
        if (date > Today) errors.Add(nameof(form.Date), "Tanggal perkembangan tidak boleh di masa depan.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        db.Entry(action).Property(a => a.Version).OriginalValue = form.Version;
        var before = action.Status;
        action.Status = form.Status;
        action.UpdatedBy = actor.DisplayName;
        db.Entry(action).Property(a => a.UpdatedAt).IsModified = true;
        db.ActionProgress.Add(new ActionProgress
        {
            ActionId = action.Id,
            Date = date,
            Note = note.Length > 0 ? note : $"Status diubah dari {before.Display()} menjadi {form.Status.Display()}.",
            StatusAfter = form.Status,
            Author = actor.DisplayName,
        });
        var result = await SaveAsync(db, ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Action {ActionId} progress by {UserName}: {Before} -> {After}", id, actor.UserName, before, form.Status);
        }
        return result;
    }

    /// <summary>Per agency: how often it came to the meetings it was invited to, within the actor's readable meetings.</summary>
    public async Task<IReadOnlyList<AttendanceRate>> AttendanceRatesAsync(Actor actor, string? districtCode, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetings = HeldMeetings(db, actor, districtCode);
        if (from is { } f) meetings = meetings.Where(m => m.Date >= f);
        if (to is { } t) meetings = meetings.Where(m => m.Date <= t);
        var rows = await meetings.SelectMany(m => m.Invitations)
            .GroupBy(i => new { i.AgencyId, i.Agency!.ShortName, i.Agency.Name, RegionName = i.Agency.Region!.Name })
            .Select(g => new
            {
                g.Key.AgencyId, g.Key.ShortName, g.Key.Name, g.Key.RegionName,
                Invited = g.Count(),
                Present = g.Count(i => i.Attendance == AttendanceStatus.Hadir),
                Represented = g.Count(i => i.Attendance == AttendanceStatus.Diwakili),
                Absent = g.Count(i => i.Attendance == AttendanceStatus.TidakHadir),
                NotRecorded = g.Count(i => i.Attendance == AttendanceStatus.BelumDicatat),
            })
            .ToListAsync(ct);
        // Across districts, the same office appears once per district ("Dinas Kesehatan" of Luwu Timur and of
        // Soppeng): those names get their region so the rows can be told apart.
        var shared = rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return rows.Select(r => new AttendanceRate(r.AgencyId, shared.Contains(r.Name) ? $"{r.Name} ({r.ShortName}), {r.RegionName}" : $"{r.Name} ({r.ShortName})", r.Invited, r.Present, r.Represented, r.Absent, r.NotRecorded))
            .OrderBy(r => r.Rate ?? 101).ThenBy(r => r.Agency).ToList();
    }

    /// <summary>The years with held meetings that the attendance rates can be read for, newest first.</summary>
    public async Task<IReadOnlyList<int>> HeldMeetingYearsAsync(Actor actor, string? districtCode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await HeldMeetings(db, actor, districtCode).Select(m => m.Date.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
    }

    /// <summary>Meetings that took place (held or with final minutes) within the actor's scope, of one district when given.</summary>
    private IQueryable<Meeting> HeldMeetings(AppDbContext db, Actor actor, string? districtCode)
    {
        var meetings = access.ReadableMeetings(actor, db.Meetings.AsNoTracking()).Where(m => m.Status != MeetingStatus.Direncanakan);
        if (!string.IsNullOrWhiteSpace(districtCode))
        {
            var below = districtCode + ".";
            meetings = meetings.Where(m => m.RegionCode == districtCode || m.RegionCode.StartsWith(below));
        }
        return meetings;
    }

    private async Task<ErrorBag> ValidateAsync(AppDbContext db, Actor actor, Meeting meeting, ActionForm form, CancellationToken ct)
    {
        var errors = new ErrorBag();
        var description = form.Description.Trim();
        if (description.Length == 0) errors.Add(nameof(form.Description), "Uraian tindak lanjut wajib diisi.");
        else if (description.Length > FollowUpAction.DescriptionMaxLength) errors.Add(nameof(form.Description), Texts.TooLong(FollowUpAction.DescriptionMaxLength));
        if (form.DueDate is null) errors.Add(nameof(form.DueDate), "Batas waktu wajib diisi.");
        else if (form.DueDate < meeting.Date) errors.Add(nameof(form.DueDate), "Batas waktu tidak boleh sebelum tanggal rapat.");
        if (form.ResponsibleAgencyId is not { } agencyId)
        {
            errors.Add(nameof(form.ResponsibleAgencyId), "Penanggung jawab wajib dipilih.");
        }
        else if (!await access.ReadableAgencies(actor, db.Agencies).AnyAsync(a => a.Id == agencyId, ct))
        {
            errors.Add(nameof(form.ResponsibleAgencyId), "Instansi penanggung jawab tidak dikenal atau di luar wilayah Anda.");
        }
        if (form.DecisionId is { } decisionId && !await db.Set<Decision>().AnyAsync(d => d.Id == decisionId && d.MeetingId == meeting.Id, ct))
        {
            errors.Add(nameof(form.DecisionId), "Kesepakatan harus salah satu kesepakatan rapat ini.");
        }
        var district = MeetingService.DistrictOf(meeting.RegionCode);
        if (!string.IsNullOrWhiteSpace(form.AreaCode) && !Regions.RegionCode.IsWithin(form.AreaCode.Trim(), district))
        {
            errors.Add(nameof(form.AreaCode), "Wilayah tindak lanjut harus di dalam kabupaten ini.");
        }
        if (form.BidangId is { } bidangId && !await db.Bidang.AnyAsync(b => b.Id == bidangId && b.DistrictCode == district, ct))
        {
            errors.Add(nameof(form.BidangId), "Bidang harus salah satu bidang TPPS kabupaten ini.");
        }
        if (meeting.Status == MeetingStatus.NotulenFinal)
        {
            MeetingFormRules.AmendmentReason(form.AmendmentReason, nameof(form.AmendmentReason), errors);
        }
        return errors;
    }

    /// <summary>A change to an action of final minutes is an amendment of the minutes (null: the minutes are not final).</summary>
    private Amendment? RecordAmendment(AppDbContext db, Meeting meeting, Actor actor, ActionForm form, string summary)
    {
        if (meeting.Status != MeetingStatus.NotulenFinal)
        {
            return null;
        }
        var amendment = new Amendment
        {
            MeetingId = meeting.Id,
            Reason = form.AmendmentReason!.Trim(),
            Summary = summary,
            AmendedBy = actor.DisplayName,
            AmendedAt = clock.GetUtcNow(),
        };
        db.Add(amendment);
        db.Entry(meeting).Property(m => m.UpdatedAt).IsModified = true;
        return amendment;
    }

    /// <summary>The amended minutes become the next fixed version, in the amendment's transaction.</summary>
    private async Task FixAmendedMinutesAsync(AppDbContext db, Actor actor, int meetingId, Amendment? amendment, CancellationToken ct)
    {
        if (amendment is not null)
        {
            await minutes.FreezeAsync(db, actor, meetingId, amendment.Reason, amendment.Summary, portalAddress: null, ct);
        }
    }

    private static void Apply(ActionForm form, FollowUpAction action)
    {
        action.Description = form.Description.Trim();
        action.ResponsibleAgencyId = form.ResponsibleAgencyId!.Value;
        action.DueDate = form.DueDate!.Value;
        action.DecisionId = form.DecisionId;
        action.AreaCode = string.IsNullOrWhiteSpace(form.AreaCode) ? null : form.AreaCode.Trim();
        action.BidangId = form.BidangId;
    }

    private static async Task<Result> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
    }

    private static async Task<IReadOnlyList<ActionRow>> ToRowsAsync(AppDbContext db, AccessPolicy access, Actor actor, IReadOnlyList<FollowUpAction> actions, DateOnly today, CancellationToken ct)
    {
        if (actions.Count == 0)
        {
            return [];
        }
        var ids = actions.Select(a => a.Id).ToList();
        var meetingIds = actions.Select(a => a.MeetingId).Distinct().ToList();
        var agencyIds = actions.Select(a => a.ResponsibleAgencyId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.Date, m.RegionCode }).ToDictionaryAsync(m => m.Id, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ShortName }).ToDictionaryAsync(a => a.Id, a => a.ShortName, ct);
        var decisionIds = actions.Where(a => a.DecisionId is not null).Select(a => a.DecisionId!.Value).Distinct().ToList();
        var decisions = await db.Set<Decision>().AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
        var bidangIds = actions.Where(a => a.BidangId is not null).Select(a => a.BidangId!.Value).Distinct().ToList();
        var bidang = await db.Bidang.AsNoTracking().Where(b => bidangIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var areaCodes = actions.Where(a => a.AreaCode is not null).Select(a => a.AreaCode!).Distinct().ToList();
        var areas = await db.Regions.AsNoTracking().Where(r => areaCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        // The responsible operators' WhatsApp numbers, for those who may chase them (one operator with a number: theirs).
        var chasing = actions.Where(a => a.Status.IsOpen() && access.CanWriteMeeting(actor, meetings[a.MeetingId].RegionCode)).ToList();
        var numbers = new Dictionary<int, string?>();
        if (chasing.Count > 0)
        {
            var chased = chasing.Select(a => a.ResponsibleAgencyId).Distinct().ToList();
            numbers = (await db.Users.AsNoTracking()
                    .Where(u => u.IsActive && u.Role == Role.OperatorOpd && u.AgencyId != null && chased.Contains(u.AgencyId.Value))
                    .Select(u => new { AgencyId = u.AgencyId!.Value, u.WhatsAppNumber }).ToListAsync(ct))
                .GroupBy(u => u.AgencyId)
                .ToDictionary(g => g.Key, g => g.Select(u => u.WhatsAppNumber).Where(n => n is not null).Distinct().Count() == 1
                    ? g.Select(u => u.WhatsAppNumber).First(n => n is not null) : null);
        }
        var progress = (await db.ActionProgress.AsNoTracking().Where(p => ids.Contains(p.ActionId))
                .OrderBy(p => p.Date).ThenBy(p => p.Id).ToListAsync(ct))
            .ToLookup(p => p.ActionId);
        return actions.Select(a =>
        {
            var meeting = meetings[a.MeetingId];
            return new ActionRow(
                a.Id, a.MeetingId, meeting.Title, meeting.Date, a.Number, a.Description, a.ResponsibleAgencyId,
                agencies.GetValueOrDefault(a.ResponsibleAgencyId, "?"), a.DueDate, a.Status,
                a.Status.IsOpen() && a.DueDate < today,
                a.DecisionId is { } d && decisions.TryGetValue(d, out var n) ? n : null,
                a.AreaCode, a.AreaCode is { } c ? areas.GetValueOrDefault(c) : null,
                a.BidangId, a.BidangId is { } b ? bidang.GetValueOrDefault(b) : null,
                a.IsExample, access.CanUpdateAction(actor, meeting.RegionCode, a.DistrictCode, a.ResponsibleAgencyId), a.Version,
                progress[a.Id].Select(p => new ProgressView(p.Date, p.Note, p.StatusAfter, p.Author)).ToList())
            {
                WhatsAppReminder = chasing.Contains(a)
                    ? Notifications.WhatsApp.Link(numbers.GetValueOrDefault(a.ResponsibleAgencyId), ReminderText(a, agencies.GetValueOrDefault(a.ResponsibleAgencyId, "?"), meeting.Title, meeting.Date, today))
                    : null,
            };
        }).ToList();
    }

    /// <summary>What the secretariat sends the responsible operator about one open action.</summary>
    internal static string ReminderText(FollowUpAction a, string agency, string meetingTitle, DateOnly meetingDate, DateOnly today)
    {
        var due = a.DueDate < today
            ? $"sudah lewat batas waktu {IndonesianFormat.Date(a.DueDate)}"
            : $"batas waktunya {IndonesianFormat.Date(a.DueDate)}";
        return $"Yth. Operator {agency}, tindak lanjut No. {a.Number} dari {meetingTitle} ({IndonesianFormat.Date(meetingDate)}): " +
               $"\"{a.Description}\" {due} dan statusnya {a.Status.Display().ToLowerInvariant()}. " +
               "Mohon perkembangannya diperbarui di TPPS Portal (menu Tindak lanjut). Terima kasih.";
    }

    /// <summary>
    /// A ready message for a WhatsApp group: the overdue actions the actor may see (of one district when given),
    /// oldest due first, at most 40 listed ("dan N lainnya" after).
    /// </summary>
    public async Task<OverdueMessage> OverdueMessageAsync(Actor actor, string? districtCode, CancellationToken ct = default)
    {
        const int listed = 40;
        var overdue = await ListAsync(actor, new ActionQuery(DistrictCode: districtCode, OverdueOnly: true, Take: 500), ct);
        var today = Today;
        var lines = new List<string> { $"Daftar tindak lanjut terlambat per {IndonesianFormat.Date(today)}:" };
        if (overdue.Total == 0)
        {
            lines.Add("Tidak ada tindak lanjut yang terlambat. Terima kasih atas kerja samanya.");
        }
        else
        {
            var i = 0;
            foreach (var row in overdue.Items.Take(listed))
            {
                i++;
                lines.Add($"{i}. {row.ResponsibleAgency}: {Shorten(row.Description, 160)} (batas {IndonesianFormat.Date(row.DueDate)}, {row.Status.Display().ToLowerInvariant()}; rapat {IndonesianFormat.Date(row.MeetingDate)})");
            }
            if (overdue.Total > listed)
            {
                lines.Add($"... dan {overdue.Total - listed} lainnya (lihat TPPS Portal, menu Tindak lanjut).");
            }
            lines.Add("Mohon setiap penanggung jawab memperbarui perkembangannya di TPPS Portal. Terima kasih.");
        }
        var text = string.Join("\n", lines);
        return new OverdueMessage(overdue.Total, text, Notifications.WhatsApp.Link(null, text));
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }
}
