using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Meetings;

/// <summary>Builds the document models of the minutes and of the blank attendance sheet, for readers of the meeting only.</summary>
public sealed class MinutesService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ActionService actions, TimeProvider clock)
{
    public const int SpareGuestRows = 10;

    public async Task<MinutesDocument?> BuildMinutesAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
        var own = await actions.ForMeetingAsync(actor, meetingId, ct);
        var carried = await actions.CarriedOverAsync(actor, meetingId, ct);

        var attendees = m.Attendees.OrderBy(a => a.Order).ToList();
        var agencyCount = attendees.Select(a => a.AgencyId?.ToString() ?? a.GuestOrganisation).Distinct().Count();
        var present = m.Invitations.Where(i => i.Attendance is AttendanceStatus.Hadir or AttendanceStatus.Diwakili).Select(i => i.Agency!.Name).OrderBy(n => n).ToList();
        var particulars = new List<LabelledLine>
        {
            new("Hari/Tanggal", IndonesianFormat.DayAndDate(m.Date)),
            new("Waktu", IndonesianFormat.TimeRange(m.StartTime, m.EndTime, m.TimeZone)),
            new("Tempat", m.Venue),
            new("Pimpinan Rapat", Person(m.ChairName, m.ChairPosition)),
            new("Notulis", Person(m.NoteTakerName, m.NoteTakerPosition)),
            new("Peserta", attendees.Count == 0
                ? "Belum dicatat."
                : $"{IndonesianFormat.Number(attendees.Count)} orang dari {IndonesianFormat.Number(agencyCount)} instansi/lembaga (daftar hadir terlampir)" +
                  (present.Count > 0 ? ": " + string.Join(", ", present) + "." : ".")),
        };

        var proceedings = new List<ProceedingSection>();
        if (!string.IsNullOrWhiteSpace(m.GeneralNotes))
        {
            proceedings.Add(new ProceedingSection("Pembukaan dan catatan umum", m.GeneralNotes));
        }
        proceedings.AddRange(m.Agenda.OrderBy(a => a.Order).Where(a => !string.IsNullOrWhiteSpace(a.Notes))
            .Select(a => new ProceedingSection($"{a.Order}. {a.Title}", a.Notes)));

        var finalDate = m.FinalizedAt is { } f ? DateOnly.FromDateTime(f.AddHours(MeetingService.OffsetHours(m.TimeZone)).Date) : m.Date;
        var place = string.IsNullOrWhiteSpace(letterhead.SigningPlace) ? regionName : letterhead.SigningPlace;
        var statusNote = m.Status switch
        {
            MeetingStatus.NotulenFinal when m.Amendments.Count > 0 => $"Notulen final, diubah {m.Amendments.Count} kali (lihat catatan perubahan).",
            MeetingStatus.NotulenFinal => "Notulen final.",
            _ => $"DRAF - status rapat: {m.Status.Display()}. Notulen belum final.",
        };

        return new MinutesDocument(
            new LetterheadBlock(letterhead.Government, letterhead.Office, letterhead.Address, letterhead.Logo),
            "NOTULEN RAPAT",
            m.Title.ToUpperInvariant(),
            particulars,
            m.Agenda.OrderBy(a => a.Order).Select(a => a.Title).ToList(),
            m.Purpose,
            m.Speakers.OrderBy(s => s.Order).Select(s => new SpeakerLine(s.Name, s.Position, s.Agency?.Name ?? s.Origin, s.Topic)).ToList(),
            proceedings,
            m.Decisions.OrderBy(d => d.Number).Select(d => new DecisionLine(d.Number, d.Text, d.Bidang?.Name)).ToList(),
            own.Select(a => ToLine(a, null)).ToList(),
            carried.Select(a => ToLine(a, $"{a.MeetingTitle} ({IndonesianFormat.Date(a.MeetingDate)})")).ToList(),
            m.EndTime is { } end ? $"Rapat ditutup pukul {IndonesianFormat.Time(end)} {m.TimeZone}." : "",
            $"{place}, {IndonesianFormat.Date(finalDate)}",
            new Signatory("Pimpinan Rapat", m.ChairName, m.ChairPosition, m.ChairNip),
            new Signatory("Notulis", m.NoteTakerName, m.NoteTakerPosition, m.NoteTakerNip),
            attendees.Select((a, i) => new AttendeeLine(i + 1, a.Name, a.Position, a.Agency?.Name ?? a.GuestOrganisation ?? "")).ToList(),
            m.Amendments.OrderBy(a => a.AmendedAt).Select(a => new AmendmentLine(
                IndonesianFormat.Date(DateOnly.FromDateTime(a.AmendedAt.AddHours(MeetingService.OffsetHours(m.TimeZone)).Date)), a.AmendedBy, a.Reason, a.Summary)).ToList(),
            statusNote,
            m.IsExample,
            new DocumentInfo($"Notulen {m.Title}", $"{letterhead.Office} {regionName}".Trim(), $"{m.Kind.Display()} {IndonesianFormat.Date(m.Date)}", clock.GetUtcNow()));
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

    private static string Person(string name, string position) =>
        string.IsNullOrWhiteSpace(name) ? "-" : string.IsNullOrWhiteSpace(position) ? name : $"{name} ({position})";

    private static ActionLine ToLine(ActionRow a, string? origin) =>
        new(a.Number, a.Description, a.ResponsibleAgency, IndonesianFormat.Date(a.DueDate),
            a.IsOverdue ? $"{a.Status.Display()} (terlambat)" : a.Status.Display(), a.IsOverdue, origin);
}
