using System.Globalization;
using System.Text;

namespace TppsPortal.Pdf;

/// <summary>The width, default text style and default alignment content is laid out in.</summary>
internal readonly record struct LayoutScope(float Width, TextStyle Style, TextAlign Align);

/// <summary>
/// Turns content blocks into slices: measures and wraps text, scales images, lays out table rows and
/// columns. One instance per layout (it reuses its buffers, so it is not thread-safe).
/// </summary>
/// <param name="fonts">The fonts to measure with.</param>
internal sealed class ContentLayouter(PdfFonts fonts)
{
    private const float Epsilon = 0.01f;

    // Buffers reused from paragraph to paragraph (a table document has thousands of small paragraphs).
    private readonly List<Fragment> _fragments = [];
    private readonly List<Token> _tokens = [];
    private readonly List<Piece> _pieces = [];
    private readonly List<PdfDrawOp> _ops = [];
    private readonly StringBuilder _text = new();

    /// <summary>The height of a page's body: images are never taller; keep-together groups taller than this flow.</summary>
    public float MaxHeight { get; set; } = float.MaxValue;

    public List<Slice> Layout(PdfContent content, LayoutScope scope)
    {
        var output = new List<Slice>();
        Layout(content, scope, output);
        return output;
    }

    private void Layout(PdfContent content, LayoutScope scope, List<Slice> output)
    {
        foreach (var block in content.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    LayoutParagraph(p, scope, output);
                    break;
                case SpacingBlock s:
                    output.Add(new OpsSlice([], s.Height) { Collapsible = true });
                    break;
                case RuleBlock r:
                    output.Add(new OpsSlice([new PdfLineOp(0, r.Thickness / 2, scope.Width, r.Thickness / 2, r.Thickness, r.Color)], r.Thickness));
                    break;
                case ImageBlock i:
                    output.Add(LayoutImage(i, scope));
                    break;
                case DrawingBlock d:
                    output.Add(LayoutDrawing(d, scope));
                    break;
                case KeepTogetherBlock k:
                    LayoutKeepTogether(k, scope, output);
                    break;
                case PageBreakBlock:
                    output.Add(OpsSlice.PageBreak);
                    break;
                case PdfColumnsBlock c:
                    output.Add(LayoutColumns(c, scope));
                    break;
                case TableBlock t:
                    LayoutTable(t, scope, output);
                    break;
                default:
                    throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }
    }

    private OpsSlice LayoutImage(ImageBlock image, LayoutScope scope)
    {
        var maxW = Math.Min(image.MaxWidth, scope.Width);
        var maxH = Math.Min(image.MaxHeight, MaxHeight);
        var scale = Math.Min(maxW / image.PixelWidth, maxH / image.PixelHeight);
        var w = image.PixelWidth * scale;
        var h = image.PixelHeight * scale;
        var x = AlignOffset(image.Align ?? scope.Align, scope.Width - w);
        return new OpsSlice([new PdfImageOp(x, 0, w, h, image.Data)], h);
    }

