using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Convergence;

/// <summary>A reporting period of the district, with how many kecamatan forms of it are approved.</summary>
public sealed record ApprovedPeriod(int Year, int Month, int ApprovedForms, int Kecamatan)
{
    public int Key => (Year * 100) + Month;
    public string Label => IndonesianFormat.MonthYear(Year, Month);
}

/// <summary>One desa/kelurahan with the figures of its kecamatan's approved form; all null when that form is not approved.</summary>
public sealed record VillageFigures(
    string Code, string Name, RegionLevel Level, bool IsExample,
    int? Families, int? FamiliesAtRisk, int? Registered, int? Measured, int? SeverelyStunted, int? Stunted)
{
    /// <summary>Pendek + sangat pendek.</summary>
    public int? Cases => Measured is null ? null : (Stunted ?? 0) + (SeverelyStunted ?? 0);

    /// <summary>(pendek + sangat pendek) / diukur x 100; null without children measured.</summary>
    public double? Prevalence => Measured is > 0 ? Cases!.Value * 100.0 / Measured.Value : null;
}

/// <summary>One kecamatan: its approved form's totals and its villages, or no data when the form is not approved.</summary>
public sealed record KecamatanFigures(string Code, string Name, bool Approved, bool IsExample, DateTimeOffset? ApprovedAt, IReadOnlyList<VillageFigures> Villages)
{
    public int Measured => Villages.Sum(v => v.Measured ?? 0);
    public int Cases => Villages.Sum(v => v.Cases ?? 0);
    public double? Prevalence => Approved && Measured > 0 ? Cases * 100.0 / Measured : null;
}

/// <summary>
/// The approved figures of one period of a district, per kecamatan and village: what the publication of stunting
/// figures (aksi 7) and the situation-analysis table (aksi 1) are made from. Only approved forms count; a kecamatan
/// whose form is not approved has no figures at all here.
/// </summary>
public sealed record ApprovedFigures(
    string DistrictCode, string DistrictName, int Year, ApprovedPeriod? Period, IReadOnlyList<ApprovedPeriod> Periods,
    IReadOnlyList<KecamatanFigures> Kecamatan, DateOnly Today)
{
    /// <summary>"Formulir kecamatan disetujui, November 2026".</summary>
    public string Source => Period is null ? "Belum ada formulir kecamatan yang disetujui" : $"Formulir kecamatan disetujui, {Period.Label}";

    public bool HasExamples => Kecamatan.Any(k => k.Approved && k.IsExample);

    public int Measured => Kecamatan.Sum(k => k.Measured);
    public int Cases => Kecamatan.Sum(k => k.Cases);
    public double? Prevalence => Measured > 0 ? Cases * 100.0 / Measured : null;

    public const string NoApprovedData = "belum ada data yang disetujui";
}

/// <summary>Reads the approved kecamatan forms of a district for the documents the aksi need (publication, situation analysis).</summary>
public sealed class PublicationService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock)
{
    /// <summary>Those who read the district's cycle read its generated documents (a 404 for anyone else at the endpoints).</summary>
    public bool CanRead(Actor actor, string districtCode) => access.CanReadCycle(actor, districtCode);

    /// <summary>
    /// The approved figures of the chosen period (yyyyMM), or by default of the latest period up to the end of the year
    /// that has approved forms.
    /// </summary>
    public async Task<ApprovedFigures> GetAsync(Actor actor, string districtCode, int year, int? periodKey, CancellationToken ct = default)
    {
        access.DemandReadCycle(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var districtName = await db.Regions.Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? districtCode;
        var kecamatan = await db.Regions.AsNoTracking().Where(r => r.ParentCode == districtCode && r.Level == RegionLevel.Kecamatan)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.DistrictCode == districtCode)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Month)
            .Select(p => new
            {
                p.Id, p.Year, p.Month,
                Approved = db.KecamatanReports.Count(r => r.PeriodId == p.Id && r.Status == ReportStatus.Disetujui),
            })
            .ToListAsync(ct);
        var options = periods.Select(p => new ApprovedPeriod(p.Year, p.Month, p.Approved, kecamatan.Count)).ToList();
        var chosen = periodKey is { } key
            ? periods.FirstOrDefault(p => (p.Year * 100) + p.Month == key)
            : periods.FirstOrDefault(p => p.Approved > 0 && p.Year <= year);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);
        if (chosen is null)
        {
            return new ApprovedFigures(districtCode, districtName, year, null, options,
                kecamatan.Select(k => new KecamatanFigures(k.Code, k.Name, false, false, null, [])).ToList(), today);
        }

        var below = districtCode + ".";
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.ParentCode != null && r.ParentCode.StartsWith(below) && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.Level, r.ParentCode, r.IsExample }).ToListAsync(ct);
        // Approved forms only: the figures of a draft, submitted or returned form never leave it.
        var reports = await db.KecamatanReports.AsNoTracking().Include(r => r.Rows)
            .Where(r => r.PeriodId == chosen.Id && r.Status == ReportStatus.Disetujui)
            .ToDictionaryAsync(r => r.KecamatanCode, ct);

        var list = new List<KecamatanFigures>();
        foreach (var k in kecamatan)
        {
            reports.TryGetValue(k.Code, out var report);
            var rows = report?.Rows.ToDictionary(r => r.VillageCode);
            var lines = villages.Where(v => v.ParentCode == k.Code).Select(v =>
            {
                VillageRow? row = null;
                rows?.TryGetValue(v.Code, out row);
                return new VillageFigures(v.Code, v.Name, v.Level, v.IsExample,
                    row?.Families, row?.FamiliesAtRisk, row?.ToddlersRegistered, row?.ToddlersMeasured, row?.SeverelyStunted, row?.Stunted);
            }).ToList();
            list.Add(new KecamatanFigures(k.Code, k.Name, report is not null, report?.IsExample ?? false, report?.DecidedAt, lines));
        }
        var period = options.First(o => o.Year == chosen.Year && o.Month == chosen.Month);
        return new ApprovedFigures(districtCode, districtName, year, period, options, list, today);
    }
}
