using TppsPortal.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace TppsPortal.Tests.Pdf;

/// <summary>Checks on a PDF read back with PdfPig and on a layout's operations.</summary>
internal static class PdfAssert
{
    /// <summary>How far a glyph box may poke past a margin (rounding, anti-aliasing of outlines).</summary>
    public const double Tolerance = 0.5;

    /// <summary>Every visible letter's glyph box lies inside the margins, on every page.</summary>
    public static void LettersInsideMargins(PdfDocument document, PdfPageSize size, PdfMargins margins)
    {
        size = size.ToWholePoints();
        foreach (var page in document.GetPages())
        {
            Assert.Equal(size.Width, page.Width, 0.1);
            Assert.Equal(size.Height, page.Height, 0.1);
            foreach (var letter in page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                var box = letter.BoundingBox;
                var inside = box.Left >= margins.Left - Tolerance
                    && box.Right <= size.Width - margins.Right + Tolerance
                    && box.Bottom >= margins.Bottom - Tolerance
                    && box.Top <= size.Height - margins.Top + Tolerance;
                Assert.True(inside, $"Page {page.Number}: '{letter.Value}' at {Describe(box)} crosses the margins " +
                    $"(left {margins.Left:0.##}, right {size.Width - margins.Right:0.##}, bottom {margins.Bottom:0.##}, top {size.Height - margins.Top:0.##}).");
            }
        }
    }

    /// <summary>Every text operation of the layout lies inside the margins horizontally and vertically.</summary>
    public static void OperationsInsideMargins(PdfLayout layout)
    {
        var left = layout.Margins.Left;
        var right = layout.PageSize.Width - layout.Margins.Right;
        var top = layout.Margins.Top;
        var bottom = layout.PageSize.Height - layout.Margins.Bottom;
        foreach (var page in layout.Pages)
        {
            foreach (var text in page.Operations.OfType<PdfTextOp>())
            {
                var inside = text.X >= left - 0.01 && text.X + text.Width <= right + 0.01
                    && text.Baseline - text.Ascent >= top - 0.01 && text.Baseline + text.Descent <= bottom + 0.01;
                Assert.True(inside, $"Page {page.Number}: '{text.Text}' at x {text.X:0.##}..{text.X + text.Width:0.##}, " +
                    $"baseline {text.Baseline:0.##} crosses the margins.");
            }
        }
    }

    /// <summary>The page's letters without whitespace, in content order.</summary>
    public static string Ink(Page page) => string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>A string without whitespace.</summary>
    public static string Ink(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Describe(UglyToad.PdfPig.Core.PdfRectangle box) =>
        $"({box.Left:0.##}, {box.Bottom:0.##})-({box.Right:0.##}, {box.Top:0.##})";
}

/// <summary>Where tests leave files to look at: env TPPS_ARTIFACTS, else "artifacts" under the test binaries.</summary>
internal static class Artifacts
{
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("TPPS_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
