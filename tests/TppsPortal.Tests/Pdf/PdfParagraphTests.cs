using TppsPortal.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Pdf;

public sealed class PdfParagraphTests
{
    private static readonly PdfPageSize A4 = PdfPageSize.A4Portrait.ToWholePoints();

    private static readonly PdfMargins Margins = TestDocuments.Margins;

    [Fact]
    public void ToBytes_IndonesianText_RoundTripsThroughPdfPigAndPdftotext()
    {
        var bold = TextStyle.Default.AsBold();
        var pdf = new PdfDocumentBuilder()
            .Margins(Margins)
            .Content(c => c
                .Paragraph(p => p.Text("Hari/tanggal: ", bold).Text("Selasa, 13 Februari 2024"))
                .Paragraph("Prevalensi stunting 22,6 % (SSGI 2022), target 14 %.")
                .Paragraph("Notulis: Hj. A. Husniati, S.Sos, MM; Andi Muh. Ridwan Ma'ruf; Désa Tôbêlo; Sitti Marwah Daeng Te’ne", TextStyle.Default with { Family = PdfFontFamily.Serif, Italic = true }))
            .ToBytes();

        using var document = PdfDocument.Open(pdf);
        var text = document.GetPage(1).Text;
        var extracted = PdfTools.Text(pdf);
        foreach (var expected in new[]
        {
            "Hari/tanggal: Selasa, 13 Februari 2024", "22,6 %", "Hj. A. Husniati, S.Sos, MM", "Ma'ruf", "Désa Tôbêlo", "Te’ne",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.Contains(expected, extracted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Layout_300CharacterWordAndLongSentences_EveryLetterStaysInsideTheMargins()
    {
        var longWord = string.Concat(Enumerable.Range(0, 30).Select(i => $"Stunting{i % 10}X"))[..300];
        var sentence = string.Join(' ', Enumerable.Repeat("Rencana aksi konvergensi percepatan penurunan stunting tingkat kabupaten disusun bersama seluruh OPD.", 12));
        var text = $"Awal {longWord} akhir. {sentence}";
        var builder = new PdfDocumentBuilder()
            .Margins(Margins)
            .Content(c => c
                .Paragraph(text)
                .Paragraph(p => p.Text(sentence).Text(" " + longWord, TextStyle.Default.AsBold()).Align(TextAlign.Justify))
                .Paragraph(longWord, TextStyle.Default with { Size = 20 }, TextAlign.Right));

        var layout = builder.Layout();
        PdfAssert.OperationsInsideMargins(layout);

        using var document = PdfDocument.Open(builder.ToBytes());
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, Margins);
        var ink = string.Concat(document.GetPages().Select(PdfAssert.Ink));
        Assert.Equal(PdfAssert.Ink(text + sentence + longWord + longWord), ink);
    }

    [Fact]
    public void Layout_LongWord_IsBrokenIntoFullLinesBetweenCharacters()
    {
        var longWord = new string('m', 300);
        var layout = new PdfDocumentBuilder().Margins(Margins).Content(c => c.Paragraph(longWord)).Layout();

        var lines = layout.Pages[0].Operations.OfType<PdfTextOp>().ToList();
        var width = A4.Width - Margins.Left - Margins.Right;

        Assert.True(lines.Count > 2);
        Assert.Equal(longWord, string.Concat(lines.Select(l => l.Text)));
        Assert.All(lines.SkipLast(1), l => Assert.InRange(l.Width, width - 12, width));
    }

    [Fact]
    public void Layout_Justify_StretchesAllButTheLastLineToBothMargins()
    {
        var text = string.Join(' ', Enumerable.Repeat("Pendampingan keluarga berisiko stunting oleh TPK.", 8));
        var layout = new PdfDocumentBuilder().Margins(Margins)
            .Content(c => c.Paragraph(text, align: TextAlign.Justify))
            .Layout();

        var right = A4.Width - Margins.Right;
        var lines = layout.Pages[0].Operations.OfType<PdfTextOp>().GroupBy(o => o.Baseline).ToList();
        Assert.True(lines.Count >= 3);
        foreach (var line in lines.SkipLast(1))
        {
            Assert.Equal(Margins.Left, line.Min(o => o.X), 0.01);
            var last = line.MaxBy(o => o.X)!;
            Assert.Equal(right, last.X + last.Width, 0.05);
        }

        var lastLine = lines[^1].MaxBy(o => o.X)!;
        Assert.True(lastLine.X + lastLine.Width < right - 20);
    }

    [Theory]
    [InlineData(TextAlign.Left)]
    [InlineData(TextAlign.Center)]
    [InlineData(TextAlign.Right)]
    public void Layout_ShortLine_IsPlacedByAlignment(TextAlign align)
    {
        var layout = new PdfDocumentBuilder().Margins(Margins).Content(c => c.Paragraph("Kesimpulan", align: align)).Layout();

        var op = Assert.Single(layout.Pages[0].Operations.OfType<PdfTextOp>());
        var left = Margins.Left;
        var right = A4.Width - Margins.Right;
        var expectedX = align switch
        {
            TextAlign.Center => (left + right - op.Width) / 2,
            TextAlign.Right => right - op.Width,
            _ => left,
        };
        Assert.Equal(expectedX, op.X, 0.01);
    }

    [Fact]
    public void Layout_LineBreaksAndBlankLines_StartNewLines()
    {
        var layout = new PdfDocumentBuilder().Margins(Margins)
            .Content(c => c.Paragraph("Baris satu\nBaris dua\n\nBaris empat"))
            .Layout();

        var ops = layout.Pages[0].Operations.OfType<PdfTextOp>().ToList();
        Assert.Equal(["Baris satu", "Baris dua", "Baris empat"], ops.Select(o => o.Text));
        var step = ops[1].Baseline - ops[0].Baseline;
        Assert.True(step > 10);
        Assert.Equal(3 * step, ops[2].Baseline - ops[0].Baseline, 0.01);
    }

    [Fact]
    public void Layout_NumberWithPercent_IsNeverSplitAtTheSpaceBeforeThePercentSign()
    {
        // A column just too narrow for "turun ke 22,6 %" on one line.
        var width = PdfFonts.Default.Font(TextStyle.Default).Measure("turun ke 22,6 %") - 2;
        var layout = new PdfDocumentBuilder().Margins(Margins)
            .Content(c => c.Columns(cols => cols.Column(PdfLength.Absolute(width), k => k.Paragraph("turun ke 22,6 %")).Column(PdfLength.Relative(), _ => { })))
            .Layout();

        Assert.Equal(["turun ke", "22,6 %"], layout.Pages[0].Operations.OfType<PdfTextOp>().Select(o => o.Text));
    }

    [Fact]
    public void Layout_PastedText_DropsInvisibleCharactersAndComposesAccents()
    {
        var layout = new PdfDocumentBuilder().Margins(Margins)
            .Content(c => c.Paragraph("Kecama\u00ADtan\u200B Malili\r\nDe\u0301sa\uFEFF Baruga"))
            .Layout();

        Assert.Equal(["Kecamatan Malili", "Désa Baruga"], layout.Pages[0].Operations.OfType<PdfTextOp>().Select(o => o.Text));
    }

    [Fact]
    public void Layout_LongParagraph_FlowsOntoNextPageLineByLine()
    {
        var text = TestDocuments.NumberedWords(2500);
        var builder = new PdfDocumentBuilder().Margins(Margins).Content(c => c.Paragraph(text));

        var layout = builder.Layout();

        Assert.True(layout.Pages.Count >= 3);
        PdfAssert.OperationsInsideMargins(layout);
        Assert.Equal(
            PdfAssert.Ink(text),
            PdfAssert.Ink(string.Concat(layout.Pages.SelectMany(p => p.Operations.OfType<PdfTextOp>()).Select(o => o.Text))));
        foreach (var page in layout.Pages.SkipLast(1))
        {
            var last = page.Operations.OfType<PdfTextOp>().Max(o => o.Baseline + o.Descent);
            Assert.True(page.BodyBottom - last < 20, $"Page {page.Number} ends {page.BodyBottom - last:0.#} pt above its bottom.");
        }
    }
}
