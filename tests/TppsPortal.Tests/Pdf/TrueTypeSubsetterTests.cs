using SkiaSharp;
using TppsPortal.Pdf;

namespace TppsPortal.Tests.Pdf;

public sealed class TrueTypeSubsetterTests
{
    private const string Used = "Désa Tôbêlo 22,6 % Hj. Ma'ruf";

    [Fact]
    public void Subset_KeepsOutlinesAndAdvancesOfUsedGlyphsOnly()
    {
        var fonts = PdfFonts.Default;
        var face = PdfFonts.Index(TextStyle.Default);
        using var original = PdfFont.Create(fonts.Typeface(face), 12);

        var data = TrueTypeSubsetter.Subset(fonts.FileData(face), original.GetGlyphs(Used));
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(data));
        using var subset = PdfFont.Create(typeface, 12);

        Assert.True(data.Length < fonts.FileData(face).Length / 5, $"Subset is {data.Length} bytes.");
        Assert.Equal("Liberation Sans", typeface.FamilyName);
        Assert.Equal(original.GetGlyphs(Used), subset.GetGlyphs(Used));
        Assert.Equal(original.MeasureText(Used), subset.MeasureText(Used), 0.001);
        foreach (var glyph in subset.GetGlyphs("éôêD%'"))
        {
            using var path = subset.GetGlyphPath(glyph);
            Assert.False(path.IsEmpty, $"Glyph {glyph} lost its outline.");
        }

        using var unused = subset.GetGlyphPath(subset.GetGlyphs("Q")[0]);
        Assert.True(unused.IsEmpty);
        Assert.Equal(original.MeasureText("Q"), subset.MeasureText("Q"), 0.001);
    }

    [Fact]
    public void Subset_NotATrueTypeFont_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => TrueTypeSubsetter.Subset(new byte[64], [1, 2]));
    }

    [Fact]
    public void Render_WithSubsetFonts_LooksExactlyLikeWholeFontsAndIsMuchSmaller()
    {
        var layout = TestDocuments.Minutes().Layout();
        var metadata = new PdfMetadata { Title = "Notulen", Created = TestDocuments.Created };
        using var subset = new MemoryStream();
        using var whole = new MemoryStream();

        SkiaPdfRenderer.Render(layout, metadata, PdfFonts.Default, subset, subsetFonts: true);
        SkiaPdfRenderer.Render(layout, metadata, PdfFonts.Default, whole, subsetFonts: false);

        Assert.True(subset.Length * 4 < whole.Length, $"Subset PDF {subset.Length} bytes, whole-font PDF {whole.Length} bytes.");
        Assert.Equal(0, PdfTools.QpdfCheck(subset.ToArray()).ExitCode);
        for (var page = 1; page <= layout.Pages.Count; page++)
        {
            Assert.True(
                PdfTools.GrayPage(subset.ToArray(), page, 50).AsSpan().SequenceEqual(PdfTools.GrayPage(whole.ToArray(), page, 50)),
                $"Page {page} renders differently with subset fonts.");
        }
    }
}
