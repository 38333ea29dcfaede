using System.Globalization;
using TppsPortal.Common;
using TppsPortal.Pdf;

namespace TppsPortal.Prevalence;

/// <summary>
/// The dashboard on one A4 page for a meeting folder: headline, trend chart (one line per source, dashed target)
/// and the ranking, drawn with the composer in <c>Pdf/</c>. A long ranking (a kecamatan with many villages)
/// continues on a second page rather than being cut.
/// </summary>
public static class DashboardPdf
{
    public static readonly PdfMargins Margins = PdfMargins.Mm(14, 14, 14, 14);
    private static readonly TextStyle Normal = TextStyle.Default with { Size = 9 };
    private static readonly TextStyle Bold = Normal.AsBold();
    private static readonly TextStyle Small = Normal with { Size = 7.5f };
    private static readonly TextStyle Table = Normal with { Size = 8 };
    private static readonly PdfColor Muted = PdfColor.Gray;
    private static readonly TextStyle AxisText = Normal with { Size = 8.5f, Color = PdfColor.FromHex("#444444") };
    private static readonly PdfColor Red = PdfColor.FromHex("#B00020");
    private static readonly PdfColor Green = PdfColor.FromHex("#1B7A3D");

    public static byte[] Render(DashboardView view) => Compose(view).ToBytes();

    public static PdfDocumentBuilder Compose(DashboardView view)
    {
        var title = $"Dasbor TPPS {view.Area.Title}";
        var builder = new PdfDocumentBuilder()
            .PageSize(PdfPageSize.A4Portrait)
            .Margins(Margins)
            .DefaultTextStyle(Normal)
            .Metadata(new PdfMetadata { Title = title, Author = "TPPS Portal", Subject = view.IndicatorName, Created = DateTimeOffset.UtcNow })
            .Footer((page, c) => c.Spacing(4).Paragraph(
                $"TPPS Portal, diunduh {IndonesianFormat.Date(view.Today)} - Halaman {page.PageNumber} dari {page.PageCount}", Small with { Color = Muted }, TextAlign.Center));
        builder.Content(c =>
        {
            c.Paragraph(title, Bold with { Size = 14 })
             .Paragraph(string.Join(" / ", view.Breadcrumbs.Select(b => b.Area.Name)) + " - " + view.IndicatorName +
                        (view.SourceCode is null ? ", semua sumber" : ", sumber " + view.Sources.First(s => s.Code == view.SourceCode).Name), Normal with { Color = Muted })
             .Spacing(8);
            if (view.HasExamples)
            {
                c.Paragraph("Sebagian angka adalah contoh (tidak dipublikasikan), ditandai \"contoh\".", Small with { Italic = true, Color = Red }).Spacing(4);
            }
            Headline(c, view.Headline);
            c.Spacing(10).Paragraph(p => p.Text("Tren", Bold with { Size = 10.5f }).SpaceAfter(2).KeepWithNext());
            Chart(c, view);
            if (view.Ranking is { } ranking)
            {
                c.Spacing(10).Paragraph(p => p.Text($"Peringkat {ranking.ChildLevel.ToLowerInvariant()}, {ranking.Period} (formulir kecamatan disetujui)", Bold with { Size = 10.5f }).SpaceAfter(3).KeepWithNext());
                Ranking(c, ranking, view.Today.Year, view.HasForms);
            }
        });
        return builder;
    }

