using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Convergence;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;

namespace TppsPortal.Prevalence;

/// <summary>What the national view shows: an indicator and a month of approved forms (null = the latest).</summary>
public sealed record NationalQuery(string IndicatorCode = "stunting", int? PeriodKey = null);

/// <summary>
/// The national view: the country's monthly trend from the approved camat forms, the national target path, and the
/// provinces side by side (latest survey figure, target and status, form prevalence of the month, reporting
/// completeness, overdue follow-ups, aksi konvergensi progress of the year).
/// </summary>
/// <param name="Trend">The nation's monthly prevalence from approved forms (one point per month); empty for an indicator the forms do not record.</param>
/// <param name="Target">The national RPJMN path as the chart draws it; null for an indicator without one.</param>
/// <param name="Latest">The nation's figure of <see cref="PeriodKey"/> from approved forms.</param>
/// <param name="FormsApproved">Approved kecamatan forms of <see cref="PeriodKey"/>, out of <see cref="Kecamatan"/>.</param>
/// <param name="AksiDone">Aksi konvergensi marked done this year across every district with a cycle, out of <see cref="AksiTotal"/>.</param>
public sealed record NationalView(
    string IndicatorCode,
    string IndicatorName,
    IReadOnlyList<Option> Indicators,
    IReadOnlyList<int> Periods,
    int? PeriodKey,
    IReadOnlyList<SeriesPoint> Trend,
    TargetLine? Target,
    decimal? TargetThisYear,
    SeriesPoint? Latest,
    int FormsApproved,
    int Kecamatan,
    int OverdueActions,
    int AksiDone,
    int AksiTotal,
    int DistrictsWithCycle,
    Ranking Provinces,
    DateOnly Today)
{
    public bool HasForms => PrevalenceService.FormIndicators.Contains(IndicatorCode);

    public bool HasExamples => Trend.Any(p => p.IsExample) || Provinces.Rows.Any(r => r.IsExample || r.Survey?.IsExample == true);

    public string? Period => PeriodKey is { } k ? Common.IndonesianFormat.MonthYear(k / 100, k % 100) : null;
}

