using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Prevalence;

/// <summary>A published (survey) figure of an area, with its source, as the rankings read it.</summary>
internal sealed record SurveyFigure(string RegionCode, int Year, decimal Value, string SourceCode, string SourceName, SourceKind Kind, bool IsExample, string Citation);

/// <summary>The approved forms of one area in one month, summed; <see cref="Count"/> is the indicator's count.</summary>
internal sealed record AreaMonth(int PeriodKey, int Measured, int Registered, int Count, int VillagesReported, bool IsExample);

/// <summary>
/// One area's row in a ranking: a district's among the province's (<see cref="DashboardService"/>) and a province's
/// among the nation's (<see cref="NationalDashboardService"/>) are read the same way.
/// </summary>
internal static class RankingRows
{
    /// <summary>The survey figures (not monthly ones) of these areas for one indicator.</summary>
    public static Task<List<SurveyFigure>> SurveysAsync(AppDbContext db, List<string> codes, string indicator, CancellationToken ct) =>
        db.PrevalenceFigures.AsNoTracking()
            .Where(f => codes.Contains(f.RegionCode) && f.IndicatorCode == indicator && f.Month == null)
            .Join(db.DataSources, f => f.SourceCode, s => s.Code, (f, s) => new SurveyFigure(f.RegionCode, f.Year, f.Value, f.SourceCode, s.Name, s.Kind, f.IsExample, f.Citation))
            .ToListAsync(ct);

    /// <summary>
    /// The area's row: the month's form figure and the latest one before it with children measured (the months given
    /// are those the ranking compares back), its latest survey figure, the target path that applies in
    /// <paramref name="year"/> (its own, else the nearest above) and whether it is on track, judged as on the area's own
    /// dashboard: an own path by its baseline's series, a path from above by the latest survey figure.
    /// </summary>
    public static RankingRow Row(AreaRef area, bool canOpen, IReadOnlyList<AreaMonth> months, int? periodKey, IReadOnlyList<SurveyFigure> surveys,
        AppliedPath? own, IReadOnlyList<AppliedPath> above, string indicator, int year, int villages)
    {
        var now = months.FirstOrDefault(m => m.PeriodKey == periodKey);
        var before = months.Where(m => m.PeriodKey < periodKey && m.Measured > 0).MaxBy(m => m.PeriodKey);
        var mine = surveys.Where(s => s.RegionCode == area.Code).ToList();
        var survey = mine.MaxBy(s => s.Year);
        var path = TargetMath.Applicable(own, above, indicator, year);
        var judged = path is null ? null : path.Kind == PathKind.Own ? mine.Where(s => s.SourceCode == path.BaselineSourceCode).MaxBy(s => s.Year) : survey;
        return new RankingRow(area, canOpen,
            now is { Measured: > 0 } ? PrevalenceService.Percent(now.Count, now.Measured) : null, now?.Count,
            now?.Measured ?? 0, now?.Registered ?? 0,
            before is null ? null : PrevalenceService.Percent(before.Count, before.Measured),
            before is null ? null : IndonesianFormat.MonthYear(before.PeriodKey / 100, before.PeriodKey % 100),
            villages, now?.VillagesReported ?? 0, now?.IsExample ?? false)
        {
            Survey = survey is null ? null : new FigureRef(survey.Value, survey.SourceCode, survey.SourceName, survey.Kind, survey.Year, null, survey.IsExample, survey.Citation),
            TargetThisYear = path?.TargetFor(year),
            TargetName = path?.Name,
            TargetKind = path?.Kind,
            OnTrack = path is null ? null : TargetMath.Status(path, judged is null ? null : (judged.Year, judged.Value)).OnTrack,
        };
    }
}
