using SkiaSharp;
using TppsPortal.Pdf;

namespace TppsPortal.Tests.Pdf;

public sealed class TrueTypeSubsetterTests
{
    private const string Used = "Désa Tôbêlo 22,6 % Hj. Ma'ruf";

    [Fact]
    public void Subset_KeepsOutlinesAndAdvancesOfUsedCharactersOnly_Renumbered()
    {
        var fonts = PdfFonts.Default;
        var face = PdfFonts.Index(TextStyle.Default);
        using var original = PdfFont.Create(fonts.Typeface(face), 12);

        var data = TrueTypeSubsetter.Subset(fonts.FileData(face), Characters(original, Used));
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(data));
        using var subset = PdfFont.Create(typeface, 12);

        Assert.True(data.Length < fonts.FileData(face).Length / 20, $"Subset is {data.Length} bytes.");
        Assert.Equal("Liberation Sans", typeface.FamilyName);
        var distinct = Used.EnumerateRunes().Distinct().Count();
        Assert.InRange(typeface.GlyphCount, distinct, distinct + 4); // .notdef and the parts of composite glyphs
        Assert.Equal(original.MeasureText(Used), subset.MeasureText(Used), 0.001);
        foreach (var rune in Used.EnumerateRunes().Distinct())
        {
            var text = rune.ToString();
            using var expected = original.GetTextPath(text, new SKPoint(0, 0));
            using var actual = subset.GetTextPath(text, new SKPoint(0, 0));
            Assert.NotEqual(0, subset.GetGlyphs(text)[0]);
            Assert.Equal(expected.PointCount, actual.PointCount);
            Assert.Equal(expected.Bounds, actual.Bounds);
        }

        // A character the document does not use is not in the face at all.
        Assert.Equal(0, subset.GetGlyphs("Q")[0]);
    }

    [Fact]
    public void Subset_OfCompositeAndAstralCharacters_MapsEveryCharacterToItsOwnOutline()
    {
        var fonts = PdfFonts.Default;
        var face = PdfFonts.Index(TextStyle.Default);
        using var original = PdfFont.Create(fonts.Typeface(face), 12);
        // Accented letters are composites (base + accent): their parts must follow them to new numbers.
        const string text = "ÉéÖöÑñ–“”…";

        var characters = Characters(original, text);
        characters[0x1F600] = 0; // a character beyond the BMP that the font lacks: the cmap gets a format 12 table
        var data = TrueTypeSubsetter.Subset(fonts.FileData(face), characters);
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(data));
        using var subset = PdfFont.Create(typeface, 12);

        Assert.Equal(original.MeasureText(text), subset.MeasureText(text), 0.001);
        foreach (var rune in text.EnumerateRunes())
        {
            using var expected = original.GetTextPath(rune.ToString(), new SKPoint(0, 0));
            using var actual = subset.GetTextPath(rune.ToString(), new SKPoint(0, 0));
            Assert.False(actual.IsEmpty, $"{rune} lost its outline.");
            Assert.Equal(expected.Bounds, actual.Bounds);
        }
    }

    private static Dictionary<int, ushort> Characters(SKFont font, string text) =>
        text.EnumerateRunes().Distinct().ToDictionary(r => r.Value, r => font.GetGlyph(r.Value));

    [Fact]
    public void Subset_NotATrueTypeFont_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => TrueTypeSubsetter.Subset(new byte[64], new Dictionary<int, ushort> { ['A'] = 1 }));
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
