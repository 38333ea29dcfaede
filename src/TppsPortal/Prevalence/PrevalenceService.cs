using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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

public sealed class FigureForm
{
    public string RegionCode { get; set; } = "";
    public string IndicatorCode { get; set; } = "stunting";
    public string SourceCode { get; set; } = "SSGI";
    public int? Year { get; set; }
    public int? Month { get; set; }
    public decimal? Value { get; set; }
    public int? Numerator { get; set; }
    public int? Denominator { get; set; }
    public decimal? RelativeStandardError { get; set; }
    public string Citation { get; set; } = "";
    public bool IsExample { get; set; }
}

/// <summary>
/// Prevalence figures with their sources. Entered and imported figures are stored; figures of approved camat
/// forms are read from the forms themselves (source "FORM"), so nothing is typed twice and nothing unapproved
/// ever shows.
/// </summary>
public sealed class PrevalenceService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<PrevalenceService> logger)
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
            var below = regionCode + ".";
            monthly = await db.FormSummaries.AsNoTracking()
                .Where(s => s.KecamatanCode == regionCode || s.KecamatanCode.StartsWith(below))
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

    internal static decimal Percent(int count, int measured) => Math.Round(count * 100m / measured, 2);

    public async Task<Result<int>> CreateFigureAsync(Actor actor, FigureForm form, CancellationToken ct = default)
    {
        if (!access.CanManageRegions(actor))
        {
            access.DemandWriteRegionData(actor, string.IsNullOrWhiteSpace(form.RegionCode) ? "00" : form.RegionCode.Trim());
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var figure = new PrevalenceFigure
        {
            RegionCode = form.RegionCode.Trim(),
            IndicatorCode = form.IndicatorCode,
            SourceCode = form.SourceCode,
            Year = form.Year!.Value,
            Month = form.Month,
            Value = form.Value!.Value,
            Numerator = form.Numerator,
            Denominator = form.Denominator,
            RelativeStandardError = form.RelativeStandardError,
            Citation = form.Citation.Trim(),
            IsExample = form.IsExample,
        };
        db.PrevalenceFigures.Add(figure);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Figure {Indicator} {Source} {Year}-{Month} = {Value} for {Region} entered by {UserName}",
            figure.IndicatorCode, figure.SourceCode, figure.Year, figure.Month, figure.Value, figure.RegionCode, actor.UserName);
        return Result<int>.Ok(figure.Id);
    }

    private static async Task<ErrorBag> ValidateAsync(AppDbContext db, FigureForm form, CancellationToken ct)
    {
        var errors = new ErrorBag();
        var source = await db.DataSources.AsNoTracking().FirstOrDefaultAsync(s => s.Code == form.SourceCode, ct);
        if (source is null) errors.Add(nameof(form.SourceCode), "Sumber data wajib dipilih.");
        else if (source.Code == DataSource.CamatForms) errors.Add(nameof(form.SourceCode), "Angka formulir kecamatan diambil langsung dari formulir yang disetujui, tidak diketik ulang.");
        if (!await db.Indicators.AnyAsync(i => i.Code == form.IndicatorCode, ct)) errors.Add(nameof(form.IndicatorCode), "Indikator wajib dipilih.");
        if (!await db.Regions.AnyAsync(r => r.Code == form.RegionCode.Trim(), ct)) errors.Add(nameof(form.RegionCode), "Wilayah tidak dikenal.");
        if (form.Year is not (>= 2000 and <= 2100)) errors.Add(nameof(form.Year), "Tahun wajib diisi (2000-2100).");
        if (source is { IsMonthly: true } && form.Month is not (>= 1 and <= 12)) errors.Add(nameof(form.Month), "Data rutin dicatat per bulan: isi bulan 1-12.");
        if (source is { IsMonthly: false } && form.Month is not null) errors.Add(nameof(form.Month), "Survei dicatat per tahun: kosongkan bulan.");
        if (form.Value is not (>= 0 and <= 100)) errors.Add(nameof(form.Value), "Nilai prevalensi adalah persen antara 0 dan 100.");
        if (form.Numerator is { } n && form.Denominator is { } d && (n > d || d <= 0)) errors.Add(nameof(form.Numerator), "Pembilang tidak boleh melebihi penyebut.");
        if (form.Citation.Trim().Length > PrevalenceFigure.CitationMaxLength) errors.Add(nameof(form.Citation), Texts.TooLong(PrevalenceFigure.CitationMaxLength));
        if (!errors.Any && await db.PrevalenceFigures.AnyAsync(f => f.RegionCode == form.RegionCode.Trim() && f.IndicatorCode == form.IndicatorCode
                && f.SourceCode == form.SourceCode && f.Year == form.Year && f.Month == form.Month, ct))
        {
            errors.Add(nameof(form.Year), "Angka untuk wilayah, indikator, sumber dan periode ini sudah ada.");
        }
        return errors;
    }
}

/// <summary>Sums of approved form figures for one period.</summary>
internal sealed record FormTotals(int PeriodKey, int Measured, int Stunted, int Wasted, int Underweight, bool IsExample)
{
    public int Count(string indicatorCode) => indicatorCode switch { "wasting" => Wasted, "underweight" => Underweight, _ => Stunted };
}
