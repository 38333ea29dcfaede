using Microsoft.EntityFrameworkCore;
using NJsonSchema;
using TppsPortal.Data;
using TppsPortal.Dhis2;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Dhis2;

/// <summary>What the DHIS2 tests share: Luwu Timur's November, and the schema of DHIS2's dataValueSets.</summary>
public static class Dhis2TestData
{
    public const string District = "73.24";

    /// <summary>
    /// The latest November of Luwu Timur's demo periods, with at least one approved form: when the demo approved none
    /// (the demo's states depend on the day it is made), the secretariat approves a submitted one here, through
    /// <see cref="SubmissionService"/>.
    /// </summary>
    public static async Task<(int Year, int Month, string Period)> NovemberAsync(ServiceFixture fixture)
    {
        int periodId, year;
        await using (var db = fixture.CreateContext())
        {
            var period = await db.ReportingPeriods.Where(p => p.DistrictCode == District && p.Month == 11).OrderByDescending(p => p.Year).FirstAsync();
            (periodId, year) = (period.Id, period.Year);
            if (await db.KecamatanReports.AnyAsync(r => r.PeriodId == periodId && r.Status == ReportStatus.Disetujui))
            {
                return (year, 11, $"{year}-11");
            }
        }
        int? submitted;
        await using (var db = fixture.CreateContext())
        {
            submitted = await db.KecamatanReports.Where(r => r.PeriodId == periodId && r.Status == ReportStatus.Diajukan)
                .OrderBy(r => r.KecamatanCode).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        }
        Assert.True(submitted is not null, "The demo has neither an approved nor a submitted November form of Luwu Timur.");
        var approved = await fixture.Get<SubmissionService>().ApproveAsync(await fixture.ActorAsync("admin.lutim"), submitted!.Value);
        Assert.True(approved.Succeeded, approved.Summary);
        return (year, 11, $"{year}-11");
    }

    /// <summary>The village rows of the approved forms of a month, read straight from the tables.</summary>
    public static async Task<List<VillageRow>> ApprovedRowsAsync(ServiceFixture fixture, int year, int month)
    {
        await using var db = fixture.CreateContext();
        return await db.VillageRows.AsNoTracking()
            .Where(v => db.KecamatanReports.Any(r => r.Id == v.ReportId && r.Status == ReportStatus.Disetujui &&
                                                     r.Period!.DistrictCode == District && r.Period.Year == year && r.Period.Month == month))
            .ToListAsync();
    }

    public static async Task<JsonSchema> SchemaAsync()
    {
        await using var stream = typeof(Dhis2TestData).Assembly.GetManifestResourceStream("Dhis2.dataValueSet.schema.json")
            ?? throw new InvalidOperationException("The schema is not embedded.");
        using var reader = new StreamReader(stream);
        return await JsonSchema.FromJsonAsync(await reader.ReadToEndAsync());
    }

    public static AppDbContext Context(ServiceFixture fixture) => fixture.CreateContext();
}
