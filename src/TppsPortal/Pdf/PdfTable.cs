namespace TppsPortal.Pdf;

/// <summary>
/// A table being composed: columns (width and alignment), an optional header row repeated at the top of
/// every page the table spans, and rows of cells. Rows that do not fit move to the next page; a row taller
/// than a whole page is split between lines.
/// </summary>
public sealed class PdfTable
{
    private readonly List<ColumnSpec> _columns = [];
    private readonly List<PdfTableRow> _rows = [];
    private PdfTableRow? _header;

    internal float BorderWidth { get; private set; } = 0.5f;

    internal PdfColor BorderColor { get; private set; } = PdfColor.Black;

    internal PdfColor? HeaderBackground { get; private set; } = PdfColor.LightGray;

    internal float PaddingX { get; private set; } = 4;

    internal float PaddingY { get; private set; } = 3;

    internal TextStyle? CellStyle { get; private set; }

    internal TextStyle? HeaderStyle { get; private set; }

    internal bool RepeatHeader { get; private set; } = true;

    /// <summary>Adds a column.</summary>
    /// <param name="width">Absolute points or a relative share of the width left.</param>
    /// <param name="align">Horizontal alignment of the column's cells (a cell can override it).</param>
    /// <param name="verticalAlign">Vertical alignment of the column's cells.</param>
    public PdfTable Column(PdfLength width, TextAlign align = TextAlign.Left, VerticalAlign verticalAlign = VerticalAlign.Top)
    {
        _columns.Add(new ColumnSpec(width, align, verticalAlign));
        return this;
    }

    /// <summary>The header row from plain texts, one per column.</summary>
    public PdfTable Header(params string[] texts) => Header(r => AddTexts(r, texts));

    /// <summary>The header row, composed cell by cell.</summary>
    public PdfTable Header(Action<PdfTableRow> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        _header = new PdfTableRow();
        build(_header);
        return this;
    }

    /// <summary>A row from plain texts, one per column.</summary>
    public PdfTable Row(params string[] texts) => Row(r => AddTexts(r, texts));

    /// <summary>A row composed cell by cell.</summary>
    public PdfTable Row(Action<PdfTableRow> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var row = new PdfTableRow();
        build(row);
        _rows.Add(row);
        return this;
    }

    /// <summary>Cell borders: line width in points (0 for none) and colour.</summary>
    public PdfTable Borders(float width, PdfColor? color = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        BorderWidth = width;
        BorderColor = color ?? PdfColor.Black;
        return this;
    }

    /// <summary>Header row background (null for none; light grey by default).</summary>
    public PdfTable HeaderShading(PdfColor? color)
    {
        HeaderBackground = color;
        return this;
    }

    /// <summary>Space between a cell's border and its content, in points.</summary>
    public PdfTable Padding(float horizontal, float vertical)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizontal);
        ArgumentOutOfRangeException.ThrowIfNegative(vertical);
        PaddingX = horizontal;
        PaddingY = vertical;
        return this;
    }

    /// <summary>Default text style of body cells (default: the document's) and of header cells (default: the body style, bold).</summary>
    public PdfTable Style(TextStyle cells, TextStyle? header = null)
    {
        CellStyle = cells;
        HeaderStyle = header;
        return this;
    }

    /// <summary>Whether the header row is repeated on every page the table spans (default yes).</summary>
    public PdfTable RepeatHeaderRow(bool repeat)
    {
        RepeatHeader = repeat;
        return this;
    }

    internal TableBlock ToBlock()
    {
        if (_columns.Count == 0)
        {
            throw new InvalidOperationException("A table needs at least one column.");
        }

        foreach (var row in _header is null ? _rows : _rows.Prepend(_header))
        {
            if (row.Cells.Count > _columns.Count)
            {
                throw new InvalidOperationException($"A table row has {row.Cells.Count} cells but the table has {_columns.Count} columns.");
            }
        }

        return new TableBlock(this, [.. _columns], _header, [.. _rows]);
    }

    private static void AddTexts(PdfTableRow row, string[] texts)
    {
        foreach (var text in texts)
        {
            row.Cell(text);
        }
    }

    internal sealed record ColumnSpec(PdfLength Width, TextAlign Align, VerticalAlign VerticalAlign);
}

/// <summary>A table row being composed: one cell per column, left to right (missing cells are empty).</summary>
public sealed class PdfTableRow
{
    internal List<PdfTableCell> Cells { get; } = [];

    internal float MinHeight { get; private set; }

    internal PdfColor? Background { get; private set; }

    /// <summary>A cell of plain text.</summary>
    /// <param name="text">The text (<c>\n</c> starts a new line).</param>
    /// <param name="align">Overrides the column's alignment for this cell (e.g. zig-zag signature columns).</param>
    /// <param name="style">Overrides the table's text style.</param>
    public PdfTableRow Cell(string text, TextAlign? align = null, TextStyle? style = null) =>
        Cell(c => c.Paragraph(text, style), align);

    /// <summary>A cell with any content: styled paragraphs, images, nested columns.</summary>
    /// <param name="build">Composes the content.</param>
    /// <param name="align">Overrides the column's alignment for this cell.</param>
    /// <param name="verticalAlign">Overrides the column's vertical alignment for this cell.</param>
    public PdfTableRow Cell(Action<PdfContent> build, TextAlign? align = null, VerticalAlign? verticalAlign = null)
    {
        Cells.Add(new PdfTableCell(PdfContent.Build(build), align, verticalAlign));
        return this;
    }

    /// <summary>The least height of the row in points (e.g. room to sign).</summary>
    public PdfTableRow Height(float minimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        MinHeight = minimum;
        return this;
    }

    /// <summary>Background of the whole row.</summary>
    public PdfTableRow Shading(PdfColor? color)
    {
        Background = color;
        return this;
    }
}

internal sealed record PdfTableCell(PdfContent Content, TextAlign? Align, VerticalAlign? VerticalAlign);

internal sealed record TableBlock(
    PdfTable Table, IReadOnlyList<PdfTable.ColumnSpec> Columns, PdfTableRow? Header, IReadOnlyList<PdfTableRow> Rows) : Block;
