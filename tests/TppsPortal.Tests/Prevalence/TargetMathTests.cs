using TppsPortal.Prevalence;

namespace TppsPortal.Tests.Prevalence;

public sealed class TargetMathTests
{
    private static readonly (int Year, decimal Value)[] LuwuTimurPath = [(2023, 14.6m), (2024, 14.0m)];

    [Fact]
    public void Status_LuwuTimurFrom22Point6In2022To14In2024_Is8Point6PointsAnd4Point3AYear()
    {
        var status = TargetMath.Status(2022, 22.6m, LuwuTimurPath, latest: null);

        Assert.Equal(8.6m, status.PointsLeft);
        Assert.Equal(4.3m, status.YearlyCutNeeded);
        Assert.Equal(14.0m, status.FinalTarget);
        Assert.Equal(2024, status.FinalYear);
        Assert.False(status.HasLatestFigure);
        Assert.Null(status.OnTrack); // no figure after the baseline: unknown, not "on track"
        Assert.Null(status.ProjectedAtFinalYear);
    }

    [Fact]
    public void Status_WithALatestFigureOfTheSameSeries_MeasuresFromItAndJudgesItAgainstThatYearsTarget()
    {
        var status = TargetMath.Status(2022, 22.6m, LuwuTimurPath, latest: (2023, 17.0m));

        Assert.Equal(3.0m, status.PointsLeft);
        Assert.Equal(3.0m, status.YearlyCutNeeded);
        Assert.Equal(14.6m, status.TargetForReferenceYear);
        Assert.False(status.OnTrack);
        Assert.Equal(11.4m, status.ProjectedAtFinalYear); // 22,6 -> 17,0 is -5,6 a year
    }

    [Fact]
    public void Status_TargetAlreadyMet_LeavesNothingToCutAndIsOnTrack()
    {
        var status = TargetMath.Status(2022, 22.6m, LuwuTimurPath, latest: (2024, 12.9m));

        Assert.True(status.TargetMet);
        Assert.Equal(0m, status.PointsLeft);
        Assert.Equal(0m, status.YearlyCutNeeded);
        Assert.True(status.OnTrack);
    }

    [Fact]
    public void Status_BaselineYearEqualToTargetYear_HasNoYearlyCut()
    {
        var status = TargetMath.Status(2024, 16.0m, [(2024, 14.0m)], latest: null);

        Assert.Equal(2.0m, status.PointsLeft);
        Assert.Null(status.YearlyCutNeeded);
        Assert.Equal(2024, status.FinalYear);
    }

    [Fact]
    public void Status_AfterTheFinalYearStillAboveTarget_HasNoYearsLeft()
    {
        var status = TargetMath.Status(2022, 22.6m, LuwuTimurPath, latest: (2025, 15.1m));

        Assert.Equal(1.1m, status.PointsLeft);
        Assert.Null(status.YearlyCutNeeded);
        Assert.False(status.OnTrack);
    }

    [Fact]
    public void FillLinear_FillsTheYearsBetweenOnAStraightLine()
    {
        var years = TargetMath.FillLinear(2022, 22.6m, 2026, 14.0m);

        Assert.Equal([(2023, 20.5m), (2024, 18.3m), (2025, 16.2m), (2026, 14.0m)], years);
    }

    [Fact]
    public void TargetFor_BetweenStatedYears_IsOnTheLine()
    {
        Assert.Equal(18.6m, TargetMath.TargetFor(2022, 22.6m, [(2024, 14.6m)], 2023));
        Assert.Equal(22.6m, TargetMath.TargetFor(2022, 22.6m, LuwuTimurPath, 2022));
        Assert.Null(TargetMath.TargetFor(2022, 22.6m, LuwuTimurPath, 2021));
        Assert.Equal(14.0m, TargetMath.TargetFor(2022, 22.6m, LuwuTimurPath, 2030));
    }
}
