using TppsPortal.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Pdf;

public sealed class PdfDocumentTests
{
    private static readonly PdfPageSize A4 = PdfPageSize.A4Portrait.ToWholePoints();

    private static readonly Lazy<(PdfLayout Layout, byte[] Pdf)> Minutes = new(() =>
    {
        var builder = TestDocuments.Minutes();
        return (builder.Layout(), builder.ToBytes());
    });

    [Fact]
    public void Footer_HalamanXDariY_IsCorrectOnEveryPage()
    {
        var pdf = TestDocuments.LongTable(60).ToBytes();

        using var document = PdfDocument.Open(pdf);
        var count = document.NumberOfPages;
        Assert.True(count >= 3);
        foreach (var page in document.GetPages())
        {
            Assert.Contains($"Halaman {page.Number} dari {count}", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain($"dari {count + 1}", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HeaderAndFooter_StayInsideTheMarginsAndOffTheBody()
    {
        var (layout, pdf) = Minutes.Value;

        PdfAssert.OperationsInsideMargins(layout);
        using var document = PdfDocument.Open(pdf);
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, TestDocuments.Margins);
        foreach (var page in layout.Pages)
        {
            var footer = page.Operations.OfType<PdfTextOp>().Single(o => o.Text.StartsWith("Halaman", StringComparison.Ordinal));
            Assert.True(footer.Baseline - footer.Ascent >= page.BodyBottom);
            var body = page.Operations.OfType<PdfTextOp>().Where(o => o != footer && o.Baseline > page.BodyTop);
            Assert.All(body, o => Assert.True(o.Baseline + o.Descent <= page.BodyBottom + 0.01, $"'{o.Text}' runs into the footer."));
        }
    }

    [Fact]
    public void Header_DifferentOnFirstPage_ReservesItsOwnHeightPerPage()
    {
        var layout = Minutes.Value.Layout;

        Assert.True(layout.Pages.Count >= 2);
        Assert.Contains(layout.Pages[0].Operations.OfType<PdfTextOp>(), o => o.Text == "TIM PERCEPATAN PENURUNAN STUNTING");
        Assert.DoesNotContain(layout.Pages[1].Operations.OfType<PdfTextOp>(), o => o.Text == "TIM PERCEPATAN PENURUNAN STUNTING");
        Assert.True(layout.Pages[0].BodyTop > layout.Pages[1].BodyTop + 30);
        Assert.Single(layout.Pages[0].Operations.OfType<PdfImageOp>());
    }

    [Fact]
    public void Metadata_TitleAuthorAndCreationDate_AreReadBack()
    {
        using var document = PdfDocument.Open(Minutes.Value.Pdf);

        Assert.Equal("Notulen Rapat Koordinasi TPPS Kabupaten Luwu Timur", document.Information.Title);
        Assert.Equal("Sekretariat TPPS Kabupaten Luwu Timur", document.Information.Author);
        Assert.Equal("Notulen rakor", document.Information.Subject);
        Assert.Equal("TPPS Portal", document.Information.Creator);
        Assert.Equal(TestDocuments.Created.UtcDateTime, document.Information.GetCreatedDateTimeOffset()?.UtcDateTime);
    }

    [Fact]
    public void Pdf_PassesQpdfCheck()
    {
        var result = PdfTools.QpdfCheck(Minutes.Value.Pdf);

        Assert.True(result.ExitCode == 0, $"qpdf --check exited {result.ExitCode}:\n{result.Output}\n{result.Error}");
    }

    [Fact]
    public void Pdf_EmbedsEveryFontItUses()
    {
        var fonts = PdfTools.Fonts(Minutes.Value.Pdf);

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.True(f.Embedded, $"{f.Name} is not embedded."));
        Assert.Contains(fonts, f => f.Name.EndsWith("LiberationSans", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Name.EndsWith("LiberationSans-Bold", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepTogether_GroupThatDoesNotFit_StartsOnTheNextPage()
    {
        var filler = TestDocuments.NumberedWords(560);
        var layout = new PdfDocumentBuilder().Margins(TestDocuments.Margins)
            .Content(c => c
                .Paragraph(filler)
                .KeepTogether(k => k.Paragraph("Pimpinan Rapat,").Spacing(60).Paragraph("H. BUDIMAN").Paragraph("Wakil Bupati")))
            .Layout();

        var page = Assert.Single(layout.Pages, p => p.Operations.OfType<PdfTextOp>().Any(o => o.Text == "Pimpinan Rapat,"));
        Assert.Equal(2, page.Number);
        Assert.Contains(page.Operations.OfType<PdfTextOp>(), o => o.Text == "Wakil Bupati");
        var first = layout.Pages[0].Operations.OfType<PdfTextOp>().Max(o => o.Baseline);
        Assert.True(layout.Pages[0].BodyBottom - first < 120, "The filler should nearly fill page 1 for this test to mean something.");
    }

    [Fact]
    public void PageBreak_StartsANewPage()
    {
        var layout = new PdfDocumentBuilder()
            .Content(c => c.PageBreak().Paragraph("Notulen").PageBreak().Paragraph("Daftar hadir").PageBreak())
            .Layout();

        Assert.Equal(2, layout.Pages.Count);
        Assert.Equal("Daftar hadir", Assert.Single(layout.Pages[1].Operations.OfType<PdfTextOp>()).Text);
    }

    [Fact]
    public void Columns_TwoSignatureBlocks_SitSideBySideInTheirHalves()
    {
        var layout = new PdfDocumentBuilder().Margins(PdfMargins.Mm(20))
            .Content(c => c.Columns(cols => cols
                .Column(PdfLength.Relative(), s => s.Paragraph("Pimpinan Rapat,", align: TextAlign.Center).Spacing(40).Paragraph("H. BUDIMAN", align: TextAlign.Center))
                .Column(PdfLength.Relative(), s => s.Paragraph("Notulis,", align: TextAlign.Center).Spacing(40).Paragraph("Hj. A. HUSNIATI", align: TextAlign.Center))
                .Gap(20)))
            .Layout();

        var ops = layout.Pages[0].Operations.OfType<PdfTextOp>().ToDictionary(o => o.Text);
        var left = PdfUnits.Mm(20);
        var half = (A4.Width - (2 * left) - 20) / 2;
        Assert.Equal(left + (half / 2), ops["Pimpinan Rapat,"].X + (ops["Pimpinan Rapat,"].Width / 2), 0.01);
        Assert.Equal(left + half + 20 + (half / 2), ops["Notulis,"].X + (ops["Notulis,"].Width / 2), 0.01);
        Assert.Equal(ops["Pimpinan Rapat,"].Baseline, ops["Notulis,"].Baseline, 0.01);
        Assert.Equal(ops["H. BUDIMAN"].Baseline, ops["Hj. A. HUSNIATI"].Baseline, 0.01);
    }

    [Fact]
    public void Image_IsScaledToItsMaximumBoxKeepingItsAspectRatio()
    {
        var logo = TestDocuments.Logo(120, 140);
        var layout = new PdfDocumentBuilder()
            .Content(c => c.Image(logo, maxWidth: 200, maxHeight: 70, TextAlign.Center))
            .Layout();

        var image = Assert.Single(layout.Pages[0].Operations.OfType<PdfImageOp>());
        Assert.Equal(70, image.Height, 0.01);
        Assert.Equal(60, image.Width, 0.01);
        Assert.Equal(A4.Width / 2, image.X + (image.Width / 2), 0.01);
        Assert.Throws<ArgumentException>(() => new PdfContent().Image([1, 2, 3], 10, 10));
    }

    [Fact]
    public void Landscape_PageIsWiderThanTall()
    {
        var pdf = TestDocuments.LongTable(30, size: PdfPageSize.A4Landscape).ToBytes();

        using var document = PdfDocument.Open(pdf);
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Landscape, TestDocuments.Margins);
        Assert.Equal(842, document.GetPage(1).Width, 0.01);
        Assert.Equal(595, document.GetPage(1).Height, 0.01);
    }

    [Fact]
    public void ToBytes_OnSeveralThreadsAtOnce_GivesTheSameDocument()
    {
        var expected = Minutes.Value.Pdf;

        var results = new byte[4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = TestDocuments.Minutes().ToBytes());

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Sample_Minutes_IsSavedAsPdfAndFirstPagePng()
    {
        var folder = Artifacts.Folder;
        var pdfPath = Path.Combine(folder, "pdf-sample-minutes.pdf");
        File.WriteAllBytes(pdfPath, Minutes.Value.Pdf);
        foreach (var old in Directory.EnumerateFiles(folder, "pdf-sample-minutes-*.png"))
        {
            File.Delete(old);
        }

        var png = PdfTools.FirstPagePng(pdfPath, Path.Combine(folder, "pdf-sample-minutes"));

        Assert.True(new FileInfo(png).Length > 1000);
    }
}
