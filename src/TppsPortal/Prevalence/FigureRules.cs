using System.Globalization;
using TppsPortal.Common;

namespace TppsPortal.Prevalence;

/// <summary>What the checks of a figure need from the database, loaded once for a form or once for a whole import file.</summary>
internal sealed record FigureLookups(
    IReadOnlyDictionary<string, DataSource> Sources,
    IReadOnlySet<string> Indicators,
    IReadOnlySet<string> Regions,
    DateOnly Today);

/// <summary>
/// The rules a stored figure obeys, shared by the form and the CSV import so that both say the same thing.
/// Errors are keyed by the <see cref="FigureForm"/> property they belong to.
/// </summary>
internal static class FigureRules
{
    public const int FirstYear = 2000;

    /// <summary>How far (in points) a value may lie from numerator / denominator x 100 (rounding of published tables).</summary>
    public const decimal CountTolerance = 0.5m;

    public static ErrorBag Check(FigureForm form, FigureLookups lookups)
    {
        var errors = new ErrorBag();
        var regionCode = form.RegionCode?.Trim() ?? "";
        if (regionCode.Length == 0) errors.Add(nameof(FigureForm.RegionCode), "Wilayah wajib dipilih.");
        else if (!lookups.Regions.Contains(regionCode)) errors.Add(nameof(FigureForm.RegionCode), $"Wilayah dengan kode {regionCode} tidak ada.");

        if (string.IsNullOrWhiteSpace(form.IndicatorCode)) errors.Add(nameof(FigureForm.IndicatorCode), "Indikator wajib dipilih.");
        else if (!lookups.Indicators.Contains(form.IndicatorCode)) errors.Add(nameof(FigureForm.IndicatorCode), $"Indikator \"{form.IndicatorCode}\" tidak dikenal.");

        DataSource? source = null;
        if (string.IsNullOrWhiteSpace(form.SourceCode)) errors.Add(nameof(FigureForm.SourceCode), "Sumber data wajib dipilih.");
        else if (!lookups.Sources.TryGetValue(form.SourceCode, out source)) errors.Add(nameof(FigureForm.SourceCode), $"Sumber data \"{form.SourceCode}\" tidak dikenal.");
        else if (source.Code == DataSource.CamatForms)
        {
            errors.Add(nameof(FigureForm.SourceCode), "Angka formulir kecamatan diambil langsung dari formulir yang disetujui, tidak diketik ulang.");
        }

        var thisYear = lookups.Today.Year;
        if (form.Year is null) errors.Add(nameof(FigureForm.Year), "Tahun wajib diisi.");
        else if (form.Year < FirstYear || form.Year > thisYear) errors.Add(nameof(FigureForm.Year), $"Tahun antara {FirstYear} dan {thisYear}: angka tahun mendatang belum ada.");

        if (source is { IsMonthly: true })
        {
            if (form.Month is not (>= 1 and <= 12)) errors.Add(nameof(FigureForm.Month), "Data rutin dicatat per bulan: isi bulan 1-12.");
            else if (form.Year == thisYear && form.Month > lookups.Today.Month) errors.Add(nameof(FigureForm.Month), "Bulan ini belum lewat: angkanya belum ada.");
        }
        else if (source is { IsMonthly: false } && form.Month is not null)
        {
            errors.Add(nameof(FigureForm.Month), "Survei dicatat per tahun: kosongkan bulan.");
        }

        var valueOk = form.Value is >= 0 and <= 100;
        if (form.Value is null) errors.Add(nameof(FigureForm.Value), "Nilai prevalensi wajib diisi.");
        else if (!valueOk) errors.Add(nameof(FigureForm.Value), "Nilai prevalensi adalah persen antara 0 dan 100.");
        else if (decimal.Round(form.Value.Value, 2) != form.Value) errors.Add(nameof(FigureForm.Value), "Nilai paling banyak dua angka di belakang koma.");

        CheckCounts(form, valueOk, errors);
        CheckPrecision(form, valueOk, errors);

        if ((form.Citation?.Trim().Length ?? 0) > PrevalenceFigure.CitationMaxLength)
        {
            errors.Add(nameof(FigureForm.Citation), Texts.TooLong(PrevalenceFigure.CitationMaxLength));
        }
        return errors;
    }

