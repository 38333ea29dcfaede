namespace TppsPortal.Pdf;

/// <summary>
/// Composes a PDF: page size and margins, metadata, a header and footer drawn on every page, and body
/// content flowed across pages. <see cref="Layout"/> measures and paginates into positioned operations;
/// <see cref="WriteTo"/> and <see cref="ToBytes"/> draw them with SkiaSharp.
/// </summary>
/// <example>
/// <code>
/// var pdf = new PdfDocumentBuilder()
///     .Margins(PdfMargins.Mm(20, 20, 20, 25))
///     .Metadata(new PdfMetadata { Title = "Notulen Rapat", Created = now })
///     .Footer((page, c) =&gt; c.Paragraph($"Halaman {page.PageNumber} dari {page.PageCount}", align: TextAlign.Right))
///     .Content(c =&gt; c.Paragraph("NOTULEN RAPAT", TextStyle.Default with { Bold = true, Size = 14 }, TextAlign.Center))
///     .ToBytes();
/// </code>
/// </example>
/// <param name="fonts">The fonts to use; null for <see cref="PdfFonts.Default"/> (loaded when the document is laid out).</param>
public sealed class PdfDocumentBuilder(PdfFonts? fonts = null)
{
    private const float MinimumBodyHeight = 36;

    private PdfPageSize _pageSize = PdfPageSize.A4Portrait;
    private PdfMargins _margins = PdfMargins.Mm(20);
    private TextStyle _style = TextStyle.Default;
    private PdfMetadata _metadata = new();
    private Action<PdfPageContext, PdfContent>? _header;
    private Action<PdfPageContext, PdfContent>? _footer;

    /// <summary>The body content; <see cref="Content"/> adds to it too.</summary>
    public PdfContent Body { get; } = new();

    /// <summary>The page size (default A4 portrait), used rounded to whole points (see <see cref="PdfPageSize"/>).</summary>
    public PdfDocumentBuilder PageSize(PdfPageSize size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size.Width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size.Height, 1);
        _pageSize = size;
        return this;
    }

    /// <summary>The page margins (default 20 mm all round); build them with <see cref="PdfMargins.Mm(float, float, float, float)"/>.</summary>
    public PdfDocumentBuilder Margins(PdfMargins margins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Math.Min(Math.Min(margins.Top, margins.Bottom), Math.Min(margins.Left, margins.Right)));
        _margins = margins;
        return this;
    }

    /// <summary>The text style of runs that set none (default Liberation Sans 11 pt).</summary>
    public PdfDocumentBuilder DefaultTextStyle(TextStyle style)
    {
        _style = style ?? throw new ArgumentNullException(nameof(style));
        return this;
    }

    /// <summary>Title, author, creation time and so on.</summary>
    public PdfDocumentBuilder Metadata(PdfMetadata metadata)
    {
        _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        return this;
    }

    /// <summary>
    /// Composes the header of each page, given its number and the page count. It is drawn from the top
    /// margin down; the body starts below it.
    /// </summary>
    public PdfDocumentBuilder Header(Action<PdfPageContext, PdfContent> compose)
    {
        _header = compose ?? throw new ArgumentNullException(nameof(compose));
        return this;
    }

    /// <summary>Composes the footer of each page; it ends at the bottom margin and the body ends above it.</summary>
    public PdfDocumentBuilder Footer(Action<PdfPageContext, PdfContent> compose)
    {
        _footer = compose ?? throw new ArgumentNullException(nameof(compose));
        return this;
    }

    /// <summary>Adds to the body.</summary>
    public PdfDocumentBuilder Content(Action<PdfContent> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        compose(Body);
        return this;
    }

    /// <summary>Measures and paginates the document into positioned drawing operations.</summary>
    /// <exception cref="PdfFontsMissingException">The fonts are not installed.</exception>
    public PdfLayout Layout() => Layout(fonts ?? PdfFonts.Default);

    /// <summary>Writes the PDF to <paramref name="output"/>.</summary>
    /// <exception cref="PdfFontsMissingException">The fonts are not installed.</exception>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var f = fonts ?? PdfFonts.Default;
        SkiaPdfRenderer.Render(Layout(f), _metadata, f, output);
    }

    /// <summary>The PDF as bytes.</summary>
    /// <exception cref="PdfFontsMissingException">The fonts are not installed.</exception>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    private PdfLayout Layout(PdfFonts f)
    {
        var pageSize = _pageSize.ToWholePoints();
        var width = pageSize.Width - _margins.Left - _margins.Right;
        var frameTop = _margins.Top;
        var frameBottom = pageSize.Height - _margins.Bottom;
        if (width < 1 || frameBottom - frameTop < MinimumBodyHeight)
        {
            throw new InvalidOperationException("The margins leave no room on the page.");
        }

        var scope = new LayoutScope(width, _style, TextAlign.Left);
        var layouter = new ContentLayouter(f) { MaxHeight = frameBottom - frameTop };
        var decorations = new Dictionary<(int Page, int Count, bool Footer), (List<Slice> Slices, float Height)>();

        // Images and keep-together groups are measured against the body height of a typical page.
        var typical = Bounds(1, 1);
        layouter.MaxHeight = typical.Bottom - typical.Top;
        var body = layouter.Layout(Body, scope);
        layouter.MaxHeight = frameBottom - frameTop;

        // The header and footer may depend on the page count, which pagination decides: paginate with an
        // estimate until the count agrees (normally the second pass).
        var count = 1;
        List<List<Paginator.Placement>> pages;
        for (var pass = 0; ; pass++)
        {
            var estimate = count;
            pages = Paginator.Paginate(body, i => Bounds(i + 1, estimate));
            count = pages.Count;
            if (count == estimate || (_header is null && _footer is null) || pass == 4)
            {
                break;
            }
        }

        var result = new PdfLayoutPage[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            var ops = new List<PdfDrawOp>();
            var (top, bottom) = Bounds(i + 1, pages.Count);
            var y = frameTop;
            foreach (var slice in Decoration(i + 1, pages.Count, footer: false).Slices)
            {
                slice.Emit(ops, _margins.Left, y);
                y += slice.Height;
            }

            foreach (var placement in pages[i])
            {
                placement.Slice.Emit(ops, _margins.Left, placement.Y);
            }

            var footer = Decoration(i + 1, pages.Count, footer: true);
            y = frameBottom - footer.Height;
            foreach (var slice in footer.Slices)
            {
                slice.Emit(ops, _margins.Left, y);
                y += slice.Height;
            }

            result[i] = new PdfLayoutPage(i + 1, top, bottom, ops);
        }

        return new PdfLayout(pageSize, _margins, result);

        (float Top, float Bottom) Bounds(int page, int pageCount)
        {
            var top = frameTop + Decoration(page, pageCount, footer: false).Height;
            var bottom = frameBottom - Decoration(page, pageCount, footer: true).Height;
            if (bottom - top < MinimumBodyHeight)
            {
                throw new InvalidOperationException($"The header and footer of page {page} leave no room for the body.");
            }

            return (top, bottom);
        }

        (List<Slice> Slices, float Height) Decoration(int page, int pageCount, bool footer)
        {
            var compose = footer ? _footer : _header;
            if (compose is null)
            {
                return ([], 0);
            }

            if (!decorations.TryGetValue((page, pageCount, footer), out var laidOut))
            {
                var content = new PdfContent();
                compose(new PdfPageContext(page, pageCount), content);
                var slices = layouter.Layout(content, scope);
                laidOut = (slices, slices.Sum(s => s.Height));
                decorations[(page, pageCount, footer)] = laidOut;
            }

            return laidOut;
        }
    }
}
