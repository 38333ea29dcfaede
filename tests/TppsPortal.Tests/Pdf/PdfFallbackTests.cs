using TppsPortal.Pdf;

namespace TppsPortal.Tests.Pdf;

/// <summary>How text is split between Liberation and the fallback faces (the scripts install fonts-noto-core and fonts-noto-color-emoji).</summary>
public sealed class PdfFallbackTests
{
    private static readonly PdfFonts Fonts = PdfFonts.Default;

    private static int Regular => PdfFonts.Index(PdfFontFamily.Sans, bold: false, italic: false);

    [Fact]
    public void Default_FindsTheNotoArabicAndEmojiFaces()
    {
        Assert.Contains(Fonts.FallbackFiles, f => f.EndsWith("NotoSansArabic-Regular.ttf", StringComparison.Ordinal));
        Assert.Contains(Fonts.FallbackFiles, f => f.EndsWith("NotoColorEmoji.ttf", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_OfIndonesianText_AreOneLiberationRun()
    {
        var runs = Fonts.Runs("Rapat koordinasi TPPS, 22,6 % (Malili)", Regular);

        Assert.Equal([new FaceRun(Regular, "Rapat koordinasi TPPS, 22,6 % (Malili)", false)], runs);
    }

    [Fact]
    public void Runs_OfArabicAndEmoji_UseFallbackFaces_AndTheArabicRunIsRightToLeftWithoutTheTrailingSpace()
    {
        var runs = Fonts.Runs("Ahmad أحمد علي 😀", Regular);

        Assert.Equal(["Ahmad ", "أحمد علي", " ", "😀"], runs.Select(r => r.Text));
        Assert.Equal([false, true, false, false], runs.Select(r => r.RightToLeft));
        Assert.Equal(Regular, runs[0].Face);
        Assert.NotEqual(Regular, runs[1].Face);
        Assert.NotEqual(runs[1].Face, runs[3].Face);
    }

    [Fact]
    public void Runs_CharacterNoFaceHas_IsAVisibleBox_AndInvisibleFormatCharactersAreLeftOut()
    {
        // CJK is in no installed face; a zero-width joiner and a variation selector have no glyph of their own.
        var runs = Fonts.Runs("Tamu 漢\u200D\uFE0F.", Regular);

        Assert.Equal("Tamu " + PdfFonts.Replacement + ".", string.Concat(runs.Select(r => r.Text)));
        Assert.All(runs, r => Assert.Equal(Regular, r.Face));
    }

    [Fact]
    public void Measure_CountsTheFallbackGlyphs()
    {
        var font = Fonts.Font(TextStyle.Default);

        Assert.True(font.Measure("Ahmad 😀") > font.Measure("Ahmad ") + 5);
        Assert.True(font.Measure("أحمد") > 5);
    }
}
