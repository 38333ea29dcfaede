using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Meetings;

/// <summary>
/// Builds the document models of the minutes and of the blank attendance sheet, for readers of the meeting only, and
/// keeps the final versions: finalising and each amendment of final minutes fix a <see cref="MinutesVersion"/> (the
/// document and its PDF), which is what every later download of the minutes gives.
/// </summary>
public sealed class MinutesService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock, IOptions<MinutesOptions> options)
{
    public const int SpareGuestRows = 10;

    /// <summary>The path of the verification page under the portal's address; the code follows it.</summary>
    public const string VerificationPath = "verifikasi/";

    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L: read aloud and typed without mistakes

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// The minutes as they stand: for final minutes the latest fixed version (exactly what was finalised or amended),
    /// otherwise a draft built from the meeting now. Null when there is no such meeting.
    /// </summary>
    public async Task<MinutesDocument?> BuildMinutesAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.RegionCode).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, region);
        var latest = await db.MinutesVersions.AsNoTracking().Where(v => v.MeetingId == meetingId)
            .OrderByDescending(v => v.Number).Select(v => v.Document).FirstOrDefaultAsync(ct);
        return latest is null ? await BuildLiveAsync(db, actor, meetingId, null, ct) : Deserialize(latest);
    }

    /// <summary>
    /// One fixed version's PDF and document (<paramref name="number"/> null: the latest); null when the meeting has no
    /// final version (it is a draft) or has no version of that number.
    /// </summary>
    public async Task<MinutesVersionFile?> GetVersionAsync(Actor actor, int meetingId, int? number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.RegionCode).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, region);
        var versions = db.MinutesVersions.AsNoTracking().Where(v => v.MeetingId == meetingId);
        var version = number is { } n
            ? await versions.FirstOrDefaultAsync(v => v.Number == n, ct)
            : await versions.OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        return version is null ? null : new MinutesVersionFile(version.Number, version.Pdf, Deserialize(version.Document));
    }

    /// <summary>Every final version of the meeting's minutes, oldest first (empty while the minutes are a draft).</summary>
    public async Task<IReadOnlyList<MinutesVersionView>> ListVersionsAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.RegionCode).FirstOrDefaultAsync(ct)
                     ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandReadMeeting(actor, region);
        return await db.MinutesVersions.AsNoTracking().Where(v => v.MeetingId == meetingId).OrderBy(v => v.Number)
            .Select(v => new MinutesVersionView(v.Number, v.Code, v.FinalizedBy, v.FinalizedAt, v.Reason, v.Summary, v.Sha256, v.Pdf.Length))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The verification page's answer for a code printed on minutes: open to anyone holding the paper, so it says only
    /// what the printed page says about itself (meeting, version, who finalised and when) plus the file's hash.
    /// </summary>
    public async Task<MinutesVerificationView?> VerifyAsync(string code, CancellationToken ct = default)
    {
        var normalised = NormaliseCode(code);
        if (normalised is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.MinutesVersions.AsNoTracking().Where(v => v.Code == normalised)
            .Select(v => new { v.MeetingId, v.Number, v.Code, v.FinalizedBy, v.FinalizedAt, v.Sha256, v.Reason, v.Summary })
            .FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return null;
        }
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == version.MeetingId)
            .Select(m => new { m.Title, m.Date, m.TimeZone, m.RegionCode }).FirstAsync(ct);
        var regionName = await db.Regions.Where(r => r.Code == meeting.RegionCode).Select(r => r.Name).FirstAsync(ct);
        var latest = await db.MinutesVersions.Where(v => v.MeetingId == version.MeetingId).MaxAsync(v => v.Number, ct);
        return new MinutesVerificationView(
            meeting.Title, IndonesianFormat.DayAndDate(meeting.Date), regionName, version.Number, latest, version.Code,
            version.FinalizedBy, LocalDateTime(version.FinalizedAt, meeting.TimeZone), version.Sha256, version.Reason, version.Summary);
    }

    /// <summary>
    /// Fixes the next version of the minutes inside the caller's transaction, after the caller saved the meeting as
    /// final (or its amendment): builds the document through <paramref name="db"/> (so it sees that save), draws the
    /// PDF with the version's code and QR code, and stores both.
    /// </summary>
    internal async Task<MinutesVersion> FreezeAsync(AppDbContext db, Actor actor, int meetingId, string? reason, string summary, string? portalAddress,
        CancellationToken ct, DateTimeOffset? at = null)
    {
        var previous = await db.MinutesVersions.Where(v => v.MeetingId == meetingId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.VerificationUrl }).FirstOrDefaultAsync(ct);
        var number = (previous?.Number ?? 0) + 1;
        var code = NewCode();
        var address = PortalAddress(portalAddress, previous?.VerificationUrl);
        var now = at ?? clock.GetUtcNow();
        var timeZone = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.TimeZone).FirstAsync(ct);
        var verification = new MinutesVerification(number, code, address + VerificationPath + code, IndonesianFormat.Date(LocalDate(now, timeZone)));
        var document = await BuildLiveAsync(db, actor, meetingId, verification, ct)
                       ?? throw new InvalidOperationException($"Meeting {meetingId} vanished while its minutes were fixed.");
        var pdf = MinutesPdfRenderer.Render(document);
        var version = new MinutesVersion
        {
            MeetingId = meetingId,
            Number = number,
            Code = code,
            Reason = reason,
            Summary = summary,
            FinalizedBy = actor.DisplayName,
            FinalizedAt = now,
            Document = JsonSerializer.Serialize(document, Json),
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            VerificationUrl = verification.Url,
        };
        db.MinutesVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>
    /// Final minutes made before versions existed (an upgraded database) get their version 1, as they read now and
    /// under the name and time they were finalised with. Runs after migrations; returns how many were fixed.
    /// </summary>
    public async Task<int> FixUnversionedFinalMinutesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.NotulenFinal && !db.MinutesVersions.Any(v => v.MeetingId == m.Id))
            .Select(m => new { m.Id, m.FinalizedBy, m.FinalizedAt }).ToListAsync(ct);
        foreach (var m in meetings)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var system = new Actor("system", "system", Role.AdminSistem, null, null) { FullName = m.FinalizedBy ?? "Sistem TPPS Portal" };
            await FreezeAsync(db, system, m.Id, reason: null, summary: "", portalAddress: null, ct, at: m.FinalizedAt);
            await tx.CommitAsync(ct);
        }
        return meetings.Count;
    }

    public async Task<AttendanceSheetDocument?> BuildAttendanceSheetAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Include(x => x.Invitations).ThenInclude(i => i.Agency)
            .FirstOrDefaultAsync(x => x.Id == meetingId, ct);
        if (m is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, m.RegionCode);
        var letterhead = await LetterheadService.LoadAsync(db, MeetingService.DistrictOf(m.RegionCode), ct);
        var invited = m.Invitations.Select(i => i.Agency!).OrderBy(a => a.Kind).ThenBy(a => a.Name).ToList();
        var rows = invited.Select((a, i) => new AttendeeLine(i + 1, "", "", a.Name))
            .Concat(Enumerable.Range(invited.Count + 1, SpareGuestRows).Select(n => new AttendeeLine(n, "", "", "")))
            .ToList();
        return new AttendanceSheetDocument(
            new LetterheadBlock(letterhead.Government, letterhead.Office, letterhead.Address, letterhead.Logo),
            "DAFTAR HADIR",
            [
                new("Kegiatan", m.Title),
                new("Hari/Tanggal", IndonesianFormat.DayAndDate(m.Date)),
                new("Waktu", IndonesianFormat.TimeRange(m.StartTime, m.EndTime, m.TimeZone)),
                new("Tempat", m.Venue),
            ],
            rows,
            new DocumentInfo($"Daftar hadir {m.Title}", letterhead.Office, IndonesianFormat.Date(m.Date), clock.GetUtcNow()));
    }

    /// <summary>"7KQ2M-9XDWP", "7kq2m9xdwp" or a whole verification address: the stored code, or null when it cannot be one.</summary>
    public static string? NormaliseCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var tail = text.Trim();
        var slash = tail.TrimEnd('/').LastIndexOf('/');
        if (slash >= 0)
        {
            tail = tail.TrimEnd('/')[(slash + 1)..];
        }
        var code = new string(tail.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == MinutesVersion.CodeLength && code.All(c => CodeAlphabet.Contains(c)) ? code : null;
    }

    // ----- the document -----

    private async Task<MinutesDocument?> BuildLiveAsync(AppDbContext db, Actor actor, int meetingId, MinutesVerification? verification, CancellationToken ct)
    {
        var m = await db.Meetings.AsNoTracking()
            .Include(x => x.Agenda).Include(x => x.Speakers).ThenInclude(s => s.Agency)
            .Include(x => x.Attendees).ThenInclude(a => a.Agency)
            .Include(x => x.Invitations).ThenInclude(i => i.Agency)
            .Include(x => x.Decisions).ThenInclude(d => d.Bidang)
            .Include(x => x.Amendments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == meetingId, ct);
        if (m is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, m.RegionCode);

        var district = MeetingService.DistrictOf(m.RegionCode);
        var letterhead = await LetterheadService.LoadAsync(db, district, ct);
        var regionName = await db.Regions.Where(r => r.Code == m.RegionCode).Select(r => r.Name).FirstAsync(ct);
        var today = ActionService.TodayAt(clock);
        var own = await ActionService.ForMeetingAsync(db, access, actor, meetingId, today, ct);
        var carried = await ActionService.CarriedOverAsync(db, access, actor, meetingId, today, ct);

        // The editor's list, then those who checked in on their phones (in the order they came), with their signatures.
        var checkIns = await db.CheckIns.AsNoTracking().Include(c => c.Agency).Where(c => c.MeetingId == meetingId)
            .OrderBy(c => c.CheckedInAt).ThenBy(c => c.Id).ToListAsync(ct);
        var attendees = m.Attendees.OrderBy(a => a.Order)
            .Concat(checkIns.Select(c => new Attendee { Name = c.Name, Position = c.Position, AgencyId = c.AgencyId, Agency = c.Agency, GuestOrganisation = c.GuestOrganisation }))
            .ToList();
        var signatures = new byte[]?[m.Attendees.Count].Concat(checkIns.Select(c => c.Signature)).ToList();
        var particulars = new List<LabelledLine>
        {
            new("Hari/Tanggal", IndonesianFormat.DayAndDate(m.Date)),
            new("Waktu", IndonesianFormat.TimeRange(m.StartTime, m.EndTime, m.TimeZone)),
            new("Tempat", m.Venue),
            new("Pimpinan Rapat", Person(m.ChairName, m.ChairPosition)),
            new("Notulis", Person(m.NoteTakerName, m.NoteTakerPosition)),
            new("Peserta", ParticipantsLine(attendees, m.OnlineParticipants)),
        };

        var proceedings = new List<ProceedingSection>();
        if (!string.IsNullOrWhiteSpace(m.GeneralNotes))
        {
            proceedings.Add(new ProceedingSection("Pembukaan dan catatan umum", m.GeneralNotes));
        }
        proceedings.AddRange(m.Agenda.OrderBy(a => a.Order).Where(a => !string.IsNullOrWhiteSpace(a.Notes))
            .Select(a => new ProceedingSection($"{a.Order}. {a.Title}", a.Notes)));

        var place = SigningPlace(m.SigningPlace, letterhead.SigningPlace, regionName);
        var statusNote = verification is { Version: > 1 } v
            ? $"Notulen final versi {v.Version}, menggantikan versi {v.Version - 1} (lihat catatan perubahan)."
            : verification is not null ? "Notulen final."
            : $"DRAF - status rapat: {m.Status.Display()}. Notulen belum final.";
        var statusDate = verification?.FinalizedOn ?? IndonesianFormat.Date(today);
        var actionNote = own.Count + carried.Count == 0 ? ""
            : $"Status tindak lanjut per {statusDate}. Perkembangan sesudahnya dicatat di pelacak tindak lanjut portal TPPS.";

        return new MinutesDocument(
            new LetterheadBlock(letterhead.Government, letterhead.Office, letterhead.Address, letterhead.Logo),
            "NOTULEN RAPAT",
            m.Title.ToUpperInvariant(),
            particulars,
            AgencyAttendance(m.Invitations, attendees),
            m.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList(),
            m.Purpose,
            m.Speakers.OrderBy(s => s.Order).Select(s => new SpeakerLine(s.Name, s.Position, s.Agency?.Name ?? s.Origin, s.Topic)).ToList(),
            proceedings,
            m.Decisions.OrderBy(d => d.Number).Select(d => new DecisionLine(d.Number, d.Text, d.Bidang?.Name)).ToList(),
            own.Select(a => ToLine(a, null)).ToList(),
            carried.Select(a => ToLine(a, $"{a.MeetingTitle} ({IndonesianFormat.Date(a.MeetingDate)})")).ToList(),
            actionNote,
            m.EndTime is { } end ? $"Rapat ditutup pukul {IndonesianFormat.Time(end)} {m.TimeZone}." : "",
            $"{place}, {IndonesianFormat.Date(m.SigningDate ?? m.Date)}",
            new Signatory("Pimpinan Rapat", m.ChairName, m.ChairPosition, m.ChairNip),
            new Signatory("Notulis", m.NoteTakerName, m.NoteTakerPosition, m.NoteTakerNip),
            attendees.Select((a, i) => new AttendeeLine(i + 1, a.Name, a.Position, a.Agency?.Name ?? a.GuestOrganisation ?? "", signatures[i])).ToList(),
            m.Amendments.OrderBy(a => a.AmendedAt).Select(a => new AmendmentLine(
                IndonesianFormat.Date(LocalDate(a.AmendedAt, m.TimeZone)), a.AmendedBy, a.Reason, a.Summary)).ToList(),
            statusNote,
            m.IsExample,
            new DocumentInfo($"Notulen {m.Title}" + (verification is { } info ? $" (versi {info.Version})" : ""),
                $"{letterhead.Office} {regionName}".Trim(), $"{m.Kind.Display()} {IndonesianFormat.Date(m.Date)}", clock.GetUtcNow()),
            verification);
    }

    /// <summary>
    /// "33 orang dari 12 instansi/lembaga (daftar hadir terlampir); 5 orang mengikuti secara daring.": people on the
    /// signed list, and the organisations they came from (registered agencies and guests' organisations alike).
    /// </summary>
    internal static string ParticipantsLine(IReadOnlyList<Attendee> attendees, int online)
    {
        var daring = online > 0 ? $"{IndonesianFormat.Number(online)} orang mengikuti secara daring" : "";
        if (attendees.Count == 0)
        {
            return online > 0 ? $"Daftar hadir belum dicatat; {daring}." : "Belum dicatat.";
        }
        var organisations = attendees
            .Select(a => a.AgencyId is { } id ? $"#{id}" : (a.GuestOrganisation ?? "").Trim().ToUpperInvariant())
            .Where(o => o.Length > 0).Distinct().Count();
        return $"{IndonesianFormat.Number(attendees.Count)} orang dari {IndonesianFormat.Number(organisations)} instansi/lembaga (daftar hadir terlampir)" +
               (online > 0 ? $"; {daring}." : ".");
    }

    /// <summary>
    /// The invited agencies by how they attended: present (marked Hadir, or someone of theirs signed the list; agencies
    /// that came uninvited too), represented (with whom, from the list), absent, and those with no record of coming. Empty lines are left out.
    /// </summary>
    internal static IReadOnlyList<LabelledLine> AgencyAttendance(IReadOnlyList<Invitation> invitations, IReadOnlyList<Attendee> attendees)
    {
        var byAgency = attendees.Where(a => a.AgencyId is not null).ToLookup(a => a.AgencyId!.Value);
        var present = new List<string>();
        var represented = new List<string>();
        var absent = new List<string>();
        var unknown = new List<string>();
        foreach (var invitation in invitations.OrderBy(i => i.Agency?.Name, StringComparer.OrdinalIgnoreCase))
        {
            var name = invitation.Agency?.Name ?? "";
            var people = byAgency[invitation.AgencyId].ToList();
            switch (invitation.Attendance)
            {
                case AttendanceStatus.Diwakili:
                    represented.Add(people.Count == 0 ? name : $"{name} (oleh {string.Join("; ", people.Select(p => Person(p.Name, p.Position)))})");
                    break;
                case AttendanceStatus.Hadir:
                    present.Add(name);
                    break;
                case var _ when people.Count > 0:
                    present.Add(name);
                    break;
                case AttendanceStatus.TidakHadir:
                    absent.Add(name);
                    break;
                default:
                    unknown.Add(name);
                    break;
            }
        }
        var invited = invitations.Select(i => i.AgencyId).ToHashSet();
        present.AddRange(attendees.Where(a => a.AgencyId is { } id && !invited.Contains(id)).Select(a => a.Agency?.Name ?? "")
            .Where(n => n.Length > 0).Distinct().OrderBy(n => n, StringComparer.OrdinalIgnoreCase).Select(n => n + " (tidak diundang)"));

        var lines = new List<LabelledLine>();
        Add("Hadir", present);
        Add("Diwakili", represented);
        Add("Tidak hadir", absent);
        Add("Tidak tercatat hadir", unknown);
        return lines;

        void Add(string label, List<string> names)
        {
            if (names.Count > 0)
            {
                lines.Add(new LabelledLine($"{label} ({IndonesianFormat.Number(names.Count)})", string.Join(", ", names) + "."));
            }
        }
    }

    // ----- helpers -----

    /// <summary>Where minutes are signed: the meeting's place, else the letterhead's (the district's seat), else the organiser's name.</summary>
    internal static string SigningPlace(string? meetingPlace, string letterheadPlace, string regionName) =>
        !string.IsNullOrWhiteSpace(meetingPlace) ? meetingPlace.Trim()
        : !string.IsNullOrWhiteSpace(letterheadPlace) ? letterheadPlace
        : regionName;

    private string PortalAddress(string? fromRequest, string? previousUrl)
    {
        var address = !string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? options.Value.PublicUrl
            : !string.IsNullOrWhiteSpace(fromRequest) ? fromRequest
            : previousUrl is { } url && url.IndexOf(VerificationPath, StringComparison.Ordinal) is var at and > 0 ? url[..at]
            : "http://localhost:5080/";
        return address.EndsWith('/') ? address : address + "/";
    }

    private static string NewCode() =>
        string.Create(MinutesVersion.CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
            }
        });

    private static MinutesDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<MinutesDocument>(json, Json) ?? throw new InvalidOperationException("A stored minutes version is empty.");

    private static DateOnly LocalDate(DateTimeOffset at, string timeZone) =>
        DateOnly.FromDateTime(at.UtcDateTime.AddHours(MeetingService.OffsetHours(timeZone)).Date);

    private static string LocalDateTime(DateTimeOffset at, string timeZone)
    {
        var local = at.UtcDateTime.AddHours(MeetingService.OffsetHours(timeZone));
        return $"{IndonesianFormat.Date(DateOnly.FromDateTime(local))} pukul {IndonesianFormat.Time(TimeOnly.FromDateTime(local))} {timeZone}";
    }

    private static string Person(string name, string position) =>
        string.IsNullOrWhiteSpace(name) ? "-" : string.IsNullOrWhiteSpace(position) ? name : $"{name} ({position})";

    private static ActionLine ToLine(ActionRow a, string? origin) =>
        new(a.Number, a.Description, a.ResponsibleAgency, IndonesianFormat.Date(a.DueDate),
            a.IsOverdue ? $"{a.Status.Display()} (terlambat)" : a.Status.Display(), a.IsOverdue, origin);
}

/// <summary>Where the portal is reached from outside (<c>Tpps:PublicUrl</c>), for the verification address printed on minutes.</summary>
public sealed class MinutesOptions
{
    public string? PublicUrl { get; set; }
}

public sealed record MinutesVersionFile(int Number, byte[] Pdf, MinutesDocument Document);

public sealed record MinutesVersionView(int Number, string Code, string FinalizedBy, DateTimeOffset FinalizedAt, string? Reason, string Summary, string Sha256, int PdfBytes);

public sealed record MinutesVerificationView(
    string MeetingTitle, string MeetingDate, string RegionName, int Version, int LatestVersion, string Code,
    string FinalizedBy, string FinalizedAt, string Sha256, string? Reason, string Summary)
{
    public bool IsLatest => Version == LatestVersion;
}
