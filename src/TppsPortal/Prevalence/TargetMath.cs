namespace TppsPortal.Prevalence;

/// <summary>Whose target path a figure is measured against.</summary>
public enum PathKind
{
    /// <summary>The area's own stored path.</summary>
    Own = 1,

    /// <summary>The stored path of an area above it (the province's own plan for a district).</summary>
    Regional = 2,

    /// <summary>The national RPJMN path (<see cref="TargetMath.NationalReference"/>).</summary>
    National = 3,
}

/// <summary>
/// A target path as the dashboard measures against it: its points (a stored path's baseline first, then its yearly
/// targets; the national path starts at its first target) and what it is called, e.g. "RPJMN 2025-2029 (nasional)".
/// </summary>
/// <param name="BaselineSourceCode">The stored path's baseline source; null for the national path.</param>
/// <param name="BaselineYear">The stored path's baseline year (its first point is a figure, not a target); null for the national path.</param>
public sealed record AppliedPath(
    PathKind Kind,
    string Name,
    string RegionCode,
    string? BaselineSourceCode,
    int? BaselineYear,
    IReadOnlyList<(int Year, decimal Value)> Points,
    string Citation,
    bool IsExample)
{
    public int FirstYear => Points[0].Year;

    public int LastYear => Points[^1].Year;

    /// <summary>The path's target for a year (stated, or on the line between stated ones); null before the path starts.</summary>
    public decimal? TargetFor(int year) => TargetMath.TargetFor(Points[0].Year, Points[0].Value, Points.Skip(1).ToList(), year);

    /// <summary>Whether the path still sets a target for the year (its last target year has not passed).</summary>
    public bool RunsIn(int year) => LastYear >= year;
}

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
            var line = Math.Round(reference.Item2 + (slope * (final.Year - reference.Item1)), 1);
            projected = line >= 0 ? line : null; // a trend that would fall below zero says nothing about the final year
        }
        return new TargetStatus(final.Value, final.Year, reference.Item2, reference.Item1, hasLatest, pointsLeft, yearly, targetThen, onTrack, projected);
    }

    /// <summary>
    /// The path that applies in a year: the area's own while it runs (its last target year is this year or later);
    /// else the nearest area above whose stored path runs (the province's plan for a district); else the national
    /// RPJMN 2025-2029 path for stunting while it runs. When nothing runs, the own path (ended) is still the one
    /// shown, and null means there is nothing at all to measure against.
    /// </summary>
    /// <param name="above">Stored paths of the areas above, nearest first.</param>
    public static AppliedPath? Applicable(AppliedPath? own, IEnumerable<AppliedPath> above, string indicatorCode, int year)
    {
        if (own is not null && own.RunsIn(year))
        {
            return own;
        }
        if (above.FirstOrDefault(p => p.RunsIn(year)) is { } regional)
        {
            return regional;
        }
        if (NationalPath(indicatorCode) is { } national && national.RunsIn(year))
        {
            return national;
        }
        return own;
    }

    /// <summary>The national RPJMN 2025-2029 stunting path (18,8 % in 2025 to 14,2 % in 2029); null for other indicators.</summary>
    public static AppliedPath? NationalPath(string indicatorCode) =>
        indicatorCode != "stunting" ? null : new AppliedPath(PathKind.National, NationalPathName, "", null, null,
            NationalReference.Where(r => r.Source == NationalPathSource).Select(r => (r.Year, r.Value)).ToList(),
            NationalPathSource + ", target nasional prevalensi stunting", false);

    public const string NationalPathSource = "RPJMN 2025-2029";

    public const string NationalPathName = "RPJMN 2025-2029 (nasional)";

    /// <summary>
    /// Where a figure stands against the path that applies. An own path is judged as <see cref="Status(int, decimal, IReadOnlyList{ValueTuple{int, decimal}}, ValueTuple{int, decimal}?)"/>
    /// does (its baseline's series, a figure after the baseline year). A reference path (a province's or the
    /// nation's) is judged by the area's latest survey figure at that figure's own year (the reference year): on
    /// track when it is at or below the path's target for that year; not judged when the figure is not after the
    /// path's baseline (or, for the national path, older than its first target). Points left and the yearly cut run from that figure to the path's final target.
    /// </summary>
    public static TargetStatus Status(AppliedPath path, (int Year, decimal Value)? latest)
    {
        var years = path.Points.Skip(1).ToList();
        if (path.Kind == PathKind.Own && path.BaselineYear is { } baselineYear)
        {
            return Status(baselineYear, path.Points[0].Value, years, latest is { } l && l.Year > baselineYear ? l : null);
        }
        var final = path.Points[^1];
        var reference = latest ?? path.Points[0];
        var pointsLeft = Math.Max(0, reference.Value - final.Value);
        var yearsLeft = final.Year - reference.Year;
        decimal? yearly = pointsLeft == 0 ? 0 : yearsLeft > 0 ? Math.Round(pointsLeft / yearsLeft, 2) : null;
        var judgedFrom = path.BaselineYear is { } b ? b + 1 : path.FirstYear;
        var targetThen = latest is { } f && f.Year >= judgedFrom ? path.TargetFor(f.Year) : null;
        bool? onTrack = latest is { } g && targetThen is { } t ? g.Value <= t : null;
        return new TargetStatus(final.Value, final.Year, reference.Value, reference.Year, latest is not null, pointsLeft, yearly, targetThen, onTrack, null);
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
