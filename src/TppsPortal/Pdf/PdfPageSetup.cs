namespace TppsPortal.Pdf;

/// <summary>Unit conversions. Every length in this composer is in points (1/72 inch) unless its name says mm.</summary>
public static class PdfUnits
{
    /// <summary>Points per millimetre.</summary>
    public const float PointsPerMm = 72f / 25.4f;

    /// <summary>Millimetres to points.</summary>
    public static float Mm(float millimetres) => millimetres * PointsPerMm;
}

/// <summary>
/// A page size in points. Skia writes page sizes in whole points, so a document is laid out on the size
/// rounded to whole points (A4 becomes 595 x 842 pt, 0.1 mm off, well within printer tolerance).
/// </summary>
public readonly record struct PdfPageSize(float Width, float Height)
{
    /// <summary>The size the PDF will really have: rounded to whole points, as Skia writes it.</summary>
    public PdfPageSize ToWholePoints() => new(MathF.Round(Width), MathF.Round(Height));

    /// <summary>A4 portrait, 595.28 x 841.89 pt.</summary>
    public static PdfPageSize A4Portrait => new(595.28f, 841.89f);

    /// <summary>A4 landscape, 841.89 x 595.28 pt.</summary>
    public static PdfPageSize A4Landscape => new(841.89f, 595.28f);

    /// <summary>F4/Folio portrait (215 x 330 mm), common for Indonesian official papers.</summary>
    public static PdfPageSize F4Portrait => new(PdfUnits.Mm(215), PdfUnits.Mm(330));
}

/// <summary>Page margins in points; create them from millimetres with <see cref="Mm(float, float, float, float)"/>.</summary>
public readonly record struct PdfMargins(float Top, float Right, float Bottom, float Left)
{
    /// <summary>Margins given in millimetres.</summary>
    public static PdfMargins Mm(float top, float right, float bottom, float left) =>
        new(PdfUnits.Mm(top), PdfUnits.Mm(right), PdfUnits.Mm(bottom), PdfUnits.Mm(left));

    /// <summary>The same margin on all sides, in millimetres.</summary>
    public static PdfMargins Mm(float all) => Mm(all, all, all, all);
}

/// <summary>The width of a table column or a side-by-side column: absolute points, or a share of what is left.</summary>
public readonly record struct PdfLength
{
    private PdfLength(float value, bool relative)
    {
        if (!(value > 0) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A column width must be a positive number.");
        }

        Value = value;
        IsRelative = relative;
    }

    /// <summary>Points (absolute) or weight (relative).</summary>
    public float Value { get; }

    /// <summary>True for a share of the width left after absolute columns.</summary>
    public bool IsRelative { get; }

    /// <summary>A fixed width in points.</summary>
    public static PdfLength Absolute(float points) => new(points, false);

    /// <summary>A fixed width in millimetres.</summary>
    public static PdfLength AbsoluteMm(float millimetres) => new(PdfUnits.Mm(millimetres), false);

    /// <summary>A share of the remaining width, weighted against the other relative columns.</summary>
    public static PdfLength Relative(float weight = 1) => new(weight, true);

    /// <summary>Resolves widths for an available width: absolute first, relative columns share the rest.</summary>
    internal static float[] Resolve(IReadOnlyList<PdfLength> lengths, float available, float gap)
    {
        var widths = new float[lengths.Count];
        var fixedSum = 0f;
        var weights = 0f;
        foreach (var l in lengths)
        {
            if (l.IsRelative)
            {
                weights += l.Value;
            }
            else
            {
                fixedSum += l.Value;
            }
        }

        var rest = Math.Max(0, available - fixedSum - (gap * Math.Max(0, lengths.Count - 1)));
        for (var i = 0; i < lengths.Count; i++)
        {
            widths[i] = lengths[i].IsRelative ? rest * lengths[i].Value / weights : lengths[i].Value;
        }

        // Absolute columns wider than the page are shrunk proportionally so nothing crosses the margin.
        var total = widths.Sum() + (gap * Math.Max(0, lengths.Count - 1));
        if (total > available + 0.01f && total > 0)
        {
            var scale = (available - (gap * Math.Max(0, lengths.Count - 1))) / widths.Sum();
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] *= Math.Max(0, scale);
            }
        }

        return widths;
    }
}

/// <summary>Document information stored in the PDF.</summary>
public sealed record PdfMetadata
{
    /// <summary>Document title.</summary>
    public string? Title { get; init; }

    /// <summary>Author (person or office).</summary>
    public string? Author { get; init; }

    /// <summary>Subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Keywords.</summary>
    public string? Keywords { get; init; }

    /// <summary>The application that made the content.</summary>
    public string? Creator { get; init; } = "TPPS Portal";

    /// <summary>The library that wrote the PDF.</summary>
    public string? Producer { get; init; } = "TPPS Portal (SkiaSharp)";

    /// <summary>Creation time; pass it in (from a TimeProvider) so output is reproducible. Stored as UTC.</summary>
    public DateTimeOffset? Created { get; init; }
}
