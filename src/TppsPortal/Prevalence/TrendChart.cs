using TppsPortal.Common;

namespace TppsPortal.Prevalence;

public sealed record ChartPoint(double X, double Y, string Label);

/// <summary>One line of the chart: a source's series (solid) or the target path (dashed). Lines of different sources are never joined.</summary>
public sealed record ChartLine(string Key, string Name, string Color, bool Dashed, IReadOnlyList<ChartPoint> Points);

public sealed record ChartTick(double Position, string Label);

/// <summary>
/// The geometry of the trend chart, computed once and drawn twice: as SVG on the dashboard and with the PDF
/// composer in the dashboard PDF. Coordinates are in the caller's units (pixels or points), origin top left.
/// A survey year sits in the middle of its year, a month in the middle of its month, a yearly target in the
/// middle of its year, so that a survey and its target line up.
/// </summary>
public sealed class TrendChart
{
    public const double Left = 44, Right = 12, Top = 12, Bottom = 28;

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
    public IReadOnlyList<ChartLine> Lines { get; }
    public IReadOnlyList<ChartTick> XTicks { get; }
    public IReadOnlyList<ChartTick> YTicks { get; }
    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double PlotTop => Top;
    public double PlotBottom => Height - Bottom;
    public bool IsEmpty => Lines.Count == 0;

    public TrendChart(IReadOnlyList<Series> series, TargetLine? target, double width, double height)
    {
        Width = width;
        Height = height;
        var raw = series.Select(s => (Key: s.SourceCode, s.SourceName, Dashed: false,
                Points: s.Points.Select(p => (T: Time(p.Year, p.Month), V: (double)p.Value, Label: $"{s.SourceName} {p.Period}: {IndonesianFormat.Percent((double)p.Value)}")).ToList()))
            .ToList();
        if (target is not null)
        {
            raw.Add(("TARGET", "Target", true, target.Points.Select(p => (Time(p.Year, null), (double)p.Value, $"Target {p.Year}: {IndonesianFormat.Percent((double)p.Value)}")).ToList()));
        }
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
        var max = raw.SelectMany(r => r.Points).Max(p => p.V);
        var step = max > 40 ? 10 : 5;
        var top = Math.Max(step, Math.Ceiling((max + 1) / step) * step);

        double X(double t) => PlotLeft + ((t - firstYear) / (lastYear - firstYear) * (PlotRight - PlotLeft));
        double Y(double v) => PlotBottom - (v / top * (PlotBottom - PlotTop));

        Lines = raw.Where(r => r.Points.Count > 0).Select(r => new ChartLine(r.Key, r.SourceName, r.Key == "TARGET" ? TargetColor : Colors.GetValueOrDefault(r.Key, "#555555"), r.Dashed,
            r.Points.OrderBy(p => p.T).Select(p => new ChartPoint(X(p.T), Y(p.V), p.Label)).ToList())).ToList();
        var every = (lastYear - firstYear) > 10 ? 2 : 1;
        XTicks = Enumerable.Range(firstYear, lastYear - firstYear + 1).Where(y => (y - firstYear) % every == 0)
            .Select(y => new ChartTick(X(y), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        YTicks = Enumerable.Range(0, (int)(top / step) + 1).Select(i => new ChartTick(Y(i * step), $"{i * step} %")).ToList();
    }

    /// <summary>Years as a continuous axis: mid-year for a survey or target, mid-month for a month.</summary>
    private static double Time(int year, int? month) => month is { } m ? year + ((m - 0.5) / 12) : year + 0.5;
}