    /// <summary>A drawing is one slice (never split); its labels are measured here so that they can be anchored.</summary>
    private OpsSlice LayoutDrawing(DrawingBlock block, LayoutScope scope)
    {
        var drawing = block.Drawing;
        var x = AlignOffset(block.Align ?? TextAlign.Left, Math.Max(0, scope.Width - drawing.Width));
        var ops = new PdfDrawOp[drawing.Items.Count];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = drawing.Items[i] switch
            {
                DrawingItem.Shape shape => shape.Op,
                DrawingItem.Label label => LabelOp(label, scope.Style),
                var other => throw new NotSupportedException($"Unknown drawing item {other.GetType().Name}."),
            };
            ops[i] = ops[i].Translate(x, 0);
        }
        return new OpsSlice(ops, Math.Min(drawing.Height, MaxHeight));
    }

    private PdfTextOp LabelOp(DrawingItem.Label label, TextStyle defaultStyle)
    {
        var style = label.Style ?? defaultStyle;
        var font = fonts.Font(style);
        var width = font.Measure(label.Text);
        var left = label.Align switch
        {
            TextAlign.Center => label.X - (width / 2),
            TextAlign.Right => label.X - width,
            _ => label.X,
        };
        return new PdfTextOp(left, label.Baseline, label.Text, style, width, font.Ascent, font.Descent);
    }

    private void LayoutKeepTogether(KeepTogetherBlock block, LayoutScope scope, List<Slice> output)
    {
        var slices = Layout(block.Content, scope);
        var height = slices.Sum(s => s.Height);
        if (slices.Count > 1 && height <= MaxHeight)
        {
            output.Add(new GroupSlice([.. slices]));
        }
        else
        {
            output.AddRange(slices);
        }
    }

    private CellsSlice LayoutColumns(PdfColumnsBlock block, LayoutScope scope)
    {
        var widths = PdfLength.Resolve([.. block.Columns.Select(c => c.Width)], scope.Width, block.Gap);
        var cells = new CellsSlice.Cell[widths.Length];
        var x = 0f;
        for (var i = 0; i < widths.Length; i++)
        {
            var column = block.Columns[i];
            var content = Layout(column.Content, scope with { Width = widths[i] });
            cells[i] = new CellsSlice.Cell(x, widths[i], [.. content], column.VerticalAlign, null);
            x += widths[i] + block.Gap;
        }

        return new CellsSlice(cells, new CellsSlice.CellsStyle(0, 0, 0, PdfColor.Black), 0);
    }

    private void LayoutTable(TableBlock block, LayoutScope scope, List<Slice> output)
    {
        var table = block.Table;
        var widths = PdfLength.Resolve([.. block.Columns.Select(c => c.Width)], scope.Width, 0);
        var style = new CellsSlice.CellsStyle(table.PaddingX, table.PaddingY, table.BorderWidth, table.BorderColor);
        var cellStyle = table.CellStyle ?? scope.Style;
        var headerStyle = table.HeaderStyle ?? cellStyle.AsBold();

        CellsSlice? header = null;
        if (block.Header is { } headerRow)
        {
            header = new CellsSlice(Cells(headerRow, headerStyle, table.HeaderBackground), style, headerRow.MinHeight)
            {
                KeepWithNext = block.Rows.Count > 0,
                IsTableHeader = true,
            };
            output.Add(header);
        }

        var repeat = table.RepeatHeader ? header : null;
        foreach (var row in block.Rows)
        {
            output.Add(new CellsSlice(Cells(row, cellStyle, null), style, row.MinHeight) { RepeatHeader = repeat });
        }

        CellsSlice.Cell[] Cells(PdfTableRow row, TextStyle textStyle, PdfColor? shading)
        {
            var cells = new CellsSlice.Cell[widths.Length];
            var x = 0f;
            for (var i = 0; i < widths.Length; i++)
            {
                var column = block.Columns[i];
                var cell = i < row.Cells.Count ? row.Cells[i] : null;
                var inner = Math.Max(1, widths[i] - (2 * table.PaddingX));
                var content = cell is null
                    ? []
                    : Layout(cell.Content, new LayoutScope(inner, textStyle, cell.Align ?? column.Align));
                cells[i] = new CellsSlice.Cell(x, widths[i], [.. content], cell?.VerticalAlign ?? column.VerticalAlign, row.Background ?? shading);
                x += widths[i];
            }

            return cells;
        }
    }

    // ---------------------------------------------------------------- paragraphs

    private void LayoutParagraph(ParagraphBlock paragraph, LayoutScope scope, List<Slice> output)
    {
        if (paragraph.SpaceBefore > 0)
        {
            output.Add(new OpsSlice([], paragraph.SpaceBefore) { Collapsible = true });
        }

        var lines = paragraph.KeepWithNext ? [] : output;
        Tokenize(paragraph, scope.Style);
        BreakLines(paragraph, scope, lines);
        if (paragraph.KeepWithNext)
        {
            output.Add(new GroupSlice([.. lines]) { KeepWithNext = true });
        }

        if (paragraph.SpaceAfter > 0)
        {
            output.Add(new OpsSlice([], paragraph.SpaceAfter) { Collapsible = true });
        }
    }

    /// <summary>Splits the runs into words (which may span runs), collapsed spaces and forced line breaks.</summary>
    private void Tokenize(ParagraphBlock paragraph, TextStyle defaultStyle)
    {
        _fragments.Clear();
        _tokens.Clear();
        var inWord = false;
        foreach (var run in paragraph.Runs)
        {
            var style = run.Style ?? defaultStyle;
            var font = fonts.Font(style);
            var text = run.Text;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    inWord = false;
                    _tokens.Add(new Token(TokenKind.NewLine, 0, 0, 0, font));
                    i++;
                }
                else if (IsBreakingSpace(c))
                {
                    inWord = false;
                    if (_tokens.Count > 0 && _tokens[^1].Kind == TokenKind.Word)
                    {
                        _tokens.Add(new Token(TokenKind.Space, 0, 0, font.SpaceWidth, font));
                    }

                    i++;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] != '\n' && (!IsBreakingSpace(text[i]) || IsSpaceBeforePercent(text, i)))
                    {
                        i++;
                    }

                    var width = font.Measure(text.AsSpan(start, i - start));
                    _fragments.Add(new Fragment(text, start, i - start, width, style, font));
                    if (inWord)
                    {
                        var word = _tokens[^1];
                        _tokens[^1] = word with { Count = word.Count + 1, Width = word.Width + width };
                    }
                    else
                    {
                        _tokens.Add(new Token(TokenKind.Word, _fragments.Count - 1, 1, width, font));
                        inWord = true;
                    }
                }
            }
        }
    }

    private void BreakLines(ParagraphBlock paragraph, LayoutScope scope, List<Slice> output)
    {
        var maxWidth = scope.Width;
        var line = new LineBuilder(this, paragraph, scope, output);
        var gap = -1f;
        PdfFont? gapFont = null;
        foreach (var token in _tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Space:
                    if (line.HasContent)
                    {
                        gap = token.Width;
                        gapFont = token.Font;
                    }

                    break;
                case TokenKind.NewLine:
                    line.Finish(justifiable: false, token.Font);
                    gap = -1;
                    break;
                default:
                    if (line.HasContent)
                    {
                        var gapWidth = Math.Max(0, gap);
                        if (line.X + gapWidth + token.Width <= maxWidth + Epsilon)
                        {
                            line.AddWord(token, gapWidth, gapFont);
                            gap = -1;
                            break;
                        }

                        line.Finish(justifiable: true, token.Font);
                    }

                    if (token.Width <= maxWidth + Epsilon)
                    {
                        line.AddWord(token, 0, null);
                    }
                    else
                    {
                        line.AddLongWord(token);
                    }

                    gap = -1;
                    break;
            }
        }

        if (line.HasContent || line.LinesFinished == 0)
        {
            line.Finish(justifiable: false, fonts.Font(paragraph.Runs.FirstOrDefault()?.Style ?? scope.Style));
        }
    }

    // Indonesian writes "22,6 %": the space before a percent sign never breaks the line.
    private static bool IsSpaceBeforePercent(string text, int i) => text[i] == ' ' && i + 1 < text.Length && text[i + 1] == '%';

    private static bool IsBreakingSpace(char c) =>
        c is ' ' or '\t' || (c > 127 && c is not ('\u00A0' or '\u2007' or '\u202F') && char.IsWhiteSpace(c));

    private static float AlignOffset(TextAlign align, float free) => align switch
    {
        TextAlign.Center => Math.Max(0, free / 2),
        TextAlign.Right => Math.Max(0, free),
        _ => 0,
    };

    /// <summary>How many characters of <paramref name="text"/> fit in <paramref name="width"/>, never splitting a surrogate pair or a base character from its combining marks.</summary>
    private static int FitCharacters(PdfFont font, ReadOnlySpan<char> text, float width, out float measured)
    {
        var n = (int)font.Font.BreakText(text, Math.Max(0, width), out measured);
        n = Math.Clamp(n, 0, text.Length);
        while (n > 0 && n < text.Length && !IsCharacterBoundary(text, n))
        {
            n--;
        }

        // Guard against any rounding in BreakText: the piece must really fit.
        while (n > 0 && font.Measure(text[..n]) > width + Epsilon)
        {
            n--;
            while (n > 0 && !IsCharacterBoundary(text, n))
            {
                n--;
            }
        }

        measured = font.Measure(text[..n]);
        return n;
    }

    private static bool IsCharacterBoundary(ReadOnlySpan<char> text, int index) =>
        !char.IsLowSurrogate(text[index])
        && CharUnicodeInfo.GetUnicodeCategory(text[index]) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark);

    /// <summary>The end of the first whole character (surrogate pair plus combining marks) of a non-empty text.</summary>
    private static int FirstCharacterLength(ReadOnlySpan<char> text)
    {
        var n = 1;
        while (n < text.Length && !IsCharacterBoundary(text, n))
        {
            n++;
        }

        return n;
    }

    private enum TokenKind
    {
        Word,
        Space,
        NewLine,
    }

    /// <summary>A word (fragments [Start, Start+Count)), a collapsed space, or a forced line break.</summary>
    private readonly record struct Token(TokenKind Kind, int Start, int Count, float Width, PdfFont Font);

    /// <summary>Part of a word in one run.</summary>
    private readonly record struct Fragment(string Text, int Start, int Length, float Width, TextStyle Style, PdfFont Font);

    /// <summary>Text placed on the current line at X (before alignment); Gap counts the word gaps before it.</summary>
    private readonly record struct Piece(string Text, int Start, int Length, float X, float Width, TextStyle Style, PdfFont Font, int Gap, PdfFont? GapFont);

    /// <summary>Collects the pieces of one line and turns them into a line slice.</summary>
    private sealed class LineBuilder(ContentLayouter owner, ParagraphBlock paragraph, LayoutScope scope, List<Slice> output)
    {
        private int _gaps;
        private bool _pendingGapValid;
        private PdfFont? _pendingGapFont;

        public float X { get; private set; }

        public bool HasContent => owner._pieces.Count > 0;

        public int LinesFinished { get; private set; }

        public void AddWord(Token word, float gapWidth, PdfFont? gapFont)
        {
            if (HasContent)
            {
                X += gapWidth;
                _gaps++;
                _pendingGapValid = true;
                _pendingGapFont = gapFont;
            }

            for (var f = word.Start; f < word.Start + word.Count; f++)
            {
                var fragment = owner._fragments[f];
                Add(fragment, fragment.Start, fragment.Length, fragment.Width);
            }
        }

        /// <summary>A word wider than the line: starts on its own line and is broken between characters.</summary>
        public void AddLongWord(Token word)
        {
            for (var f = word.Start; f < word.Start + word.Count; f++)
            {
                var fragment = owner._fragments[f];
                var start = fragment.Start;
                var length = fragment.Length;
                while (length > 0)
                {
                    var span = fragment.Text.AsSpan(start, length);
                    var n = FitCharacters(fragment.Font, span, scope.Width - X, out var measured);
                    if (n == 0)
                    {
                        if (HasContent)
                        {
                            Finish(justifiable: false, fragment.Font);
                            continue;
                        }

                        // Not even one character fits the column: place one anyway, or nothing would progress.
                        n = FirstCharacterLength(span);
                        measured = fragment.Font.Measure(span[..n]);
                    }

                    Add(fragment, start, n, measured);
                    start += n;
                    length -= n;
                    if (length > 0)
                    {
                        Finish(justifiable: false, fragment.Font);
                    }
                }
            }
        }

        private void Add(Fragment fragment, int start, int length, float width)
        {
            var gapFont = _pendingGapValid ? _pendingGapFont : null;
            owner._pieces.Add(new Piece(fragment.Text, start, length, X, width, fragment.Style, fragment.Font, _gaps, gapFont));
            _pendingGapValid = false;
            X += width;
        }

        /// <summary>Ends the line: aligns it, makes its text operations and adds its slice.</summary>
        /// <param name="justifiable">Whether a justified paragraph may stretch this line (not its last line, not before a forced break).</param>
        /// <param name="emptyLineFont">The font that sets the height of a line with no text.</param>
        public void Finish(bool justifiable, PdfFont emptyLineFont)
        {
            var pieces = owner._pieces;
            var ops = owner._ops;
            ops.Clear();
            float ascent = 0, descent = 0, spacing = 0;
            if (pieces.Count == 0)
            {
                ascent = emptyLineFont.Ascent;
                descent = emptyLineFont.Descent;
                spacing = emptyLineFont.LineSpacing;
            }

            foreach (var piece in pieces)
            {
                ascent = Math.Max(ascent, piece.Font.Ascent);
                descent = Math.Max(descent, piece.Font.Descent);
                spacing = Math.Max(spacing, piece.Font.LineSpacing);
            }

            var height = spacing * paragraph.LineSpacing;
            var baseline = ((height - ascent - descent) / 2) + ascent;
            var align = paragraph.Align ?? scope.Align;
            var free = scope.Width - X;
            var extra = align == TextAlign.Justify && justifiable && _gaps > 0 && free > 0 ? free / _gaps : 0;
            var offset = AlignOffset(align, free);

            var i = 0;
            while (i < pieces.Count)
            {
                // One operation per run of same-style pieces; in a stretched line, one per word.
                var first = pieces[i];
                var j = i + 1;
                while (j < pieces.Count
                       && pieces[j].Style == first.Style
                       && (pieces[j].Gap == pieces[j - 1].Gap || (extra == 0 && ReferenceEquals(pieces[j].GapFont, first.Font))))
                {
                    j++;
                }

                var last = pieces[j - 1];
                var followedByGap = j < pieces.Count && pieces[j].Gap > last.Gap;
                string text;
                if (j == i + 1 && !followedByGap)
                {
                    text = first.Start == 0 && first.Length == first.Text.Length ? first.Text : first.Text.Substring(first.Start, first.Length);
                }
                else
                {
                    var sb = owner._text.Clear();
                    for (var k = i; k < j; k++)
                    {
                        if (k > i && pieces[k].Gap > pieces[k - 1].Gap)
                        {
                            sb.Append(' ');
                        }

                        sb.Append(pieces[k].Text.AsSpan(pieces[k].Start, pieces[k].Length));
                    }

                    // A space glyph between operations keeps the words apart for text extraction and search.
                    if (followedByGap)
                    {
                        sb.Append(' ');
                    }

                    text = sb.ToString();
                }

                var x = offset + first.X + (first.Gap * extra);
                var width = last.X + last.Width - first.X;
                ops.Add(new PdfTextOp(x, baseline, text, first.Style, width, first.Font.Ascent, first.Font.Descent));
                if (first.Style.Underline)
                {
                    var y = baseline + first.Font.UnderlinePosition;
                    ops.Add(new PdfLineOp(x, y, x + width, y, first.Font.UnderlineThickness, first.Style.Color));
                }

                i = j;
            }

            output.Add(new OpsSlice([.. ops], height));
            LinesFinished++;
            pieces.Clear();
            X = 0;
            _gaps = 0;
            _pendingGapValid = false;
        }
    }
}
