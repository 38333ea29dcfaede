using System.Text.RegularExpressions;
using TppsPortal.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace TppsPortal.Tests.Pdf;

public sealed partial class PdfTableTests
{
    private static readonly PdfPageSize A4 = PdfPageSize.A4Portrait.ToWholePoints();

    private const int Rows = 200;
    private const int LongRow = 120;
    private const int LongNoteWords = 1500;

    // The 200-row document is the slowest to make: once for the class.
    private static readonly Lazy<(PdfLayout Layout, byte[] Pdf)> LongTable = new(() =>
    {
        var builder = TestDocuments.LongTable(Rows, LongRow, LongNoteWords);
        return (builder.Layout(), builder.ToBytes());
    });

    [Fact]
    public void Table_200RowsWithLongTexts_SpansPagesWithTheHeaderRowAtTheTopOfEveryPage()
    {
        using var document = PdfDocument.Open(LongTable.Value.Pdf);

        Assert.True(document.NumberOfPages >= 8, $"Only {document.NumberOfPages} pages.");
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().ToList();
            var header = words.Where(w => w.Text == "Uraian").ToList();
            var headerWord = Assert.Single(header);
            var body = words.Where(w => RowMarker().IsMatch(w.Text) || NoteWord().IsMatch(w.Text)).ToList();
            Assert.NotEmpty(body);
            Assert.All(body, w => Assert.True(w.BoundingBox.Top < headerWord.BoundingBox.Bottom,
                $"Page {page.Number}: '{w.Text}' is above the header row."));
            if (page.Number > 1)
            {
                // The repeated header row is the first thing in the body.
                var bodyTop = page.Height - TestDocuments.Margins.Top;
                Assert.InRange(headerWord.BoundingBox.Top, bodyTop - 20, bodyTop);
            }
        }
    }

    [Fact]
    public void Table_200Rows_AllRowsArePresentInOrder()
    {
        using var document = PdfDocument.Open(LongTable.Value.Pdf);

        var markers = document.GetPages()
            .SelectMany(p => p.GetWords().Where(w => RowMarker().IsMatch(w.Text)).OrderByDescending(w => w.BoundingBox.Top))
            .Select(w => w.Text)
            .ToList();

        Assert.Equal(Enumerable.Range(1, Rows).Select(i => $"R{i:D3}"), markers);
    }

    [Fact]
    public void Table_200RowsWithLongTexts_NoGlyphCrossesTheMargins()
    {
        PdfAssert.OperationsInsideMargins(LongTable.Value.Layout);
        using var document = PdfDocument.Open(LongTable.Value.Pdf);
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, TestDocuments.Margins);
    }

    [Fact]
    public void Table_RowWithNoteLongerThanAPage_IsSplitAcrossPagesWithItsTextComplete()
    {
        using var document = PdfDocument.Open(LongTable.Value.Pdf);

        var pagesWithNote = new List<int>();
        var words = new List<string>();
        foreach (var page in document.GetPages())
        {
            var found = NoteWord().Matches(page.Text).Select(m => m.Value).ToList();
            if (found.Count > 0)
            {
                pagesWithNote.Add(page.Number);
                words.AddRange(found);
            }
        }

        Assert.True(pagesWithNote.Count >= 2, "The long note should span pages.");
        Assert.Equal(pagesWithNote, Enumerable.Range(pagesWithNote[0], pagesWithNote.Count));
        Assert.Equal(Enumerable.Range(1, LongNoteWords).Select(i => $"kata{i:D4}"), words);
    }

    [Fact]
    public void Table_RowWithNoteLongerThanAPage_FillsThePagesItSpans()
    {
        var layout = LongTable.Value.Layout;
        var pages = layout.Pages.Where(p => p.Operations.OfType<PdfTextOp>().Any(o => o.Text.Contains("kata", StringComparison.Ordinal))).ToList();

        foreach (var page in pages.SkipLast(1))
        {
            var lowest = page.Operations.OfType<PdfTextOp>().Where(o => o.Baseline < page.BodyBottom).Max(o => o.Baseline + o.Descent);
            Assert.True(page.BodyBottom - lowest < 25, $"Page {page.Number} leaves {page.BodyBottom - lowest:0.#} pt unused.");
        }
    }

    [Fact]
    public void Table_RowThatDoesNotFit_MovesToTheNextPageWhole()
    {
        var layout = LongTable.Value.Layout;
        string[] headerTexts = ["No", "Uraian Kegiatan", "Penanggung Jawab", "Tenggat"];

        // A row continued from the previous page has no marker in its first column: its text comes before the
        // first marker of the page. Only the long note may continue like that.
        var continued = new List<(int Page, string Text)>();
        foreach (var page in layout.Pages)
        {
            foreach (var op in page.Operations.OfType<PdfTextOp>())
            {
                if (RowMarker().IsMatch(op.Text))
                {
                    break;
                }

                if (op.Baseline < page.BodyBottom && !headerTexts.Contains(op.Text) && op.Text != "RENCANA TINDAK LANJUT")
                {
                    continued.Add((page.Number, op.Text));
                }
            }
        }

        Assert.NotEmpty(continued);
        Assert.All(continued, c => Assert.Matches(NoteWord(), c.Text));
    }

    [Fact]
    public void Table_ZigZagSignatureColumn_OddRowsLeftEvenRowsRight()
    {
        const float padding = 4;
        var builder = new PdfDocumentBuilder()
            .Margins(TestDocuments.Margins)
            .Content(c => c.Table(t =>
            {
                t.Column(PdfLength.Absolute(30), TextAlign.Center).Column(PdfLength.Relative()).Column(PdfLength.Absolute(150))
                 .Padding(padding, 3)
                 .Header("No", "Nama", "Tanda Tangan");
                for (var i = 1; i <= 6; i++)
                {
                    var n = i;
                    t.Row(r => r.Height(28).Cell($"{n}").Cell(TestDocuments.Names[n]).Cell($"{n}. ........", n % 2 == 1 ? TextAlign.Left : TextAlign.Right));
                }
            }));

        var cellRight = A4.Width - TestDocuments.Margins.Right;
        var cellLeft = cellRight - 150;
        var ops = builder.Layout().Pages[0].Operations.OfType<PdfTextOp>().Where(o => o.Text.EndsWith("........", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, ops.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(cellLeft + padding, ops[i].X, 0.01);
            }
            else
            {
                Assert.Equal(cellRight - padding, ops[i].X + ops[i].Width, 0.01);
            }
        }

        using var document = PdfDocument.Open(builder.ToBytes());
        var words = document.GetPage(1).GetWords().ToList();
        var numbers = words.Where(w => SignatureWord().IsMatch(w.Text)).OrderByDescending(w => w.BoundingBox.Top).ToList();
        var dots = words.Where(w => w.Text == "........").OrderByDescending(w => w.BoundingBox.Top).ToList();
        Assert.Equal(6, numbers.Count);
        Assert.Equal(6, dots.Count);
        var middle = (cellLeft + cellRight) / 2;
        for (var i = 0; i < 6; i++)
        {
            if (i % 2 == 0)
            {
                Assert.InRange(numbers[i].BoundingBox.Left, cellLeft + padding - 0.5, cellLeft + padding + 1);
                Assert.True(dots[i].BoundingBox.Right < middle);
            }
            else
            {
                Assert.InRange(dots[i].BoundingBox.Right, cellRight - padding - 1.5, cellRight - padding + 0.5);
                Assert.True(numbers[i].BoundingBox.Left > middle);
            }
        }
    }

    [Fact]
    public void Table_ColumnWidths_AbsoluteFirstRelativeShareTheRest()
    {
        var layout = new PdfDocumentBuilder().Margins(PdfMargins.Mm(20))
            .Content(c => c.Table(t => t
                .Column(PdfLength.Absolute(100)).Column(PdfLength.Relative(1)).Column(PdfLength.Relative(3))
                .Row("a", "b", "c")))
            .Layout();

        var borders = layout.Pages[0].Operations.OfType<PdfRectOp>().Where(r => r.Stroke is not null).ToList();
        var rest = A4.Width - (2 * PdfUnits.Mm(20)) - 100;
        Assert.Equal([100f, rest / 4, rest * 3 / 4], borders.Select(b => b.Width).ToArray(), (a, b) => Math.Abs(a - b) < 0.01);
    }

    [Fact]
    public void Table_HeaderShading_IsDrawnBehindHeaderCellsOnly()
    {
        var layout = new PdfDocumentBuilder()
            .Content(c => c.Table(t => t.Column(PdfLength.Relative()).Column(PdfLength.Relative())
                .HeaderShading(PdfColor.FromHex("#D9E2F3")).Header("Desa", "Prevalensi").Row("Baruga", "12,4 %")))
            .Layout();

        var fills = layout.Pages[0].Operations.OfType<PdfRectOp>().Where(r => r.Fill is not null).ToList();
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.Equal(PdfColor.FromHex("#D9E2F3"), f.Fill));
        var headerText = layout.Pages[0].Operations.OfType<PdfTextOp>().First(o => o.Text == "Desa");
        Assert.True(headerText.Style.Bold);
        Assert.True(layout.Pages[0].Operations.ToList().IndexOf(fills[0]) < layout.Pages[0].Operations.ToList().IndexOf(headerText));
    }

    [GeneratedRegex(@"^R\d{3}$")]
    private static partial Regex RowMarker();

    [GeneratedRegex(@"kata\d{4}")]
    private static partial Regex NoteWord();

    [GeneratedRegex(@"^\d+\.$")]
    private static partial Regex SignatureWord();
}
