using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Prevalence;

public sealed record SeriesPoint(int Year, int? Month, decimal Value, int? Numerator, int? Denominator, bool IsExample, string Citation)
{
    public string Period => Month is { } m ? IndonesianFormat.MonthYear(Year, m) : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One source's figures for an area and indicator. Series are never joined across sources.</summary>
public sealed record Series(string SourceCode, string SourceName, SourceKind Kind, IReadOnlyList<SeriesPoint> Points);

/// <summary>What the figure form edits. Checked again, all of it, in <see cref="PrevalenceService"/> (<see cref="FigureRules"/>).</summary>
public sealed class FigureForm
{
    [Required(ErrorMessage = "Wilayah wajib dipilih.")]
    public string RegionCode { get; set; } = "";

    [Required(ErrorMessage = "Indikator wajib dipilih.")]
    public string IndicatorCode { get; set; } = "stunting";

    [Required(ErrorMessage = "Sumber data wajib dipilih.")]
    public string SourceCode { get; set; } = "SSGI";

    [Required(ErrorMessage = "Tahun wajib diisi.")]
    public int? Year { get; set; }

    /// <summary>1-12 for a monthly (routine) source; empty for a survey.</summary>
    public int? Month { get; set; }

    [Required(ErrorMessage = "Nilai prevalensi wajib diisi.")]
    [Range(0, 100, ErrorMessage = "Nilai prevalensi adalah persen antara 0 dan 100.")]
    public decimal? Value { get; set; }

    public int? Numerator { get; set; }
    public int? Denominator { get; set; }

    /// <summary>Relative standard error in percent.</summary>
    public decimal? RelativeStandardError { get; set; }

    /// <summary>The 95 % confidence interval, both ends or neither.</summary>
    public decimal? IntervalLow { get; set; }
    public decimal? IntervalHigh { get; set; }

    [StringLength(PrevalenceFigure.CitationMaxLength, ErrorMessage = "Paling banyak 500 karakter.")]
    public string Citation { get; set; } = "";

    public bool IsExample { get; set; }

