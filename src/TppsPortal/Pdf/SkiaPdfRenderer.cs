using SkiaSharp;

namespace TppsPortal.Pdf;

/// <summary>Draws a <see cref="PdfLayout"/> into a PDF with SkiaSharp's <see cref="SKDocument"/>.</summary>
public static class SkiaPdfRenderer
{
    /// <summary>Writes the laid-out pages as a PDF to <paramref name="output"/>, embedding only the glyphs it uses.</summary>
    public static void Render(PdfLayout layout, PdfMetadata metadata, PdfFonts fonts, Stream output) =>
        Render(layout, metadata, fonts, output, subsetFonts: true);

    /// <param name="layout">The pages.</param>
    /// <param name="metadata">Document information.</param>
    /// <param name="fonts">The fonts the layout was measured with.</param>
    /// <param name="output">Where the PDF goes.</param>
    /// <param name="subsetFonts">False embeds whole font files (Skia's own behaviour), for comparison in tests.</param>
    internal static void Render(PdfLayout layout, PdfMetadata metadata, PdfFonts fonts, Stream output, bool subsetFonts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(fonts);
        ArgumentNullException.ThrowIfNull(output);

        var info = new SKDocumentPdfMetadata
        {
            Title = metadata.Title ?? string.Empty,
            Author = metadata.Author ?? string.Empty,
            Subject = metadata.Subject ?? string.Empty,
            Keywords = metadata.Keywords ?? string.Empty,
            Creator = metadata.Creator ?? string.Empty,
            Producer = metadata.Producer ?? string.Empty,
            // Skia writes the date with the offset of its DateTime; UTC keeps the output machine-independent.
            Creation = metadata.Created?.UtcDateTime,
            Modified = metadata.Created?.UtcDateTime,
        };

        // Each distinct image is decoded once, so Skia embeds it once even when every page shows it.
        var images = new Dictionary<byte[], SKImage>(ReferenceEqualityComparer.Instance);
        using var drawingFonts = new DrawingFonts(fonts, layout, subsetFonts);
        try
        {
            using var stream = new SKManagedWStream(output);
            using var document = SKDocument.CreatePdf(stream, info)
                ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
            using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
            var glyphCache = new GlyphCache();
            foreach (var page in layout.Pages)
            {
                var canvas = document.BeginPage(layout.PageSize.Width, layout.PageSize.Height);
                using var text = new TextBatch(canvas, fill, glyphCache);
                foreach (var op in page.Operations)
                {
                    if (op is PdfTextOp t)
                    {
                        // Text goes out in blobs of many runs: one native call per style, not one per run.
                        text.Add(t, drawingFonts);
                    }
                    else
                    {
                        text.Flush();
                        Draw(canvas, op, drawingFonts, fill, stroke, images);
                    }
                }
                text.Flush();

                document.EndPage();
            }

            document.Close();
        }
        finally
        {
            foreach (var image in images.Values)
            {
                image.Dispose();
            }
        }
    }

