using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SkiaSharp;

namespace TppsPortal.Pdf;

/// <summary>
/// A column of content blocks flowed top to bottom: the document body, a header or footer, a table cell,
/// a side-by-side column or a keep-together group. Every method appends a block and returns this content,
/// so calls chain. Lengths are in points.
/// </summary>
public sealed class PdfContent
{
    internal List<Block> Blocks { get; } = [];

    /// <summary>A paragraph of one run of text. <c>\n</c> starts a new line.</summary>
    /// <param name="text">The text.</param>
    /// <param name="style">Its style; null takes the surrounding default.</param>
    /// <param name="align">Alignment; null takes the surrounding default (left in the body, the column's in a table).</param>
    public PdfContent Paragraph(string text, TextStyle? style = null, TextAlign? align = null) =>
        Paragraph(p =>
        {
            p.Text(text, style);
            if (align is { } a)
            {
                p.Align(a);
            }
        });

    /// <summary>A paragraph of styled runs, e.g. <c>p =&gt; p.Text("Hari/tanggal: ", bold).Text("Selasa")</c>.</summary>
    public PdfContent Paragraph(Action<PdfParagraph> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var paragraph = new PdfParagraph();
        build(paragraph);
        Blocks.Add(paragraph.ToBlock());
        return this;
    }

    /// <summary>Vertical space. Space at the top of a page is dropped.</summary>
    public PdfContent Spacing(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Blocks.Add(new SpacingBlock(points));
        return this;
    }

    /// <summary>A horizontal line across the full width.</summary>
    public PdfContent Rule(float thickness = 0.75f, PdfColor? color = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thickness);
        Blocks.Add(new RuleBlock(thickness, color ?? PdfColor.Black));
        return this;
    }

    /// <summary>
    /// A PNG or JPEG image, scaled (keeping its aspect ratio) to fit in <paramref name="maxWidth"/> x
    /// <paramref name="maxHeight"/> points and never wider than the column or taller than the page.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not an image Skia can decode.</exception>
    public PdfContent Image(byte[] encoded, float maxWidth, float maxHeight, TextAlign? align = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        var size = ImageSizes.GetValue(encoded, static bytes =>
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data)
                ?? throw new ArgumentException("The image is not a PNG or JPEG that can be decoded.", nameof(encoded));
            return new StrongBox<SKSizeI>(new SKSizeI(codec.Info.Width, codec.Info.Height));
        }).Value;
        Blocks.Add(new ImageBlock(encoded, size.Width, size.Height, maxWidth, maxHeight, align));
        return this;
    }

    // The pixel size of each image array, read once: a footer with a QR code is composed for every page (and again
    // when the page count changes), always with the same bytes. Like the renderer, this treats the bytes as unchanging.
    private static readonly ConditionalWeakTable<byte[], StrongBox<SKSizeI>> ImageSizes = [];

    /// <summary>
    /// A vector drawing of <paramref name="width"/> x <paramref name="height"/> points (a chart), kept whole on
    /// one page; see <see cref="PdfDrawing"/>. Positioned in the column by <paramref name="align"/>.
    /// </summary>
    public PdfContent Drawing(float width, float height, Action<PdfDrawing> build, TextAlign? align = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(build);
        var drawing = new PdfDrawing(width, height);
        build(drawing);
        Blocks.Add(new DrawingBlock(drawing, align));
        return this;
    }

    /// <summary>
    /// Content kept on one page: if it does not fit in what is left of the page, it starts on the next
    /// (e.g. a signature block). Content taller than a whole page flows normally.
    /// </summary>
    public PdfContent KeepTogether(Action<PdfContent> build)
    {
        Blocks.Add(new KeepTogetherBlock(Build(build)));
        return this;
    }

    /// <summary>Starts a new page (ignored inside headers, footers and cells).</summary>
    public PdfContent PageBreak()
    {
        Blocks.Add(PageBreakBlock.Instance);
        return this;
    }

    /// <summary>Side-by-side columns, e.g. a letterhead (logo + centred text) or two signature blocks.</summary>
    public PdfContent Columns(Action<PdfColumns> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var columns = new PdfColumns();
        build(columns);
        Blocks.Add(columns.ToBlock());
        return this;
    }

    /// <summary>A table whose header row repeats on every page it spans.</summary>
    public PdfContent Table(Action<PdfTable> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var table = new PdfTable();
        build(table);
        Blocks.Add(table.ToBlock());
        return this;
    }

    internal static PdfContent Build(Action<PdfContent> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var content = new PdfContent();
        build(content);
        return content;
    }
}