/// <summary>
/// The national view for Admin Sistem and Pemantau Nasional (<see cref="AccessPolicy.CanSeeNation"/>). Every figure of
/// the forms comes from <see cref="ProvinceMonthSummary"/> rows (38 provinces x months), never from the kecamatan
/// summaries or village rows, so the nation costs about what a district costs (docs/dashboard.md).
/// </summary>
public sealed class NationalDashboardService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock)
{
    private DateOnly TodayWita => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);

    /// <summary>How far back (in yyyymm) a province's previous figure is looked for: twelve months, as the other rankings do.</summary>
    private const int ComparedBack = 100;

    public bool CanSee(Actor actor) => access.CanSeeNation(actor);

    public async Task<NationalView> GetAsync(Actor actor, NationalQuery query, CancellationToken ct = default)
    {
        access.DemandSeeNation(actor);
        var today = TodayWita;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).Select(i => new Option(i.Code, i.Name)).ToListAsync(ct);
        var indicator = indicators.FirstOrDefault(i => i.Code == query.IndicatorCode) ?? indicators.First();
        var hasForms = PrevalenceService.FormIndicators.Contains(indicator.Code);

        // The nation per month: 38 provinces x months of province-month rows, summed in the database.
        var monthly = hasForms
            ? await db.ProvinceMonthSummaries.AsNoTracking()
                .GroupBy(s => s.PeriodKey)
                .Select(g => new FormTotals(g.Key, g.Sum(s => s.Measured), g.Sum(s => s.Stunted), g.Sum(s => s.Wasted), g.Sum(s => s.Underweight), g.Max(s => s.IsExample ? 1 : 0) == 1))
                .ToListAsync(ct)
            : [];
        var trend = monthly.Where(m => m.Measured > 0).OrderBy(m => m.PeriodKey).Select(m =>
        {
            var count = m.Count(indicator.Code);
            return new SeriesPoint(m.PeriodKey / 100, m.PeriodKey % 100, PrevalenceService.Percent(count, m.Measured), count, m.Measured, m.IsExample, PrevalenceService.FormCitation);
        }).ToList();
        var periods = trend.Select(p => (p.Year * 100) + p.Month!.Value).OrderDescending().ToList();
        int? periodKey = query.PeriodKey is { } k && periods.Contains(k) ? k : periods.Count > 0 ? periods[0] : null;

        var provinces = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Provinsi)
            .Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var codes = provinces.Select(p => p.Code).ToList();
        var kecamatan = await CountPerProvinceAsync(db, RegionLevel.Kecamatan, ct);
        var villages = await VillagesPerProvinceAsync(db, ct);

        // The month chosen and the twelve before it, per province.
        var sums = periodKey is { } key
            ? await db.ProvinceMonthSummaries.AsNoTracking().Where(s => s.PeriodKey <= key && s.PeriodKey >= key - ComparedBack).ToListAsync(ct)
            : [];

        // Published figures and targets of each province, side by side; the national RPJMN path above them all.
        var surveys = await RankingRows.SurveysAsync(db, codes, indicator.Code, ct);
        var paths = await db.TargetPaths.AsNoTracking().Include(t => t.Years).Where(t => codes.Contains(t.RegionCode) && t.IndicatorCode == indicator.Code).ToListAsync(ct);
        var national = TargetMath.NationalPath(indicator.Code);

        var overdue = await OverduePerProvinceAsync(db, today, ct);
        var aksi = await AksiPerProvinceAsync(db, today.Year, ct);

        var months = sums.GroupBy(s => s.ProvinceCode).ToDictionary(g => g.Key, g => g
            .Select(s => new AreaMonth(s.PeriodKey, s.Measured, s.Registered, Count(indicator.Code, s), s.VillagesReported, s.IsExample))
            .ToList());
        var rows = provinces.Select(p =>
        {
            var area = new AreaRef(p.Code, p.Name, RegionLevel.Provinsi);
            // No stored path above a province: its own, else the national RPJMN path (TargetMath.Applicable).
            var own = paths.FirstOrDefault(t => t.RegionCode == p.Code) is { } stored ? TargetService.ToApplied(stored, PathKind.Own, area) : null;
            var (aksiDone, aksiTotal, _) = aksi.GetValueOrDefault(p.Code);
            return RankingRows.Row(area, access.CanSeeDashboard(actor, p.Code), months.GetValueOrDefault(p.Code) ?? [], periodKey, surveys,
                own, [], indicator.Code, today.Year, villages.GetValueOrDefault(p.Code)) with
            {
                FormsApproved = periodKey is null ? null : sums.FirstOrDefault(s => s.ProvinceCode == p.Code && s.PeriodKey == periodKey)?.FormsApproved ?? 0,
                FormsTotal = kecamatan.GetValueOrDefault(p.Code),
                OverdueActions = overdue.GetValueOrDefault(p.Code),
                AksiDone = aksiTotal > 0 ? aksiDone : null,
                AksiTotal = aksiTotal > 0 ? aksiTotal : null,
            };
        }).ToList();
        var ranking = new Ranking("Provinsi", periodKey, rows.OrderBy(r => r.Value is null).ThenByDescending(r => r.Value).ThenBy(r => r.Area.Name).ToList());

        TargetLine? target = national is null ? null : new TargetLine(TargetMath.NationalPathSource, national.Points, false, national.Citation) { Name = national.Name };
        return new NationalView(indicator.Code, indicator.Name, indicators, periods, periodKey, trend, target, national?.TargetFor(today.Year),
            trend.FirstOrDefault(p => (p.Year * 100) + p.Month == periodKey),
            rows.Sum(r => r.FormsApproved ?? 0), kecamatan.Values.Sum(), overdue.Values.Sum(),
            aksi.Values.Sum(a => a.Done), aksi.Values.Sum(a => a.Total), aksi.Values.Sum(a => a.Districts),
            ranking, today);
    }

    private static int Count(string indicator, ProvinceMonthSummary s) =>
        indicator switch { "wasting" => s.Wasted, "underweight" => s.Underweight, _ => s.Stunted };

    private static async Task<Dictionary<string, int>> CountPerProvinceAsync(AppDbContext db, RegionLevel level, CancellationToken ct) =>
        (await db.Regions.AsNoTracking().Where(r => r.Level == level)
            .GroupBy(r => r.Code.Substring(0, 2))
            .Select(g => new { Province = g.Key, Count = g.Count() })
            .ToListAsync(ct))
        .ToDictionary(x => x.Province, x => x.Count);

    /// <summary>Villages and kelurahan per province (the two levels of the last tier).</summary>
    private static async Task<Dictionary<string, int>> VillagesPerProvinceAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan)
            .GroupBy(r => r.Code.Substring(0, 2))
            .Select(g => new { Province = g.Key, Count = g.Count() })
            .ToListAsync(ct))
        .ToDictionary(x => x.Province, x => x.Count);

    /// <summary>Open follow-up actions past their due date, per province of their district.</summary>
    private static async Task<Dictionary<string, int>> OverduePerProvinceAsync(AppDbContext db, DateOnly today, CancellationToken ct) =>
        (await db.FollowUpActions.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) && a.DueDate < today)
            .GroupBy(a => a.DistrictCode.Substring(0, 2))
            .Select(g => new { Province = g.Key, Count = g.Count() })
            .ToListAsync(ct))
        .ToDictionary(x => x.Province, x => x.Count);

    /// <summary>This year's aksi konvergensi per province: done, all, and the districts that have started the cycle.</summary>
    private static async Task<Dictionary<string, (int Done, int Total, int Districts)>> AksiPerProvinceAsync(AppDbContext db, int year, CancellationToken ct) =>
        (await db.AksiItems.AsNoTracking()
            .Where(i => i.Cycle!.Year == year)
            .GroupBy(i => i.Cycle!.DistrictCode.Substring(0, 2))
            .Select(g => new
            {
                Province = g.Key,
                Done = g.Count(i => i.Status == AksiStatus.Selesai),
                Total = g.Count(),
                Districts = g.Select(i => i.CycleId).Distinct().Count(),
            })
            .ToListAsync(ct))
        .ToDictionary(x => x.Province, x => (x.Done, x.Total, x.Districts));
}