    private static void Headline(PdfContent c, Headline h)
    {
        var status = h.Status;
        if (h.PathNote is { } note)
        {
            c.Paragraph(note, Normal.AsBold()).Spacing(3);
        }
        c.Table(t =>
        {
            for (var i = 0; i < 5; i++)
            {
                t.Column(PdfLength.Relative());
            }
            t.Style(Normal, Small.AsBold() with { Color = Muted }).HeaderShading(null).Borders(0.5f, PdfColor.LightGray).Padding(5, 4)
             .Header("SURVEI TERAKHIR", "PENGUKURAN RUTIN TERAKHIR", $"TARGET {h.Year}", "SISA PENURUNAN", "STATUS");
            t.Row(r => r
                .Cell(cell => Card(cell, h.Survey is { } sv ? IndonesianFormat.Percent(sv.Value) : "-",
                    h.Survey is { } sv2 ? HeadlineTexts.Label(sv2) + (sv2.IsExample ? " (contoh)" : "") : "Belum ada angka survei"))
                .Cell(cell => Card(cell, h.Routine is { } rt ? IndonesianFormat.Percent(rt.Value) : "-",
                    h.Routine is { } rt2 ? HeadlineTexts.Label(rt2) + (rt2.IsExample ? " (contoh)" : "") : "Belum ada angka rutin"))
                .Cell(cell => Card(cell, h.TargetThisYear is { } t2 ? HeadlineTexts.Percent1(t2) : "-",
                    h.Path is not { } path ? "Belum ada target"
                        : path.Name + (h.Gap is { } gap ? "; " + (gap > 0 ? $"{HeadlineTexts.Points1(gap)} di atas target" : gap < 0 ? $"{HeadlineTexts.Points1(-gap)} di bawah target" : "tepat pada target") : "")))
                .Cell(cell => Card(cell, status is null ? "-" : HeadlineTexts.Points1(status.PointsLeft),
                    status is null ? "" : status.TargetMet ? "Target sudah tercapai"
                        : status.YearlyCutNeeded is { } cut ? $"{HeadlineTexts.Points1(cut)} per tahun sampai {status.FinalYear}"
                        : "Tahun target sudah tiba"))
                .Cell(cell => Card(cell, HeadlineTexts.StatusWord(status),
                    status is null ? "" : status.ProjectedAtFinalYear is { } projected ? $"Proyeksi {status.FinalYear}: {IndonesianFormat.Percent(projected)}"
                        : status.TargetForReferenceYear is { } then && status.OnTrack is not null ? $"Target {status.ReferenceYear}: {HeadlineTexts.Percent1(then)}" : "",
                    status?.OnTrack switch { true => Green, false => Red, _ => null })));
        });
        // How each number is computed, as the dashboard explains it on tap.
        var how = new[] { HeadlineTexts.Target(h), HeadlineTexts.Left(h), HeadlineTexts.Status(h) }.Where(x => x.Length > 0 && h.Path is not null).ToList();
        if (how.Count > 0)
        {
            c.Spacing(3).Paragraph(string.Join(" ", how), Small with { Color = Muted });
        }
    }

    private static void Card(PdfContent cell, string value, string note, PdfColor? color = null)
    {
        cell.Paragraph(value, Bold with { Size = 13, Color = color ?? PdfColor.Black });
        if (note.Length > 0)
        {
            cell.Paragraph(note, Small with { Color = Muted });
        }
    }

    private static void Chart(PdfContent c, DashboardView view)
    {
        const float width = 515, height = 190; // the full width between the margins
        // Axis text at 8.5 pt (over 11 px at 100 %); the chart picks month labels for monthly series and as many as fit.
        var chart = new TrendChart(view.Series, view.Target, width, height, AxisText.Size);
        if (chart.IsEmpty)
        {
            c.Paragraph("Belum ada angka untuk indikator dan sumber ini.", Normal with { Color = Muted });
            return;
        }
        c.Drawing(width, height, d =>
        {
            foreach (var tick in chart.YTicks)
            {
                d.Line(chart.PlotLeft, tick.Position, chart.PlotRight, tick.Position, PdfColor.LightGray, 0.5f);
                d.Text(tick.Label, chart.PlotLeft - 4, tick.Position + 3, AxisText, TextAlign.Right);
            }
            d.Line(chart.PlotLeft, chart.PlotBottom, chart.PlotRight, chart.PlotBottom, Muted, 0.75f);
            foreach (var tick in chart.XTicks)
            {
                d.Line(tick.Position, chart.PlotBottom, tick.Position, chart.PlotBottom + 3, Muted, 0.75f);
                d.Text(tick.Label, tick.Position, chart.PlotBottom + 4 + AxisText.Size, AxisText, TextAlign.Center);
            }
            foreach (var line in chart.Lines)
            {
                var color = PdfColor.FromHex(line.Color);
                if (line.Points.Count > 1)
                {
                    d.Polyline(line.Points.Select(p => (p.X, p.Y)).ToList(), color, line.Dashed ? 1f : 1.6f, line.Dashed ? new float[] { 4, 3 } : null);
                }
                foreach (var p in line.Points)
                {
                    d.Circle(p.X, p.Y, line.Dashed ? 2 : line.Points.Count > 24 ? 1.4 : 2.6, fill: line.Dashed ? PdfColor.White : color, stroke: color, strokeWidth: 1);
                }
                // Survey points are few: their values are written next to them.
                if (line.Points.Count <= 6)
                {
                    foreach (var p in line.Points)
                    {
                        d.Text(p.Label[(p.Label.LastIndexOf(':') + 2)..], p.X + 4, p.Y - 4, Small with { Color = color }, TextAlign.Left);
                    }
                }
            }
        });
        c.Paragraph(p =>
        {
            p.SpaceBefore(3);
            var first = true;
            foreach (var line in chart.Lines)
            {
                p.Text((first ? "" : "     ") + (line.Dashed ? "- - - " : "—— "), Bold with { Color = PdfColor.FromHex(line.Color) });
                p.Text(line.Name, Small);
                first = false;
            }
        });
        c.Paragraph("Satu garis per sumber: angka survei dan pengukuran rutin tidak disambung karena cara hitungnya berbeda.", Small with { Color = Muted, Italic = true });
    }

