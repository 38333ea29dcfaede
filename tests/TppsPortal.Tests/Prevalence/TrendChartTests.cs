using TppsPortal.Prevalence;

namespace TppsPortal.Tests.Prevalence;

/// <summary>The chart's axes: months for monthly series, years for long spans, fewer labels when narrow; a table of its points.</summary>
public sealed class TrendChartTests
{
    private static Series Forms(int year, int fromMonth, int months) => new(DataSource.CamatForms, "Formulir kecamatan", SourceKind.Routine,
        Enumerable.Range(0, months).Select(i =>
        {
            var m = fromMonth - 1 + i;
            return new SeriesPoint(year + (m / 12), (m % 12) + 1, 12.5m + i, 10 + i, 80, true, "");
        }).ToList());

    private static Series Ssgi(params (int Year, decimal Value)[] points) =>
        new("SSGI", "SSGI", SourceKind.Survey, points.Select(p => new SeriesPoint(p.Year, null, p.Value, null, null, false, "")).ToList());

    [Fact]
    public void MonthlySeries_IsLabelledByMonth_WithTheYearAtTheFirstLabelAndEachJanuary()
    {
        var chart = new TrendChart([Forms(2026, 1, 12)], null, 720, 280, 12);

        Assert.True(chart.Monthly);
        Assert.Equal("Jan 2026", chart.XTicks[0].Label);
        Assert.Equal(["Jan 2026", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"], chart.XTicks.Select(t => t.Label));
        // A month's label sits under its point.
        Assert.Equal(chart.Lines.Single().Points.Select(p => p.X), chart.XTicks.Select(t => t.Position));
    }

    [Fact]
    public void MonthlySeries_OnANarrowChart_GetsFewerLabels_AcrossTheYear()
    {
        var wide = new TrendChart([Forms(2025, 7, 12)], null, 720, 280, 12);
        var narrow = new TrendChart([Forms(2025, 7, 12)], null, 300, 220, 13);

        Assert.True(narrow.XTicks.Count < wide.XTicks.Count);
        Assert.InRange(narrow.XTicks.Count, 2, 4);
        Assert.Equal("Jul 2025", narrow.XTicks[0].Label);
        Assert.Contains(narrow.XTicks, t => t.Label == "Jan 2026");
        // Labels do not overlap: "Jan 2026" is about 4.4 font sizes wide, "Okt" 1.7; ticks are 4 or more apart.
        Assert.All(narrow.XTicks.Zip(narrow.XTicks.Skip(1)), pair => Assert.True(pair.Second.Position - pair.First.Position >= 13 * 4.0));
    }

    [Fact]
    public void SurveysOverManyYears_AreLabelledByYear_EveryOtherYearWhenNarrow()
    {
        Series[] series = [Ssgi((2013, 37.2m), (2018, 30.8m), (2021, 24.4m), (2022, 21.6m), (2024, 19.8m)), Forms(2026, 1, 3)];

        var wide = new TrendChart(series, null, 720, 280, 12);
        var narrow = new TrendChart(series, null, 300, 220, 13);

        Assert.False(wide.Monthly);
        Assert.Equal(Enumerable.Range(2013, 15).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), wide.XTicks.Select(t => t.Label));
        Assert.True(narrow.XTicks.Count <= 5, string.Join(", ", narrow.XTicks.Select(t => t.Label)));
        Assert.Equal("2013", narrow.XTicks[0].Label);
    }

    [Fact]
    public void Rows_AreTheSamePointsAsTheLines_WithPeriodAndValueAsShown()
    {
        var target = new TargetLine("SSGI", [(2022, 22.6m), (2024, 14m)], false, "");

        var chart = new TrendChart([Ssgi((2021, 19.9m), (2022, 22.6m)), Forms(2026, 11, 2)], target, 720, 280);

        Assert.Equal(chart.Lines.Sum(l => l.Points.Count), chart.Rows.Count);
        Assert.Contains(new ChartRow("SSGI", "2022", "22,6 %", false), chart.Rows);
        Assert.Contains(new ChartRow("Formulir kecamatan", "Desember 2026", "13,5 %", true), chart.Rows);
        Assert.Contains(new ChartRow("Target (SSGI)", "2024", "14,0 %", false), chart.Rows);
    }
}
