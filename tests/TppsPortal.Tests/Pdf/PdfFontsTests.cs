using TppsPortal.Pdf;

namespace TppsPortal.Tests.Pdf;

public sealed class PdfFontsTests
{
    [Fact]
    public void Load_FromFolderWithoutFonts_ThrowsNamingTheDebianPackage()
    {
        var empty = Directory.CreateTempSubdirectory("tpps-nofonts-").FullName;
        try
        {
            var error = Assert.Throws<PdfFontsMissingException>(() => PdfFonts.Load([empty, Path.Combine(empty, "missing")]));

            Assert.Contains("fonts-liberation2", error.Message, StringComparison.Ordinal);
            Assert.Contains("LiberationSans-Regular.ttf", error.Message, StringComparison.Ordinal);
            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Layout_WithFontsMissing_ThrowsBeforeDrawing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "tpps-nofonts-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<PdfFontsMissingException>(() =>
            new PdfDocumentBuilder(PdfFonts.Load([missing])).Content(c => c.Paragraph("Notulen")).ToBytes());

        Assert.Contains("apt-get install fonts-liberation2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_OnDebian_LoadsLiberationSansAndSerifOnce()
    {
        var fonts = PdfFonts.Default;

        Assert.Same(fonts, PdfFonts.Default);
        Assert.Equal(8, fonts.Files.Count);
        Assert.EndsWith("LiberationSans-Regular.ttf", fonts.Files[0], StringComparison.Ordinal);
        Assert.EndsWith("LiberationSerif-BoldItalic.ttf", fonts.Files[7], StringComparison.Ordinal);
        Assert.Equal("Liberation Sans", fonts.Typeface(PdfFontFamily.Sans, bold: true, italic: false).FamilyName);
        Assert.Equal("Liberation Serif", fonts.Typeface(PdfFontFamily.Serif, bold: false, italic: true).FamilyName);
    }

    [Fact]
    public void Load_SameFoldersTwice_ReturnsTheCachedSet()
    {
        var folders = new[] { "/usr/share/fonts/truetype/liberation2", "/usr/share/fonts" };

        Assert.Same(PdfFonts.Load(folders), PdfFonts.Load(folders));
    }

    [Theory]
    [InlineData(PdfFontFamily.Sans, false, false, 11f)]
    [InlineData(PdfFontFamily.Sans, true, false, 9f)]
    [InlineData(PdfFontFamily.Sans, false, true, 13.5f)]
    [InlineData(PdfFontFamily.Serif, true, true, 10f)]
    public void Measure_LatinText_EqualsSkiaMeasureTextToTheBit(PdfFontFamily family, bool bold, bool italic, float size)
    {
        // Latin-1 text is measured from a table of advances, without Skia: the widths must be exactly Skia's.
        var font = PdfFonts.Default.Font(TextStyle.Default with { Family = family, Bold = bold, Italic = italic, Size = size });
        string[] texts =
        [
            "Rapat", "koordinasi,", "Peserta 149 Andi Baso Muhammad Nur", "(Bidang: Intervensi Spesifik)", "Kode verifikasi 7KQ2M-9XDWP",
            "https://tpps.luwutimurkab.go.id/verifikasi/7KQ2M9XDWP", "22,6 %", "Ä é ñ ß ° ± ½ « » ¿ ©", "Halaman 17 dari 18",
            string.Concat(Enumerable.Range(0x20, 0xE0).Where(c => c is < 0x7F or >= 0xA0).Select(c => (char)c)),
        ];

        foreach (var text in texts)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(font.Font.MeasureText(text)), BitConverter.SingleToInt32Bits(font.Measure(text)));
        }
    }
}
