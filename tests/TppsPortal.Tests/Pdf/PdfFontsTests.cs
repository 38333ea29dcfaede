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
}
