using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Submissions;

/// <summary>
/// Service-layer bugs found while building the camat form pages, each pinned by a test that failed before the fix.
/// Every test opens its own period (a month no demo data uses) so that none depends on another's data.
/// </summary>
public sealed class SubmissionFixesTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";
    private const string Village = "73.24.04.2901";

    [Fact]
    public async Task SaveValue_OnAnExistingReport_LocksTheReportAndSavesWithTheNewRowVersion()
    {
        var (service, camat, period) = await NewPeriodAsync();

        // The first save creates the report; the second must lock it (SELECT ... FOR UPDATE) and read its version.
        var first = await service.SaveValueAsync(camat, period, Malili, Village, Figure.ToddlersMeasured, 40, null);
        var second = await service.SaveValueAsync(camat, period, Malili, Village, Figure.Stunted, 3, first.Value?.Row.Version);

        Assert.True(first.Succeeded, first.Outcome.Summary);
        Assert.True(second.Succeeded, second.Outcome.Summary);
        Assert.NotEqual(first.Value!.Row.Version, second.Value!.Row.Version);
        var form = await service.GetFormAsync(camat, period, Malili);
        Assert.Equal(40, form.Rows.Single(r => r.VillageCode == Village).Values.ToddlersMeasured);
        Assert.Equal(3, form.Rows.Single(r => r.VillageCode == Village).Values.Stunted);
    }

    [Fact]
    public async Task Approve_ASubmittedReport_LocksItByIdAndApproves()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        await FillAllAsync(service, camat, period);
        var submitted = await service.SubmitAsync(camat, period, Malili);
        var reportId = (await service.GetFormAsync(camat, period, Malili)).ReportId!.Value;

        var approved = await service.ApproveAsync(admin, reportId);

        Assert.True(submitted.Succeeded, submitted.Summary);
        Assert.True(approved.Succeeded, approved.Summary);
        Assert.Equal(ReportStatus.Disetujui, (await service.GetFormAsync(admin, period, Malili)).Status);
    }

    [Fact]
    public async Task Reopen_AfterAnEarlierReturnWithVillageRemarks_ShowsOnlyTheReopenReason()
    {
        var (service, camat, period) = await NewPeriodAsync();
        var admin = await fixture.ActorAsync("admin.lutim");
        await FillAllAsync(service, camat, period);
        Assert.True((await service.SubmitAsync(camat, period, Malili)).Succeeded);
        var reportId = (await service.GetFormAsync(camat, period, Malili)).ReportId!.Value;
        var returned = await service.ReturnAsync(admin, reportId, "Periksa lagi angka Desa Contoh 1.", new Dictionary<string, string> { [Village] = "Pendek tampak terlalu rendah." });
        Assert.True(returned.Succeeded, returned.Summary);
        Assert.True((await service.SubmitAsync(camat, period, Malili)).Succeeded);
        Assert.True((await service.ApproveAsync(admin, reportId)).Succeeded);

        var reopened = await service.ReopenAsync(admin, reportId, "Angka balita diukur tertukar antar desa.");

        Assert.True(reopened.Succeeded, reopened.Summary);
        var form = await service.GetFormAsync(camat, period, Malili);
        Assert.Equal(ReportStatus.Dikembalikan, form.Status);
        Assert.Equal("Dibuka kembali oleh sekretariat: Angka balita diukur tertukar antar desa.", form.ReturnComment);
        // The remark of the earlier return was settled by the approval; it must not read as a new request.
        Assert.All(form.Rows, r => Assert.Null(r.ReturnComment));
    }

    private async Task<(SubmissionService Service, Actor Camat, int PeriodId)> NewPeriodAsync()
    {
        var service = fixture.Get<SubmissionService>();
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var year = DateTime.UtcNow.Year + 1;
        await using var db = fixture.CreateContext();
        var taken = await db.ReportingPeriods.Where(p => p.DistrictCode == "73.24" && p.Year == year).Select(p => p.Month).ToListAsync();
        var month = Enumerable.Range(1, 12).Reverse().First(m => !taken.Contains(m) && !ReportingPeriod.WeighingMonth(m));
        var opened = await service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(year, month, 1).AddMonths(1).AddDays(9), refuseLate: false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return (service, camat, opened.Value);
    }

    private static async Task FillAllAsync(SubmissionService service, Actor camat, int period)
    {
        var form = await service.GetFormAsync(camat, period, Malili);
        foreach (var row in form.Rows)
        {
            // The previous approved figures where there are some (no soft warning), else plausible ones.
            var values = row.Previous ?? new VillageValues { Families = 200, ToddlersRegistered = 60, ToddlersMeasured = 55, SeverelyStunted = 1, Stunted = 4 };
            uint? version = row.Version;
            foreach (var figure in FigureInfo.All.Where(f => values.Get(f) is not null))
            {
                var saved = await service.SaveValueAsync(camat, period, Malili, row.VillageCode, figure, values.Get(figure), version);
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
                version = saved.Value!.Row.Version;
            }
        }
    }
}
