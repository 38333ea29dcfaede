using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Notifications;

/// <summary>
/// The notifications that events cause, written into the event's own context and saved in its transaction
/// (a form approved without its notice, or the reverse, cannot happen). Texts are Indonesian, dates in words.
/// Events happen once, so their notifications carry no dedup key (a key would make a repeated invitation, say after
/// an agency is removed and invited again, fail the whole save); the scheduler's reminders do.
/// </summary>
public sealed class EventNotices(Notifier notifier, AccessPolicy access)
{
    // ----- camat forms -----

    /// <summary>A kecamatan submitted its form: the district's secretariat is to verify it.</summary>
    public async Task FormSubmittedAsync(AppDbContext db, KecamatanReport report, ReportingPeriod period, bool late, CancellationToken ct)
    {
        var kecamatan = await RegionNameAsync(db, report.KecamatanCode, ct);
        var when = IndonesianFormat.MonthYear(period.Year, period.Month);
        await notifier.AddAsync(db, new Audience.Secretariat(period.DistrictCode),
            a => access.CanVerifySubmission(a, report.KecamatanCode),
            new NotificationDraft(
                NotificationKind.FormSubmitted,
                $"Formulir {kecamatan} periode {when} menunggu verifikasi",
                $"{report.SubmittedBy} mengajukan formulir {kecamatan} periode {when}{(late ? " (terlambat)" : "")}. Periksa angkanya, lalu setujui atau kembalikan dengan catatan.",
                FormLink(period.Id, report.KecamatanCode),
                report.KecamatanCode), ct);
    }

