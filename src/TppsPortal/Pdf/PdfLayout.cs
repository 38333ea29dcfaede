namespace TppsPortal.Pdf;

/// <summary>The page number and page count a header or footer is composed for.</summary>
public readonly record struct PdfPageContext(int PageNumber, int PageCount);

/// <summary>
/// A laid-out document: pages of positioned drawing operations, ready for a renderer. Coordinates are in
/// points from the top-left corner of the page, y growing downwards.
/// </summary>
public sealed class PdfLayout(PdfPageSize pageSize, PdfMargins margins, IReadOnlyList<PdfLayoutPage> pages)
{
    /// <summary>The size of every page.</summary>
    public PdfPageSize PageSize { get; } = pageSize;

    /// <summary>The page margins; nothing is drawn outside them.</summary>
    public PdfMargins Margins { get; } = margins;

    /// <summary>The pages, first to last.</summary>
    public IReadOnlyList<PdfLayoutPage> Pages { get; } = pages;
}

/// <summary>One laid-out page.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="BodyTop">Where the body starts (below the header).</param>
/// <param name="BodyBottom">Where the body ends (above the footer).</param>
/// <param name="Operations">What to draw, in order (later operations paint over earlier ones).</param>
public sealed record PdfLayoutPage(int Number, float BodyTop, float BodyBottom, IReadOnlyList<PdfDrawOp> Operations);

/// <summary>A positioned drawing operation.</summary>
public abstract record PdfDrawOp
{
    /// <summary>The same operation moved by (dx, dy).</summary>
    public abstract PdfDrawOp Translate(float dx, float dy);
}

/// <summary>Text in one style on one baseline, drawn left to right from <see cref="X"/>.</summary>
/// <param name="X">Left edge of the first glyph's advance.</param>
/// <param name="Baseline">The baseline's y.</param>
/// <param name="Text">The characters.</param>
/// <param name="Style">Font, size and colour.</param>
/// <param name="Width">Advance width of the text.</param>
/// <param name="Ascent">Font ascent above the baseline (positive).</param>
/// <param name="Descent">Font descent below the baseline (positive).</param>
public sealed record PdfTextOp(float X, float Baseline, string Text, TextStyle Style, float Width, float Ascent, float Descent) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { X = X + dx, Baseline = Baseline + dy };
}

/// <summary>A straight line.</summary>
public sealed record PdfLineOp(float X1, float Y1, float X2, float Y2, float Thickness, PdfColor Color) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { X1 = X1 + dx, Y1 = Y1 + dy, X2 = X2 + dx, Y2 = Y2 + dy };
}

/// <summary>A rectangle, filled and/or stroked.</summary>
public sealed record PdfRectOp(float X, float Y, float Width, float Height, PdfColor? Fill, PdfColor? Stroke, float StrokeWidth) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { X = X + dx, Y = Y + dy };
}

/// <summary>An encoded image (PNG/JPEG bytes) scaled into a rectangle.</summary>
public sealed record PdfImageOp(float X, float Y, float Width, float Height, byte[] Data) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { X = X + dx, Y = Y + dy };
}
