using TppsPortal.Common;

namespace TppsPortal.Prevalence;

/// <summary>
/// What each headline number says about itself (source, period, how it is computed), written once for the
/// dashboard's explanations, the one-page PDF and the CSV, so the three never tell different stories.
/// </summary>
public static class HeadlineTexts
{
    /// <summary>"14,2 %": targets and computed values with one decimal.</summary>
    public static string Percent1(decimal value) => IndonesianFormat.Percent((double)value, 1);

    /// <summary>"8,4 poin".</summary>
    public static string Points1(decimal value) => IndonesianFormat.Decimal((double)value, 1) + " poin";

    /// <summary>"SSGI 2024", "Formulir kecamatan (portal ini), November 2026".</summary>
    public static string Label(FigureRef f) => f.Month is null ? $"{f.SourceName} {f.Period}" : $"{f.SourceName}, {f.Period}";

    public static string Survey(FigureRef? f) => f is null
        ? "Belum ada angka survei (SSGI, SKI, Riskesdas) untuk wilayah dan indikator ini."
        : $"Angka survei terbaru wilayah ini: {Label(f)}, {IndonesianFormat.Percent(f.Value)}{Example(f)}. Survei memperkirakan prevalensi " +
          "dari sampel rumah tangga dan terbit setahun sekali; angka ini dipilih karena sumbernya survei, bukan karena paling baru." + Citation(f);

    public static string Routine(FigureRef? f) => f is null
        ? "Belum ada angka pengukuran rutin (e-PPGBM, formulir kecamatan) untuk wilayah dan indikator ini."
        : f.SourceCode == DataSource.CamatForms
            ? $"Pengukuran rutin terbaru: formulir kecamatan yang disetujui untuk {f.Period}, {IndonesianFormat.Percent(f.Value)}{Example(f)}. " +
              "Dihitung dari baris desa/kelurahan: kasus dibagi balita yang diukur, dikali 100. Pengukuran rutin biasanya jauh di bawah angka survei; keduanya tidak disambung."
            : $"Pengukuran rutin terbaru: {Label(f)}, {IndonesianFormat.Percent(f.Value)}{Example(f)}. Hasil penimbangan di posyandu; biasanya jauh di bawah " +
              "angka survei, keduanya tidak disambung." + Citation(f);

    /// <summary>How this year's target is found and what the gap is.</summary>
    public static string Target(Headline h)
    {
        if (h.Path is not { } path || h.TargetThisYear is not { } t)
        {
            return "Belum ada jalur target yang berlaku.";
        }
        var stated = path.Points.Any(p => p.Year == h.Year);
        var text = stated
            ? $"Target {h.Year} menurut {path.Name}: {Percent1(t)}."
            : path.LastYear < h.Year
                ? $"{Capitalized(path.Name)} berakhir {path.LastYear}; target terakhirnya ({Percent1(t)}) masih ditampilkan, dan tidak ada acuan lain yang berlaku."
                : $"Target {h.Year} menurut {path.Name}: {Percent1(t)}, pada garis lurus di antara titik jalur ({Around(path, h.Year)}).";
        if (h.Gap is { } gap && h.Judged is { } j)
        {
            text += $" Selisih: {Label(j)} {IndonesianFormat.Percent(j.Value)} dikurangi target {Percent1(t)} = {IndonesianFormat.Points(decimal.Round(gap, 1))} poin.";
        }
        return text + (path.Citation.Length > 0 ? $" Sumber target: {path.Citation}." : "");
    }

    /// <summary>The points left to cut and the yearly cut needed, with the arithmetic.</summary>
    public static string Left(Headline h)
    {
        if (h.Status is not { } s || h.Path is not { } path)
        {
            return "";
        }
        var from = s.HasLatestFigure && h.Judged is { } j ? $"{Label(j)} ({IndonesianFormat.Percent(s.ReferenceValue)})" : $"{Percent1(s.ReferenceValue)} ({s.ReferenceYear})";
        var text = $"Dari {from} ke target akhir {path.Name} {Percent1(s.FinalTarget)} pada {s.FinalYear}: {Points1(s.PointsLeft)}.";
        if (s.TargetMet)
        {
            return text + " Target akhir sudah tercapai.";
        }
        return s.YearlyCutNeeded is { } cut
            ? text + $" Dibagi {s.FinalYear - s.ReferenceYear} tahun ({s.ReferenceYear} sampai {s.FinalYear}): {Points1(cut)} per tahun."
            : text + " Tahun target sudah tiba.";
    }

    /// <summary>Whether the area is on track, judged at the judged figure's own year.</summary>
    public static string Status(Headline h)
    {
        if (h.Status is not { } s || h.Path is not { } path)
        {
            return "";
        }
        if (s.OnTrack is { } onTrack && h.Judged is { } j && s.TargetForReferenceYear is { } then)
        {
            return $"{Label(j)} ({IndonesianFormat.Percent(j.Value)}) dibandingkan dengan target {path.Name} untuk tahun angka itu ({s.ReferenceYear}: {Percent1(then)}): " +
                   (onTrack ? "di bawah atau sama, jadi sesuai jalur." : "di atas, jadi tertinggal.");
        }
        if (h.Judged is not { } judged)
        {
            return path.Kind == PathKind.Own
                ? $"Belum ada angka dari sumber data dasar ({path.BaselineSourceCode}) untuk dinilai."
                : "Belum ada angka survei wilayah ini untuk dinilai.";
        }
        return path.BaselineYear is { } b
            ? $"Angka terakhir ({Label(judged)}) tidak sesudah tahun dasar {path.Name} ({b}): belum dapat dinilai sampai ada angka baru."
            : $"Angka survei terakhir ({Label(judged)}) lebih tua dari awal {path.Name} ({path.FirstYear}): belum dapat dinilai sampai ada angka survei baru.";
    }

    public static string StatusWord(TargetStatus? s) => s?.OnTrack switch { true => "Sesuai jalur", false => "Tertinggal", _ => s is null ? "-" : "Belum dapat dinilai" };

    private static string Around(AppliedPath path, int year)
    {
        var before = path.Points.Last(p => p.Year < year);
        var after = path.Points.First(p => p.Year > year);
        return $"{Percent1(before.Value)} pada {before.Year}, {Percent1(after.Value)} pada {after.Year}";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Example(FigureRef f) => f.IsExample ? " (contoh, tidak dipublikasikan)" : "";

    private static string Citation(FigureRef f) => f.Citation.Length > 0 ? $" Sitasi: {f.Citation}." : "";
}
