using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;

namespace TppsPortal.Tests.Meetings;

/// <summary>The minutes as DOCX, built from the same model as the PDF and read back with the Open XML SDK.</summary>
public sealed class MinutesDocxTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private async Task<MinutesDocument> LutimMinutesAsync()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        int id;
        await using (var db = fixture.CreateContext())
        {
            id = await db.Meetings.Where(m => m.Title == DemoSeeder.LutimMeetingTitle).Select(m => m.Id).SingleAsync();
        }
        return (await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id))!;
    }

    [Fact]
    public async Task Docx_OfTheLuwuTimurRakor_HoldsTheModelsTitleAttendeesDecisionsActionsAndSignatures()
    {
        var doc = await LutimMinutesAsync();
        Assert.NotEmpty(doc.Attendance);
        Assert.NotEmpty(doc.Decisions);
        Assert.NotEmpty(doc.Actions);

        var bytes = MinutesDocxRenderer.Render(doc);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-luwu-timur.docx"), bytes);
        using var word = Open(bytes);
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();

        Assert.Empty(Validate(word));
        Assert.Equal(doc.Info.Title, word.PackageProperties.Title);
        Assert.Equal(doc.Info.Author, word.PackageProperties.Creator);
        Assert.Equal(doc.Info.Subject, word.PackageProperties.Subject);
        Assert.Contains(doc.Letterhead.Government, paragraphs);
        Assert.Contains(doc.Letterhead.Office, paragraphs);
        Assert.Contains(doc.Title, paragraphs);
        Assert.Contains(doc.Subtitle, paragraphs);
        Assert.Contains("Malili, 13 Februari 2024", paragraphs);
        // The demo minutes are final: the editable copy names the version and code of the official PDF.
        Assert.Contains(paragraphs, p => p.Contains($"notulen final versi 1 (kode verifikasi {doc.Verification!.PrintedCode})", StringComparison.Ordinal));
        Assert.Contains("Kehadiran instansi yang diundang:", paragraphs);
        Assert.Contains(doc.ActionStatusNote, paragraphs);
        Assert.Contains(doc.SigningPlaceAndDate, paragraphs);
        Assert.Contains(doc.Chair.Role + ",", paragraphs);
        Assert.Contains(doc.NoteTaker.Role + ",", paragraphs);
        Assert.Contains(body.Descendants<Paragraph>().Where(p => p.InnerText == doc.Chair.Name), p => p.Descendants<RunProperties>().All(r => r.Underline is not null));
        Assert.Contains(body.Descendants<Paragraph>().Where(p => p.InnerText == doc.NoteTaker.Name), p => p.Descendants<RunProperties>().All(r => r.Underline is not null));
        foreach (var decision in doc.Decisions)
        {
            Assert.Contains(paragraphs, p => p.StartsWith($"{decision.Number}.{decision.Text}", StringComparison.Ordinal));
        }

        var attendance = TableWithHeader(body, "No", "Nama", "Jabatan", "Instansi");
        Assert.Equal(
            doc.Attendance.Select(a => new[] { a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name, a.Position, a.Agency }),
            BodyRows(attendance));
        var actions = TableWithHeader(body, "No", "Tindak lanjut", "Penanggung jawab", "Batas waktu", "Status");
        Assert.Equal(
            doc.Actions.Select(a => new[] { a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Description, a.Responsible, a.DueDate, a.Status }),
            BodyRows(actions));
        Assert.DoesNotContain("Data contoh untuk demo.", paragraphs);
    }

    [Fact]
    public async Task Docx_IsA4PortraitWithThePdfsMarginsAndHeaderRowsThatRepeat()
    {
        var doc = await LutimMinutesAsync();

        using var word = Open(MinutesDocxRenderer.Render(doc));
        var body = word.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margins = section.GetFirstChild<PageMargin>()!;

        Assert.Equal(11906u, size.Width!.Value); // 210 mm
        Assert.Equal(16838u, size.Height!.Value); // 297 mm
        Assert.Equal((int)Math.Round(MinutesPdfRenderer.Margins.Top * 20), margins.Top!.Value);
        Assert.Equal((uint)Math.Round(MinutesPdfRenderer.Margins.Left * 20), margins.Left!.Value);
        var bordered = body.Descendants<Table>().Where(t => t.Descendants<TableHeader>().Any()).ToList();
        Assert.True(bordered.Count >= 2, $"{bordered.Count} tables with a repeating header row.");
        Assert.All(bordered, t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>()));
        var fonts = word.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        Assert.Equal("Liberation Sans", fonts.Ascii!.Value);
        Assert.Empty(word.MainDocumentPart.FontTablePart?.Fonts?.Elements<Font>().Where(f => f.Descendants<EmbedRegularFont>().Any()) ?? []);
    }

    [Fact]
    public async Task Docx_OfAnExampleMeeting_SaysSoInAVisibleLine()
    {
        var doc = await LutimMinutesAsync() with { IsExample = true };

        using var word = Open(MinutesDocxRenderer.Render(doc));
        var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
        var marker = paragraphs.Single(p => p.InnerText == "Data contoh untuk demo.");

        Assert.Contains(marker.Descendants<RunProperties>(), r => r.Vanish is null);
        Assert.True(paragraphs.IndexOf(marker) < paragraphs.FindIndex(p => p.InnerText == "LAMPIRAN: DAFTAR HADIR"));
    }

    [Fact]
    public async Task Docx_WithALetterheadLogo_EmbedsThePngInline()
    {
        var logo = TestDocuments.Logo();
        var doc = await LutimMinutesAsync();
        doc = doc with { Letterhead = doc.Letterhead with { Logo = logo } };

        using var word = Open(MinutesDocxRenderer.Render(doc));
        var image = Assert.Single(word.MainDocumentPart!.ImageParts);
        using var stored = new MemoryStream();
        using (var data = image.GetStream())
        {
            data.CopyTo(stored);
        }

        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(logo, stored.ToArray());
        Assert.Single(word.MainDocumentPart.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline>());
        Assert.Empty(Validate(word));
    }

    [Fact]
    public async Task Docx_WithoutSpeakersActionsOrAmendments_OpensAndHasNoEmptyTable()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor tanpa narasumber dan tindak lanjut", new DateOnly(2025, 11, 4));
        var doc = (await fixture.Get<MinutesService>().BuildMinutesAsync(admin, id))!;
        Assert.Empty(doc.Speakers);
        Assert.Empty(doc.Actions);
        Assert.Empty(doc.Amendments);

        using var word = Open(MinutesDocxRenderer.Render(doc));
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();

        Assert.Empty(Validate(word));
        Assert.Contains("Tidak ada rencana tindak lanjut.", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.Contains("Narasumber", StringComparison.Ordinal) || p.Contains("Catatan perubahan", StringComparison.Ordinal));
        Assert.All(body.Descendants<Table>(), t => Assert.Contains(t.Elements<TableRow>(), r => r.TableRowProperties?.GetFirstChild<TableHeader>() is null));
        Assert.Equal([["1", "Peserta Uji", "Kepala", doc.Attendance[0].Agency]], BodyRows(TableWithHeader(body, "No", "Nama", "Jabatan", "Instansi")));
        Assert.Contains("1.Kesepakatan uji pertama.", paragraphs);
        Assert.Contains(doc.StatusNote, paragraphs);
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);

    /// <summary>Schema errors Word would complain about ("unreadable content").</summary>
    private static List<string> Validate(WordprocessingDocument word) =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    private static Table TableWithHeader(Body body, params string[] header) =>
        body.Descendants<Table>().Single(t => t.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText).SequenceEqual(header));

    private static List<string[]> BodyRows(Table table) =>
        table.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(CellText).ToArray()).ToList();

    /// <summary>A cell's text with its line breaks as newlines.</summary>
    private static string CellText(TableCell cell) =>
        string.Join("\n", cell.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants().Select(e => e switch
        {
            Text t => t.Text,
            Break => "\n",
            _ => "",
        }))));
}
