using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Pdf;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Meetings;

/// <summary>The minutes PDF, read back as text with PdfPig, pdftotext, qpdf and pdffonts.</summary>
public sealed partial class MinutesPdfTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private async Task<int> SeedMeetingAsync(string title)
    {
        await using var db = fixture.CreateContext();
        return await db.Meetings.Where(m => m.Title == title).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task Minutes_OfTheLuwuTimurRakor_ReadBackWithEveryAttendeeDecisionAndPageNumber()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await SeedMeetingAsync(DemoSeeder.LutimMeetingTitle);
        var doc = await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id);

        var pdf = MinutesPdfRenderer.Render(doc!);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-luwu-timur.pdf"), pdf);
        var text = Squash(PdfTools.Text(pdf));
        using var document = PdfDocument.Open(pdf);

        Assert.Contains("NOTULEN RAPAT", text);
        Assert.Contains("Selasa, 13 Februari 2024", text);
        Assert.Contains("09.00 - 12.00 WITA", text);
        Assert.Contains("PEMERINTAH KABUPATEN LUWU TIMUR", text);
        Assert.Contains("Aula Kantor Bupati Luwu Timur", text);
        var names = ColumnInk(document, "Nama", "Jabatan");
        var agencies = ColumnInk(document, "Instansi", "Tanda");
        foreach (var attendee in doc!.Attendance)
        {
            Assert.Contains(PdfAssert.Ink(attendee.Name), names);
            Assert.Contains(PdfAssert.Ink(attendee.Agency), agencies);
        }
        foreach (var decision in doc.Decisions)
        {
            Assert.Matches($@"{decision.Number}\.\s*{Regex.Escape(Squash(decision.Text)[..20])}", text);
        }
        var ink = string.Concat(document.GetPages().Select(PdfAssert.Ink));
        Assert.Contains("NoTindaklanjutPenanggungjawabBataswaktuStatus", ink);
        Assert.Contains("Pengukuranserentakbalita", ColumnInk(document, "Tindak", "Penanggung"));
        Assert.Contains("Mochammad Akbar Andi Leluasa", text);
        Assert.Contains("Malili, 13 Februari 2024", text); // signed on the meeting's date unless the meeting says otherwise
        AssertPageNumbers(document);
        Assert.Equal(doc.Info.Title, document.Information.Title);
        Assert.Equal(doc.Info.Author, document.Information.Author);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.All(PdfTools.Fonts(pdf), f => Assert.True(f.Embedded, $"{f.Name} is not embedded"));
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, MinutesPdfRenderer.Margins);
    }

    [Fact]
    public async Task Minutes_With200AttendeesAndVeryLongText_SpanPagesRepeatTheHeaderAndStayInsideTheMargins()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor besar " + string.Join(" ", Enumerable.Repeat("percepatan penurunan stunting", 6));
        form.Date = new DateOnly(2025, 9, 2);
        form.Venue = "Gedung Serbaguna Malili";
        form.NoteTakerName = "Notulis";
        var longWord = new string('x', 120);
        form.GeneralNotes = string.Join(" ", Enumerable.Range(1, 900).Select(i => $"catatan{i}")) + " " + longWord;
        var dinkes = await fixture.AgencyIdAsync("73.24", "Dinkes");
        form.Attendees = Enumerable.Range(1, 200).Select(i => new AttendeeForm
        {
            Name = $"Peserta{i:000} " + string.Join(" ", Enumerable.Repeat("Nama Sangat Panjang Sekali", 3)),
            Position = "Kepala Seksi Kesehatan Keluarga dan Gizi Masyarakat Bidang Pelayanan",
            AgencyId = dinkes,
        }).ToList();
        form.Decisions = Enumerable.Range(1, 12).Select(i => new DecisionForm { Text = $"Keputusan{i} " + string.Join(" ", Enumerable.Repeat("yang panjang", 40)) }).ToList();
        var id = (await meetings.CreateAsync(admin, form)).Value;

        var doc = await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id);
        var pdf = MinutesPdfRenderer.Render(doc!);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-200-attendees.pdf"), pdf);
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        var attendancePages = pages.Where(p => PdfAssert.Ink(p).Contains("Peserta", StringComparison.Ordinal) && PdfAssert.Ink(p).Contains("TandaTangan", StringComparison.Ordinal)).ToList();
        var allText = Squash(PdfTools.Text(pdf));

        Assert.True(pages.Count >= 8, $"Only {pages.Count} pages.");
        Assert.True(attendancePages.Count >= 5, $"The attendance list spans {attendancePages.Count} pages.");
        Assert.All(attendancePages, p => Assert.Contains("NoNamaJabatanInstansiTandaTangan", PdfAssert.Ink(p)));
        for (var i = 1; i <= 200; i++)
        {
            Assert.Contains($"Peserta{i:000}", allText);
        }
        Assert.Contains("catatan900", allText);
        AssertPageNumbers(document);
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, MinutesPdfRenderer.Margins);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public async Task AttendanceSheet_ListsTheInvitedAgenciesWithZigZagSignatureNumbers()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var id = await SeedMeetingAsync(DemoSeeder.SoppengMeetingTitle);

        var doc = await fixture.Get<MinutesService>().BuildAttendanceSheetAsync(admin, id);
        var pdf = MinutesPdfRenderer.Render(doc!);
        using var document = PdfDocument.Open(pdf);
        var text = Squash(PdfTools.Text(pdf));
        var words = document.GetPages().SelectMany(p => p.GetWords()).ToList();
        var one = words.First(w => w.Text == "1.");
        var two = words.First(w => w.Text == "2.");

        Assert.Contains("DAFTAR HADIR", text);
        Assert.Contains("Selasa, 3 Desember 2024", text);
        var agencies = ColumnInk(document, "Instansi", "Tanda");
        Assert.Contains("RSUDLatemmamala", agencies);
        Assert.Contains("AkademiKebidananMenaraPrimadani", agencies);
        Assert.Equal(doc!.Rows.Count, doc.Rows.Max(r => r.Number));
        Assert.True(two.BoundingBox.Left > one.BoundingBox.Left + 40, "Even numbers sign on the right of the column.");
        AssertPageNumbers(document);
    }

    [Fact]
    public async Task Minutes_AfterAnAmendment_SayTheyWereAmendedAndWhy()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor dengan perubahan", new DateOnly(2025, 10, 7));
        Assert.True((await meetings.FinalizeAsync(admin, id, (await meetings.GetAsync(admin, id))!.Form.Version)).Succeeded);
        var form = (await meetings.GetAsync(admin, id))!.Form;
        form.Venue = "Ruang Rapat Sekda";
        form.AmendmentReason = "Tempat rapat salah tulis pada notulen.";
        Assert.True((await meetings.UpdateAsync(admin, id, form)).Succeeded);

        var pdf = MinutesPdfRenderer.Render((await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id))!);
        var text = Squash(PdfTools.Text(pdf));

        Assert.Contains("Notulen final versi 2, menggantikan versi 1", text);
        Assert.Contains("Catatan perubahan notulen", text);
        using var document = PdfDocument.Open(pdf);
        Assert.Contains(PdfAssert.Ink("Tempat rapat salah tulis pada notulen."), ColumnInk(document, "Alasan", "Perubahan"));
        Assert.Contains("Ruang Rapat Sekda", text);
    }

    /// <summary>
    /// The letters of one table column on every page where its header appears, top to bottom, without
    /// whitespace: a cell that wraps over several lines reads as one text, whatever the extraction order.
    /// </summary>
    private static string ColumnInk(PdfDocument document, string header, string nextHeader)
    {
        var ink = new System.Text.StringBuilder();
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().ToList();
            var head = words.FirstOrDefault(w => w.Text == header);
            var next = words.FirstOrDefault(w => w.Text == nextHeader && head is not null && Math.Abs(w.BoundingBox.Bottom - head.BoundingBox.Bottom) < 2);
            if (head is null || next is null)
            {
                continue;
            }
            var letters = page.Letters
                .Where(l => !string.IsNullOrWhiteSpace(l.Value))
                .Where(l => l.BoundingBox.Centroid.X >= head.BoundingBox.Left - 3 && l.BoundingBox.Centroid.X < next.BoundingBox.Left - 3)
                .Where(l => l.StartBaseLine.Y < head.BoundingBox.Bottom - 1)
                .OrderByDescending(l => Math.Round(l.StartBaseLine.Y, 1)).ThenBy(l => l.StartBaseLine.X);
            foreach (var letter in letters)
            {
                ink.Append(letter.Value);
            }
        }
        return ink.ToString();
    }

    private static void AssertPageNumbers(PdfDocument document)
    {
        var count = document.NumberOfPages;
        foreach (var page in document.GetPages())
        {
            Assert.Contains($"Halaman {page.Number} dari {count}", Squash(page.Text.Replace("Halaman", " Halaman ").Replace("dari", " dari ")));
        }
    }

    /// <summary>Collapses whitespace so that wrapped lines compare as one text.</summary>
    private static string Squash(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
