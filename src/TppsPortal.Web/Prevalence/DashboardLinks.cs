namespace TppsPortal.Web.Prevalence;

/// <summary>Addresses of the dashboard and its exports; the filters travel in the query string so a view can be bookmarked and shared.</summary>
public static class DashboardLinks
{
    public static string Page(string regionCode, string? indicator, string? source, int? period) =>
        "/dasbor" + Query(regionCode, indicator, source, period);

    public static string Export(string file, string regionCode, string? indicator, string? source, int? period) =>
        "/dasbor/" + file + Query(regionCode, indicator, source, period);

    private static string Query(string regionCode, string? indicator, string? source, int? period)
    {
        var parts = new List<string> { "wilayah=" + Uri.EscapeDataString(regionCode) };
        if (!string.IsNullOrEmpty(indicator) && indicator != "stunting")
        {
            parts.Add("indikator=" + Uri.EscapeDataString(indicator));
        }
        if (!string.IsNullOrEmpty(source))
        {
            parts.Add("sumber=" + Uri.EscapeDataString(source));
        }
        if (period is > 0)
        {
            parts.Add("periode=" + period.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return "?" + string.Join('&', parts);
    }
}
