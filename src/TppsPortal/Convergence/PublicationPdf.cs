using System.Globalization;
using TppsPortal.Common;
using TppsPortal.Pdf;
using TppsPortal.Regions;

namespace TppsPortal.Convergence;

/// <summary>
/// The publication of stunting figures per kecamatan and desa/kelurahan (aksi 7) as an A4 PDF, drawn with the composer
/// in <c>Pdf/</c>: a summary per kecamatan with its source, then one table of villages per kecamatan. Only approved
/// forms are shown; a kecamatan without one says so.
/// </summary>
public static class PublicationPdf
{
    private static readonly TextStyle Normal = TextStyle.Default with { Size = 9 };
    private static readonly TextStyle Bold = Normal.AsBold();
    private static readonly TextStyle Small = Normal with { Size = 7.5f };
    private static readonly TextStyle Table = Normal with { Size = 8.5f };
    private static readonly PdfColor Muted = PdfColor.Gray;
    private static readonly PdfColor Red = PdfColor.FromHex("#B00020");

    public static string Title(ApprovedFigures figures) => $"Publikasi Angka Stunting {figures.DistrictName}";

    public static byte[] Render(ApprovedFigures figures) => Compose(figures).ToBytes();

    public static PdfDocumentBuilder Compose(ApprovedFigures f)
    {
        var title = Title(f);
        var builder = new PdfDocumentBuilder()
            .PageSize(PdfPageSize.A4Portrait)
            .Margins(PdfMargins.Mm(16, 14, 16, 14))
            .DefaultTextStyle(Normal)
            .Metadata(new PdfMetadata { Title = title, Author = "TPPS Portal", Subject = f.Source, Created = DateTimeOffset.UtcNow })
            .Footer((page, c) => c.Spacing(4).Paragraph(
                $"{title} - {f.Source} - dicetak {IndonesianFormat.Date(f.Today)} - Halaman {page.PageNumber} dari {page.PageCount}",
                Small with { Color = Muted }, TextAlign.Center));
        builder.Content(c =>
        {
            c.Paragraph(title, Bold with { Size = 14 })
             .Paragraph($"Per kecamatan dan desa/kelurahan - Aksi 7: {Aksi.Of(7).Name}, tahun {f.Year}", Normal with { Color = Muted })
             .Paragraph($"Sumber: {f.Source}", Bold)
             .Spacing(4);
            if (f.HasExamples)
            {
                c.Paragraph("Sebagian angka adalah data contoh (demo), bukan angka resmi.", Small with { Italic = true, Color = Red }).Spacing(3);
            }
            c.Paragraph("Prevalensi = (pendek + sangat pendek) / balita diukur x 100, dari formulir kecamatan yang disetujui sekretariat TPPS.",
                Small with { Color = Muted }).Spacing(6);

            c.Paragraph(p => p.Text("Ringkasan per kecamatan", Bold with { Size = 10.5f }).SpaceAfter(3).KeepWithNext());
            c.Table(t =>
            {
                // The source column is wide enough for "Formulir kecamatan disetujui, November 2026" on one line.
                t.Column(PdfLength.Absolute(20), TextAlign.Right).Column(PdfLength.Relative(1.3f))
                 .Column(PdfLength.Relative(0.8f), TextAlign.Right).Column(PdfLength.Relative(1f), TextAlign.Right)
                 .Column(PdfLength.Relative(0.8f), TextAlign.Right).Column(PdfLength.Relative(3f));
                t.Style(Table, Table.AsBold()).HeaderShading(PdfColor.LightGray).Padding(3, 2)
                 .Header("No", "Kecamatan", "Balita diukur", "Pendek + sangat pendek", "Prevalensi", "Sumber");
                var no = 1;
                foreach (var k in f.Kecamatan)
                {
                    var n = (no++).ToString(CultureInfo.InvariantCulture);
                    if (k.Approved)
                    {
                        t.Row(r => r.Cell(n).Cell(k.Name).Cell(IndonesianFormat.Number(k.Measured)).Cell(IndonesianFormat.Number(k.Cases))
                            .Cell(Percent(k.Prevalence), style: Table.AsBold()).Cell(f.Source + (k.IsExample ? " (contoh)" : "")));
                    }
                    else
                    {
                        t.Row(r => r.Cell(n).Cell(k.Name).Cell("-").Cell("-").Cell("-")
                            .Cell(ApprovedFigures.NoApprovedData, style: Table with { Italic = true, Color = Muted }));
                    }
                }
                if (f.Period is not null)
                {
                    t.Row(r => r.Cell("").Cell("Jumlah", style: Table.AsBold())
                        .Cell(IndonesianFormat.Number(f.Measured), style: Table.AsBold()).Cell(IndonesianFormat.Number(f.Cases), style: Table.AsBold())
                        .Cell(Percent(f.Prevalence), style: Table.AsBold()).Cell(f.Source));
                }
            });

            foreach (var k in f.Kecamatan.Where(k => k.Approved))
            {
                c.Spacing(10).Paragraph(p => p.Text($"Kecamatan {k.Name}: {Percent(k.Prevalence)}", Bold with { Size = 10.5f }).SpaceAfter(1).KeepWithNext());
                c.Paragraph(p => p.Text(
                    $"{f.Source}{(k.ApprovedAt is { } at ? ", disetujui " + IndonesianFormat.Date(DateOnly.FromDateTime(at.AddHours(8).Date)) : "")}",
                    Small with { Color = Muted }).SpaceAfter(3).KeepWithNext());
                c.Table(t =>
                {
                    t.Column(PdfLength.Absolute(20), TextAlign.Right).Column(PdfLength.Relative(2.4f)).Column(PdfLength.Relative(1f))
                     .Column(PdfLength.Relative(0.9f), TextAlign.Right).Column(PdfLength.Relative(1.1f), TextAlign.Right).Column(PdfLength.Relative(0.9f), TextAlign.Right);
                    t.Style(Table, Table.AsBold()).HeaderShading(PdfColor.LightGray).Padding(3, 2)
                     .Header("No", "Desa/kelurahan", "Kode", "Balita diukur", "Pendek + sangat pendek", "Prevalensi");
                    var no = 1;
                    foreach (var v in k.Villages)
                    {
                        t.Row(r => r.Cell((no++).ToString(CultureInfo.InvariantCulture)).Cell(v.Level.Title(v.Name)).Cell(v.Code)
                            .Cell(v.Measured is { } m ? IndonesianFormat.Number(m) : "-")
                            .Cell(v.Cases is { } cs ? IndonesianFormat.Number(cs) : "-")
                            .Cell(Percent(v.Prevalence)));
                    }
                });
            }
            if (f.Period is null)
            {
                c.Spacing(8).Paragraph("Belum ada formulir kecamatan yang disetujui untuk kabupaten/kota ini.", Normal with { Color = Muted });
            }
        });
        return builder;
    }

    /// <summary>"17,6 %", or "-" without children measured.</summary>
    public static string Percent(double? value) => value is { } v ? IndonesianFormat.Percent(v) : "-";
}