    private static void Draw(SKCanvas canvas, PdfDrawOp op, DrawingFonts fonts, SKPaint fill, SKPaint stroke, Dictionary<byte[], SKImage> images)
    {
        switch (op)
        {
            case PdfTextOp t:
                fill.Color = ToSkia(t.Style.Color);
                canvas.DrawText(t.Text, t.X, t.Baseline, SKTextAlign.Left, fonts.Get(PdfFonts.Index(t.Style), t.Style.Size), fill);
                break;
            case PdfLineOp l:
                stroke.Color = ToSkia(l.Color);
                stroke.StrokeWidth = l.Thickness;
                canvas.DrawLine(l.X1, l.Y1, l.X2, l.Y2, stroke);
                break;
            case PdfRectOp r:
                var rect = SKRect.Create(r.X, r.Y, r.Width, r.Height);
                if (r.Fill is { } f)
                {
                    fill.Color = ToSkia(f);
                    canvas.DrawRect(rect, fill);
                }

                if (r.Stroke is { } s && r.StrokeWidth > 0)
                {
                    stroke.Color = ToSkia(s);
                    stroke.StrokeWidth = r.StrokeWidth;
                    canvas.DrawRect(rect, stroke);
                }

                break;
            case PdfPathOp path:
                stroke.Color = ToSkia(path.Color);
                stroke.StrokeWidth = path.Width;
                using (var builder = new SKPathBuilder())
                using (var dash = path.Dash is { } pattern ? SKPathEffect.CreateDash(pattern, 0) : null)
                {
                    builder.MoveTo(path.Points[0].X, path.Points[0].Y);
                    for (var p = 1; p < path.Points.Length; p++)
                    {
                        builder.LineTo(path.Points[p].X, path.Points[p].Y);
                    }
                    using var skPath = builder.Detach();
                    stroke.PathEffect = dash;
                    stroke.StrokeJoin = SKStrokeJoin.Round;
                    canvas.DrawPath(skPath, stroke);
                    stroke.PathEffect = null;
                    stroke.StrokeJoin = SKStrokeJoin.Miter;
                }

                break;
            case PdfCircleOp c:
                if (c.Fill is { } circleFill)
                {
                    fill.Color = ToSkia(circleFill);
                    canvas.DrawCircle(c.X, c.Y, c.Radius, fill);
                }

                if (c.Stroke is { } circleStroke && c.StrokeWidth > 0)
                {
                    stroke.Color = ToSkia(circleStroke);
                    stroke.StrokeWidth = c.StrokeWidth;
                    canvas.DrawCircle(c.X, c.Y, c.Radius, stroke);
                }

                break;
            case PdfImageOp i:
                if (!images.TryGetValue(i.Data, out var image))
                {
                    image = SKImage.FromEncodedData(i.Data)
                        ?? throw new InvalidOperationException("An image in the document could not be decoded.");
                    images[i.Data] = image;
                }

                canvas.DrawImage(image, SKRect.Create(i.X, i.Y, i.Width, i.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                break;
            default:
                throw new NotSupportedException($"Unknown drawing operation {op.GetType().Name}.");
        }
    }

    private static SKColor ToSkia(PdfColor c) => new(c.R, c.G, c.B, c.A);

    /// <summary>
    /// Collects consecutive text runs of one colour into a text blob and draws it with one call. Consecutive
    /// runs in one font (the words of a stretched line, the lines of a paragraph or a table cell) become one
    /// positioned run: Skia's PDF backend pays per run (a BT/ET block, font selection, a glyph cache lookup),
    /// so fewer, longer runs are cheaper and the content stream is smaller. The order of the text is kept.
    /// </summary>
    private sealed class TextBatch(SKCanvas canvas, SKPaint fill, GlyphCache glyphCache) : IDisposable
    {
        private readonly SKTextBlobBuilder _builder = new();
        private readonly List<ushort> _glyphs = [];
        private readonly List<SKPoint> _points = [];
        private PdfColor? _color;
        private SKFont? _font;
        private int _runs;

        /// <summary>
        /// Adds a text operation: each run of it in the face that draws it (see <see cref="PdfFonts.Runs"/>), one after
        /// the other; the glyphs of a right-to-left run are placed from its right end, kept in logical order.
        /// </summary>
        public void Add(PdfTextOp op, DrawingFonts fonts)
        {
            if (_color is { } color && color != op.Style.Color)
            {
                Flush();
            }
            _color = op.Style.Color;
            var x = op.X;
            foreach (var run in fonts.Runs(op))
            {
                var font = fonts.Get(run.Face, op.Style.Size);
                if (!run.RightToLeft && PdfFont.IsLatin1(run.Text))
                {
                    // The common case, without a call into Skia: one glyph per character, from a table per font.
                    if (run.Text.Length == 0)
                    {
                        continue;
                    }
                    if (_glyphs.Count > 0 && !ReferenceEquals(font, _font))
                    {
                        EndRun();
                    }
                    _font = font;
                    var latin1 = glyphCache.Latin1(font);
                    var advance = 0f;
                    foreach (var c in run.Text)
                    {
                        _glyphs.Add(latin1.Glyphs[c]);
                        _points.Add(new SKPoint(x + advance, op.Baseline));
                        advance += latin1.Advances[c];
                    }
                    x += advance;
                    continue;
                }

                var shaped = glyphCache.Get(run.Text, font);
                if (shaped.Glyphs.Length == 0)
                {
                    continue;
                }

                if (_glyphs.Count > 0 && !ReferenceEquals(font, _font))
                {
                    EndRun();
                }
                _font = font;
                _glyphs.AddRange(shaped.Glyphs);
                for (var i = 0; i < shaped.Offsets.Length; i++)
                {
                    var offset = shaped.Offsets[i];
                    if (run.RightToLeft)
                    {
                        var advance = (i + 1 < shaped.Offsets.Length ? shaped.Offsets[i + 1] : shaped.Width) - offset;
                        offset = shaped.Width - offset - advance;
                    }
                    _points.Add(new SKPoint(x + offset, op.Baseline));
                }
                x += shaped.Width;
            }
        }

        private void EndRun()
        {
            if (_glyphs.Count == 0)
            {
                return;
            }
            var run = _builder.AllocatePositionedRun(_font!, _glyphs.Count);
            run.SetGlyphs(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_glyphs));
            run.SetPositions(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_points));
            _glyphs.Clear();
            _points.Clear();
            _runs++;
        }

        public void Flush()
        {
            EndRun();
            if (_runs == 0)
            {
                return;
            }
            using var blob = _builder.Build();
            if (blob is not null)
            {
                fill.Color = ToSkia(_color!.Value);
                canvas.DrawText(blob, 0, 0, fill);
            }
            _runs = 0;
        }

        public void Dispose() => _builder.Dispose();
    }

