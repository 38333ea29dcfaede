using System.Globalization;
using TppsPortal.Common;
using TppsPortal.Prevalence;

namespace TppsPortal.Web.Prevalence;

/// <summary>How the figure and target pages write numbers and periods: "22,6 %", "9,97 %", "Agustus 2023".</summary>
public static class PrevalenceUi
{
    /// <summary>Decimal comma in the numeric fields, whatever the server's culture.</summary>
    public static CultureInfo Culture { get; } = CreateCulture();

    /// <summary>"22,6 %" (one decimal, two when the figure has them: "9,97 %").</summary>
    public static string Percent(decimal value) =>
        IndonesianFormat.Percent((double)value, decimal.Round(value, 1) == value ? 1 : 2);

    public static string Percent(decimal? value) => value is { } v ? Percent(v) : "-";

    /// <summary>"8,6 poin".</summary>
    public static string Points(decimal value) =>
        IndonesianFormat.Decimal((double)value, decimal.Round(value, 1) == value ? 1 : 2) + " poin";

    public static string Counts(int? numerator, int? denominator) =>
        numerator is { } n && denominator is { } d ? $"{IndonesianFormat.Number(n)} / {IndonesianFormat.Number(d)}" : "-";

    /// <summary>"RSE 12,3 %; 95 % CI 18,1-27,0".</summary>
    public static string Precision(decimal? rse, decimal? low, decimal? high)
    {
        var parts = new List<string>();
        if (rse is { } r)
        {
            parts.Add("RSE " + Percent(r));
        }
        if (low is { } l && high is { } h)
        {
            parts.Add($"SK 95 % {IndonesianFormat.Decimal((double)l, 1)}-{IndonesianFormat.Decimal((double)h, 1)}");
        }
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    /// <summary>"Stunting" for "Stunting (pendek dan sangat pendek)": the list has little room.</summary>
    public static string ShortName(string indicatorName) =>
        indicatorName.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? indicatorName[..cut] : indicatorName;

    public static string KindName(SourceKind kind) => kind == SourceKind.Survey ? "Survei" : "Rutin";

    public const string TemplateFileName = "templat-angka-prevalensi.csv";

    public static string TemplateDataUri =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + FigureImporter.TemplateCsv);

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return CultureInfo.ReadOnly(culture);
    }
}
