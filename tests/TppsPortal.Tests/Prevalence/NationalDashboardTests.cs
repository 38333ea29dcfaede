using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>
/// The national view and the province-month summaries it reads: who may see it, and that every province's month is
/// exactly the sum of its kecamatan forms' summaries after approve, return and reopen (and two approvals at once).
/// </summary>
public sealed class NationalDashboardTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("admin.sistem")]
    [InlineData("pemantau.nasional")]
    public async Task TheNation_IsOpenToAdminSistemAndPemantauNasional_WithEveryProvinceSideBySide(string user)
    {
        var actor = await fixture.ActorAsync(user);

        var view = await fixture.Get<NationalDashboardService>().GetAsync(actor, new NationalQuery());

        await using var db = fixture.CreateContext();
        var provinces = await db.Regions.Where(r => r.Level == RegionLevel.Provinsi).Select(r => r.Code).ToListAsync();
        Assert.Equal(provinces.Order(), view.Provinces.Rows.Select(r => r.Area.Code).Order());
        Assert.All(view.Provinces.Rows, r => Assert.True(r.CanOpen));
        Assert.Equal("Provinsi", view.Provinces.ChildLevel);
        Assert.Equal(await db.Regions.CountAsync(r => r.Level == RegionLevel.Kecamatan), view.Kecamatan);
        // RPJMN 2025-2029: 18,8 % in 2025 to 14,2 % in 2029, on the straight line between.
        Assert.Equal(TargetMath.NationalPath("stunting")!.TargetFor(view.Today.Year), view.TargetThisYear);
    }

    [Theory]
    [InlineData("pemantau.sulsel")]
    [InlineData("admin.lutim")]
    [InlineData("pimpinan.lutim")]
    [InlineData("camat.malili")]
    [InlineData("opd.dp2kb.lutim")]
    public async Task TheNation_IsRefused_ToAProvinceMonitorAndToADistrictsPeople(string user)
    {
        var actor = await fixture.ActorAsync(user);

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<NationalDashboardService>().GetAsync(actor, new NationalQuery()));
        Assert.False(fixture.Get<AccessPolicy>().CanSeeNation(actor));
    }

    [Fact]
    public async Task PemantauNasional_ReadsEveryProvince_AndChangesNothing()
    {
        var monitor = await fixture.ActorAsync("pemantau.nasional");
        var access = fixture.Get<AccessPolicy>();
        var dashboards = fixture.Get<DashboardService>();

        var sulsel = await dashboards.GetAsync(monitor, new DashboardQuery("73"));
        var luwuTimur = await dashboards.GetAsync(monitor, new DashboardQuery("73.24"));
        Assert.Equal("73", sulsel.Area.Code);
        Assert.NotNull(luwuTimur.Ranking);
        Assert.True(monitor.IsReadOnly);
        Assert.False(access.CanWriteFigures(monitor, "73.24"));
        Assert.False(access.CanWriteTargets(monitor, "73"));
        Assert.False(access.CanWriteMeeting(monitor, "73.24"));
        Assert.False(access.CanEditSubmission(monitor, "73.24.04"));
        Assert.False(access.CanVerifySubmission(monitor, "73.24"));
        Assert.False(access.CanManageUsers(monitor));
        Assert.False(access.CanManageAgencies(monitor, "73.24"));
        Assert.False(access.CanManageCycle(monitor, "73.24"));
        Assert.False(access.CanAssess(monitor, "73.24"));
        Assert.True(access.CanReadCycle(monitor, "73.24"));
        Assert.True(access.CanSeeCompleteness(monitor, "73.12"));

        // The service layer refuses a change whatever the page offers: approving a form, opening a period.
        var admin = await fixture.ActorAsync("admin.lutim");
        var submissions = fixture.Get<SubmissionService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => submissions.OpenPeriodAsync(monitor, "73.24", 2018, 1, new DateOnly(2099, 1, 1), false));
        var period = (await submissions.OpenPeriodAsync(admin, "73.24", 2018, 2, new DateOnly(2099, 1, 1), false)).Value;
        var reportId = await SubmitFormAsync(period, "camat.malili", "73.24.04", measured: 50, stunted: 5);
        await Assert.ThrowsAsync<AccessDeniedException>(() => submissions.ApproveAsync(monitor, reportId));
    }

    [Fact]
    public async Task ProvinceMonth_IsTheSumOfItsKecamatanSummaries_AfterApproveReturnAndReopen()
    {
        var lutim = await fixture.ActorAsync("admin.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var submissions = fixture.Get<SubmissionService>();
        var malili = (await submissions.OpenPeriodAsync(lutim, "73.24", 2018, 5, new DateOnly(2099, 1, 1), false)).Value;
        var lalabata = (await submissions.OpenPeriodAsync(soppeng, "73.12", 2018, 5, new DateOnly(2099, 1, 1), false)).Value;
        await AssertEveryProvinceMonthIsTheSumAsync();

        var first = await SubmitFormAsync(malili, "camat.malili", "73.24.04", measured: 80, stunted: 9);
        Assert.True((await submissions.ApproveAsync(lutim, first)).Succeeded);
        await AssertEveryProvinceMonthIsTheSumAsync();
        var row = await ProvinceRowAsync("73", 201805);
        Assert.Equal(1, row!.FormsApproved);

        // A second kecamatan of the same province and month: returned first (nothing counts), then approved.
        var second = await SubmitFormAsync(lalabata, "camat.lalabata", "73.12.04", measured: 60, stunted: 4);
        Assert.True((await submissions.ReturnAsync(soppeng, second, "Periksa lagi angka desa pertama.")).Succeeded);
        await AssertEveryProvinceMonthIsTheSumAsync();
        Assert.Equal(1, (await ProvinceRowAsync("73", 201805))!.FormsApproved);
        Assert.True((await submissions.SubmitAsync(await fixture.ActorAsync("camat.lalabata"), lalabata, "73.12.04")).Succeeded);
        Assert.True((await submissions.ApproveAsync(soppeng, second)).Succeeded);
        await AssertEveryProvinceMonthIsTheSumAsync();
        row = await ProvinceRowAsync("73", 201805);
        Assert.Equal(2, row!.FormsApproved);
        Assert.Equal(row.Measured, await KecamatanSumAsync("73", 201805, s => s.Measured));

        // Reopened: the province's month is the other form alone; both reopened: no row at all.
        Assert.True((await submissions.ReopenAsync(lutim, first, "Salah ketik jumlah diukur")).Succeeded);
        await AssertEveryProvinceMonthIsTheSumAsync();
        Assert.Equal(1, (await ProvinceRowAsync("73", 201805))!.FormsApproved);
        Assert.True((await submissions.ReopenAsync(soppeng, second, "Salah ketik jumlah pendek")).Succeeded);
        await AssertEveryProvinceMonthIsTheSumAsync();
        Assert.Null(await ProvinceRowAsync("73", 201805));
    }

    [Fact]
    public async Task TwoApprovalsInOneProvinceAndMonthAtOnce_BothCount()
    {
        var lutim = await fixture.ActorAsync("admin.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var submissions = fixture.Get<SubmissionService>();
        var malili = (await submissions.OpenPeriodAsync(lutim, "73.24", 2018, 7, new DateOnly(2099, 1, 1), false)).Value;
        var lalabata = (await submissions.OpenPeriodAsync(soppeng, "73.12", 2018, 7, new DateOnly(2099, 1, 1), false)).Value;
        var first = await SubmitFormAsync(malili, "camat.malili", "73.24.04", measured: 70, stunted: 7);
        var second = await SubmitFormAsync(lalabata, "camat.lalabata", "73.12.04", measured: 40, stunted: 3);

        // The first approval is held inside its transaction, past its province-month recompute and not yet
        // committed (a slow approval), while the second one of the same province and month runs.
        await using (var held = fixture.CreateContext())
        {
            await using var tx = await held.Database.BeginTransactionAsync();
            await held.Database.ExecuteSqlAsync($"UPDATE kecamatan_reports SET status = {(int)ReportStatus.Disetujui} WHERE id = {first}");
            await FormSummaries.RefreshAsync(held, first, CancellationToken.None);
            var other = Task.Run(() => fixture.Get<SubmissionService>().ApproveAsync(soppeng, second));
            // Until the second approval is done or waits for a lock the first holds.
            for (var i = 0; i < 200 && !other.IsCompleted && !await AnyoneWaitsForALockAsync(held); i++)
            {
                await Task.Delay(50);
            }
            await tx.CommitAsync();
            var result = await other;
            Assert.True(result.Succeeded, result.Summary);
        }

        Assert.Equal(2, (await ProvinceRowAsync("73", 201807))!.FormsApproved);
        await AssertEveryProvinceMonthIsTheSumAsync();
    }

    private static async Task<bool> AnyoneWaitsForALockAsync(AppDbContext db) =>
        await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").SingleAsync() > 0;

    [Fact]
    public async Task TheNationsMonth_IsTheSumOfItsProvinces_AndSulawesiSelatansRowIsItsOwnDashboardsFigure()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var view = await fixture.Get<NationalDashboardService>().GetAsync(admin, new NationalQuery());

        Assert.NotNull(view.PeriodKey);
        await using var db = fixture.CreateContext();
        var month = await db.ProvinceMonthSummaries.Where(s => s.PeriodKey == view.PeriodKey).ToListAsync();
        Assert.Equal(month.Sum(s => s.Measured), view.Latest!.Denominator);
        Assert.Equal(month.Sum(s => s.Stunted), view.Latest.Numerator);
        Assert.Equal(month.Sum(s => s.FormsApproved), view.FormsApproved);

        var sulsel = view.Provinces.Rows.Single(r => r.Area.Code == "73");
        var own = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery("73", PeriodKey: view.PeriodKey));
        var figure = own.Series.Single(s => s.SourceCode == DataSource.CamatForms).Points.Single(p => (p.Year * 100) + p.Month == view.PeriodKey);
        Assert.Equal(figure.Value, sulsel.Value);
        Assert.Equal(figure.Denominator, sulsel.Measured);
        Assert.Equal(own.Ranking!.Rows.Sum(r => r.VillagesTotal), sulsel.VillagesTotal);

        // Follow-ups past due, counted per province as the province's own dashboard lists them per agency.
        var overdue = own.Overdue.Sum(o => o.Count);
        Assert.True(overdue <= sulsel.OverdueActions); // the dashboard lists the ten agencies with the most
        Assert.Equal(await db.FollowUpActions.CountAsync(a => a.DistrictCode.StartsWith("73.") && (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) && a.DueDate < view.Today), sulsel.OverdueActions);
    }

    // ----- helpers -----

    /// <summary>The camat fills every village of the form and submits it; returns the report id.</summary>
    private async Task<int> SubmitFormAsync(int period, string camatName, string kecamatan, int measured, int stunted)
    {
        var camat = await fixture.ActorAsync(camatName);
        var submissions = fixture.Get<SubmissionService>();
        var form = await submissions.GetFormAsync(camat, period, kecamatan);
        foreach (var row in form.Rows)
        {
            foreach (var (figure, value) in new[] { (Figure.Families, 300), (Figure.ToddlersRegistered, 120), (Figure.ToddlersMeasured, measured), (Figure.SeverelyStunted, 1), (Figure.Stunted, stunted - 1) })
            {
                Assert.True((await submissions.SaveValueAsync(camat, period, kecamatan, row.VillageCode, figure, value, null)).Succeeded);
            }
        }
        Assert.True((await submissions.SubmitAsync(camat, period, kecamatan)).Succeeded);
        return (await submissions.GetFormAsync(camat, period, kecamatan)).ReportId!.Value;
    }

    private async Task<ProvinceMonthSummary?> ProvinceRowAsync(string province, int periodKey)
    {
        await using var db = fixture.CreateContext();
        return await db.ProvinceMonthSummaries.AsNoTracking().SingleOrDefaultAsync(s => s.ProvinceCode == province && s.PeriodKey == periodKey);
    }

    private async Task<int> KecamatanSumAsync(string province, int periodKey, Func<FormSummary, int> value)
    {
        await using var db = fixture.CreateContext();
        var rows = await db.FormSummaries.AsNoTracking().Where(s => s.KecamatanCode.StartsWith(province + ".") && s.PeriodKey == periodKey).ToListAsync();
        return rows.Sum(value);
    }

    /// <summary>Every province-month row equals the sum of its kecamatan summaries, and no sum is missing its row.</summary>
    private async Task AssertEveryProvinceMonthIsTheSumAsync()
    {
        await using var db = fixture.CreateContext();
        var stored = (await db.ProvinceMonthSummaries.AsNoTracking().ToListAsync())
            .Select(s => (s.ProvinceCode, s.PeriodKey, s.FormsApproved, s.VillagesReported, s.Registered, s.Measured, s.Stunted, s.SeverelyStunted, s.Wasted, s.Underweight, s.IsExample))
            .Order().ToList();
        var summed = (await db.FormSummaries.AsNoTracking().ToListAsync())
            .GroupBy(s => (Province: s.KecamatanCode[..s.KecamatanCode.IndexOf('.', StringComparison.Ordinal)], s.PeriodKey))
            .Select(g => (g.Key.Province, g.Key.PeriodKey, g.Count(), g.Sum(s => s.VillagesReported), g.Sum(s => s.Registered), g.Sum(s => s.Measured),
                g.Sum(s => s.Stunted), g.Sum(s => s.SeverelyStunted), g.Sum(s => s.Wasted), g.Sum(s => s.Underweight), g.Any(s => s.IsExample)))
            .Order().ToList();
        Assert.NotEmpty(summed);
        Assert.Equal(summed, stored);
    }
}
