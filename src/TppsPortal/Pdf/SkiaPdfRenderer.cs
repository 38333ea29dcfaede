using SkiaSharp;

namespace TppsPortal.Pdf;

/// <summary>Draws a <see cref="PdfLayout"/> into a PDF with SkiaSharp's <see cref="SKDocument"/>.</summary>
public static class SkiaPdfRenderer
{
    /// <summary>Writes the laid-out pages as a PDF to <paramref name="output"/>.</summary>
    public static void Render(PdfLayout layout, PdfMetadata metadata, PdfFonts fonts, Stream output)
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
        try
        {
            using var stream = new SKManagedWStream(output);
            using var document = SKDocument.CreatePdf(stream, info)
                ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
            using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
            foreach (var page in layout.Pages)
            {
                var canvas = document.BeginPage(layout.PageSize.Width, layout.PageSize.Height);
                foreach (var op in page.Operations)
                {
                    Draw(canvas, op, fonts, fill, stroke, images);
                }

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

    private static void Draw(SKCanvas canvas, PdfDrawOp op, PdfFonts fonts, SKPaint fill, SKPaint stroke, Dictionary<byte[], SKImage> images)
    {
        switch (op)
        {
            case PdfTextOp t:
                fill.Color = ToSkia(t.Style.Color);
                canvas.DrawText(t.Text, t.X, t.Baseline, SKTextAlign.Left, fonts.Font(t.Style).Font, fill);
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
}
