using TppsPortal.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Pdf;

/// <summary>The vector drawing block (charts): kept whole on a page, labels anchored and readable as text.</summary>
public sealed class PdfDrawingTests
{
    private static readonly PdfMargins Margins = PdfMargins.Mm(20);

    private static PdfDocumentBuilder Document(int paragraphsBefore) =>
        new PdfDocumentBuilder()
            .PageSize(PdfPageSize.A4Portrait)
            .Margins(Margins)
            .Content(c =>
            {
                for (var i = 0; i < paragraphsBefore; i++)
                {
                    c.Paragraph($"Paragraf pengisi nomor {i + 1} sebelum grafik.");
                }
                c.Drawing(300, 200, d => d
                    .Rectangle(0, 0, 300, 200, stroke: PdfColor.Gray)
                    .Line(40, 170, 290, 170, PdfColor.Black)
                    .Polyline([(50, 150), (150, 100), (250, 60)], PdfColor.FromHex("#0072B2"), 1.6f)
                    .Polyline([(50, 150), (250, 120)], PdfColor.Black, 1f, dash: [4, 3])
                    .Circle(150, 100, 3, fill: PdfColor.FromHex("#0072B2"))
                    .Text("Kiri", 40, 190, TextStyle.Default with { Size = 8 }, TextAlign.Left)
                    .Text("Tengah", 150, 190, TextStyle.Default with { Size = 8 }, TextAlign.Center)
                    .Text("Kanan", 290, 190, TextStyle.Default with { Size = 8 }, TextAlign.Right));
                c.Paragraph("Sesudah grafik.");
            });

    [Fact]
    public void Drawing_ThatFits_StaysOnThePageWithItsLabelsAnchoredInsideItsBox()
    {
        var layout = Document(3).Layout();

        var page = Assert.Single(layout.Pages);
        var frame = page.Operations.OfType<PdfRectOp>().Single(r => Math.Abs(r.Width - 300) < 0.01);
        var labels = page.Operations.OfType<PdfTextOp>().Where(t => t.Text is "Kiri" or "Tengah" or "Kanan").ToDictionary(t => t.Text);
        Assert.Equal(frame.X + 40, labels["Kiri"].X, 0.01);
        Assert.Equal(frame.X + 150, labels["Tengah"].X + (labels["Tengah"].Width / 2), 0.01);
        Assert.Equal(frame.X + 290, labels["Kanan"].X + labels["Kanan"].Width, 0.01);
        Assert.All(labels.Values, l => Assert.Equal(frame.Y + 190, l.Baseline, 0.01));
        var after = page.Operations.OfType<PdfTextOp>().Single(t => t.Text.StartsWith("Sesudah", StringComparison.Ordinal));
        Assert.True(after.Baseline - after.Ascent >= frame.Y + frame.Height - 0.01, "the paragraph after the drawing starts below it");
        var dashed = page.Operations.OfType<PdfPathOp>().Single(p => p.Dash is not null);
        Assert.Equal([4f, 3f], dashed.Dash!);
        PdfAssert.OperationsInsideMargins(layout);
    }

    [Fact]
    public void Drawing_ThatDoesNotFit_MovesWholeToTheNextPage_AndItsLabelsReadBack()
    {
        var builder = Document(46); // the paragraphs leave less than 200 points on page 1
        var layout = builder.Layout();
        var pdf = builder.ToBytes();

        Assert.Equal(2, layout.Pages.Count);
        Assert.Empty(layout.Pages[0].Operations.OfType<PdfPathOp>());
        Assert.Empty(layout.Pages[0].Operations.OfType<PdfCircleOp>());
        Assert.Equal(2, layout.Pages[1].Operations.OfType<PdfPathOp>().Count(p => p.Points.Length > 2 || p.Dash is not null));
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPage(2).GetWords().Select(w => w.Text).ToList();
        Assert.Contains("Kiri", words);
        Assert.Contains("Tengah", words);
        Assert.Contains("Kanan", words);
        Assert.DoesNotContain("Tengah", document.GetPage(1).GetWords().Select(w => w.Text));
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, Margins);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public void Polyline_WithOnePointOrAnOddDashPattern_IsRefused()
    {
        var content = new PdfDocumentBuilder();

        Assert.Throws<ArgumentException>(() => content.Content(c => c.Drawing(100, 100, d => d.Polyline([(1, 1)], PdfColor.Black))));
        Assert.Throws<ArgumentException>(() => content.Content(c => c.Drawing(100, 100, d => d.Line(0, 0, 10, 10, PdfColor.Black, dash: [3]))));
    }
}
