using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TppsPortal.Common;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Web.Meetings;

namespace TppsPortal.Web.Submissions;

/// <summary>What the report pages share: status colours and names, number display, links, the import template.</summary>
public static class SubmissionUi
{
    public static Color StatusColor(ReportStatus? status) => status switch
    {
        ReportStatus.Draft => Color.Info,
        ReportStatus.Diajukan => Color.Warning,
        ReportStatus.Dikembalikan => Color.Error,
        ReportStatus.Disetujui => Color.Success,
        _ => Color.Default,
    };

    /// <summary>"Belum diisi" until the first value is saved (the report does not exist yet).</summary>
    public static string StatusName(ReportStatus? status) => status?.Display() ?? "Belum diisi";

    public static Color StateColor(BoardCellState state) => state switch
    {
        BoardCellState.Draft => Color.Info,
        BoardCellState.Diajukan => Color.Warning,
        BoardCellState.Dikembalikan => Color.Error,
        BoardCellState.Disetujui => Color.Success,
        _ => Color.Default,
    };

    public static string StateName(BoardCellState state) => state switch
    {
        BoardCellState.BelumAda => "Belum ada",
        BoardCellState.Draft => "Draf",
        BoardCellState.Diajukan => "Diajukan",
        BoardCellState.Dikembalikan => "Dikembalikan",
        BoardCellState.Disetujui => "Disetujui",
        _ => state.ToString(),
    };

    /// <summary>"22,6 %", or a dash when it cannot be computed yet.</summary>
    public static string Percent(double? value) => value is { } v ? IndonesianFormat.Percent(v) : "-";

    /// <summary>
    /// A figure computed from counts (prevalence, coverage), or, when a count it is computed from breaks a hard rule,
    /// "tidak dihitung" with the rule: an impossible entry never shows as "112,5 %".
    /// </summary>
    public static RenderFragment Derived(double? value, RuleFinding? broken, string testId) => builder =>
    {
        if (broken is null)
        {
            builder.OpenElement(0, "strong");
            builder.AddAttribute(1, "data-testid", testId);
            builder.AddContent(2, Percent(value));
            builder.CloseElement();
            return;
        }
        builder.OpenElement(3, "strong");
        builder.AddAttribute(4, "data-testid", testId);
        builder.AddAttribute(5, "class", "tpps-not-computed");
        builder.AddContent(6, "tidak dihitung");
        builder.CloseElement();
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "tpps-derived-rule");
        builder.AddAttribute(9, "data-testid", testId + "-rule");
        builder.AddContent(10, broken.Message);
        builder.CloseElement();
    };

    /// <summary>A sum's computed figure when villages break a rule it depends on: "tidak dihitung" and how many.</summary>
    public static RenderFragment DerivedTotal(double? value, int villagesBreaking, string rule, string testId) =>
        Derived(value, villagesBreaking == 0 ? null : new RuleFinding("totals", Figure.ToddlersMeasured,
            $"{IndonesianFormat.Number(villagesBreaking)} desa/kelurahan melanggar aturan {rule}; perbaiki dulu.", true), testId);

    /// <summary>"1.072", or a dash when not filled in.</summary>
    public static string Number(int? value) => value is { } v ? IndonesianFormat.Number(v) : "-";

    public static string FormUrl(int periodId, string kecamatanCode) => $"/laporan/{periodId}/{kecamatanCode}";

    public static string BoardUrl(string districtCode, int year) =>
        $"/laporan/kelengkapan?kabupaten={Uri.EscapeDataString(districtCode)}&tahun={year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The id of a village's card on the form, for links from the error summary.</summary>
    public static string Anchor(string villageCode) => "desa-" + villageCode.Replace('.', '-');

    /// <summary>The district a kecamatan (or the district itself) belongs to.</summary>
    public static string DistrictOf(string regionCode) =>
        regionCode.Count(c => c == '.') <= 1 ? regionCode : string.Join('.', regionCode.Split('.').Take(2));

    /// <summary>Today in the portal's time zone (WITA), as the service decides lateness.</summary>
    public static DateOnly TodayWita(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).DateTime);

    /// <summary>The 10th of the month after the period: the deadline a new period gets unless the secretariat picks another.</summary>
    public static DateOnly DefaultDeadline(int year, int month) => new DateOnly(year, month, 1).AddMonths(1).AddDays(9);

    /// <summary>"14 Februari 2024 pukul 10.00 WITA".</summary>
    public static string Wita(DateTimeOffset at) => MeetingUi.Wita(at);

    /// <summary>
    /// The import template: the expected header and one line per village with its code and name, so the
    /// kecamatan only fills in the numbers. Served as a data: URI (UTF-8 with a BOM so spreadsheets read the names).
    /// </summary>
    public static string TemplateCsv(IEnumerable<(string Code, string Name)> villages)
    {
        var empty = new string(',', FigureInfo.All.Count + 1); // the figures and the comment
        var csv = new StringBuilder().Append(SubmissionImporter.TemplateHeader).Append("\r\n");
        foreach (var (code, name) in villages)
        {
            csv.Append(code).Append(',').Append(CsvField(name)).Append(empty).Append("\r\n");
        }
        return csv.ToString();
    }

    public static string TemplateDataUri(IEnumerable<(string Code, string Name)> villages) =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + TemplateCsv(villages));

    public static string TemplateFileName(string kecamatanName, PeriodView period) =>
        $"laporan-{Slug(kecamatanName)}-{period.Year}-{period.Month:00}.csv";

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', ';', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return slug.ToString().Trim('-');
    }

    public static string KecamatanTitle(string name) => RegionLevel.Kecamatan.Title(name);
}
