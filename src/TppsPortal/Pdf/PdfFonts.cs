using System.Collections.Concurrent;
using SkiaSharp;

namespace TppsPortal.Pdf;

/// <summary>The font families a document can use.</summary>
public enum PdfFontFamily
{
    /// <summary>Liberation Sans, metric-compatible with Arial.</summary>
    Sans,

    /// <summary>Liberation Serif, metric-compatible with Times New Roman.</summary>
    Serif,
}

/// <summary>
/// The typefaces documents are drawn with: Liberation Sans and Liberation Serif (regular, bold, italic,
/// bold italic) from Debian's <c>fonts-liberation2</c> package. Typefaces are immutable and safe to share
/// between threads; <see cref="Default"/> loads them once per process.
/// </summary>
public sealed class PdfFonts
{
    /// <summary>The Debian package that provides the fonts.</summary>
    public const string DebianPackage = "fonts-liberation2";

    /// <summary>Where Debian and other Linux systems keep their fonts, searched in this order (recursively).</summary>
    public static readonly IReadOnlyList<string> DefaultSearchFolders =
    [
        "/usr/share/fonts/truetype/liberation2",
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "fonts"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
    ];

    private static readonly Lazy<PdfFonts> DefaultFonts = new(() => Load(DefaultSearchFolders), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, PdfFonts> Cache = new(StringComparer.Ordinal);

    private static readonly string[] FileNames =
    [
        "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
        "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
    ];

    // Indexed by Index(family, bold, italic).
    private readonly SKTypeface[] _typefaces;
    private readonly ConcurrentDictionary<(int Face, float Size), PdfFont> _fonts = new();
    private readonly Lazy<byte[]>[] _fileData;

    private PdfFonts(SKTypeface[] typefaces, IReadOnlyList<string> files)
    {
        _typefaces = typefaces;
        Files = files;
        _fileData = [.. files.Select(f => new Lazy<byte[]>(() => File.ReadAllBytes(f), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    /// <summary>The fonts found in <see cref="DefaultSearchFolders"/>, loaded on first use and then shared.</summary>
    /// <exception cref="PdfFontsMissingException">A font file is not installed.</exception>
    public static PdfFonts Default => DefaultFonts.Value;

    /// <summary>The font files in use, in the order regular, bold, italic, bold italic (Sans, then Serif).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Loads the fonts from the first of <paramref name="searchFolders"/> (searched recursively) that holds each
    /// file. Loading the same folder list again returns the cached set.
    /// </summary>
    /// <exception cref="PdfFontsMissingException">A font file is in none of the folders.</exception>
    public static PdfFonts Load(IEnumerable<string> searchFolders)
    {
        ArgumentNullException.ThrowIfNull(searchFolders);
        var folders = searchFolders.ToArray();
        return Cache.GetOrAdd(string.Join('\n', folders), _ => LoadUncached(folders));
    }

    /// <summary>The typeface for a family and weight/slant.</summary>
    public SKTypeface Typeface(PdfFontFamily family, bool bold, bool italic) => _typefaces[Index(family, bold, italic)];

    /// <summary>
    /// The font for a style, made once per face and size and then shared (measuring and drawing with an
    /// <see cref="SKFont"/> only reads it, which Skia allows from several threads).
    /// </summary>
    internal PdfFont Font(TextStyle style) =>
        _fonts.GetOrAdd((Index(style), style.Size), static (key, faces) => new PdfFont(faces[key.Face], key.Size), _typefaces);

    /// <summary>The font file of a face (see <see cref="Index(PdfFontFamily, bool, bool)"/>), read once.</summary>
    internal byte[] FileData(int face) => _fileData[face].Value;

    internal SKTypeface Typeface(int face) => _typefaces[face];

    internal static int Index(TextStyle style) => Index(style.Family, style.Bold, style.Italic);

    internal static int Index(PdfFontFamily family, bool bold, bool italic) =>
        ((int)family * 4) + (bold ? 1 : 0) + (italic ? 2 : 0);

    private static PdfFonts LoadUncached(string[] folders)
    {
        var files = new string[FileNames.Length];
        var missing = new List<string>();
        for (var i = 0; i < FileNames.Length; i++)
        {
            var found = Find(folders, FileNames[i]);
            if (found is null)
            {
                missing.Add(FileNames[i]);
            }
            else
            {
                files[i] = found;
            }
        }

        if (missing.Count > 0)
        {
            throw new PdfFontsMissingException(
                $"PDF fonts not found: {string.Join(", ", missing)}. Install the Debian package {DebianPackage} " +
                $"(apt-get install {DebianPackage}). Searched: {string.Join(", ", folders)}.");
        }

        var typefaces = new SKTypeface[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            typefaces[i] = SKTypeface.FromFile(files[i])
                ?? throw new PdfFontsMissingException(
                    $"PDF font file {files[i]} could not be read. Reinstall the Debian package {DebianPackage}.");
        }

        return new PdfFonts(typefaces, files);
    }

    private static string? Find(string[] folders, string fileName)
    {
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var direct = Path.Combine(folder, fileName);
            if (File.Exists(direct))
            {
                return direct;
            }

            try
            {
                var nested = Directory.EnumerateFiles(folder, fileName, new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    MatchCasing = MatchCasing.CaseSensitive,
                }).Order(StringComparer.Ordinal).FirstOrDefault();
                if (nested is not null)
                {
                    return nested;
                }
            }
            catch (IOException)
            {
                // A folder that vanishes or cannot be read is the same as a folder without the font.
            }
        }

        return null;
    }
}

/// <summary>An <see cref="SKFont"/> set up for PDF output (unhinted, linear metrics) and its metrics.</summary>
internal sealed class PdfFont
{
    public PdfFont(SKTypeface typeface, float size)
    {
        Font = Create(typeface, size);
        var m = Font.Metrics;
        Ascent = -m.Ascent;
        Descent = m.Descent;
        LineSpacing = Font.Spacing;
        SpaceWidth = Font.MeasureText(" ");
        UnderlinePosition = m.UnderlinePosition ?? (size * 0.1f);
        UnderlineThickness = m.UnderlineThickness ?? (size * 0.05f);
    }

    public SKFont Font { get; }

    /// <summary>Distance from the baseline up to the top of the tallest glyphs (positive).</summary>
    public float Ascent { get; }

    /// <summary>Distance from the baseline down to the bottom of the lowest glyphs (positive).</summary>
    public float Descent { get; }

    /// <summary>The font's recommended distance between baselines.</summary>
    public float LineSpacing { get; }

    public float SpaceWidth { get; }

    public float UnderlinePosition { get; }

    public float UnderlineThickness { get; }

    public float Measure(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Font.MeasureText(text);

    /// <summary>A font as the composer measures and draws: unhinted, with the font's own (linear) advances, which PDF uses.</summary>
    public static SKFont Create(SKTypeface typeface, float size) => new(typeface, size)
    {
        LinearMetrics = true,
        Subpixel = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,
    };
}

/// <summary>The fonts a PDF needs are not installed.</summary>
public sealed class PdfFontsMissingException(string message) : Exception(message);
