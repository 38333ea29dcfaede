using TppsPortal.Common;

namespace TppsPortal.Prevalence;

public sealed record ChartPoint(double X, double Y, string Label);

/// <summary>One line of the chart: a source's series (solid) or the target path (dashed). Lines of different sources are never joined.</summary>
public sealed record ChartLine(string Key, string Name, string Color, bool Dashed, IReadOnlyList<ChartPoint> Points);

public sealed record ChartTick(double Position, string Label);

/// <summary>A point of the chart as a row of its table view: the line, the period, the value as shown ("22,6 %").</summary>
public sealed record ChartRow(string Line, string Period, string Value, bool IsExample);

/// <summary>
/// The geometry of the trend chart, computed once and drawn twice: as SVG on the dashboard and with the PDF
/// composer in the dashboard PDF. Coordinates are in the caller's units (pixels or points), origin top left.
/// A survey year sits in the middle of its year, a month in the middle of its month, a yearly target in the
/// middle of its year, so that a survey and its target line up.
/// The x axis is labelled in months ("Jan 2026", "Apr", "Jul" ...) when the chart spans three years or less and
/// has monthly figures, else in years; <paramref name="fontSize"/> sets how many labels fit: fewer when narrow.
/// </summary>
public sealed class TrendChart
{
    public const double Right = 12, Top = 12;

    /// <summary>Short Indonesian month names for the axis.</summary>
    public static readonly string[] ShortMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

    /// <summary>Colours by source (colour-blind safe: Okabe-Ito); the target is black and dashed.</summary>
    private static readonly Dictionary<string, string> Colors = new()
    {
        ["RISKESDAS"] = "#999999",
        ["SSGBI"] = "#CC79A7",
        ["SSGI"] = "#0072B2",
        ["SKI"] = "#56B4E9",
        ["EPPGBM"] = "#009E73",
        ["INTERVENSI"] = "#E69F00",
        [DataSource.CamatForms] = "#D55E00",
    };

    public const string TargetColor = "#222222";

    public double Width { get; }
    public double Height { get; }
    public double FontSize { get; }
    public IReadOnlyList<ChartLine> Lines { get; }
    public IReadOnlyList<ChartTick> XTicks { get; }
    public IReadOnlyList<ChartTick> YTicks { get; }
    public IReadOnlyList<ChartRow> Rows { get; }

    /// <summary>True when the x axis is labelled in months.</summary>
    public bool Monthly { get; }
    public double PlotLeft { get; }
    public double PlotRight => Width - Right;
    public double PlotTop => Top;
    public double PlotBottom { get; }
    public bool IsEmpty => Lines.Count == 0;

