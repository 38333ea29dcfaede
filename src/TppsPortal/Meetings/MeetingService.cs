using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;
using TppsPortal.Teams;

namespace TppsPortal.Meetings;

/// <summary>
/// Meetings from invitation to final minutes. Direncanakan, then Selesai (held), then Notulen final (locked):
/// after that every change is an amendment with a reason, kept with who and when.
/// </summary>
public sealed class MeetingService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    MinutesService minutes,
    Notifications.EventNotices notices,
    TimeProvider clock,
    ILogger<MeetingService> logger)
{
    public static readonly string[] TimeZones = ["WIB", "WITA", "WIT"];

    public bool CanWrite(Actor actor, string regionCode) => access.CanWriteMeeting(actor, regionCode);

    public async Task<Page<MeetingListItem>> ListAsync(Actor actor, MeetingQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetings = access.ReadableMeetings(actor, db.Meetings.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            var region = query.RegionCode.Trim();
            var below = region + ".";
            meetings = meetings.Where(m => m.RegionCode == region || m.RegionCode.StartsWith(below));
        }
        if (query.Status is { } status)
        {
            meetings = meetings.Where(m => m.Status == status);
        }
        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            meetings = meetings.Where(m => m.Date >= from && m.Date <= to);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim() + "%";
            meetings = meetings.Where(m => EF.Functions.ILike(m.Title, pattern) || EF.Functions.ILike(m.Venue, pattern));
        }
        var total = await meetings.CountAsync(ct);
        var rows = await meetings
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.StartTime)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
            .Select(m => new MeetingListItem(
                m.Id, m.RegionCode, db.Regions.Where(r => r.Code == m.RegionCode).Select(r => r.Name).First(),
                m.Kind, m.Title, m.Date, m.StartTime, m.TimeZone, m.Venue, m.Status,
                m.Attendees.Count, m.Decisions.Count, m.IsExample))
            .ToListAsync(ct);
        return new Page<MeetingListItem>(rows, total);
    }

    /// <summary>
    /// A new meeting's form with sensible defaults: the chair is the Ketua of the current SK, the time zone and
    /// the invited agencies are the district's.
    /// </summary>
    public async Task<MeetingForm> NewFormAsync(Actor actor, string regionCode, CancellationToken ct = default)
    {
        access.DemandWriteMeeting(actor, regionCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var district = DistrictOf(regionCode);
        var isKecamatan = regionCode != district;
        var letterhead = await db.Letterheads.AsNoTracking().FirstOrDefaultAsync(l => l.DistrictCode == district, ct);
        var form = new MeetingForm
        {
            RegionCode = regionCode,
            Kind = isKecamatan ? MeetingKind.RakorKecamatan : MeetingKind.RakorKabupaten,
            Date = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date),
            StartTime = new TimeOnly(9, 0),
            EndTime = new TimeOnly(12, 0),
            TimeZone = letterhead?.TimeZone ?? DefaultTimeZone(regionCode),
            Agenda = [new AgendaForm { Title = "Pembukaan" }, new AgendaForm { Title = "Laporan kemajuan" }, new AgendaForm { Title = "Diskusi dan kesepakatan" }],
        };

        if (!isKecamatan && await CurrentChairAsync(db, district, ct) is { } chair)
        {
            form.ChairName = chair.Name;
            form.ChairPosition = chair.Position;
            form.ChairNip = chair.Nip;
        }

        form.Invitations = (await DefaultInvitationsAsync(db, regionCode, ct)).Select(id => new InvitationForm { AgencyId = id }).ToList();
        return form;
    }

    /// <summary>
    /// Who a new meeting invites, before the secretariat adjusts it: the district's active agencies (OPD, vertical
    /// bodies, hospitals, professional organisations...) without the kecamatan offices, the agencies of the current
    /// SK's members wherever they are registered, and the province's vertical bodies that attend district rakor
    /// (BKKBN Perwakilan). Kecamatan offices are added in one step when all camat are invited; a kecamatan meeting
    /// invites its own office.
    /// </summary>
    internal static async Task<IReadOnlyList<int>> DefaultInvitationsAsync(AppDbContext db, string regionCode, CancellationToken ct)
    {
        var district = DistrictOf(regionCode);
        var province = RegionCode.ParentOf(district) ?? district;
        var decree = await CurrentDecreeIdAsync(db, district, ct);
        var teamAgencies = decree is null ? []
            : await db.TeamMembers.AsNoTracking().Where(m => m.DecreeId == decree && m.AgencyId != null).Select(m => m.AgencyId!.Value).ToListAsync(ct);
        return await db.Agencies.AsNoTracking()
            .Where(a => a.IsActive && (
                (a.RegionCode == district && a.Kind != Agencies.AgencyKind.KantorKecamatan) ||
                (a.RegionCode == regionCode && regionCode != district) ||
                (a.RegionCode == province && a.Kind == Agencies.AgencyKind.InstansiVertikal) ||
                teamAgencies.Contains(a.Id)))
            .OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Where minutes of the district are signed when a meeting does not say: the letterhead's place, or the district's name.</summary>
    public async Task<string> DefaultSigningPlaceAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        access.DemandReadMeeting(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var letterhead = await LetterheadService.LoadAsync(db, districtCode, ct);
        var name = await db.Regions.Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? "";
        return MinutesService.SigningPlace(null, letterhead.SigningPlace, name);
    }

    public async Task<MeetingDetails?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await LoadAsync(db, id, tracking: false, ct);
        if (meeting is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, meeting.RegionCode);
        var regionName = await db.Regions.Where(r => r.Code == meeting.RegionCode).Select(r => r.Name).FirstAsync(ct);
        return new MeetingDetails(
            meeting.Id, ToForm(meeting), meeting.Status, regionName, DistrictOf(meeting.RegionCode), meeting.IsExample,
            access.CanWriteMeeting(actor, meeting.RegionCode), meeting.FinalizedAt, meeting.FinalizedBy,
            meeting.Amendments.OrderBy(a => a.AmendedAt).Select(a => new AmendmentView(a.AmendedAt, a.AmendedBy, a.Reason, a.Summary)).ToList(),
            meeting.UpdatedAt, meeting.UpdatedBy);
    }

    public async Task<Result<int>> CreateAsync(Actor actor, MeetingForm form, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(form.RegionCode))
        {
            return Result.Fail(nameof(MeetingForm.RegionCode), "Wilayah rapat wajib dipilih.");
        }
        access.DemandWriteMeeting(actor, form.RegionCode.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, actor, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var meeting = new Meeting { RegionCode = form.RegionCode.Trim(), Title = "" };
        Apply(form, meeting);
        meeting.UpdatedBy = actor.DisplayName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        if (IsUpcoming(meeting))
        {
            await notices.MeetingScheduledAsync(db, meeting, meeting.Invitations.Select(i => i.AgencyId).ToList(), ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Meeting {MeetingId} \"{Title}\" created in {Region} by {UserName}", meeting.Id, meeting.Title, meeting.RegionCode, actor.UserName);
        return Result<int>.Ok(meeting.Id);
    }

    /// <summary>
    /// Saves the editor's form. A stale version is a conflict. Final minutes need an amendment reason, and the
    /// amendment is recorded with what changed.
    /// </summary>
    public async Task<Result> UpdateAsync(Actor actor, int id, MeetingForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var meeting = await LoadAsync(db, id, tracking: true, ct);
        if (meeting is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteMeeting(actor, meeting.RegionCode);
        if (form.RegionCode != meeting.RegionCode)
        {
            return Result.Fail(nameof(MeetingForm.RegionCode), "Wilayah rapat tidak dapat dipindah setelah rapat dibuat.");
        }
        var errors = await ValidateAsync(db, actor, form, ct);
        var reason = form.AmendmentReason?.Trim();
        if (meeting.Status == MeetingStatus.NotulenFinal)
        {
            MeetingFormRules.AmendmentReason(reason, nameof(MeetingForm.AmendmentReason), errors);
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        if (meeting.Version != form.Version)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }

        var before = Sections(ToForm(meeting));
        var invitedBefore = meeting.Invitations.Select(i => i.AgencyId).ToHashSet();
        db.Entry(meeting).Property(m => m.Version).OriginalValue = form.Version;
        RemoveChildren(db, meeting, form);
        Apply(form, meeting);
        meeting.UpdatedBy = actor.DisplayName;
        db.Entry(meeting).Property(m => m.UpdatedAt).IsModified = true; // touch the row: children alone do not bump xmin

        if (meeting.Status == MeetingStatus.NotulenFinal)
        {
            var after = Sections(form);
            var changed = before.Where(b => after[b.Key] != b.Value).Select(b => b.Key).ToList();
            if (changed.Count == 0)
            {
                return Result.Fail("", "Tidak ada yang berubah pada notulen.");
            }
            meeting.Amendments.Add(new Amendment
            {
                Reason = reason!,
                Summary = "Bagian yang diubah: " + string.Join(", ", changed) + ".",
                AmendedBy = actor.DisplayName,
                AmendedAt = clock.GetUtcNow(),
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
            if (meeting.Status == MeetingStatus.NotulenFinal)
            {
                // The amended minutes are the next fixed version, made in the same transaction as the amendment.
                var amendment = meeting.Amendments[^1];
                await minutes.FreezeAsync(db, actor, id, amendment.Reason, amendment.Summary, portalAddress: null, ct);
                await notices.MinutesFinalAsync(db, meeting, amendment.Reason, ct);
                await db.SaveChangesAsync(ct);
            }
            else if (IsUpcoming(meeting))
            {
                // Agencies invited since the last save get their invitation (the others already have it).
                var added = meeting.Invitations.Select(i => i.AgencyId).Where(a => !invitedBefore.Contains(a)).ToList();
                await notices.MeetingScheduledAsync(db, meeting, added, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Meeting {MeetingId} saved by {UserName}{Amended}", id, actor.UserName,
            meeting.Status == MeetingStatus.NotulenFinal ? " (amendment)" : "");
        return Result.Ok;
    }

    /// <summary>Direncanakan to Selesai: the meeting took place.</summary>
    public Task<Result> MarkHeldAsync(Actor actor, int id, uint version, CancellationToken ct = default) =>
        TransitionAsync(actor, id, version, MeetingStatus.Direncanakan, MeetingStatus.Selesai, portalAddress: null, ct);

    /// <summary>
    /// Selesai to Notulen final: the minutes are locked and ready to sign, and fixed as version 1 (see
    /// <see cref="MinutesVersion"/>). <paramref name="portalAddress"/> is where the person reached the portal, for the
    /// verification address printed on the pages when <c>Tpps:PublicUrl</c> does not say it.
    /// </summary>
    public Task<Result> FinalizeAsync(Actor actor, int id, uint version, string? portalAddress = null, CancellationToken ct = default) =>
        TransitionAsync(actor, id, version, MeetingStatus.Selesai, MeetingStatus.NotulenFinal, portalAddress, ct);

    private async Task<Result> TransitionAsync(Actor actor, int id, uint version, MeetingStatus from, MeetingStatus to, string? portalAddress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var meeting = await LoadAsync(db, id, tracking: true, ct);
        if (meeting is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteMeeting(actor, meeting.RegionCode);
        if (meeting.Version != version)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        if (meeting.Status != from)
        {
            return Result.Fail("", $"Status rapat sekarang {meeting.Status.Display()}; langkah ini hanya untuk rapat berstatus {from.Display()}.");
        }

        var errors = new ErrorBag();
        if (to == MeetingStatus.Selesai)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(OffsetHours(meeting.TimeZone)).Date);
            if (meeting.Date > today)
            {
                errors.Add("", $"Rapat dijadwalkan {IndonesianFormat.DayAndDate(meeting.Date)}; tandai selesai setelah rapat berlangsung.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(meeting.ChairName)) errors.Add(nameof(MeetingForm.ChairName), "Isi nama pimpinan rapat sebelum notulen difinalkan.");
            if (string.IsNullOrWhiteSpace(meeting.NoteTakerName)) errors.Add(nameof(MeetingForm.NoteTakerName), "Isi nama notulis sebelum notulen difinalkan.");
            if (meeting.EndTime is null) errors.Add(nameof(MeetingForm.EndTime), "Isi jam selesai rapat sebelum notulen difinalkan.");
            if (meeting.Attendees.Count == 0 && !await db.CheckIns.AnyAsync(c => c.MeetingId == id, ct)) errors.Add(nameof(MeetingForm.Attendees), "Catat daftar hadir sebelum notulen difinalkan.");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
        meeting.Status = to;
        meeting.UpdatedBy = actor.DisplayName;
        if (to == MeetingStatus.NotulenFinal)
        {
            meeting.FinalizedAt = clock.GetUtcNow();
            meeting.FinalizedBy = actor.DisplayName;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            if (to == MeetingStatus.NotulenFinal)
            {
                await minutes.FreezeAsync(db, actor, id, reason: null, summary: "", portalAddress, ct);
                await notices.MinutesFinalAsync(db, meeting, amendmentReason: null, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Meeting {MeetingId} is now {Status} ({UserName})", id, to, actor.UserName);
        return Result.Ok;
    }

    // ----- helpers -----

    /// <summary>Planned and not yet past in the meeting's own time zone: its invited agencies get an invitation.</summary>
    private bool IsUpcoming(Meeting meeting) =>
        meeting.Status == MeetingStatus.Direncanakan &&
        meeting.Date >= DateOnly.FromDateTime(clock.GetUtcNow().AddHours(OffsetHours(meeting.TimeZone)).Date);

    /// <summary>The district a region belongs to: <c>73.24</c> for <c>73.24.04</c>.</summary>
    public static string DistrictOf(string regionCode)
    {
        var parts = regionCode.Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : regionCode;
    }

    /// <summary>Indonesia's three time zones by province code: WIB west, WITA centre (Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara, Sulawesi), WIT east.</summary>
    public static string DefaultTimeZone(string regionCode) => regionCode[..2] switch
    {
        "51" or "52" or "53" or "63" or "64" or "65" or "71" or "72" or "73" or "74" or "75" or "76" => "WITA",
        "81" or "82" or "91" or "92" or "93" or "94" or "95" or "96" => "WIT",
        _ => "WIB",
    };

    public static int OffsetHours(string timeZone) => timeZone switch { "WIT" => 9, "WITA" => 8, _ => 7 };

    /// <summary>The district's current SK (the latest by date), if it has one.</summary>
    private static Task<int?> CurrentDecreeIdAsync(AppDbContext db, string district, CancellationToken ct) =>
        db.TeamDecrees.AsNoTracking().Where(d => d.DistrictCode == district)
            .OrderByDescending(d => d.DecreeDate).ThenByDescending(d => d.Id).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);

    internal static async Task<TeamMember?> CurrentChairAsync(AppDbContext db, string district, CancellationToken ct)
    {
        var decree = await CurrentDecreeIdAsync(db, district, ct);
        return decree is null ? null
            : await db.TeamMembers.AsNoTracking().Where(m => m.DecreeId == decree && m.Role == TeamRole.Ketua).OrderBy(m => m.SortOrder).FirstOrDefaultAsync(ct);
    }

    private static Task<Meeting?> LoadAsync(AppDbContext db, int id, bool tracking, CancellationToken ct)
    {
        var query = db.Meetings
            .Include(m => m.Agenda).Include(m => m.Speakers).Include(m => m.Invitations)
            .Include(m => m.Attendees).Include(m => m.Decisions).Include(m => m.Amendments)
            .AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    internal static MeetingForm ToForm(Meeting m) => new()
    {
        Title = m.Title, Kind = m.Kind, RegionCode = m.RegionCode, Date = m.Date, StartTime = m.StartTime, EndTime = m.EndTime,
        TimeZone = m.TimeZone, Venue = m.Venue, Purpose = m.Purpose, ChairName = m.ChairName, ChairPosition = m.ChairPosition,
        ChairNip = m.ChairNip, NoteTakerName = m.NoteTakerName, NoteTakerPosition = m.NoteTakerPosition, NoteTakerNip = m.NoteTakerNip,
        GeneralNotes = m.GeneralNotes, SigningPlace = m.SigningPlace, SigningDate = m.SigningDate, OnlineParticipants = m.OnlineParticipants,
        Version = m.Version,
        Agenda = m.Agenda.OrderBy(a => a.Order).Select(a => new AgendaForm { Title = a.Title, Notes = a.Notes }).ToList(),
        Speakers = m.Speakers.OrderBy(s => s.Order).Select(s => new SpeakerForm { Name = s.Name, Position = s.Position, AgencyId = s.AgencyId, Origin = s.Origin, Topic = s.Topic }).ToList(),
        Invitations = m.Invitations.OrderBy(i => i.Id).Select(i => new InvitationForm { AgencyId = i.AgencyId, Attendance = i.Attendance }).ToList(),
        Attendees = m.Attendees.OrderBy(a => a.Order).Select(a => new AttendeeForm { Name = a.Name, Position = a.Position, AgencyId = a.AgencyId, GuestOrganisation = a.GuestOrganisation }).ToList(),
        Decisions = m.Decisions.OrderBy(d => d.Number).Select(d => new DecisionForm { Id = d.Id, Text = d.Text, BidangId = d.BidangId }).ToList(),
    };

    private static void RemoveChildren(AppDbContext db, Meeting meeting, MeetingForm form)
    {
        db.RemoveRange(meeting.Agenda);
        db.RemoveRange(meeting.Speakers);
        db.RemoveRange(meeting.Invitations);
        db.RemoveRange(meeting.Attendees);
        // Decisions keep their ids (actions refer to them); only those no longer in the form go.
        var kept = form.Decisions.Where(d => d.Id != 0).Select(d => d.Id).ToHashSet();
        db.RemoveRange(meeting.Decisions.Where(d => !kept.Contains(d.Id)));
        meeting.Agenda.Clear();
        meeting.Speakers.Clear();
        meeting.Invitations.Clear();
        meeting.Attendees.Clear();
        meeting.Decisions.RemoveAll(d => !kept.Contains(d.Id));
    }

    private static void Apply(MeetingForm f, Meeting m)
    {
        m.Title = Clean(f.Title);
        m.Kind = f.Kind;
        m.Date = f.Date!.Value;
        m.StartTime = f.StartTime!.Value;
        m.EndTime = f.EndTime;
        m.TimeZone = f.TimeZone;
        m.Venue = Clean(f.Venue);
        m.Purpose = Clean(f.Purpose);
        m.ChairName = Clean(f.ChairName);
        m.ChairPosition = Clean(f.ChairPosition);
        m.ChairNip = Blank(f.ChairNip);
        m.NoteTakerName = Clean(f.NoteTakerName);
        m.NoteTakerPosition = Clean(f.NoteTakerPosition);
        m.NoteTakerNip = Blank(f.NoteTakerNip);
        m.GeneralNotes = Clean(f.GeneralNotes);
        m.SigningPlace = Clean(f.SigningPlace);
        m.SigningDate = f.SigningDate;
        m.OnlineParticipants = f.OnlineParticipants;
        m.Agenda.AddRange(f.Agenda.Select((a, i) => new AgendaItem { Order = i + 1, Title = Clean(a.Title), Notes = Clean(a.Notes) }));
        m.Speakers.AddRange(f.Speakers.Select((s, i) => new Speaker { Order = i + 1, Name = Clean(s.Name), Position = Clean(s.Position), AgencyId = s.AgencyId, Origin = Clean(s.Origin), Topic = Clean(s.Topic) }));
        m.Invitations.AddRange(f.Invitations.DistinctBy(i => i.AgencyId).Select(i => new Invitation { AgencyId = i.AgencyId, Attendance = i.Attendance }));
        m.Attendees.AddRange(f.Attendees.Select((a, i) => new Attendee { Order = i + 1, Name = Clean(a.Name), Position = Clean(a.Position), AgencyId = a.AgencyId, GuestOrganisation = a.AgencyId is null ? Blank(a.GuestOrganisation) : null }));
        for (var i = 0; i < f.Decisions.Count; i++)
        {
            var d = f.Decisions[i];
            var existing = d.Id == 0 ? null : m.Decisions.FirstOrDefault(x => x.Id == d.Id);
            if (existing is null)
            {
                m.Decisions.Add(new Decision { Number = i + 1, Text = Clean(d.Text), BidangId = d.BidangId });
            }
            else
            {
                existing.Number = i + 1;
                existing.Text = Clean(d.Text);
                existing.BidangId = d.BidangId;
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A text as stored: trimmed; a field the browser sent as null is empty.</summary>
    private static string Clean(string? value) => value?.Trim() ?? "";

    /// <summary>Each section of the minutes as text, to tell an amendment what changed.</summary>
    private static Dictionary<string, string> Sections(MeetingForm f) => new()
    {
        ["judul dan jenis"] = $"{Clean(f.Title)}|{f.Kind}",
        ["waktu dan tempat"] = $"{f.Date}|{f.StartTime}|{f.EndTime}|{f.TimeZone}|{Clean(f.Venue)}",
        ["latar belakang"] = Clean(f.Purpose),
        ["tempat dan tanggal penandatanganan"] = $"{Clean(f.SigningPlace)}|{f.SigningDate}",
        ["peserta daring"] = f.OnlineParticipants.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pimpinan rapat dan notulis"] = $"{Clean(f.ChairName)}|{Clean(f.ChairPosition)}|{Blank(f.ChairNip)}|{Clean(f.NoteTakerName)}|{Clean(f.NoteTakerPosition)}|{Blank(f.NoteTakerNip)}",
        ["jalannya rapat"] = Clean(f.GeneralNotes) + "|" + JsonSerializer.Serialize(f.Agenda.Select(a => new { T = Clean(a.Title), N = Clean(a.Notes) })),
        ["narasumber"] = JsonSerializer.Serialize(f.Speakers.Select(s => new { s.Name, s.Position, s.AgencyId, s.Origin, s.Topic })),
        ["undangan dan kehadiran instansi"] = JsonSerializer.Serialize(f.Invitations.OrderBy(i => i.AgencyId).Select(i => new { i.AgencyId, i.Attendance })),
        ["daftar hadir"] = JsonSerializer.Serialize(f.Attendees.Select(a => new { N = Clean(a.Name), P = Clean(a.Position), a.AgencyId, G = a.AgencyId is null ? Blank(a.GuestOrganisation) : null })),
        ["kesepakatan"] = JsonSerializer.Serialize(f.Decisions.Select(d => new { T = Clean(d.Text), d.BidangId })),
    };

    private async Task<ErrorBag> ValidateAsync(AppDbContext db, Actor actor, MeetingForm f, CancellationToken ct)
    {
        var errors = new ErrorBag();
        MeetingFormRules.Check(f, errors);

        var region = f.RegionCode.Trim();
        var level = await db.Regions.Where(r => r.Code == region).Select(r => (RegionLevel?)r.Level).FirstOrDefaultAsync(ct);
        if (level is not (RegionLevel.KabupatenKota or RegionLevel.Kecamatan))
        {
            errors.Add(nameof(f.RegionCode), "Rapat diselenggarakan oleh kabupaten/kota atau kecamatan.");
        }
        else if (f.Kind == MeetingKind.RakorKecamatan && level != RegionLevel.Kecamatan)
        {
            errors.Add(nameof(f.Kind), "Rakor TPPS Kecamatan diselenggarakan oleh kecamatan: pilih wilayah kecamatan.");
        }

        // Every agency named must be one the actor may read; bidang must be the district's.
        var agencyIds = f.Invitations.Select(i => i.AgencyId)
            .Concat(f.Attendees.Where(a => a.AgencyId is not null).Select(a => a.AgencyId!.Value))
            .Concat(f.Speakers.Where(s => s.AgencyId is not null).Select(s => s.AgencyId!.Value)).Distinct().ToList();
        if (agencyIds.Count > 0)
        {
            var readable = await access.ReadableAgencies(actor, db.Agencies).Where(a => agencyIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            if (readable.Count != agencyIds.Count)
            {
                errors.Add(nameof(f.Invitations), "Ada instansi yang tidak dikenal atau di luar wilayah Anda.");
            }
        }
        var bidangIds = f.Decisions.Where(d => d.BidangId is not null).Select(d => d.BidangId!.Value).Distinct().ToList();
        if (bidangIds.Count > 0)
        {
            var district = DistrictOf(region);
            var known = await db.Bidang.CountAsync(b => bidangIds.Contains(b.Id) && b.DistrictCode == district, ct);
            if (known != bidangIds.Count)
            {
                errors.Add(nameof(f.Decisions), "Bidang harus salah satu bidang TPPS kabupaten ini.");
            }
        }
        return errors;
    }
}
