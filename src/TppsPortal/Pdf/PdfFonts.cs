using System.Collections.Concurrent;
using System.Text;
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
/// bold italic) from Debian's <c>fonts-liberation2</c> package, and fallback faces for the characters Liberation
/// lacks (Arabic and other scripts from <c>fonts-noto-core</c>, emoji from <c>fonts-noto-color-emoji</c>, then
/// DejaVu Sans). A character no face has is printed as a visible replacement (<see cref="Replacement"/>), never
/// dropped; only invisible format characters (zero-width joiners, variation selectors, bidi controls) are left out.
/// Typefaces are immutable and safe to share between threads; <see cref="Default"/> loads them once per process.
/// </summary>
public sealed class PdfFonts
{
    /// <summary>The Debian package that provides the fonts.</summary>
    public const string DebianPackage = "fonts-liberation2";

    /// <summary>The Debian packages that provide the fallback faces (optional: without them, replacements are printed).</summary>
    public static readonly IReadOnlyList<string> FallbackPackages = ["fonts-noto-core", "fonts-noto-color-emoji", "fonts-dejavu-core"];

    /// <summary>What is printed for a character no face can draw.</summary>
    public const string Replacement = "\u25A1"; // □ WHITE SQUARE

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

    /// <summary>
    /// Fallback faces, tried in this order for a character the document's face lacks: the regular file and the bold
    /// one (null: the regular is used for bold text too). Missing files are skipped.
    /// </summary>
    private static readonly (string Regular, string? Bold)[] FallbackFileNames =
    [
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
        ("NotoSansBuginese-Regular.ttf", null),
        ("NotoSansJavanese-Regular.ttf", "NotoSansJavanese-Bold.ttf"),
        ("NotoSansBalinese-Regular.ttf", "NotoSansBalinese-Bold.ttf"),
        ("NotoSansSundanese-Regular.ttf", "NotoSansSundanese-Bold.ttf"),
        ("NotoSansBatak-Regular.ttf", null),
        ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
        ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
        ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
        ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
        ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
        ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
        ("NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"),
        ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
        ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
        ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
        ("NotoSansMath-Regular.ttf", null),
        ("NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
        ("NotoColorEmoji.ttf", null),
        ("NotoSansSymbols2-Regular.ttf", null),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ];

    // Faces 0-7 by Index(family, bold, italic); fallback faces after them.
    private readonly SKTypeface[] _typefaces;
    private readonly (int Regular, int Bold)[] _fallbacks;
    private readonly ConcurrentDictionary<(int Face, float Size), PdfFont> _fonts = new();
    private readonly ConcurrentDictionary<(int Face, int Rune), bool> _coverage = new();
    private readonly ConcurrentDictionary<(bool Bold, int Rune), int> _fallbackOf = new();
    private readonly Lazy<byte[]>[] _fileData;
    private readonly Lazy<bool>[] _hasOutlines;

    private PdfFonts(SKTypeface[] typefaces, IReadOnlyList<string> files, (int Regular, int Bold)[] fallbacks)
    {
        _typefaces = typefaces;
        _fallbacks = fallbacks;
        Files = files.Take(FileNames.Length).ToList();
        FallbackFiles = files.Skip(FileNames.Length).ToList();
        _fileData = [.. files.Select(f => new Lazy<byte[]>(() => File.ReadAllBytes(f), LazyThreadSafetyMode.ExecutionAndPublication))];
        _hasOutlines = [.. files.Select(f => new Lazy<bool>(() => HasGlyfTable(f), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    /// <summary>The fallback font files found, in the order they are tried.</summary>
    public IReadOnlyList<string> FallbackFiles { get; }

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
    internal PdfFont Font(TextStyle style) => Font(Index(style), style.Size);

    /// <summary>The font of any face (fallbacks included) at a size, made once and then shared.</summary>
    internal PdfFont Font(int face, float size) =>
        _fonts.GetOrAdd((face, size), static (key, owner) => new PdfFont(owner, key.Face, owner._typefaces[key.Face], key.Size), this);

    /// <summary>The font file of a face (see <see cref="Index(PdfFontFamily, bool, bool)"/>), read once.</summary>
    internal byte[] FileData(int face) => _fileData[face].Value;

    /// <summary>
    /// Whether the face's file has TrueType outlines (a glyf table), which the subsetter can cut down. Read from the
    /// table directory only: the colour emoji font (bitmaps, 11 MB) is never loaded whole to find out.
    /// </summary>
    internal bool CanSubset(int face) => _hasOutlines[face].Value;

    private static bool HasGlyfTable(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[12];
            file.ReadExactly(header);
            var tables = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
            var directory = new byte[tables * 16];
            file.ReadExactly(directory);
            for (var i = 0; i < tables; i++)
            {
                if (directory.AsSpan(i * 16, 4).SequenceEqual("glyf"u8))
                {
                    return true;
                }
            }
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal SKTypeface Typeface(int face) => _typefaces[face];

    internal static int Index(TextStyle style) => Index(style.Family, style.Bold, style.Italic);

    internal static int Index(PdfFontFamily family, bool bold, bool italic) =>
        ((int)family * 4) + (bold ? 1 : 0) + (italic ? 2 : 0);

    /// <summary>
    /// Splits <paramref name="text"/> into runs of the face that draws them: <paramref name="face"/> where it has the
    /// glyph, else the first fallback face that has it, else <see cref="Replacement"/> in <paramref name="face"/>.
    /// Spaces and punctuation between two characters of a fallback face stay in its run; invisible format characters
    /// (Unicode default-ignorable characters beyond Latin-1) are left out. Measuring and drawing both use this, so they agree.
    /// </summary>
    internal IReadOnlyList<FaceRun> Runs(ReadOnlySpan<char> text, int face)
    {
        if (CoversAll(face, text))
        {
            return [new FaceRun(face, text.ToString(), false)];
        }
        var runs = new List<FaceRun>();
        var current = new System.Text.StringBuilder();
        var currentFace = -1;
        var bold = face % 4 is 1 or 3;
        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }
            var runText = current.ToString();
            current.Clear();
            // Spaces and punctuation at the end of a fallback run go back to the document's face, so that a
            // right-to-left run does not carry them to its left side.
            var end = runText.Length;
            if (currentFace != face)
            {
                while (end > 0 && IsNeutral(runText[end - 1]) && Covers(face, runText[end - 1]))
                {
                    end--;
                }
            }
            if (end > 0)
            {
                runs.Add(new FaceRun(currentFace, runText[..end], IsRightToLeft(runText.AsSpan(0, end))));
            }
            if (end < runText.Length)
            {
                runs.Add(new FaceRun(face, runText[end..], false));
            }
        }
        foreach (var rune in text.EnumerateRunes())
        {
            int runFace;
            string? piece = null;
            if (rune.Value > 0xFF && IsDefaultIgnorable(rune.Value))
            {
                continue; // no glyph of its own, and without shaping it joins nothing
            }
            if (rune.Value < 0x20 || Covers(face, rune.Value))
            {
                runFace = currentFace >= 0 && currentFace != face && IsNeutral(rune) && Covers(currentFace, rune.Value) ? currentFace : face;
            }
            else if (Fallback(bold, rune.Value) is var fallback && fallback >= 0)
            {
                runFace = fallback;
            }
            else
            {
                runFace = face;
                piece = Covers(face, 0x25A1) ? Replacement : "?";
            }
            if (runFace != currentFace)
            {
                Flush();
                currentFace = runFace;
            }
            if (piece is null)
            {
                current.Append(rune.ToString());
            }
            else
            {
                current.Append(piece);
            }
        }
        Flush();
        return runs;
    }

    /// <summary>Whether <paramref name="face"/> draws every character (the common case: no allocation).</summary>
    internal bool CoversAll(int face, ReadOnlySpan<char> text)
    {
        var liberation = face < FileNames.Length;
        foreach (var c in text)
        {
            if (c < 0x20 || (liberation && (c < 0x7F || (c >= 0xA0 && c <= 0xFF))))
            {
                continue; // Liberation has all of Latin-1
            }
            if (char.IsSurrogate(c) || IsDefaultIgnorable(c) || !Covers(face, c))
            {
                return false;
            }
        }
        return true;
    }

    private bool Covers(int face, int rune) =>
        _coverage.GetOrAdd((face, rune), static (key, faces) =>
        {
            // Once per face and character for the process: a font of any size answers for its typeface.
            using var font = new SKFont(faces[key.Face]);
            return font.ContainsGlyph(key.Rune);
        }, _typefaces);

    private int Fallback(bool bold, int rune) =>
        _fallbackOf.GetOrAdd((bold, rune), static (key, owner) =>
        {
            foreach (var (regular, boldFace) in owner._fallbacks)
            {
                var candidate = key.Bold ? boldFace : regular;
                if (owner.Covers(candidate, key.Rune))
                {
                    return candidate;
                }
                if (candidate != regular && owner.Covers(regular, key.Rune))
                {
                    return regular;
                }
            }
            return -1;
        }, this);

    private static bool IsNeutral(Rune rune) => !Rune.IsLetterOrDigit(rune) && !Rune.IsControl(rune);

    private static bool IsNeutral(char c) => !char.IsLetterOrDigit(c) && !char.IsControl(c);

    /// <summary>A run with right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko...) and no left-to-right ones.</summary>
    private static bool IsRightToLeft(ReadOnlySpan<char> text)
    {
        var rtl = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            if ((v >= 0x0590 && v <= 0x08FF) || (v >= 0xFB1D && v <= 0xFDFF) || (v >= 0xFE70 && v <= 0xFEFF) || (v >= 0x10800 && v <= 0x10FFF) || (v >= 0x1E800 && v <= 0x1EFFF))
            {
                rtl |= Rune.IsLetter(rune);
            }
            else if (Rune.IsLetter(rune))
            {
                return false;
            }
        }
        return rtl;
    }

    /// <summary>Unicode's Default_Ignorable_Code_Point: characters that have no glyph of their own.</summary>
    private static bool IsDefaultIgnorable(int v) =>
        v is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0
        || (v >= 0x180B && v <= 0x180F) || (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E)
        || (v >= 0x2060 && v <= 0x206F) || (v >= 0xFE00 && v <= 0xFE0F) || (v >= 0x1BCA0 && v <= 0x1BCA3)
        || (v >= 0x1D173 && v <= 0x1D17A) || (v >= 0xE0000 && v <= 0xE0FFF);

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

        var typefaces = new List<SKTypeface>();
        for (var i = 0; i < files.Length; i++)
        {
            typefaces.Add(SKTypeface.FromFile(files[i])
                ?? throw new PdfFontsMissingException(
                    $"PDF font file {files[i]} could not be read. Reinstall the Debian package {DebianPackage}."));
        }

        // Fallback faces are optional: a missing or unreadable one is skipped.
        var allFiles = files.ToList();
        var fallbacks = new List<(int Regular, int Bold)>();
        int? Add(string? name)
        {
            if (name is null || Find(folders, name) is not { } path || SKTypeface.FromFile(path) is not { } typeface)
            {
                return null;
            }
            typefaces.Add(typeface);
            allFiles.Add(path);
            return typefaces.Count - 1;
        }
        foreach (var (regularName, boldName) in FallbackFileNames)
        {
            if (Add(regularName) is { } regular)
            {
                fallbacks.Add((regular, Add(boldName) ?? regular));
            }
        }

        return new PdfFonts([.. typefaces], allFiles, [.. fallbacks]);
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
    private readonly PdfFonts _owner;
    private readonly int _face;

    public PdfFont(PdfFonts owner, int face, SKTypeface typeface, float size)
    {
        _owner = owner;
        _face = face;
        Size = size;
        Font = Create(typeface, size);
        var m = Font.Metrics;
        Ascent = -m.Ascent;
        Descent = m.Descent;
        LineSpacing = Font.Spacing;
        SpaceWidth = Font.MeasureText(" ");
        UnderlinePosition = m.UnderlinePosition ?? (size * 0.1f);
        UnderlineThickness = m.UnderlineThickness ?? (size * 0.05f);
        _latin1Advances = Latin1Advances(Font);
    }

    // The advance of each Latin-1 character (code 0-255) in this face and size, read from Skia once.
    private readonly float[] _latin1Advances;

    public SKFont Font { get; }

    public float Size { get; }

    /// <summary>Distance from the baseline up to the top of the tallest glyphs (positive).</summary>
    public float Ascent { get; }

    /// <summary>Distance from the baseline down to the bottom of the lowest glyphs (positive).</summary>
    public float Descent { get; }

    /// <summary>The font's recommended distance between baselines.</summary>
    public float LineSpacing { get; }

    public float SpaceWidth { get; }

    public float UnderlinePosition { get; }

    public float UnderlineThickness { get; }

    /// <summary>The advance of the text as drawn: with fallback faces and replacements where this face lacks a glyph.</summary>
    public float Measure(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }
        if (_owner.CoversAll(_face, text))
        {
            return IsLatin1(text) ? SumAdvances(_latin1Advances, text) : Font.MeasureText(text);
        }
        var width = 0f;
        foreach (var run in _owner.Runs(text, _face))
        {
            width += _owner.Font(run.Face, Size).Font.MeasureText(run.Text);
        }
        return width;
    }

    /// <summary>
    /// The advances of characters 0-255: one glyph per character (no shaping), so a Latin-1 text is as wide as the sum of
    /// its characters' advances, which is what <see cref="SKFont.MeasureText(ReadOnlySpan{char}, SKPaint)"/> computes.
    /// </summary>
    internal static float[] Latin1Advances(SKFont font)
    {
        Span<char> characters = stackalloc char[256];
        for (var i = 0; i < characters.Length; i++)
        {
            characters[i] = (char)i;
        }
        return font.GetGlyphWidths(font.GetGlyphs(characters));
    }

    internal static bool IsLatin1(ReadOnlySpan<char> text) => !text.ContainsAnyInRange((char)0x100, char.MaxValue);

    /// <summary>
    /// The width of a Latin-1 text, summed in the same order and precision as Skia's own measuring (float, left to right),
    /// so that it equals <see cref="SKFont.MeasureText(ReadOnlySpan{char}, SKPaint)"/> to the bit; a call into Skia per
    /// word was a tenth of the time of a minutes PDF.
    /// </summary>
    internal static float SumAdvances(float[] advances, ReadOnlySpan<char> text)
    {
        var width = 0f;
        foreach (var c in text)
        {
            width += advances[c];
        }
        return width;
    }

    /// <summary>A font as the composer measures and draws: unhinted, with the font's own (linear) advances, which PDF uses.</summary>
    public static SKFont Create(SKTypeface typeface, float size) => new(typeface, size)
    {
        LinearMetrics = true,
        Subpixel = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,
    };
}

/// <summary>Text drawn with one face; a right-to-left run has its glyphs placed from right to left (stored in logical order).</summary>
internal readonly record struct FaceRun(int Face, string Text, bool RightToLeft);

/// <summary>The fonts a PDF needs are not installed.</summary>
public sealed class PdfFontsMissingException(string message) : Exception(message);