    /// <summary>The row version as loaded; a stale one means someone else saved first.</summary>
    public uint Version { get; set; }
}

/// <summary>A stored figure as the list shows it.</summary>
public sealed record FigureRow(
    int Id,
    string RegionCode,
    string RegionName,
    string IndicatorCode,
    string IndicatorName,
    string SourceCode,
    string SourceName,
    SourceKind SourceKind,
    int Year,
    int? Month,
    decimal Value,
    int? Numerator,
    int? Denominator,
    decimal? RelativeStandardError,
    decimal? IntervalLow,
    decimal? IntervalHigh,
    string Citation,
    bool IsExample,
    uint Version)
{
    public string Period => Month is { } m ? IndonesianFormat.MonthYear(Year, m) : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Filters of the figure list. A region includes everything under it. <see cref="FromKey"/>/<see cref="ToKey"/>: a period
/// range as yyyymm keys (a yearly figure counts as month 0), for the API's from/to.
/// </summary>
public sealed record FigureQuery(
    string? RegionCode = null,
    string? IndicatorCode = null,
    string? SourceCode = null,
    int? Year = null,
    int Skip = 0,
    int Take = 50,
    int? FromKey = null,
    int? ToKey = null)
{
    /// <summary>The largest page: the API's 1,000 rows.</summary>
    public const int MaxTake = 1000;
}

/// <summary>The choices of the figure and target forms.</summary>
public sealed record FigureChoices(IReadOnlyList<Indicator> Indicators, IReadOnlyList<DataSource> Sources);

/// <summary>
/// Prevalence figures with their sources. Entered and imported figures are stored; figures of approved camat
/// forms are read from the forms themselves (source "FORM"), so nothing is typed twice and nothing unapproved
/// ever shows.
/// </summary>
public sealed class PrevalenceService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock, ILogger<PrevalenceService> logger)
{
    public async Task<IReadOnlyList<Series>> SeriesAsync(Actor actor, string regionCode, string indicatorCode, CancellationToken ct = default)
    {
        // Published figures of the areas above one's scope are public; a kecamatan's own counts are not.
        access.DemandSeeRegion(actor, regionCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(ct);
        var stored = await db.PrevalenceFigures.AsNoTracking()
            .Where(f => f.RegionCode == regionCode && f.IndicatorCode == indicatorCode && f.SourceCode != DataSource.CamatForms)
            .OrderBy(f => f.Year).ThenBy(f => f.Month).ToListAsync(ct);
        var series = sources
            .Select(s => new Series(s.Code, s.Name, s.Kind, stored.Where(f => f.SourceCode == s.Code)
                .Select(f => new SeriesPoint(f.Year, f.Month, f.Value, f.Numerator, f.Denominator, f.IsExample, f.Citation)).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (access.CanReadRegion(actor, regionCode) && await FromApprovedFormsAsync(db, regionCode, indicatorCode, ct) is { Count: > 0 } forms)
        {
            var source = sources.Single(s => s.Code == DataSource.CamatForms);
            series.Add(new Series(source.Code, source.Name, source.Kind, forms));
        }
        return series;
    }

    /// <summary>
    /// Monthly prevalence of an area (village, kecamatan, district or province) from approved camat forms only: a
    /// village from its rows, anything larger from the summaries of approved forms (<see cref="FormSummary"/>).
    /// </summary>
    internal static async Task<IReadOnlyList<SeriesPoint>> FromApprovedFormsAsync(AppDbContext db, string regionCode, string indicatorCode, CancellationToken ct)
    {
        if (!FormIndicators.Contains(indicatorCode))
        {
            return [];
        }
        List<FormTotals> monthly;
        if (regionCode.Count(c => c == '.') == 3)
        {
            monthly = await db.VillageRows.AsNoTracking()
                .Where(v => v.VillageCode == regionCode)
                .Join(db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui), v => v.ReportId, r => r.Id, (v, r) => new { v, r.PeriodId, r.IsExample })
                .Join(db.ReportingPeriods, x => x.PeriodId, p => p.Id, (x, p) => new FormTotals(
                    (p.Year * 100) + p.Month, x.v.ToddlersMeasured ?? 0, (x.v.Stunted ?? 0) + (x.v.SeverelyStunted ?? 0), x.v.Wasted ?? 0, x.v.Underweight ?? 0, x.IsExample))
                .ToListAsync(ct);
        }
        else
        {
            // A kecamatan is its own row; a district or province is a code prefix. Never both in one condition:
            // an OR makes PostgreSQL leave the index-only scan for a bitmap heap scan (3x slower for a province).
            var below = regionCode + ".";
            var summaries = regionCode.Count(c => c == '.') == 2
                ? db.FormSummaries.Where(s => s.KecamatanCode == regionCode)
                : db.FormSummaries.Where(s => s.KecamatanCode.StartsWith(below));
            monthly = await summaries.AsNoTracking()
                .GroupBy(s => s.PeriodKey)
                .Select(g => new FormTotals(g.Key, g.Sum(s => s.Measured), g.Sum(s => s.Stunted), g.Sum(s => s.Wasted), g.Sum(s => s.Underweight), g.Max(s => s.IsExample ? 1 : 0) == 1))
                .ToListAsync(ct);
        }
        return monthly.Where(m => m.Measured > 0).OrderBy(m => m.PeriodKey).Select(m =>
        {
            var count = m.Count(indicatorCode);
            return new SeriesPoint(m.PeriodKey / 100, m.PeriodKey % 100, Percent(count, m.Measured), count, m.Measured, m.IsExample, FormCitation);
        }).ToList();
    }

    /// <summary>The indicators the camat forms count.</summary>
    public static readonly IReadOnlySet<string> FormIndicators = new HashSet<string> { "stunting", "wasting", "underweight" };

    internal const string FormCitation = "Formulir kecamatan yang disetujui sekretariat";

    /// <summary>A prevalence counted from forms, to one decimal as every figure on the dashboards is shown ("17,6 %").</summary>
    internal static decimal Percent(int count, int measured) => Math.Round(count * 100m / measured, 1);

    // ----- stored figures: list, form, create, update, delete -----

    public bool CanWrite(Actor actor) => access.CanWriteFigures(actor);

    public bool CanWrite(Actor actor, string regionCode) => access.CanWriteFigures(actor, regionCode);

    public async Task<FigureChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new FigureChoices(
            await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct),
            await db.DataSources.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(ct));
    }