    /// <summary>The secretariat returned, approved or reopened a form: its kecamatan hears of it.</summary>
    public async Task FormDecidedAsync(AppDbContext db, KecamatanReport report, NotificationKind kind, string? comment, string decidedBy, CancellationToken ct)
    {
        var period = await db.ReportingPeriods.AsNoTracking().FirstAsync(p => p.Id == report.PeriodId, ct);
        var kecamatan = await RegionNameAsync(db, report.KecamatanCode, ct);
        var when = IndonesianFormat.MonthYear(period.Year, period.Month);
        var (title, body) = kind switch
        {
            NotificationKind.FormReturned => (
                $"Formulir {kecamatan} periode {when} dikembalikan",
                $"{decidedBy} mengembalikan formulir dengan catatan: \"{comment}\". Perbaiki isian yang ditandai, lalu ajukan kembali sebelum {IndonesianFormat.Date(period.Deadline)}."),
            NotificationKind.FormApproved => (
                $"Formulir {kecamatan} periode {when} disetujui",
                $"{decidedBy} menyetujui formulir {kecamatan} periode {when}. Angkanya kini tampil di dasbor kabupaten."),
            NotificationKind.FormReopened => (
                $"Formulir {kecamatan} periode {when} dibuka kembali",
                $"{decidedBy} membuka kembali formulir yang sudah disetujui: \"{comment}\". Perbaiki, lalu ajukan kembali."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await notifier.AddAsync(db, new Audience.Kecamatan(report.KecamatanCode),
            a => access.CanEditSubmission(a, report.KecamatanCode),
            new NotificationDraft(kind, title, body, FormLink(period.Id, report.KecamatanCode), report.KecamatanCode), ct);
    }

    /// <summary>A period was opened: every kecamatan of the district, when the district wants it.</summary>
    public async Task PeriodOpenedAsync(AppDbContext db, ReportingPeriod period, CancellationToken ct)
    {
        var settings = await db.ReminderSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictCode == period.DistrictCode, ct)
                       ?? ReminderSettings.Defaults(period.DistrictCode);
        if (!settings.PeriodOpened)
        {
            return;
        }
        var when = IndonesianFormat.MonthYear(period.Year, period.Month);
        var recipients = await notifier.RecipientsAsync(db, new Audience.AllKecamatan(period.DistrictCode), ct);
        foreach (var user in recipients)
        {
            var kecamatan = user.RegionCode!;
            notifier.Add(db, [user], a => access.CanEditSubmission(a, kecamatan), new NotificationDraft(
                NotificationKind.PeriodOpened,
                $"Periode pelaporan {when} dibuka",
                $"Sekretariat TPPS membuka periode {when}. Isi angka setiap desa/kelurahan dan ajukan paling lambat {IndonesianFormat.DayAndDate(period.Deadline)}.",
                FormLink(period.Id, kecamatan),
                kecamatan,
                WhatsAppText: $"Periode pelaporan stunting {when} sudah dibuka di TPPS Portal. Mohon formulir kecamatan diisi dan diajukan paling lambat {IndonesianFormat.DayAndDate(period.Deadline)}."));
        }
    }

    // ----- meetings -----

    /// <summary>A meeting is scheduled: an invitation to the operators of the invited agencies (those not told yet).</summary>
    public async Task MeetingScheduledAsync(AppDbContext db, Meeting meeting, IReadOnlyCollection<int> agencyIds, CancellationToken ct)
    {
        if (agencyIds.Count == 0)
        {
            return;
        }
        var region = await RegionNameAsync(db, meeting.RegionCode, ct);
        var day = IndonesianFormat.DayAndDate(meeting.Date);
        var time = IndonesianFormat.TimeRange(meeting.StartTime, meeting.EndTime, meeting.TimeZone);
        var venue = string.IsNullOrWhiteSpace(meeting.Venue) ? "tempat menyusul" : meeting.Venue;
        var agenda = meeting.Agenda.OrderBy(a => a.Order).Select((a, i) => $"{i + 1}. {a.Title}").ToList();
        var body = $"{region} mengundang instansi Anda ke {meeting.Title}: {day}, pukul {time}, di {venue}." +
                   (agenda.Count > 0 ? " Acara: " + string.Join("; ", agenda) + "." : "");
        var whatsApp = $"Undangan {meeting.Title}\nHari/tanggal: {day}\nPukul: {time}\nTempat: {venue}" +
                       (agenda.Count > 0 ? "\nAcara:\n" + string.Join("\n", agenda) : "");
        await notifier.AddAsync(db, new Audience.AgencyOperators(agencyIds),
            a => access.CanReadMeeting(a, meeting.RegionCode),
            new NotificationDraft(NotificationKind.MeetingScheduled, $"Undangan: {meeting.Title}, {IndonesianFormat.Date(meeting.Date)}", body,
                MeetingLink(meeting.Id), meeting.RegionCode, WhatsAppText: whatsApp), ct);
    }

    /// <summary>Minutes were finalised (version 1) or amended (version 2, 3 ...): the attending agencies' operators.</summary>
    public async Task MinutesFinalAsync(AppDbContext db, Meeting meeting, string? amendmentReason, CancellationToken ct)
    {
        var attended = meeting.Invitations.Where(i => i.Attendance is AttendanceStatus.Hadir or AttendanceStatus.Diwakili).Select(i => i.AgencyId)
            .Concat(meeting.Attendees.Where(a => a.AgencyId != null).Select(a => a.AgencyId!.Value))
            .Concat(await db.CheckIns.Where(c => c.MeetingId == meeting.Id && c.AgencyId != null).Select(c => c.AgencyId!.Value).ToListAsync(ct))
            .Distinct().ToList();
        if (attended.Count == 0)
        {
            return;
        }
        var version = await db.MinutesVersions.Where(v => v.MeetingId == meeting.Id).MaxAsync(v => (int?)v.Number, ct) ?? 1;
        var day = IndonesianFormat.Date(meeting.Date);
        var (title, body) = amendmentReason is null
            ? ($"Notulen final: {meeting.Title}, {day}",
               $"Notulen {meeting.Title} ({day}) sudah final. Unduh PDF-nya dan periksa keputusan serta tindak lanjut untuk instansi Anda.")
            : ($"Notulen diubah (versi {version}): {meeting.Title}, {day}",
               $"Notulen {meeting.Title} ({day}) diubah menjadi versi {version} dengan alasan: \"{amendmentReason}\". Versi sebelumnya tetap dapat diunduh.");
        await notifier.AddAsync(db, new Audience.AgencyOperators(attended),
            a => access.CanReadMeeting(a, meeting.RegionCode),
            new NotificationDraft(NotificationKind.MinutesFinal, title, body, MeetingLink(meeting.Id), meeting.RegionCode), ct);
    }

    // ----- aksi konvergensi -----

    /// <summary>The province published its scores of a district's cycle: the district's secretariat can now read them.</summary>
    public async Task AssessmentPublishedAsync(AppDbContext db, string districtCode, int year, int total, string publishedBy, CancellationToken ct)
    {
        var district = await RegionNameAsync(db, districtCode, ct);
        await notifier.AddAsync(db, new Audience.Secretariat(districtCode),
            a => access.CanSeeAssessment(a, districtCode, published: true),
            new NotificationDraft(
                NotificationKind.AssessmentPublished,
                $"Penilaian aksi konvergensi {year} dipublikasikan",
                $"{publishedBy} mempublikasikan penilaian provinsi atas 8 aksi konvergensi {district} tahun {year}: total {total} dari {Convergence.Aksi.Count * Convergence.AksiAssessment.MaxScore}. Nilai dan komentar per aksi ada di papan aksi konvergensi.",
                $"aksi?tahun={year}",
                districtCode), ct);
    }

    public static string FormLink(int periodId, string kecamatanCode) => $"laporan/{periodId}/{kecamatanCode}";

    public static string MeetingLink(int meetingId) => $"rapat/{meetingId}";

    /// <summary>"Kecamatan Malili", "Kabupaten Luwu Timur".</summary>
    private static async Task<string> RegionNameAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => new { r.Name, r.Level }).FirstOrDefaultAsync(ct);
        return region is null ? code : region.Level.Title(region.Name);
    }
}
