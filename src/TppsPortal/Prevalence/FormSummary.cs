using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Data;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Prevalence;

/// <summary>
/// The totals of one APPROVED kecamatan form (one kecamatan, one month), kept so that district, province and
/// national figures are sums over a few hundred rows instead of millions of village rows. A row exists exactly
/// while its form is approved: <see cref="FormSummaries.RefreshAsync"/> runs in the transaction that approves
/// or reopens the form.
/// </summary>
public sealed class FormSummary
{
    public int ReportId { get; set; }
    public required string KecamatanCode { get; set; }

    /// <summary>yyyymm of the reporting period.</summary>
    public int PeriodKey { get; set; }
    public int VillagesReported { get; set; }
    public int Registered { get; set; }
    public int Measured { get; set; }
    public int Stunted { get; set; }
    public int SeverelyStunted { get; set; }
    public int Wasted { get; set; }
    public int Underweight { get; set; }
    public bool IsExample { get; set; }
}

public sealed class FormSummaryConfiguration : IEntityTypeConfiguration<FormSummary>
{
    public void Configure(EntityTypeBuilder<FormSummary> builder)
    {
        builder.ToTable("form_summaries");
        builder.HasKey(s => s.ReportId);
        builder.Property(s => s.ReportId).ValueGeneratedNever();
        builder.HasOne<KecamatanReport>().WithOne().HasForeignKey<FormSummary>(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.KecamatanCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        // Prefix scans ('73.24.%') by area, then by period; the totals ride along so the sums need no table visit.
        builder.HasIndex(s => new { s.KecamatanCode, s.PeriodKey })
            .IncludeProperties(s => new { s.VillagesReported, s.Registered, s.Measured, s.Stunted, s.SeverelyStunted, s.Wasted, s.Underweight, s.IsExample });
        // The month of the country or of one province ('73.%' within a month): the province-month rows are recomputed from it.
        builder.HasIndex(s => new { s.PeriodKey, s.KecamatanCode })
            .IncludeProperties(s => new { s.VillagesReported, s.Registered, s.Measured, s.Stunted, s.SeverelyStunted, s.Wasted, s.Underweight, s.IsExample });
    }
}

/// <summary>
/// The totals of one province in one month: the sum of its <see cref="FormSummary"/> rows, so that the national view
/// reads 38 provinces x months (a few thousand rows) instead of every kecamatan form (437,100 at national scale).
/// A row exists while at least one form of the province and month is approved; it is recomputed in the approving,
/// returning or reopening transaction (<see cref="FormSummaries.RefreshAsync"/>).
/// </summary>
public sealed class ProvinceMonthSummary
{
    public required string ProvinceCode { get; set; }

    /// <summary>yyyymm of the reporting period.</summary>
    public int PeriodKey { get; set; }

    /// <summary>Approved kecamatan forms of the province in the month.</summary>
    public int FormsApproved { get; set; }
    public int VillagesReported { get; set; }
    public int Registered { get; set; }
    public int Measured { get; set; }
    public int Stunted { get; set; }
    public int SeverelyStunted { get; set; }
    public int Wasted { get; set; }
    public int Underweight { get; set; }

    /// <summary>True when any of the forms summed is example data.</summary>
    public bool IsExample { get; set; }
}

public sealed class ProvinceMonthSummaryConfiguration : IEntityTypeConfiguration<ProvinceMonthSummary>
{
    public void Configure(EntityTypeBuilder<ProvinceMonthSummary> builder)
    {
        builder.ToTable("province_month_summaries");
        builder.HasKey(s => new { s.ProvinceCode, s.PeriodKey });
        builder.Property(s => s.ProvinceCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasIndex(s => s.PeriodKey);
    }
}

/// <summary>Keeps <see cref="FormSummary"/> and <see cref="ProvinceMonthSummary"/> rows in step with the approved forms.</summary>
public static class FormSummaries
{
    private const string ProvinceSelect = """
        INSERT INTO province_month_summaries (province_code, period_key, forms_approved, villages_reported, registered,
                                              measured, stunted, severely_stunted, wasted, underweight, is_example)
        SELECT split_part(kecamatan_code, '.', 1), period_key, count(*), sum(villages_reported), sum(registered),
               sum(measured), sum(stunted), sum(severely_stunted), sum(wasted), sum(underweight), bool_or(is_example)
        FROM form_summaries
        """;

    private const string Select = """
        INSERT INTO form_summaries (report_id, kecamatan_code, period_key, villages_reported, registered, measured,
                                    stunted, severely_stunted, wasted, underweight, is_example)
        SELECT r.id, r.kecamatan_code, p.year * 100 + p.month,
               count(v.toddlers_measured),
               coalesce(sum(v.toddlers_registered), 0), coalesce(sum(v.toddlers_measured), 0),
               coalesce(sum(coalesce(v.stunted, 0) + coalesce(v.severely_stunted, 0)), 0), coalesce(sum(v.severely_stunted), 0),
               coalesce(sum(v.wasted), 0), coalesce(sum(v.underweight), 0), r.is_example
        FROM kecamatan_reports r
        JOIN reporting_periods p ON p.id = r.period_id
        LEFT JOIN village_rows v ON v.report_id = r.id
        WHERE r.status = 4
        """;

    /// <summary>
    /// Recomputes one form's row (written when it is approved, removed otherwise) and then its province's month from
    /// the form rows. Call inside the deciding transaction, at READ COMMITTED (the default).
    /// </summary>
    /// <remarks>
    /// Two secretariats of one province may approve forms of the same month at the same moment. Each takes a
    /// transaction-scoped advisory lock on the province-month before recomputing it, and the recomputing statement
    /// starts after the lock is granted, so it sees the other's committed form row: the province row is never
    /// computed from a view that misses a committed approval.
    /// </remarks>
    public static async Task RefreshAsync(AppDbContext db, int reportId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM form_summaries WHERE report_id = {reportId}", ct);
        await db.Database.ExecuteSqlRawAsync(Select + " AND r.id = {0} GROUP BY r.id, p.year, p.month", [reportId], ct);

        var month = await db.Database.SqlQuery<ProvinceMonth>($"""
            SELECT split_part(r.kecamatan_code, '.', 1) AS province_code, p.year * 100 + p.month AS period_key
            FROM kecamatan_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE r.id = {reportId}
            """).SingleOrDefaultAsync(ct);
        if (month is null)
        {
            return;
        }
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('province_month_summaries:' || {month.ProvinceCode} || ':' || {month.PeriodKey}))", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM province_month_summaries WHERE province_code = {month.ProvinceCode} AND period_key = {month.PeriodKey}", ct);
        var prefix = month.ProvinceCode + ".%";
        await db.Database.ExecuteSqlRawAsync(ProvinceSelect + " WHERE period_key = {0} AND kecamatan_code LIKE {1} GROUP BY 1, 2", [month.PeriodKey, prefix], ct);
    }

    /// <summary>Rebuilds every row of both levels (after seeding or a bulk load).</summary>
    public static async Task RefreshAllAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM form_summaries", ct);
        await db.Database.ExecuteSqlRawAsync(Select + " GROUP BY r.id, p.year, p.month", ct);
        await RefreshProvincesAsync(db, ct);
    }

    /// <summary>Rebuilds every province-month row from the form rows.</summary>
    public static async Task RefreshProvincesAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM province_month_summaries", ct);
        await db.Database.ExecuteSqlRawAsync(ProvinceSelect + " GROUP BY 1, 2", ct);
    }

    private sealed record ProvinceMonth(string ProvinceCode, int PeriodKey);
}