    /// <summary>
    /// Stored figures of the regions the actor may read (its scope, everything under it, and the regions above it),
    /// filtered and paged. Figures of camat forms are not stored and not listed: they come from the approved forms.
    /// </summary>
    public async Task<Page<FigureRow>> ListFiguresAsync(Actor actor, FigureQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var figures = access.ReadableFigures(actor, db.PrevalenceFigures.AsNoTracking()).Where(f => f.SourceCode != DataSource.CamatForms);
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            var region = query.RegionCode.Trim();
            access.DemandReadFigures(actor, region);
            var below = region + ".";
            figures = figures.Where(f => f.RegionCode == region || f.RegionCode.StartsWith(below));
        }
        if (!string.IsNullOrWhiteSpace(query.IndicatorCode))
        {
            figures = figures.Where(f => f.IndicatorCode == query.IndicatorCode);
        }
        if (!string.IsNullOrWhiteSpace(query.SourceCode))
        {
            figures = figures.Where(f => f.SourceCode == query.SourceCode);
        }
        if (query.Year is { } year)
        {
            figures = figures.Where(f => f.Year == year);
        }
        if (query.FromKey is { } from)
        {
            figures = figures.Where(f => (f.Year * 100) + (f.Month ?? 0) >= from);
        }
        if (query.ToKey is { } to)
        {
            figures = figures.Where(f => (f.Year * 100) + (f.Month ?? 0) <= to);
        }

