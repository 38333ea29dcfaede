using System.Diagnostics;

namespace TppsPortal.Tests.Pdf;

/// <summary>Runs the poppler and qpdf command-line tools on PDF bytes; fails clearly when a tool is not installed.</summary>
public static class PdfTools
{
    /// <summary>The result of a tool run.</summary>
    public sealed record ToolResult(int ExitCode, string Output, string Error);

    /// <summary><c>qpdf --check</c> on the bytes.</summary>
    public static ToolResult QpdfCheck(byte[] pdf) => WithTempFile(pdf, path => Run("qpdf", "qpdf", "--check", path));

    /// <summary>The fonts <c>pdffonts</c> lists: name and whether it is embedded.</summary>
    public static IReadOnlyList<(string Name, bool Embedded)> Fonts(byte[] pdf)
    {
        var result = WithTempFile(pdf, path => Run("poppler-utils", "pdffonts", path));
        Assert.True(result.ExitCode == 0, $"pdffonts failed: {result.Error}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var embColumn = header.IndexOf(" emb ", StringComparison.Ordinal) + 1;
        Assert.True(embColumn > 0, "pdffonts printed no 'emb' column:\n" + result.Output);
        return lines.Skip(2)
            .Select(l => (l[..l.IndexOf(' ')], l.Substring(embColumn, 3) == "yes"))
            .ToList();
    }

    /// <summary>The text <c>pdftotext -layout</c> extracts.</summary>
    public static string Text(byte[] pdf)
    {
        var result = WithTempFile(pdf, path => Run("poppler-utils", "pdftotext", "-layout", "-enc", "UTF-8", path, "-"));
        Assert.True(result.ExitCode == 0, $"pdftotext failed: {result.Error}");
        return result.Output;
    }

    /// <summary>Renders the first page as <c>{prefix}-1.png</c> (or similar: pdftoppm pads the number) with <c>pdftoppm -r dpi -png</c>.</summary>
    public static string FirstPagePng(string pdfPath, string outputPrefix, int dpi = 60)
    {
        var result = Run("poppler-utils", "pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "-f", "1", "-l", "1", pdfPath, outputPrefix);
        Assert.True(result.ExitCode == 0, $"pdftoppm failed: {result.Error}");
        var folder = Path.GetDirectoryName(outputPrefix)!;
        var name = Path.GetFileName(outputPrefix);
        return Directory.EnumerateFiles(folder, name + "-*1.png").Single();
    }

    /// <summary>Page <paramref name="page"/> rasterised in grey (<c>pdftoppm -gray</c>), as the bytes of a PGM file.</summary>
    public static byte[] GrayPage(byte[] pdf, int page, int dpi)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"tpps-pdf-{Guid.NewGuid():N}");
        try
        {
            var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = WithTempFile(pdf, path => Run("poppler-utils", "pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-gray", "-f", p, "-l", p, "-singlefile", path, prefix));
            Assert.True(result.ExitCode == 0, $"pdftoppm failed: {result.Error}");
            return File.ReadAllBytes(prefix + ".pgm");
        }
        finally
        {
            File.Delete(prefix + ".pgm");
        }
    }

    /// <summary>Runs a tool and waits for it; a missing tool fails the test with the Debian package to install.</summary>
    public static ToolResult Run(string debianPackage, string tool, params string[] args)
    {
        var executable = FindOnPath(tool)
            ?? throw new InvalidOperationException($"The tool '{tool}' is not installed. Install the Debian package {debianPackage} (apt-get install {debianPackage}).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 60 s.");
        }

        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
    }

    private static ToolResult WithTempFile(byte[] pdf, Func<string, ToolResult> run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tpps-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return run(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
