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
        builder.HasIndex(s => s.PeriodKey);
    }
}

/// <summary>Keeps <see cref="FormSummary"/> rows in step with the approved forms.</summary>
public static class FormSummaries
{
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

    /// <summary>Recomputes one form's row: written when it is approved, removed otherwise. Call inside the deciding transaction.</summary>
    public static async Task RefreshAsync(AppDbContext db, int reportId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM form_summaries WHERE report_id = {reportId}", ct);
        await db.Database.ExecuteSqlRawAsync(Select + " AND r.id = {0} GROUP BY r.id, p.year, p.month", [reportId], ct);
    }

    /// <summary>Rebuilds every row (after seeding or a bulk load).</summary>
    public static async Task RefreshAllAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM form_summaries", ct);
        await db.Database.ExecuteSqlRawAsync(Select + " GROUP BY r.id, p.year, p.month", ct);
    }
}