    private static void CheckCounts(FigureForm form, bool valueOk, ErrorBag errors)
    {
        if (form.Numerator is < 0) errors.Add(nameof(FigureForm.Numerator), "Pembilang tidak boleh negatif.");
        if (form.Denominator is <= 0) errors.Add(nameof(FigureForm.Denominator), "Penyebut (anak yang diukur) harus lebih dari 0.");
        if (form.Numerator is not null && form.Denominator is null) errors.Add(nameof(FigureForm.Denominator), "Isi penyebut bersama pembilang, atau kosongkan keduanya.");
        if (form.Numerator is null && form.Denominator is not null) errors.Add(nameof(FigureForm.Numerator), "Isi pembilang bersama penyebut, atau kosongkan keduanya.");
        if (form.Numerator is not { } n || form.Denominator is not { } d || n < 0 || d <= 0)
        {
            return;
        }
        if (n > d)
        {
            errors.Add(nameof(FigureForm.Numerator), "Pembilang tidak boleh melebihi penyebut.");
            return;
        }
        var computed = Math.Round(n * 100m / d, 2);
        if (valueOk && Math.Abs(computed - form.Value!.Value) > CountTolerance)
        {
            errors.Add(nameof(FigureForm.Value),
                $"Nilai {Format(form.Value.Value)} % tidak cocok dengan pembilang/penyebut ({n}/{d} = {Format(computed)} %). " +
                "Periksa lagi, atau kosongkan pembilang dan penyebut bila nilai adalah estimasi tertimbang survei.");
        }
    }

    private static void CheckPrecision(FigureForm form, bool valueOk, ErrorBag errors)
    {
        if (form.RelativeStandardError is < 0 or > 100) errors.Add(nameof(FigureForm.RelativeStandardError), "RSE adalah persen antara 0 dan 100.");
        if (form.IntervalLow is < 0 or > 100) errors.Add(nameof(FigureForm.IntervalLow), "Batas bawah adalah persen antara 0 dan 100.");
        if (form.IntervalHigh is < 0 or > 100) errors.Add(nameof(FigureForm.IntervalHigh), "Batas atas adalah persen antara 0 dan 100.");
        if (form.IntervalLow is null != form.IntervalHigh is null)
        {
            errors.Add(form.IntervalLow is null ? nameof(FigureForm.IntervalLow) : nameof(FigureForm.IntervalHigh),
                "Isi batas bawah dan batas atas selang kepercayaan bersama-sama, atau kosongkan keduanya.");
        }
        if (valueOk && form.IntervalLow is { } low and >= 0 and <= 100 && form.IntervalHigh is { } high and >= 0 and <= 100)
        {
            if (low > form.Value) errors.Add(nameof(FigureForm.IntervalLow), $"Batas bawah tidak boleh lebih dari nilai ({Format(form.Value!.Value)} %).");
            if (high < form.Value) errors.Add(nameof(FigureForm.IntervalHigh), $"Batas atas tidak boleh kurang dari nilai ({Format(form.Value!.Value)} %).");
        }
    }

    public const string DuplicateMessage = "Angka untuk wilayah, indikator, sumber dan periode ini sudah ada. Ubah angka yang ada di daftar.";

    /// <summary>The field the duplicate message goes next to: the month for monthly sources, else the year.</summary>
    public static string DuplicateField(FigureForm form, FigureLookups lookups) =>
        lookups.Sources.TryGetValue(form.SourceCode ?? "", out var s) && s.IsMonthly ? nameof(FigureForm.Month) : nameof(FigureForm.Year);

    /// <summary>"22,6" (Indonesian decimal comma, up to two decimals).</summary>
    public static string Format(decimal value) => value.ToString("0.##", IndonesianNumbers);

    private static readonly NumberFormatInfo IndonesianNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
}
