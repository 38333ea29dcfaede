namespace TppsPortal.Prevalence;

/// <summary>Where an area stands against its target path, in points of prevalence.</summary>
public sealed record TargetStatus(
    decimal FinalTarget,
    int FinalYear,
    decimal ReferenceValue,
    int ReferenceYear,
    bool HasLatestFigure,
    decimal PointsLeft,
    decimal? YearlyCutNeeded,
    decimal? TargetForReferenceYear,
    bool? OnTrack,
    decimal? ProjectedAtFinalYear)
{
    public bool TargetMet => PointsLeft <= 0;
}

/// <summary>
/// The arithmetic of target paths. "From 22,6 % in SSGI 2022 to 14 % in 2024: 8,6 points to cut, 4,3 a year."
/// Only figures of the baseline's own source series are compared with the path: a survey baseline is never
/// judged by routine weighing data.
/// </summary>
public static class TargetMath
{
    /// <summary>Fills the years between the baseline and a final target along a straight line (one decimal).</summary>
    public static IReadOnlyList<(int Year, decimal Value)> FillLinear(int baselineYear, decimal baselineValue, int finalYear, decimal finalValue)
    {
        if (finalYear <= baselineYear)
        {
            return [(finalYear, finalValue)];
        }
        var step = (finalValue - baselineValue) / (finalYear - baselineYear);
        return Enumerable.Range(baselineYear + 1, finalYear - baselineYear)
            .Select(y => (y, y == finalYear ? finalValue : Math.Round(baselineValue + (step * (y - baselineYear)), 1, MidpointRounding.AwayFromZero)))
            .ToList();
    }

    /// <summary>The path's target for a year: a stated yearly value, or on the line between stated ones; null before the baseline.</summary>
    public static decimal? TargetFor(int baselineYear, decimal baselineValue, IReadOnlyList<(int Year, decimal Value)> years, int year)
    {
        var points = new List<(int Year, decimal Value)> { (baselineYear, baselineValue) };
        points.AddRange(years.Where(y => y.Year > baselineYear).OrderBy(y => y.Year));
        if (year < baselineYear)
        {
            return null;
        }
        if (year >= points[^1].Year)
        {
            return points[^1].Value;
        }
        var after = points.First(p => p.Year >= year);
        if (after.Year == year)
        {
            return after.Value;
        }
        var before = points.Last(p => p.Year < year);
        return before.Value + ((after.Value - before.Value) * (year - before.Year) / (after.Year - before.Year));
    }

    /// <param name="latest">The latest figure of the baseline's source series (year, value), or null when there is none after the baseline.</param>
    public static TargetStatus Status(int baselineYear, decimal baselineValue, IReadOnlyList<(int Year, decimal Value)> years, (int Year, decimal Value)? latest)
    {
        var final = years.Count == 0 ? (Year: baselineYear, Value: baselineValue) : years.OrderBy(y => y.Year).Last();
        var reference = latest is { } l && l.Year >= baselineYear ? l : (baselineYear, baselineValue);
        var hasLatest = latest is not null && latest.Value.Year >= baselineYear;
        var pointsLeft = Math.Max(0, reference.Item2 - final.Value);
        var yearsLeft = final.Year - reference.Item1;
        decimal? yearly = pointsLeft == 0 ? 0 : yearsLeft > 0 ? Math.Round(pointsLeft / yearsLeft, 2) : null;
        var targetThen = TargetFor(baselineYear, baselineValue, years, reference.Item1);
        bool? onTrack = !hasLatest ? null : targetThen is { } t ? reference.Item2 <= t : null;
        decimal? projected = null;
        if (hasLatest && reference.Item1 > baselineYear)
        {
            var slope = (reference.Item2 - baselineValue) / (reference.Item1 - baselineYear);
            projected = Math.Round(reference.Item2 + (slope * (final.Year - reference.Item1)), 1);
        }
        return new TargetStatus(final.Value, final.Year, reference.Item2, reference.Item1, hasLatest, pointsLeft, yearly, targetThen, onTrack, projected);
    }

    /// <summary>The national reference path (read only): RPJMN 2020-2024 / Perpres 72/2021, RPJMN 2025-2029, and 2045.</summary>
    public static readonly IReadOnlyList<(int Year, decimal Value, string Source)> NationalReference =
    [
        (2024, 14.0m, "RPJMN 2020-2024, Perpres 72/2021"),
        (2025, 18.8m, "RPJMN 2025-2029"),
        (2029, 14.2m, "RPJMN 2025-2029"),
        (2045, 5.0m, "Visi Indonesia Emas 2045"),
    ];
}
