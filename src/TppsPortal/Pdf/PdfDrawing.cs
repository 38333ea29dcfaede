namespace TppsPortal.Pdf;

/// <summary>
/// A fixed-size vector drawing in the flow (a chart): lines, polylines with an optional dash pattern,
/// rectangles, circles and text labels, in points from the drawing's top-left corner. The composer keeps it
/// whole: if it does not fit in what is left of a page it starts on the next. Labels are ordinary text (same
/// fonts, subsetting and text extraction as paragraphs), anchored at a point: <see cref="TextAlign.Left"/>
/// starts there, <see cref="TextAlign.Center"/> centres on it, <see cref="TextAlign.Right"/> ends there; the
/// y is the baseline. Nothing is clipped: keep the primitives inside the drawing's box.
/// </summary>
/// <example>
/// <code>
/// content.Drawing(400, 200, d => d
///     .Line(40, 180, 390, 180, PdfColor.Gray, 0.75f)
///     .Polyline([(50, 120), (150, 90), (250, 60)], PdfColor.FromHex("#0072B2"), 1.6f)
///     .Polyline([(50, 120), (250, 100)], PdfColor.Black, 1f, dash: [4, 3])
///     .Circle(150, 90, 2.5, fill: PdfColor.FromHex("#0072B2"))
///     .Text("2022", 150, 195, TextStyle.Default with { Size = 8 }, TextAlign.Center));
/// </code>
/// </example>
public sealed class PdfDrawing
{
    internal PdfDrawing(float width, float height)
    {
        Width = width;
        Height = height;
    }

    public float Width { get; }

    public float Height { get; }

    internal List<DrawingItem> Items { get; } = [];

    /// <summary>A straight line, optionally dashed (lengths of dash and gap, in points).</summary>
    public PdfDrawing Line(double x1, double y1, double x2, double y2, PdfColor color, float width = 0.75f, float[]? dash = null) =>
        Polyline([(x1, y1), (x2, y2)], color, width, dash);

    /// <summary>Connected line segments through the points, optionally dashed.</summary>
    public PdfDrawing Polyline(IReadOnlyList<(double X, double Y)> points, PdfColor color, float width = 1f, float[]? dash = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (points.Count < 2)
        {
            throw new ArgumentException("A line needs at least two points.", nameof(points));
        }
        if (dash is { } d && (d.Length % 2 != 0 || d.Any(v => v <= 0)))
        {
            throw new ArgumentException("A dash pattern is pairs of positive lengths (dash, gap).", nameof(dash));
        }
        Items.Add(new DrawingItem.Shape(new PdfPathOp([.. points.Select(p => ((float)p.X, (float)p.Y))], color, width, dash)));
        return this;
    }

    /// <summary>A rectangle, filled and/or stroked.</summary>
    public PdfDrawing Rectangle(double x, double y, double width, double height, PdfColor? fill = null, PdfColor? stroke = null, float strokeWidth = 0.75f)
    {
        Items.Add(new DrawingItem.Shape(new PdfRectOp((float)x, (float)y, (float)width, (float)height, fill, stroke, stroke is null ? 0 : strokeWidth)));
        return this;
    }

    /// <summary>A circle around (x, y), filled and/or stroked.</summary>
    public PdfDrawing Circle(double x, double y, double radius, PdfColor? fill = null, PdfColor? stroke = null, float strokeWidth = 0.75f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radius);
        Items.Add(new DrawingItem.Shape(new PdfCircleOp((float)x, (float)y, (float)radius, fill, stroke, stroke is null ? 0 : strokeWidth)));
        return this;
    }

    /// <summary>One line of text with its baseline at y, anchored at x by <paramref name="align"/>.</summary>
    public PdfDrawing Text(string text, double x, double y, TextStyle? style = null, TextAlign align = TextAlign.Left)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0)
        {
            Items.Add(new DrawingItem.Label(text, (float)x, (float)y, style, align == TextAlign.Justify ? TextAlign.Left : align));
        }
        return this;
    }
}

/// <summary>What a drawing holds before layout: shapes are final, labels are measured by the layouter.</summary>
internal abstract record DrawingItem
{
    internal sealed record Shape(PdfDrawOp Op) : DrawingItem;

    internal sealed record Label(string Text, float X, float Baseline, TextStyle? Style, TextAlign Align) : DrawingItem;
}

internal sealed record DrawingBlock(PdfDrawing Drawing, TextAlign? Align) : Block;

/// <summary>Connected straight segments, optionally dashed.</summary>
public sealed record PdfPathOp((float X, float Y)[] Points, PdfColor Color, float Width, float[]? Dash) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { Points = [.. Points.Select(p => (p.X + dx, p.Y + dy))] };
}

/// <summary>A circle, filled and/or stroked.</summary>
public sealed record PdfCircleOp(float X, float Y, float Radius, PdfColor? Fill, PdfColor? Stroke, float StrokeWidth) : PdfDrawOp
{
    /// <inheritdoc />
    public override PdfDrawOp Translate(float dx, float dy) => this with { X = X + dx, Y = Y + dy };
}
