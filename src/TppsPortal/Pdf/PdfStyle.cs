using System.Globalization;

namespace TppsPortal.Pdf;

/// <summary>An sRGB colour with alpha.</summary>
public readonly record struct PdfColor(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Black.</summary>
    public static PdfColor Black => new(0, 0, 0);

    /// <summary>White.</summary>
    public static PdfColor White => new(255, 255, 255);

    /// <summary>A light grey for table header shading.</summary>
    public static PdfColor LightGray => new(217, 217, 217);

    /// <summary>A mid grey for secondary text.</summary>
    public static PdfColor Gray => new(110, 110, 110);

    /// <summary>Parses <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    public static PdfColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.AsSpan().TrimStart('#');
        if (s.Length is not (6 or 8) || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"'{hex}' is not a colour of the form #RRGGBB or #RRGGBBAA.");
        }

        return s.Length == 6
            ? new PdfColor((byte)(v >> 16), (byte)(v >> 8), (byte)v)
            : new PdfColor((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }
}

/// <summary>Horizontal alignment of text lines and images.</summary>
public enum TextAlign
{
    /// <summary>Flush left.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,

    /// <summary>Both edges flush; the last line of a paragraph is left-aligned.</summary>
    Justify,
}

/// <summary>Vertical alignment of content inside a table cell or a column.</summary>
public enum VerticalAlign
{
    /// <summary>At the top.</summary>
    Top,

    /// <summary>Centred.</summary>
    Middle,

    /// <summary>At the bottom.</summary>
    Bottom,
}

/// <summary>How a run of text looks. Sizes are in points. Change it with <c>with</c>: <c>style with { Bold = true }</c>.</summary>
public sealed record TextStyle
{
    /// <summary>Liberation Sans 11 pt, black.</summary>
    public static TextStyle Default { get; } = new();

    /// <summary>Font size in points.</summary>
    public float Size { get; init; } = 11;

    /// <summary>Bold weight.</summary>
    public bool Bold { get; init; }

    /// <summary>Italic slant.</summary>
    public bool Italic { get; init; }

    /// <summary>Draw a line under the text.</summary>
    public bool Underline { get; init; }

    /// <summary>Text colour.</summary>
    public PdfColor Color { get; init; } = PdfColor.Black;

    /// <summary>Font family.</summary>
    public PdfFontFamily Family { get; init; } = PdfFontFamily.Sans;

    /// <summary>This style in bold.</summary>
    public TextStyle AsBold() => this with { Bold = true };

    /// <summary>This style in italic.</summary>
    public TextStyle AsItalic() => this with { Italic = true };

    /// <summary>This style at another size.</summary>
    public TextStyle WithSize(float size) => this with { Size = size };
}

/// <summary>A piece of text in one style. A null style takes the surrounding default (body, table cell, header row).</summary>
public sealed record TextRun(string Text, TextStyle? Style = null);
