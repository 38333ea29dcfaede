using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Prevalence;

/// <summary>
/// The officials' dashboard of an area: headline against the target, one trend series per source, the ranking of
/// the areas below it from approved forms, completeness, overdue follow-up actions and meetings. Figures of the
/// forms come from <see cref="FormSummary"/> rows (one per approved kecamatan form), so a district reads a few
/// hundred rows and a province a few thousand whatever the number of villages (docs/dashboard.md).
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock)
{
    private DateOnly TodayWita => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);

    /// <summary>The area a dashboard opens on: the actor's scope, or the first province for Admin Sistem.</summary>
    public async Task<string?> DefaultRegionAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.RegionCode is { } scope)
        {
            return scope;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.Where(r => r.Level == RegionLevel.Provinsi).OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct);
    }

    public async Task<DashboardView> GetAsync(Actor actor, DashboardQuery query, CancellationToken ct = default)
    {
        var code = query.RegionCode ?? await DefaultRegionAsync(actor, ct) ?? throw new AccessDeniedException("Belum ada wilayah.");
        access.DemandSeeDashboard(actor, code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = TodayWita;

        var chain = RegionCode.AncestorsOf(code).Append(code).ToList();
        var names = await db.Regions.AsNoTracking().Where(r => chain.Contains(r.Code)).Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        if (names.All(n => n.Code != code))
        {
            throw new AccessDeniedException("Wilayah tidak ditemukan.");
        }
        var crumbs = chain.Select(c => names.First(n => n.Code == c)).Select(n => new Crumb(new AreaRef(n.Code, n.Name, n.Level), access.CanSeeDashboard(actor, n.Code))).ToList();
        var area = crumbs[^1].Area;

        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).Select(i => new Option(i.Code, i.Name)).ToListAsync(ct);
        var indicator = indicators.FirstOrDefault(i => i.Code == query.IndicatorCode) ?? indicators.First();
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(ct);
        var source = query.SourceCode is { } sc ? sources.FirstOrDefault(s => s.Code == sc) : null;

        // Series: stored figures of the area, then the approved forms; one per source, never joined.
        var stored = await db.PrevalenceFigures.AsNoTracking()
            .Where(f => f.RegionCode == code && f.IndicatorCode == indicator.Code)
            .OrderBy(f => f.Year).ThenBy(f => f.Month).ToListAsync(ct);
        var forms = await PrevalenceService.FromApprovedFormsAsync(db, code, indicator.Code, ct);
        var allSeries = sources.Select(s => new Series(s.Code, s.Name, s.Kind, s.Code == DataSource.CamatForms
                ? forms
                : stored.Where(f => f.SourceCode == s.Code).Select(f => new SeriesPoint(f.Year, f.Month, f.Value, f.Numerator, f.Denominator, f.IsExample, f.Citation)).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        var shown = source is null ? allSeries : allSeries.Where(s => s.SourceCode == source.Code).ToList();

        // The area's own path and those of the areas above it: when its own has ended or is missing, the nearest
        // running one above (the province's plan), else the national RPJMN path applies (TargetMath.Applicable).
        var pathCodes = chain.ToList();
        var storedPaths = await db.TargetPaths.AsNoTracking().Include(t => t.Years)
            .Where(t => pathCodes.Contains(t.RegionCode) && t.IndicatorCode == indicator.Code).ToListAsync(ct);
        var areaNames = crumbs.ToDictionary(c => c.Area.Code, c => c.Area);
        var own = storedPaths.FirstOrDefault(t => t.RegionCode == code) is { } ownPath ? Applied(ownPath, PathKind.Own, area) : null;
        var above = storedPaths.Where(t => t.RegionCode != code).OrderByDescending(t => t.RegionCode.Length)
            .Select(t => Applied(t, PathKind.Regional, areaNames[t.RegionCode])).ToList();
        var applied = TargetMath.Applicable(own, above, indicator.Code, today.Year);
        var headline = BuildHeadline(area, own, applied, allSeries, sources, source, today.Year);
        TargetLine? target = applied is null ? null : ChartLine(applied, sources, today.Year);

        // The months of approved forms that have a figure for this area (a village too: its own rows).
        var periods = forms.Select(p => (p.Year * 100) + p.Month!.Value).OrderDescending().ToList();
        var periodKey = query.PeriodKey is { } k && periods.Contains(k) ? k : periods.FirstOrDefault() is var latest and > 0 ? latest : (int?)null;

        var ranking = area.Level switch
        {
            RegionLevel.Provinsi => await ProvinceRankingAsync(db, actor, code, indicator.Code, periodKey, today.Year, ct),
            RegionLevel.KabupatenKota => await KecamatanRankingAsync(db, actor, code, indicator.Code, periodKey, ct),
            RegionLevel.Kecamatan => await VillageRankingAsync(db, actor, code, indicator.Code, periodKey, ct),
            _ => null,
        };
        var completeness = area.Level is RegionLevel.Provinsi or RegionLevel.KabupatenKota ? await CompletenessAsync(db, code, area.Level, today, ct) : null;
        var progress = area.Level is RegionLevel.Provinsi or RegionLevel.KabupatenKota ? null : await FormProgressAsync(db, code, area.Level, today, ct);
        var (overdue, recent, upcoming) = await FollowUpAsync(db, actor, code, area.Level, today, ct);

        return new DashboardView(area, crumbs, indicator.Code, indicator.Name, source?.Code, indicators,
            sources.Select(s => new Option(s.Code, s.Name)).ToList(), periods, headline, shown, target, ranking, completeness, overdue, recent, upcoming, today)
        {
            PeriodKey = periodKey,
            PeriodFigure = forms.FirstOrDefault(p => (p.Year * 100) + p.Month == periodKey),
            FormProgress = progress,
        };
    }

    // ----- headline -----

    private static Headline BuildHeadline(AreaRef area, AppliedPath? own, AppliedPath? applied, List<Series> series, List<DataSource> sources, DataSource? chosen, int year)
    {
        // Two facts, each chosen by its source's kind (not by which is newer): the latest survey estimate and the
        // latest routine measurement. A chosen source stands for its own kind.
        var survey = Latest(series, SourceKind.Survey, chosen);
        var routine = Latest(series, SourceKind.Routine, chosen);
        if (applied is null)
        {
            return new Headline(survey, routine, year, null, null, null, null, null, null);
        }
        FigureRef? baseline = null;
        FigureRef? judged;
        if (applied.Kind == PathKind.Own)
        {
            var baselineSource = sources.First(s => s.Code == applied.BaselineSourceCode);
            baseline = new FigureRef(applied.Points[0].Value, baselineSource.Code, baselineSource.Name, baselineSource.Kind, applied.BaselineYear!.Value, null, applied.IsExample, applied.Citation);
            // An own path is judged only on its baseline's own source series.
            var ownSeries = series.FirstOrDefault(s => s.SourceCode == applied.BaselineSourceCode);
            judged = ownSeries is null ? null : Ref(ownSeries, ownSeries.Points[^1]);
        }
        else
        {
            // A reference path (province, nation) states survey prevalence: the area's latest survey figure is judged.
            judged = survey;
        }
        var status = TargetMath.Status(applied, judged is null ? null : (judged.Year, judged.Value));
        string? note = null;
        if (applied.Kind != PathKind.Own)
        {
            note = own is null
                ? $"Belum ada jalur target {area.Name} untuk indikator ini; diukur terhadap {applied.Name}."
                : $"Jalur target {area.Name} berakhir {own.LastYear}; kini diukur terhadap {applied.Name}.";
        }
        else if (!applied.RunsIn(year))
        {
            note = $"Jalur target {area.Name} berakhir {applied.LastYear} dan tidak ada acuan lain yang berlaku pada {year}.";
        }
        return new Headline(survey, routine, year, applied, note, baseline, judged, applied.TargetFor(year), status);
    }

    private static FigureRef? Latest(List<Series> series, SourceKind kind, DataSource? chosen)
    {
        var candidates = chosen is not null && chosen.Kind == kind
            ? series.Where(s => s.SourceCode == chosen.Code)
            : series.Where(s => s.Kind == kind);
        var best = candidates.Select(s => (Series: s, Point: s.Points[^1]))
            .OrderByDescending(x => x.Point.Year).ThenByDescending(x => x.Point.Month ?? 0)
            .FirstOrDefault();
        return best.Series is null ? null : Ref(best.Series, best.Point);
    }

    private static FigureRef Ref(Series s, SeriesPoint p) => new(p.Value, s.SourceCode, s.SourceName, s.Kind, p.Year, p.Month, p.IsExample, p.Citation);

    private static AppliedPath Applied(TargetPath path, PathKind kind, AreaRef area) => TargetService.ToApplied(path, kind, area);

    /// <summary>"Provinsi Sulawesi Selatan", "Kabupaten Luwu Timur" (stored so), "Kecamatan Malili".</summary>
    internal static string AreaTitle(AreaRef area) => area.Level switch
    {
        RegionLevel.Provinsi => $"Provinsi {area.Name}",
        RegionLevel.Kecamatan => $"Kecamatan {area.Name}",
        _ => area.Name,
    };

    /// <summary>
    /// The applied path as the chart draws it: its stated points up to three years after this one; a path that runs
    /// further (a province's plan to 2045) ends there at its value on the line, so the chart keeps its scale.
    /// </summary>
    private static TargetLine ChartLine(AppliedPath path, List<DataSource> sources, int year)
    {
        var until = year + 3;
        var points = path.Points.Where(p => p.Year <= until).ToList();
        if (path.LastYear > until && path.TargetFor(until) is { } end)
        {
            points.Add((until, Math.Round(end, 1)));
        }
        var baselineName = path.BaselineSourceCode is { } b ? sources.FirstOrDefault(s => s.Code == b)?.Name ?? b : null;
        return new TargetLine(baselineName ?? "", points, path.IsExample, path.Citation)
        {
            Name = char.ToUpperInvariant(path.Name[0]) + path.Name[1..] + (baselineName is null ? "" : $" (data dasar {baselineName})"),
        };
    }

    // ----- rankings -----

    private async Task<Ranking> KecamatanRankingAsync(AppDbContext db, Actor actor, string district, string indicator, int? periodKey, CancellationToken ct)
    {
        var below = district + ".";
        var kecamatan = await db.Regions.AsNoTracking().Where(r => r.ParentCode == district && r.Level == RegionLevel.Kecamatan)
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        var villages = await VillageCountsAsync(db, below, 8, ct);
        var rows = new List<RankingRow>();
        if (periodKey is { } key && PrevalenceService.FormIndicators.Contains(indicator))
        {
            var summaries = await db.FormSummaries.AsNoTracking()
                .Where(s => s.KecamatanCode.StartsWith(below) && s.PeriodKey <= key && s.PeriodKey >= key - ComparedBack)
                .Select(s => new { s.KecamatanCode, s.PeriodKey, s.Measured, s.Registered, s.Stunted, s.Wasted, s.Underweight, s.VillagesReported, s.IsExample })
                .ToListAsync(ct);
            var byKecamatan = summaries.ToLookup(s => s.KecamatanCode);
            foreach (var k in kecamatan)
            {
                var mine = byKecamatan[k.Code].OrderByDescending(s => s.PeriodKey).ToList();
                var now = mine.FirstOrDefault(s => s.PeriodKey == key);
                var before = mine.FirstOrDefault(s => s.PeriodKey < key && s.Measured > 0);
                rows.Add(new RankingRow(new AreaRef(k.Code, k.Name, k.Level), access.CanSeeDashboard(actor, k.Code),
                    now is { Measured: > 0 } ? PrevalenceService.Percent(Count(indicator, now.Stunted, now.Wasted, now.Underweight), now.Measured) : null,
                    now is null ? null : Count(indicator, now.Stunted, now.Wasted, now.Underweight),
                    now?.Measured ?? 0, now?.Registered ?? 0,
                    before is null ? null : PrevalenceService.Percent(Count(indicator, before.Stunted, before.Wasted, before.Underweight), before.Measured),
                    before is null ? null : Common.IndonesianFormat.MonthYear(before.PeriodKey / 100, before.PeriodKey % 100),
                    villages.GetValueOrDefault(k.Code), now?.VillagesReported ?? 0, now?.IsExample ?? false));
            }
        }
        else
        {
            rows.AddRange(kecamatan.Select(k => new RankingRow(new AreaRef(k.Code, k.Name, k.Level), access.CanSeeDashboard(actor, k.Code),
                null, null, 0, 0, null, null, villages.GetValueOrDefault(k.Code), 0, false)));
        }
        return new Ranking("Kecamatan", periodKey, Order(rows));
    }

    private async Task<Ranking> VillageRankingAsync(AppDbContext db, Actor actor, string kecamatan, string indicator, int? periodKey, CancellationToken ct)
    {
        var villages = await db.Regions.AsNoTracking().Where(r => r.ParentCode == kecamatan && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        var rows = new List<RankingRow>();
        Dictionary<string, VillageRow> now = [], before = [];
        string? beforePeriod = null;
        var example = false;
        if (periodKey is { } key && PrevalenceService.FormIndicators.Contains(indicator))
        {
            var reports = await db.FormSummaries.AsNoTracking().Where(s => s.KecamatanCode == kecamatan && s.PeriodKey <= key)
                .OrderByDescending(s => s.PeriodKey).Take(2).Select(s => new { s.ReportId, s.PeriodKey, s.IsExample }).ToListAsync(ct);
            var ids = reports.Select(r => r.ReportId).ToList();
            var villageRows = await db.VillageRows.AsNoTracking().Where(v => ids.Contains(v.ReportId)).ToListAsync(ct);
            if (reports.FirstOrDefault(r => r.PeriodKey == key) is { } current)
            {
                now = villageRows.Where(v => v.ReportId == current.ReportId).ToDictionary(v => v.VillageCode);
                example = current.IsExample;
            }
            if (reports.FirstOrDefault(r => r.PeriodKey < key) is { } previous)
            {
                before = villageRows.Where(v => v.ReportId == previous.ReportId).ToDictionary(v => v.VillageCode);
                beforePeriod = Common.IndonesianFormat.MonthYear(previous.PeriodKey / 100, previous.PeriodKey % 100);
            }
        }
        foreach (var v in villages)
        {
            var n = now.GetValueOrDefault(v.Code);
            var b = before.GetValueOrDefault(v.Code);
            var count = n is null ? (int?)null : Count(indicator, n);
            rows.Add(new RankingRow(new AreaRef(v.Code, v.Name, v.Level), access.CanSeeDashboard(actor, v.Code),
                n is { ToddlersMeasured: > 0 } ? PrevalenceService.Percent(count!.Value, n.ToddlersMeasured.Value) : null,
                count, n?.ToddlersMeasured ?? 0, n?.ToddlersRegistered ?? 0,
                b is { ToddlersMeasured: > 0 } ? PrevalenceService.Percent(Count(indicator, b), b.ToddlersMeasured.Value) : null,
                b is null ? null : beforePeriod,
                1, n?.ToddlersMeasured is null ? 0 : 1, example));
        }
        return new Ranking("Desa/Kelurahan", periodKey, Order(rows));
    }

    private async Task<Ranking> ProvinceRankingAsync(AppDbContext db, Actor actor, string province, string indicator, int? periodKey, int year, CancellationToken ct)
    {
        var below = province + ".";
        var districts = await db.Regions.AsNoTracking().Where(r => r.ParentCode == province && r.Level == RegionLevel.KabupatenKota)
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        var villages = await VillageCountsAsync(db, below, 5, ct);
        var codes = districts.Select(d => d.Code).ToList();

        // Forms: per district and period, summed in the database.
        var months = new Dictionary<string, List<AreaMonth>>();
        if (periodKey is { } key && PrevalenceService.FormIndicators.Contains(indicator))
        {
            var grouped = await db.FormSummaries.AsNoTracking()
                .Where(s => s.KecamatanCode.StartsWith(below) && s.PeriodKey <= key && s.PeriodKey >= key - ComparedBack)
                .GroupBy(s => new { District = s.KecamatanCode.Substring(0, 5), s.PeriodKey })
                .Select(g => new
                {
                    g.Key.District, g.Key.PeriodKey, Measured = g.Sum(s => s.Measured), Registered = g.Sum(s => s.Registered),
                    Stunted = g.Sum(s => s.Stunted), Wasted = g.Sum(s => s.Wasted), Underweight = g.Sum(s => s.Underweight),
                    Villages = g.Sum(s => s.VillagesReported), Example = g.Max(s => s.IsExample ? 1 : 0),
                })
                .ToListAsync(ct);
            months = grouped.GroupBy(g => g.District).ToDictionary(d => d.Key, d => d
                .Select(g => new AreaMonth(g.PeriodKey, g.Measured, g.Registered, Count(indicator, g.Stunted, g.Wasted, g.Underweight), g.Villages, g.Example == 1))
                .ToList());
        }

        // Published figures and targets of each district, side by side.
        var surveys = await RankingRows.SurveysAsync(db, codes, indicator, ct);
        var paths = await db.TargetPaths.AsNoTracking().Include(t => t.Years).Where(t => codes.Contains(t.RegionCode) && t.IndicatorCode == indicator).ToListAsync(ct);
        var provinceArea = new AreaRef(province, await db.Regions.Where(r => r.Code == province).Select(r => r.Name).FirstAsync(ct), RegionLevel.Provinsi);
        var provincePath = await db.TargetPaths.AsNoTracking().Include(t => t.Years).FirstOrDefaultAsync(t => t.RegionCode == province && t.IndicatorCode == indicator, ct);
        List<AppliedPath> above = provincePath is null ? [] : [Applied(provincePath, PathKind.Regional, provinceArea)];
        var forms = await FormsOfLatestPeriodAsync(db, below, ct);

        var rows = districts.Select(d =>
        {
            var area = new AreaRef(d.Code, d.Name, d.Level);
            var own = paths.FirstOrDefault(p => p.RegionCode == d.Code) is { } path ? Applied(path, PathKind.Own, area) : null;
            var (approved, total) = forms.GetValueOrDefault(d.Code);
            return RankingRows.Row(area, access.CanSeeDashboard(actor, d.Code), months.GetValueOrDefault(d.Code) ?? [], periodKey, surveys,
                own, above, indicator, year, villages.GetValueOrDefault(d.Code)) with
            {
                FormsApproved = total > 0 ? approved : null,
                FormsTotal = total > 0 ? total : null,
            };
        }).ToList();
        return new Ranking("Kabupaten/Kota", periodKey, Order(rows));
    }

    /// <summary>
    /// How far back (in yyyymm) a ranking looks for the previous figure to compare with: twelve months. An older
    /// figure says little about this month, and reading only a year keeps a province's query small.
    /// </summary>
    private const int ComparedBack = 100;

    /// <summary>Highest prevalence first (the areas that lag), then those without a figure, by name.</summary>
    private static List<RankingRow> Order(List<RankingRow> rows) =>
        rows.OrderBy(r => r.Value is null).ThenByDescending(r => r.Value).ThenBy(r => r.Area.Name).ToList();

    private static int Count(string indicator, int stunted, int wasted, int underweight) =>
        indicator switch { "wasting" => wasted, "underweight" => underweight, _ => stunted };

    private static int Count(string indicator, VillageRow row) =>
        Count(indicator, (row.Stunted ?? 0) + (row.SeverelyStunted ?? 0), row.Wasted ?? 0, row.Underweight ?? 0);

    /// <summary>Villages per kecamatan (prefix length 8) or per district (5) under an area.</summary>
    private static async Task<Dictionary<string, int>> VillageCountsAsync(AppDbContext db, string below, int length, CancellationToken ct) =>
        await db.Regions.AsNoTracking()
            .Where(r => r.Code.StartsWith(below) && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .GroupBy(r => r.Code.Substring(0, length))
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    // ----- completeness -----

    /// <summary>Approved forms and kecamatan of each district's latest opened period, for the districts under a prefix.</summary>
    private static async Task<Dictionary<string, (int Approved, int Total)>> FormsOfLatestPeriodAsync(AppDbContext db, string below, CancellationToken ct)
    {
        var latest = await LatestPeriodsAsync(db, below, ct);
        var ids = latest.Values.Select(p => p.Id).ToList();
        var approved = await db.KecamatanReports.AsNoTracking().Where(r => ids.Contains(r.PeriodId) && r.Status == ReportStatus.Disetujui)
            .GroupBy(r => r.PeriodId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var kecamatan = await db.Regions.AsNoTracking().Where(r => r.Code.StartsWith(below) && r.Level == RegionLevel.Kecamatan)
            .GroupBy(r => r.Code.Substring(0, 5)).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return latest.ToDictionary(p => p.Key, p => (approved.GetValueOrDefault(p.Value.Id), kecamatan.GetValueOrDefault(p.Key)));
    }

    private static async Task<Dictionary<string, ReportingPeriod>> LatestPeriodsAsync(AppDbContext db, string districtOrBelow, CancellationToken ct)
    {
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.DistrictCode == districtOrBelow || p.DistrictCode.StartsWith(districtOrBelow))
            .ToListAsync(ct);
        return periods.GroupBy(p => p.DistrictCode).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).First());
    }

    private static async Task<Completeness?> CompletenessAsync(AppDbContext db, string code, RegionLevel level, DateOnly today, CancellationToken ct)
    {
        var district = level == RegionLevel.Provinsi ? null : code[..5];
        var latest = await LatestPeriodsAsync(db, district ?? code + ".", ct);
        if (latest.Count == 0)
        {
            return null;
        }
        var ids = latest.Values.Select(p => p.Id).ToList();
        var kecamatanPrefix = level == RegionLevel.Kecamatan ? code : (district ?? code) + ".";
        var reports = await db.KecamatanReports.AsNoTracking()
            .Where(r => ids.Contains(r.PeriodId) && (r.KecamatanCode == kecamatanPrefix || r.KecamatanCode.StartsWith(kecamatanPrefix)))
            .Select(r => new { r.PeriodId, r.Status, r.IsLate }).ToListAsync(ct);
        var total = level == RegionLevel.Kecamatan ? 1 : await db.Regions.CountAsync(r => r.Code.StartsWith(kecamatanPrefix) && r.Level == RegionLevel.Kecamatan, ct);
        var missing = Math.Max(0, total - reports.Count);
        var pastDeadline = latest.Values.Where(p => today > p.Deadline).Select(p => p.Id).ToHashSet();
        var late = reports.Count(r => r.IsLate || (pastDeadline.Contains(r.PeriodId) && r.Status is ReportStatus.Draft or ReportStatus.Dikembalikan))
                   + (pastDeadline.Count == latest.Count ? missing : 0);
        var period = latest.Count == 1
            ? Common.IndonesianFormat.MonthYear(latest.Values.First().Year, latest.Values.First().Month)
            : "periode terakhir tiap kabupaten/kota";
        return new Completeness(period, total, missing,
            reports.Count(r => r.Status == ReportStatus.Draft), reports.Count(r => r.Status == ReportStatus.Diajukan),
            reports.Count(r => r.Status == ReportStatus.Dikembalikan), reports.Count(r => r.Status == ReportStatus.Disetujui), late);
    }

    /// <summary>
    /// The kecamatan's form of the latest period its district opened: status, and villages with a figure (children
    /// measured entered); for a village, whether its own row has one. Null when the district has opened no period.
    /// </summary>
    private static async Task<FormProgress?> FormProgressAsync(AppDbContext db, string code, RegionLevel level, DateOnly today, CancellationToken ct)
    {
        var kecamatan = level == RegionLevel.Kecamatan ? code : RegionCode.ParentOf(code)!;
        var district = kecamatan[..5];
        var period = await db.ReportingPeriods.AsNoTracking().Where(p => p.DistrictCode == district)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).FirstOrDefaultAsync(ct);
        if (period is null)
        {
            return null;
        }
        var name = await db.Regions.AsNoTracking().Where(r => r.Code == kecamatan).Select(r => r.Name).SingleAsync(ct);
        var villagesTotal = await db.Regions.CountAsync(r => r.ParentCode == kecamatan && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan), ct);
        var report = await db.KecamatanReports.AsNoTracking().Where(r => r.PeriodId == period.Id && r.KecamatanCode == kecamatan)
            .Select(r => new { r.Id, r.Status, r.IsLate }).FirstOrDefaultAsync(ct);
        var filled = report is null ? [] : await db.VillageRows.AsNoTracking()
            .Where(v => v.ReportId == report.Id && v.ToddlersMeasured != null).Select(v => v.VillageCode).ToListAsync(ct);
        var late = report is null
            ? today > period.Deadline
            : report.IsLate || (today > period.Deadline && report.Status is ReportStatus.Draft or ReportStatus.Dikembalikan);
        return new FormProgress(Common.IndonesianFormat.MonthYear(period.Year, period.Month), name, report?.Status, late, villagesTotal, filled.Count,
            level == RegionLevel.Kecamatan ? null : filled.Contains(code));
    }

    // ----- follow-up actions and meetings -----

    private async Task<(IReadOnlyList<AgencyOverdue>, IReadOnlyList<MeetingItem>, IReadOnlyList<MeetingItem>)> FollowUpAsync(
        AppDbContext db, Actor actor, string code, RegionLevel level, DateOnly today, CancellationToken ct)
    {
        if (level is RegionLevel.Desa or RegionLevel.Kelurahan)
        {
            return ([], [], []);
        }
        var below = code + ".";
        var actions = access.ReadableActions(actor, db.FollowUpActions.AsNoTracking())
            .Where(a => (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) && a.DueDate < today);
        actions = level switch
        {
            RegionLevel.Provinsi => actions.Where(a => a.DistrictCode.StartsWith(below)),
            RegionLevel.KabupatenKota => actions.Where(a => a.DistrictCode == code),
            _ => actions.Where(a => a.Meeting!.RegionCode == code || (a.AreaCode != null && (a.AreaCode == code || a.AreaCode.StartsWith(below)))),
        };
        var overdue = await actions
            .GroupBy(a => new { a.ResponsibleAgencyId, a.ResponsibleAgency!.Name, a.ResponsibleAgency.ShortName, a.ResponsibleAgency.RegionCode })
            .Select(g => new { g.Key.ResponsibleAgencyId, g.Key.Name, g.Key.ShortName, g.Key.RegionCode, Count = g.Count(), Oldest = g.Min(a => a.DueDate) })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Oldest)
            .Take(10)
            .ToListAsync(ct);

        var meetings = access.ReadableMeetings(actor, db.Meetings.AsNoTracking());
        meetings = level == RegionLevel.Kecamatan
            ? meetings.Where(m => m.RegionCode == code || m.RegionCode == code.Substring(0, 5))
            : meetings.Where(m => m.RegionCode == code || m.RegionCode.StartsWith(below));
        var recent = await meetings.Where(m => m.Date <= today).OrderByDescending(m => m.Date).Take(4)
            .Select(m => new { m.Id, m.Title, m.Kind, m.Date, m.Status, m.RegionCode }).ToListAsync(ct);
        var upcoming = await meetings.Where(m => m.Date > today).OrderBy(m => m.Date).Take(4)
            .Select(m => new { m.Id, m.Title, m.Kind, m.Date, m.Status, m.RegionCode }).ToListAsync(ct);
        var regionCodes = recent.Concat(upcoming).Select(m => m.RegionCode).Concat(overdue.Select(o => o.RegionCode)).Distinct().ToList();
        var regionNames = await db.Regions.Where(r => regionCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        MeetingItem Item(int id, string title, MeetingKind kind, DateOnly date, MeetingStatus status, string region) =>
            new(id, title, kind.Display(), date, status.Display(), regionNames.GetValueOrDefault(region, region));
        return (overdue.Select(o => new AgencyOverdue(o.ResponsibleAgencyId, o.Name, o.ShortName, regionNames.GetValueOrDefault(o.RegionCode, o.RegionCode), o.Count, o.Oldest)).ToList(),
            recent.Select(m => Item(m.Id, m.Title, m.Kind, m.Date, m.Status, m.RegionCode)).ToList(),
            upcoming.Select(m => Item(m.Id, m.Title, m.Kind, m.Date, m.Status, m.RegionCode)).ToList());
    }
}