    private static void Ranking(PdfContent c, Ranking ranking, int year, bool hasForms)
    {
        if (!hasForms)
        {
            c.Paragraph("Formulir kecamatan tidak mencatat indikator ini.", Normal with { Color = Muted });
        }
        var province = ranking.ChildLevel == "Kabupaten/Kota";
        var villages = ranking.ChildLevel == "Desa/Kelurahan";
        c.Table(t =>
        {
            t.Column(PdfLength.Absolute(18), TextAlign.Right).Column(PdfLength.Relative(province ? 1.7f : 2.2f));
            var header = new List<string> { "No", ranking.ChildLevel };
            if (province)
            {
                t.Column(PdfLength.Relative(1.5f), TextAlign.Right).Column(PdfLength.Relative(0.75f), TextAlign.Right).Column(PdfLength.Relative(1f));
                header.AddRange(["Survei terakhir", $"Target {year}", "Status"]);
            }
            t.Column(PdfLength.Relative(0.95f), TextAlign.Right).Column(PdfLength.Relative(1.15f), TextAlign.Right)
             .Column(PdfLength.Relative(0.85f), TextAlign.Right).Column(PdfLength.Relative(0.95f), TextAlign.Right).Column(PdfLength.Relative(0.95f), TextAlign.Right);
            header.AddRange(["Prevalensi", "Kasus/diukur", "Cakupan", "Perubahan", villages ? "Laporan" : "Belum lapor"]);
            t.Style(Table, Table.AsBold()).HeaderShading(PdfColor.LightGray).Padding(3, 2).Header([.. header]);
            var no = 1;
            foreach (var r in ranking.Rows)
            {
                t.Row(row =>
                {
                    row.Cell((no++).ToString(CultureInfo.InvariantCulture)).Cell(MarkExample(r.Area.Name, r.IsExample));
                    if (province)
                    {
                        row.Cell(r.Survey is { } s ? $"{IndonesianFormat.Percent(s.Value)} ({s.SourceName} {s.Period})" : "-")
                           .Cell(r.TargetThisYear is { } tt ? HeadlineTexts.Percent1(tt) : "-")
                           .Cell(r.OnTrack switch { true => "Sesuai jalur", false => "Tertinggal", _ => r.TargetThisYear is null ? "-" : "Belum dinilai" },
                                 style: Table with { Color = r.OnTrack switch { true => Green, false => Red, _ => PdfColor.Black } });
                    }
                    row.Cell(r.Value is { } v ? (r.HasFewMeasured ? "! " : "") + IndonesianFormat.Percent(v) : "-", style: Table.AsBold())
                       .Cell(r.Numerator is { } n ? $"{IndonesianFormat.Number(n)} / {IndonesianFormat.Number(r.Measured)}" : "-")
                       .Cell(r.Coverage is { } cov ? IndonesianFormat.Percent(cov) : "-")
                       .Cell(r.Change is { } ch ? IndonesianFormat.Points(ch) : "-",
                             style: Table with { Color = r.Change > 0 ? Red : r.Change < 0 ? Green : PdfColor.Black })
                       .Cell(villages ? (r.VillagesReported > 0 ? "ada" : "belum") : r.VillagesTotal == 0 ? "-" : $"{r.VillagesNotReported} dari {r.VillagesTotal}");
                });
            }
        });
        if (ranking.Rows.Any(r => r.HasFewMeasured))
        {
            c.Paragraph($"! kurang dari {RankingRow.FewMeasured} balita diukur: satu anak saja menggeser angka beberapa poin.", Small with { Color = Muted }).Spacing(2);
        }
    }

    /// <summary>"(contoh)" after an example's name, once: demo villages already carry it in their name.</summary>
    private static string MarkExample(string name, bool isExample) =>
        isExample && !name.EndsWith("(contoh)", StringComparison.OrdinalIgnoreCase) ? name + " (contoh)" : name;
}
