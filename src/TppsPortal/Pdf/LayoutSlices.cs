namespace TppsPortal.Pdf;

/// <summary>
/// A horizontal strip of laid-out content, the unit the paginator places: a line of text, a rule, an image,
/// a table row. Its operations are relative to its own top-left corner.
/// </summary>
internal abstract class Slice
{
    public float Height { get; protected init; }

    /// <summary>Vertical space that is dropped at the top of a page.</summary>
    public bool Collapsible { get; init; }

    /// <summary>Must share a page with the start of the next slice.</summary>
    public bool KeepWithNext { get; init; }

    public bool IsPageBreak { get; init; }

    /// <summary>A table's header row (placed at the start of the table and repeated on later pages).</summary>
    public bool IsTableHeader { get; init; }

    /// <summary>For table rows: the header row to repeat when the row starts a new page.</summary>
    public Slice? RepeatHeader { get; init; }

    public virtual bool CanSplit => false;

    /// <summary>The height of the smallest first piece this slice can be split into.</summary>
    public virtual float MinSplitHeight => Height;

    public abstract void Emit(List<PdfDrawOp> output, float x, float y);

    /// <summary>Splits so that the first piece is at most <paramref name="available"/> high; false if it cannot.</summary>
    public virtual bool TrySplit(float available, out Slice first, out Slice rest)
    {
        first = rest = this;
        return false;
    }
}

/// <summary>A slice made of fixed operations (text line, rule, image, spacing).</summary>
internal sealed class OpsSlice : Slice
{
    public static readonly OpsSlice PageBreak = new([], 0) { IsPageBreak = true };

    private readonly PdfDrawOp[] _ops;

    public OpsSlice(PdfDrawOp[] ops, float height)
    {
        _ops = ops;
        Height = height;
    }

    public override void Emit(List<PdfDrawOp> output, float x, float y)
    {
        foreach (var op in _ops)
        {
            output.Add(op.Translate(x, y));
        }
    }
}

/// <summary>Slices stacked and kept together (a keep-together group, a keep-with-next paragraph).</summary>
internal sealed class GroupSlice : Slice
{
    private readonly Slice[] _children;

    public GroupSlice(Slice[] children)
    {
        _children = children;
        Height = children.Sum(c => c.Height);
    }

    public override void Emit(List<PdfDrawOp> output, float x, float y)
    {
        foreach (var child in _children)
        {
            child.Emit(output, x, y);
            y += child.Height;
        }
    }
}

/// <summary>
/// Cells side by side, each a stack of slices: a table row (with borders and padding) or a row of columns.
/// It splits between the slices of its cells, so a row taller than a page continues on the next.
/// </summary>
internal sealed class CellsSlice : Slice
{
    private readonly Cell[] _cells;
    private readonly CellsStyle _style;
    private readonly bool _isContinuation;

    public CellsSlice(Cell[] cells, CellsStyle style, float minHeight, bool isContinuation = false)
    {
        _cells = cells;
        _style = style;
        _isContinuation = isContinuation;
        var content = 0f;
        foreach (var cell in cells)
        {
            content = Math.Max(content, cell.ContentHeight);
        }

        Height = Math.Max(minHeight, content + (2 * style.PaddingY));
    }

    public override bool CanSplit => true;

    public override float MinSplitHeight
    {
        get
        {
            var first = 0f;
            foreach (var cell in _cells)
            {
                if (cell.Content.Length > 0)
                {
                    first = Math.Max(first, cell.Content[0].CanSplit ? cell.Content[0].MinSplitHeight : cell.Content[0].Height);
                }
            }

            return Math.Min(Height, first + (2 * _style.PaddingY));
        }
    }

    public override void Emit(List<PdfDrawOp> output, float x, float y)
    {
        foreach (var cell in _cells)
        {
            if (cell.Background is { } fill)
            {
                output.Add(new PdfRectOp(x + cell.X, y, cell.Width, Height, fill, null, 0));
            }
        }

        var inner = Height - (2 * _style.PaddingY);
        foreach (var cell in _cells)
        {
            var free = Math.Max(0, inner - cell.ContentHeight);
            var offset = _isContinuation ? 0 : cell.VerticalAlign switch
            {
                VerticalAlign.Middle => free / 2,
                VerticalAlign.Bottom => free,
                _ => 0,
            };
            var cy = y + _style.PaddingY + offset;
            foreach (var slice in cell.Content)
            {
                slice.Emit(output, x + cell.X + _style.PaddingX, cy);
                cy += slice.Height;
            }
        }

        if (_style.BorderWidth > 0)
        {
            foreach (var cell in _cells)
            {
                output.Add(new PdfRectOp(x + cell.X, y, cell.Width, Height, null, _style.BorderColor, _style.BorderWidth));
            }
        }
    }

    public override bool TrySplit(float available, out Slice first, out Slice rest)
    {
        first = rest = this;
        var room = available - (2 * _style.PaddingY);
        if (room <= 0)
        {
            return false;
        }

        var firstCells = new Cell[_cells.Length];
        var restCells = new Cell[_cells.Length];
        var progress = false;
        var remaining = false;
        for (var i = 0; i < _cells.Length; i++)
        {
            var cell = _cells[i];
            var taken = new List<Slice>();
            var left = new List<Slice>();
            var used = 0f;
            var k = 0;
            for (; k < cell.Content.Length; k++)
            {
                var s = cell.Content[k];
                if (used + s.Height <= room)
                {
                    taken.Add(s);
                    used += s.Height;
                    continue;
                }

                if (s.CanSplit && s.TrySplit(room - used, out var head, out var tail))
                {
                    taken.Add(head);
                    left.Add(tail);
                    k++;
                }

                break;
            }

            for (; k < cell.Content.Length; k++)
            {
                left.Add(cell.Content[k]);
            }

            // Space at the top of a continued cell would look like a gap.
            while (left.Count > 0 && left[0].Collapsible)
            {
                left.RemoveAt(0);
            }

            progress |= taken.Any(s => !s.Collapsible);
            remaining |= left.Count > 0;
            firstCells[i] = new Cell(cell.X, cell.Width, [.. taken], cell.VerticalAlign, cell.Background);
            restCells[i] = new Cell(cell.X, cell.Width, [.. left], cell.VerticalAlign, cell.Background);
        }

        if (!progress || !remaining)
        {
            return false;
        }

        first = new CellsSlice(firstCells, _style, 0, _isContinuation) { RepeatHeader = RepeatHeader };
        rest = new CellsSlice(restCells, _style, 0, isContinuation: true) { RepeatHeader = RepeatHeader };
        return true;
    }

    /// <summary>A cell: its left edge and width within the row, its content laid out to the inner width.</summary>
    public sealed class Cell(float x, float width, Slice[] content, VerticalAlign verticalAlign, PdfColor? background)
    {
        public float X { get; } = x;

        public float Width { get; } = width;

        public Slice[] Content { get; } = content;

        public VerticalAlign VerticalAlign { get; } = verticalAlign;

        public PdfColor? Background { get; } = background;

        public float ContentHeight { get; } = content.Sum(s => s.Height);
    }

    public sealed record CellsStyle(float PaddingX, float PaddingY, float BorderWidth, PdfColor BorderColor);
}