/// <summary>A paragraph being composed: runs of styled text and paragraph settings.</summary>
public sealed class PdfParagraph
{
    private readonly List<TextRun> _runs = [];
    private TextAlign? _align;
    private float _lineSpacing = 1;
    private float _spaceBefore;
    private float _spaceAfter;
    private bool _keepWithNext;

    /// <summary>
    /// Appends a run. Null style takes the surrounding default. <c>\n</c> (or <c>\r\n</c>) ends a line; text is
    /// normalised to composed characters (NFC) and invisible format characters (soft hyphen, zero-width
    /// space, BOM) are removed, since there is no shaping engine to handle them.
    /// </summary>
    public PdfParagraph Text(string text, TextStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _runs.Add(new TextRun(Clean(text), style));
        return this;
    }

    /// <summary>Ends the current line.</summary>
    public PdfParagraph LineBreak() => Text("\n");

    /// <summary>Horizontal alignment of the lines.</summary>
    public PdfParagraph Align(TextAlign align)
    {
        _align = align;
        return this;
    }

    /// <summary>Line height as a multiple of the font's natural line spacing (1 = single).</summary>
    public PdfParagraph LineSpacing(float factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        _lineSpacing = factor;
        return this;
    }

    /// <summary>Space above the paragraph (dropped at the top of a page).</summary>
    public PdfParagraph SpaceBefore(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        _spaceBefore = points;
        return this;
    }

    /// <summary>Space below the paragraph.</summary>
    public PdfParagraph SpaceAfter(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        _spaceAfter = points;
        return this;
    }

    /// <summary>Keeps the paragraph on one page with the start of what follows (for headings).</summary>
    public PdfParagraph KeepWithNext()
    {
        _keepWithNext = true;
        return this;
    }

    private static string Clean(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        foreach (var c in text)
        {
            if (IsInvisible(c))
            {
                return string.Create(text.Length - text.Count(IsInvisible), text, static (chars, source) =>
                {
                    var i = 0;
                    foreach (var ch in source)
                    {
                        if (!IsInvisible(ch))
                        {
                            chars[i++] = ch;
                        }
                    }
                });
            }
        }

        return text;
    }

    // Control characters other than tab and newline, and format characters (U+00AD, U+200B, U+FEFF...).
    private static bool IsInvisible(char c) =>
        c < 32 ? c is not ('\n' or '\t') : c >= 127 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;

    internal ParagraphBlock ToBlock() => new([.. _runs], _align, _lineSpacing, _spaceBefore, _spaceAfter, _keepWithNext);
}

/// <summary>Side-by-side columns being composed.</summary>
public sealed class PdfColumns
{
    private readonly List<PdfColumnsBlock.Column> _columns = [];
    private float _gap = 8;

    /// <summary>Adds a column.</summary>
    /// <param name="width">Absolute points or a relative share of the width left.</param>
    /// <param name="build">Its content.</param>
    /// <param name="verticalAlign">Where the content sits when a neighbour is taller.</param>
    public PdfColumns Column(PdfLength width, Action<PdfContent> build, VerticalAlign verticalAlign = VerticalAlign.Top)
    {
        _columns.Add(new PdfColumnsBlock.Column(width, PdfContent.Build(build), verticalAlign));
        return this;
    }

    /// <summary>The space between columns in points (default 8).</summary>
    public PdfColumns Gap(float points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        _gap = points;
        return this;
    }

    internal PdfColumnsBlock ToBlock() =>
        _columns.Count == 0
            ? throw new InvalidOperationException("Columns need at least one column.")
            : new PdfColumnsBlock([.. _columns], _gap);
}

// The document model: what was composed, before any measuring. Internal so that the public surface stays the
// composing API; a renderer other than Skia (QuestPDF, say) would read these in this assembly.
internal abstract record Block;

internal sealed record ParagraphBlock(
    IReadOnlyList<TextRun> Runs, TextAlign? Align, float LineSpacing, float SpaceBefore, float SpaceAfter, bool KeepWithNext) : Block;

internal sealed record SpacingBlock(float Height) : Block;

internal sealed record RuleBlock(float Thickness, PdfColor Color) : Block;

internal sealed record ImageBlock(byte[] Data, int PixelWidth, int PixelHeight, float MaxWidth, float MaxHeight, TextAlign? Align) : Block;

internal sealed record KeepTogetherBlock(PdfContent Content) : Block;

internal sealed record PageBreakBlock : Block
{
    public static readonly PageBreakBlock Instance = new();
}

internal sealed record PdfColumnsBlock(IReadOnlyList<PdfColumnsBlock.Column> Columns, float Gap) : Block
{
    internal sealed record Column(PdfLength Width, PdfContent Content, VerticalAlign VerticalAlign);
}