        var total = await figures.CountAsync(ct);
        var rows = await (
            from f in figures
            join r in db.Regions on f.RegionCode equals r.Code
            join i in db.Indicators on f.IndicatorCode equals i.Code
            join s in db.DataSources on f.SourceCode equals s.Code
            // The id last: pages of the same query never overlap or skip a row (the API pages through all of them).
            orderby f.RegionCode.Length, f.RegionCode, i.SortOrder, s.SortOrder, f.Year descending, f.Month descending, f.Id
            select new FigureRow(f.Id, f.RegionCode, r.Name, f.IndicatorCode, i.Name, f.SourceCode, s.Name, s.Kind, f.Year, f.Month, f.Value,
                f.Numerator, f.Denominator, f.RelativeStandardError, f.IntervalLow, f.IntervalHigh, f.Citation, f.IsExample, f.Version))
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, FigureQuery.MaxTake))
            .ToListAsync(ct);
        return new Page<FigureRow>(rows, total);
    }

    /// <summary>A stored figure as its form; null when there is none with this id.</summary>
    public async Task<FigureForm?> GetFigureAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var f = await db.PrevalenceFigures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return null;
        }
        access.DemandReadFigures(actor, f.RegionCode);
        return new FigureForm
        {
            RegionCode = f.RegionCode,
            IndicatorCode = f.IndicatorCode,
            SourceCode = f.SourceCode,
            Year = f.Year,
            Month = f.Month,
            Value = f.Value,
            Numerator = f.Numerator,
            Denominator = f.Denominator,
            RelativeStandardError = f.RelativeStandardError,
            IntervalLow = f.IntervalLow,
            IntervalHigh = f.IntervalHigh,
            Citation = f.Citation,
            IsExample = f.IsExample,
            Version = f.Version,
        };
    }

    public async Task<Result<int>> CreateFigureAsync(Actor actor, FigureForm form, CancellationToken ct = default)
    {
        DemandWrite(actor, form.RegionCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lookups = await LookupsAsync(db, [form.RegionCode?.Trim() ?? ""], ct);
        var errors = await ValidateAsync(db, form, lookups, null, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var figure = new PrevalenceFigure { RegionCode = "", IndicatorCode = "", SourceCode = "" };
        Apply(form, figure);
        db.PrevalenceFigures.Add(figure);
        var saved = await SaveAsync(db, actor, figure, form, lookups, "entered",
            () => [ChangeTexts.FigureAdded(FigureSnapshot.Of(figure), actor, clock.GetUtcNow())], ct);
        return saved.Succeeded ? Result<int>.Ok(figure.Id) : saved;
    }

    public async Task<Result> UpdateFigureAsync(Actor actor, int id, FigureForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var figure = await db.PrevalenceFigures.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (figure is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteFigures(actor, figure.RegionCode);
        DemandWrite(actor, form.RegionCode);
        if (figure.SourceCode == DataSource.CamatForms)
        {
            return Result.Fail("", "Angka formulir kecamatan tidak diubah di sini: ubah formulirnya (buka kembali, perbaiki, setujui).");
        }
        var lookups = await LookupsAsync(db, [form.RegionCode?.Trim() ?? ""], ct);
        var errors = await ValidateAsync(db, form, lookups, id, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        db.Entry(figure).Property(f => f.Version).OriginalValue = form.Version;
        var old = FigureSnapshot.Of(figure);
        Apply(form, figure);
        return await SaveAsync(db, actor, figure, form, lookups, "changed",
            () => ChangeTexts.FigureChanged(old, FigureSnapshot.Of(figure), actor, clock.GetUtcNow()), ct);
    }

    public async Task<Result> DeleteFigureAsync(Actor actor, int id, uint version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var figure = await db.PrevalenceFigures.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (figure is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteFigures(actor, figure.RegionCode);
        db.Entry(figure).Property(f => f.Version).OriginalValue = version;
        db.PrevalenceFigures.Remove(figure);
        db.ChangeRecords.Add(ChangeTexts.FigureDeleted(FigureSnapshot.Of(figure), actor, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Figure {FigureId} not deleted by {UserName}: changed by someone else meanwhile", id, actor.UserName);
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Figure {FigureId} {Indicator} {Source} {Year}-{Month} of {Region} deleted by {UserName}",
            id, figure.IndicatorCode, figure.SourceCode, figure.Year, figure.Month, figure.RegionCode, actor.UserName);
        return Result.Ok;
    }

    /// <summary>
    /// Without a region the form is incomplete, but only someone who may write figures gets to hear that: a
    /// read-only actor is refused whatever the form holds.
    /// </summary>
    private void DemandWrite(Actor actor, string? regionCode)
    {
        if (string.IsNullOrWhiteSpace(regionCode))
        {
            access.DemandWriteFigures(actor);
        }
        else
        {
            access.DemandWriteFigures(actor, regionCode.Trim());
        }
    }

    /// <summary>Saves the figure, then its history rows (which need the new figure's id), in one transaction.</summary>
    private async Task<Result> SaveAsync(AppDbContext db, Actor actor, PrevalenceFigure figure, FigureForm form, FigureLookups lookups, string what,
        Func<IEnumerable<ChangeRecord>> history, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.ChangeRecords.AddRange(history());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Figure {FigureId} not {What} by {UserName}: changed or deleted by someone else meanwhile", figure.Id, what, actor.UserName);
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone saved the same area, indicator, source and period between our check and this write.
            return Result.Fail(FigureRules.DuplicateField(form, lookups), FigureRules.DuplicateMessage);
        }
        logger.LogInformation("Figure {FigureId} {Indicator} {Source} {Year}-{Month} = {Value} for {Region} {What} by {UserName}",
            figure.Id, figure.IndicatorCode, figure.SourceCode, figure.Year, figure.Month, figure.Value, figure.RegionCode, what, actor.UserName);
        return Result.Ok;
    }

    internal static void Apply(FigureForm form, PrevalenceFigure figure)
    {
        figure.RegionCode = form.RegionCode.Trim();
        figure.IndicatorCode = form.IndicatorCode;
        figure.SourceCode = form.SourceCode;
        figure.Year = form.Year!.Value;
        figure.Month = form.Month;
        figure.Value = form.Value!.Value;
        figure.Numerator = form.Numerator;
        figure.Denominator = form.Denominator;
        figure.RelativeStandardError = form.RelativeStandardError;
        figure.IntervalLow = form.IntervalLow;
        figure.IntervalHigh = form.IntervalHigh;
        figure.Citation = form.Citation?.Trim() ?? "";
        figure.IsExample = form.IsExample;
    }

    /// <summary>Sources, indicators, which of the given region codes exist, and today in WITA (the portal's districts).</summary>
    internal static async Task<FigureLookups> LookupsAsync(AppDbContext db, IReadOnlyCollection<string> regionCodes, TimeProvider clock, CancellationToken ct)
    {
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Code, ct);
        var indicators = (await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet();
        var codes = regionCodes.Where(c => c.Length > 0).Distinct().ToList();
        var regions = (await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        return new FigureLookups(sources, indicators, regions, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8)));
    }

    private Task<FigureLookups> LookupsAsync(AppDbContext db, IReadOnlyCollection<string> regionCodes, CancellationToken ct) =>
        LookupsAsync(db, regionCodes, clock, ct);

    private static async Task<ErrorBag> ValidateAsync(AppDbContext db, FigureForm form, FigureLookups lookups, int? id, CancellationToken ct)
    {
        var errors = FigureRules.Check(form, lookups);
        var region = form.RegionCode.Trim();
        if (!errors.Any && await db.PrevalenceFigures.AnyAsync(f => f.RegionCode == region && f.IndicatorCode == form.IndicatorCode
                && f.SourceCode == form.SourceCode && f.Year == form.Year && f.Month == form.Month && f.Id != id, ct))
        {
            errors.Add(FigureRules.DuplicateField(form, lookups), FigureRules.DuplicateMessage);
        }
        return errors;
    }
}

/// <summary>Sums of approved form figures for one period.</summary>
internal sealed record FormTotals(int PeriodKey, int Measured, int Stunted, int Wasted, int Underweight, bool IsExample)
{
    public int Count(string indicatorCode) => indicatorCode switch { "wasting" => Wasted, "underweight" => Underweight, _ => Stunted };
}
