using System.Globalization;
using System.Text;
using TppsPortal.Common;

namespace TppsPortal.Prevalence;

/// <summary>
/// What the dashboard shows, as CSV for a spreadsheet: the headline, every point of every series (one source per
/// row, never merged), the target path, the ranking, data completeness and the overdue follow-up actions per agency. Semicolon-separated with a decimal comma and a UTF-8
/// byte order mark, which is what a spreadsheet set to Indonesian opens without an import wizard.
/// </summary>
public static class DashboardCsv
{
    private static readonly NumberFormatInfo Numbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };

    public static byte[] Write(DashboardView view)
    {
        var csv = new StringBuilder();
        Line(csv, "Dasbor TPPS", Title(view.Area));
        Line(csv, "Kode wilayah", view.Area.Code);
        Line(csv, "Indikator", view.IndicatorName);
        Line(csv, "Sumber", view.SourceCode is null ? "Semua sumber" : view.Sources.First(s => s.Code == view.SourceCode).Name);
        Line(csv, "Diunduh", IndonesianFormat.Date(view.Today));
        csv.Append("\r\n");

        var h = view.Headline;
        Line(csv, "Ringkasan", "Nilai (%)", "Sumber", "Periode", "Keterangan", "Cara hitung");
        Line(csv, "Survei terakhir", Num(h.Survey?.Value), h.Survey?.SourceName ?? "", h.Survey?.Period ?? "", Example(h.Survey?.IsExample ?? false), HeadlineTexts.Survey(h.Survey));
        Line(csv, "Pengukuran rutin terakhir", Num(h.Routine?.Value), h.Routine?.SourceName ?? "", h.Routine?.Period ?? "", Example(h.Routine?.IsExample ?? false), HeadlineTexts.Routine(h.Routine));
        if (h.Path is { } path)
        {
            Line(csv, "Jalur target yang berlaku", "", path.Name, $"{path.FirstYear}-{path.LastYear}", h.PathNote ?? "", path.Citation);
        }
        if (h.Baseline is { } b)
        {
            Line(csv, "Data dasar", Num(b.Value), b.SourceName, b.Period, Example(b.IsExample), "");
        }
        if (h.TargetThisYear is { } t)
        {
            Line(csv, $"Target {h.Year}", Num(decimal.Round(t, 1)), h.Path!.Name, h.Year.ToString(CultureInfo.InvariantCulture), h.Gap is { } gap ? $"Selisih {Num(decimal.Round(gap, 1))} poin" : "", HeadlineTexts.Target(h));
        }
        if (h.Status is { } s)
        {
            Line(csv, "Sisa penurunan (poin)", Num(decimal.Round(s.PointsLeft, 1)), "", $"{s.ReferenceYear}-{s.FinalYear}",
                s.YearlyCutNeeded is { } cut ? $"{Num(decimal.Round(cut, 1))} poin per tahun" : "", HeadlineTexts.Left(h));
            Line(csv, "Status", "", "", "", HeadlineTexts.StatusWord(s), HeadlineTexts.Status(h));
        }
        csv.Append("\r\n");

        Line(csv, "Tren", "Jenis sumber", "Periode", "Nilai (%)", "Pembilang", "Penyebut", "Sitasi", "Keterangan");
        foreach (var series in view.Series)
        {
            foreach (var p in series.Points)
            {
                Line(csv, series.SourceName, series.Kind == SourceKind.Survey ? "Survei" : "Rutin", p.Period, Num(p.Value),
                    p.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "", p.Denominator?.ToString(CultureInfo.InvariantCulture) ?? "", p.Citation, Example(p.IsExample));
            }
        }
        if (view.Target is { } target)
        {
            foreach (var (year, value) in target.Points)
            {
                Line(csv, "Target", "Jalur target", year.ToString(CultureInfo.InvariantCulture), Num(value), "", "", target.Citation, Example(target.IsExample));
            }
        }

        if (view.IndicatorCode == "stunting")
        {
            // Indonesia's published series, as a reference beside the area's own (never part of its lines).
            foreach (var (source, year, value) in NationalSeries.Stunting)
            {
                Line(csv, $"Nasional ({source})", "Rujukan nasional", year.ToString(CultureInfo.InvariantCulture), Num(value), "", "", source + " " + year.ToString(CultureInfo.InvariantCulture), "");
            }
        }

        if (view.Ranking is { } ranking)
        {
            csv.Append("\r\n");
            Line(csv, $"Peringkat {ranking.ChildLevel.ToLowerInvariant()}, {ranking.Period}");
            Line(csv, "No", "Kode", ranking.ChildLevel, "Prevalensi (%)", "Kasus", "Diukur", "Terdaftar", "Cakupan pengukuran (%)",
                "Perubahan (poin)", "Periode pembanding", "Desa/kel. belum lapor", "Desa/kel.", "Survei terakhir (%)", "Sumber survei",
                "Target tahun ini (%)", "Jalur target", "Status", "Catatan");
            var no = 1;
            foreach (var r in ranking.Rows)
            {
                var notes = new List<string>();
                if (r.HasFewMeasured)
                {
                    notes.Add($"Kurang dari {RankingRow.FewMeasured} balita diukur");
                }
                if (r.IsExample)
                {
                    notes.Add("Contoh");
                }
                Line(csv, (no++).ToString(CultureInfo.InvariantCulture), r.Area.Code, r.Area.Name, Num(r.Value),
                    r.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "", r.Measured.ToString(CultureInfo.InvariantCulture),
                    r.Registered.ToString(CultureInfo.InvariantCulture), Num(r.Coverage), Num(r.Change), r.PreviousPeriod ?? "",
                    r.VillagesNotReported.ToString(CultureInfo.InvariantCulture), r.VillagesTotal.ToString(CultureInfo.InvariantCulture),
                    Num(r.Survey?.Value), r.Survey is { } sv ? $"{sv.SourceName} {sv.Period}" : "", Num(r.TargetThisYear is { } tt ? decimal.Round(tt, 1) : null), r.TargetName ?? "",
                    r.OnTrack switch { true => "Sesuai jalur", false => "Tertinggal", _ => "" }, string.Join(", ", notes));
            }
        }
        if (view.Completeness is { } c)
        {
            csv.Append("\r\n");
            Line(csv, $"Kelengkapan formulir kecamatan, {c.Period}");
            Line(csv, "Kecamatan", "Disetujui", "Diajukan", "Dikembalikan", "Draf", "Belum dimulai", "Terlambat");
            Line(csv, Int(c.Total), Int(c.Approved), Int(c.Submitted), Int(c.Returned), Int(c.Draft), Int(c.NotStarted), Int(c.Late));
        }
        if (view.FormProgress is { } f)
        {
            csv.Append("\r\n");
            Line(csv, $"Formulir Kecamatan {f.KecamatanName}, {f.Period}");
            Line(csv, "Status", "Terlambat", "Desa/kelurahan terisi", "Desa/kelurahan", "Desa ini terisi");
            Line(csv, f.StatusName, f.Late ? "ya" : "tidak", Int(f.VillagesFilled), Int(f.VillagesTotal), f.VillageFilled switch { true => "ya", false => "belum", _ => "" });
        }
        if (view.Overdue.Count > 0)
        {
            csv.Append("\r\n");
            Line(csv, "Tindak lanjut terlambat per instansi");
            Line(csv, "Instansi", "Singkatan", "Wilayah", "Jumlah", "Batas waktu terlama");
            foreach (var o in view.Overdue)
            {
                Line(csv, o.AgencyName, o.ShortName, o.RegionName, Int(o.Count), IndonesianFormat.Date(o.OldestDue));
            }
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    private static string Title(AreaRef area) => area.Level == Regions.RegionLevel.Kecamatan ? $"Kecamatan {area.Name}" : area.Name;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(decimal? value) => value?.ToString("0.##", Numbers) ?? "";

    private static string Example(bool isExample) => isExample ? "Contoh (tidak dipublikasikan)" : "";

    private static void Line(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(';', cells.Select(Cell));
        csv.Append("\r\n");
    }

    /// <summary>Quotes where needed, and defuses text a spreadsheet would run as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, Numbers, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