    public TrendChart(IReadOnlyList<Series> series, TargetLine? target, double width, double height, double fontSize = 11)
    {
        Width = width;
        Height = height;
        FontSize = fontSize;
        PlotLeft = Math.Round(fontSize * 3.6) + 6; // "100 %"
        PlotBottom = height - Math.Round(fontSize * 2.2);
        var raw = series.Select(s => (Key: s.SourceCode, s.SourceName, Dashed: false,
                Points: s.Points.Select(p => (T: Time(p.Year, p.Month), V: (double)p.Value, Period: p.Period, Value: IndonesianFormat.Percent(p.Value), p.IsExample)).ToList()))
            .ToList();
        if (target is not null)
        {
            var stated = target.Points.OrderBy(p => p.Year)
                .Select(p => (T: Time(p.Year, null), V: (double)p.Value, Period: p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var dataPoints = series.SelectMany(s => s.Points).Select(p => (T: Time(p.Year, p.Month), p.Period)).OrderBy(p => p.T).ToList();
            if (dataPoints.Count > 0 && series.All(s => s.Points.All(p => p.Month is not null))
                && Math.Floor(dataPoints[^1].T) - Math.Floor(dataPoints[0].T) <= 2)
            {
                // Only monthly figures of a few years (a kecamatan's or village's forms): the target is drawn across
                // their months, at its value on the path's line, not to its end (a path to 2029 would squeeze a year of
                // months into a fifth of the width); nothing is drawn where the path does not reach.
                stated = [.. new[] { dataPoints[0], dataPoints[^1] }.Distinct()
                    .Select(d => (d.T, V: OnLine(stated, d.T), d.Period)).Where(p => p.V is not null).Select(p => (p.T, p.V!.Value, p.Period))];
            }
            raw.Add(("TARGET", $"Target ({target.SourceName})", true, stated
                .Select(p => (p.T, p.V, p.Period, IndonesianFormat.Percent(decimal.Round((decimal)p.V, 1)), target.IsExample)).ToList()));
        }
        Rows = raw.SelectMany(r => r.Points.OrderBy(p => p.T).Select(p => new ChartRow(r.SourceName, p.Period, p.Value, p.IsExample))).ToList();
        if (raw.All(r => r.Points.Count == 0))
        {
            Lines = [];
            XTicks = [];
            YTicks = [];
            return;
        }
        var times = raw.SelectMany(r => r.Points).Select(p => p.T).ToList();
        var firstYear = (int)Math.Floor(times.Min());
        var lastYear = (int)Math.Floor(times.Max()) + 1;
        Monthly = lastYear - firstYear <= 3 && series.Any(s => s.Points.Any(p => p.Month is not null));
        // Months: from the start of the first month shown to the end of the last; years: whole years.
        var from = Monthly ? Math.Floor((times.Min() * 12) + 1e-9) / 12 : firstYear;
        var to = Monthly ? Math.Ceiling((times.Max() * 12) - 1e-9) / 12 : lastYear;
        if (to - from < 1.0 / 12)
        {
            to = from + (1.0 / 12);
        }
        var max = raw.SelectMany(r => r.Points).Max(p => p.V);
        var step = max > 40 ? 10 : 5;
        var top = Math.Max(step, Math.Ceiling((max + 1) / step) * step);

        double X(double t) => PlotLeft + ((t - from) / (to - from) * (PlotRight - PlotLeft));
        double Y(double v) => PlotBottom - (v / top * (PlotBottom - PlotTop));

        Lines = raw.Where(r => r.Points.Count > 0).Select(r => new ChartLine(r.Key, r.SourceName, r.Key == "TARGET" ? TargetColor : Colors.GetValueOrDefault(r.Key, "#555555"), r.Dashed,
            r.Points.OrderBy(p => p.T).Select(p => new ChartPoint(X(p.T), Y(p.V), $"{r.SourceName} {p.Period}: {p.Value}")).ToList())).ToList();

        // As many labels as fit with room between them: a tick every so many months (years) so that two labels are
        // at least 4 font sizes apart for months ("Jan 2026" beside "Feb") and 3 for years ("2024").
        var plotWidth = PlotRight - PlotLeft;
        if (Monthly)
        {
            var firstMonth = (int)Math.Round(from * 12);
            var months = Math.Max(1, (int)Math.Round((to - from) * 12));
            var perMonth = plotWidth / months;
            var every = new[] { 1, 2, 3, 4, 6, 12 }.FirstOrDefault(e => e * perMonth >= fontSize * 4.0, 12);
            var ticks = new List<ChartTick>();
            for (var m = firstMonth; m < firstMonth + months; m++)
            {
                var (year, month) = (m / 12, (m % 12) + 1);
                if ((month - 1) % every != 0)
                {
                    continue;
                }
                // The year is written at the first label and at each January.
                var label = ticks.Count == 0 || month == 1 ? $"{ShortMonths[month - 1]} {year}" : ShortMonths[month - 1];
                ticks.Add(new ChartTick(X(Time(year, month)), label));
            }
            XTicks = ticks;
        }
        else
        {
            var years = lastYear - firstYear;
            var perYear = plotWidth / years;
            var every = new[] { 1, 2, 3, 5, 10 }.FirstOrDefault(e => e * perYear >= fontSize * 3.0, 10);
            XTicks = Enumerable.Range(firstYear, years + 1).Where(y => (y - firstYear) % every == 0)
                .Select(y => new ChartTick(X(y), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
        YTicks = Enumerable.Range(0, (int)(top / step) + 1).Select(i => new ChartTick(Y(i * step), $"{i * step} %")).ToList();
    }

    /// <summary>Years as a continuous axis: mid-year for a survey or target, mid-month for a month.</summary>
    /// <summary>The path's value at time <paramref name="t"/> on the straight line between its stated points; null outside them.</summary>
    private static double? OnLine(List<(double T, double V, string Period)> stated, double t)
    {
        for (var i = 0; i < stated.Count; i++)
        {
            if (Math.Abs(stated[i].T - t) < 1e-9)
            {
                return stated[i].V;
            }
            if (i > 0 && stated[i - 1].T < t && t < stated[i].T)
            {
                var (t0, v0, _) = stated[i - 1];
                var (t1, v1, _) = stated[i];
                return v0 + ((v1 - v0) * (t - t0) / (t1 - t0));
            }
        }
        return null;
    }

    private static double Time(int year, int? month) => month is { } m ? year + ((m - 0.5) / 12) : year + 0.5;
}