    /// <summary>Glyph ids and pen offsets per distinct string and font, for one document (table cells repeat).</summary>
    private sealed class GlyphCache
    {
        private readonly Dictionary<(string Text, SKFont Font), Shaped> _cache = [];
        private readonly Dictionary<SKFont, Latin1Glyphs> _latin1 = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// The glyph id and advance of characters 0-255 in a font, read from Skia in one call each: the same values
        /// <see cref="Get"/> reads per string, so the glyphs land on the same positions.
        /// </summary>
        public Latin1Glyphs Latin1(SKFont font)
        {
            if (!_latin1.TryGetValue(font, out var table))
            {
                Span<char> characters = stackalloc char[256];
                for (var i = 0; i < characters.Length; i++)
                {
                    characters[i] = (char)i;
                }
                var glyphs = font.GetGlyphs(characters);
                _latin1[font] = table = new Latin1Glyphs(glyphs, font.GetGlyphWidths(glyphs));
            }
            return table;
        }

        public Shaped Get(string text, SKFont font)
        {
            if (_cache.TryGetValue((text, font), out var shaped))
            {
                return shaped;
            }
            var glyphs = font.GetGlyphs(text);
            var widths = font.GetGlyphWidths(glyphs);
            var offsets = new float[glyphs.Length];
            var x = 0f;
            for (var i = 0; i < glyphs.Length; i++)
            {
                offsets[i] = x;
                x += widths[i];
            }
            _cache[(text, font)] = shaped = new Shaped(glyphs, offsets, x);
            return shaped;
        }
    }

    private sealed record Shaped(ushort[] Glyphs, float[] Offsets, float Width);

    private sealed record Latin1Glyphs(ushort[] Glyphs, float[] Advances);

    /// <summary>
    /// The fonts one document is drawn with: per face, a typeface cut down to the glyphs the document uses
    /// (see <see cref="TrueTypeSubsetter"/>), or the shared typeface if that is not possible.
    /// </summary>
    private sealed class DrawingFonts : IDisposable
    {
        private readonly PdfFonts _fonts;
        private readonly Dictionary<int, SKTypeface> _subsets = [];
        private readonly Dictionary<(int Face, float Size), SKFont> _cache = [];
        private readonly Dictionary<PdfTextOp, IReadOnlyList<FaceRun>> _runs = new(ReferenceEqualityComparer.Instance);

        public DrawingFonts(PdfFonts fonts, PdfLayout layout, bool subset)
        {
            _fonts = fonts;
            if (!subset)
            {
                return;
            }

            // The characters each face draws: Latin-1 in a table of flags (most text), the rest in a set.
            var text = new Dictionary<int, (bool[] Latin1, HashSet<int> Others)>();
            foreach (var page in layout.Pages)
            {
                foreach (var op in page.Operations)
                {
                    if (op is not PdfTextOp t)
                    {
                        continue;
                    }
                    foreach (var run in Runs(t))
                    {
                        if (!text.TryGetValue(run.Face, out var used))
                        {
                            text[run.Face] = used = (new bool[256], []);
                        }

                        if (PdfFont.IsLatin1(run.Text))
                        {
                            foreach (var c in run.Text)
                            {
                                used.Latin1[c] = true;
                            }
                            continue;
                        }
                        foreach (var rune in run.Text.EnumerateRunes())
                        {
                            if (rune.Value < 256)
                            {
                                used.Latin1[rune.Value] = true;
                            }
                            else
                            {
                                used.Others.Add(rune.Value);
                            }
                        }
                    }
                }
            }

            foreach (var (face, used) in text)
            {
                var runes = used.Others.Concat(Enumerable.Range(0, 256).Where(c => used.Latin1[c]));
                if (!fonts.CanSubset(face))
                {
                    continue; // bitmap faces (colour emoji): Skia draws their glyphs as images and embeds no font file
                }
                var typeface = fonts.Typeface(face);
                using var font = new SKFont(typeface, 12);
                var characters = runes.ToDictionary(rune => rune, rune => font.GetGlyph(rune));

                try
                {
                    using var data = SKData.CreateCopy(TrueTypeSubsetter.Subset(fonts.FileData(face), characters));
                    if (SKTypeface.FromData(data) is { } subsetFace)
                    {
                        _subsets[face] = subsetFace;
                    }
                }
                catch (NotSupportedException)
                {
                    // Not a font we can cut down: Skia embeds it whole.
                }
            }
        }

        /// <summary>The runs of a text operation by face: the whole text when its face has every character, else worked out once per operation.</summary>
        public IReadOnlyList<FaceRun> Runs(PdfTextOp op)
        {
            var face = PdfFonts.Index(op.Style);
            if (_fonts.CoversAll(face, op.Text))
            {
                return [new FaceRun(face, op.Text, false)]; // the common case: the whole text (not a copy of it) in its face
            }
            if (!_runs.TryGetValue(op, out var runs))
            {
                _runs[op] = runs = _fonts.Runs(op.Text, face);
            }
            return runs;
        }

        public SKFont Get(int face, float size)
        {
            var key = (face, size);
            if (!_cache.TryGetValue(key, out var font))
            {
                var typeface = _subsets.TryGetValue(key.Item1, out var subset) ? subset : _fonts.Typeface(key.Item1);
                _cache[key] = font = PdfFont.Create(typeface, size);
            }

            return font;
        }

        public void Dispose()
        {
            foreach (var font in _cache.Values)
            {
                font.Dispose();
            }

            foreach (var typeface in _subsets.Values)
            {
                typeface.Dispose();
            }
        }
    }
}
