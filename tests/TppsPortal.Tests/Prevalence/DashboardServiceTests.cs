using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Prevalence;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

public sealed class DashboardServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task District_Headline_AfterItsOwnPathEnded_MeasuresTheSsgiFigureAgainstTheProvincesPath()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");

        var view = await fixture.Get<DashboardService>().GetAsync(pimpinan, new DashboardQuery());

        Assert.Equal("73.24", view.Area.Code);
        var headline = view.Headline;
        Assert.Equal(("SSGI", 2022, 22.6m), (headline.Survey!.SourceCode, headline.Survey.Year, headline.Survey.Value));
        Assert.Equal(DataSource.CamatForms, headline.Routine!.SourceCode);
        // Luwu Timur's own path (14 % in 2024) has ended: Sulawesi Selatan's (27,2 % in 2022, 23,9 % in 2025, 6,1 % in 2045) applies.
        Assert.Equal(PathKind.Regional, headline.Path!.Kind);
        var year = view.Today.Year;
        var expected = 23.9m + ((6.1m - 23.9m) * (year - 2025) / 20);
        Assert.Equal(expected, headline.TargetThisYear);
        Assert.Equal(22.6m - expected, headline.Gap);
        Assert.Equal(22.6m - 6.1m, headline.Status!.PointsLeft);
        Assert.Null(headline.Status.OnTrack); // SSGI 2022 is the province path's baseline year: nothing newer to judge
        Assert.Equal((2022, 27.2m), view.Target!.Points[0]);
        Assert.Contains((2025, 23.9m), view.Target.Points);
    }

    [Fact]
    public async Task District_Series_OneLinePerSource_AndTheSourceFilterKeepsOnlyThatSource()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var dashboard = fixture.Get<DashboardService>();

        var all = await dashboard.GetAsync(pimpinan, new DashboardQuery("73.24"));
        var ssgiOnly = await dashboard.GetAsync(pimpinan, new DashboardQuery("73.24", SourceCode: "SSGI"));

        Assert.Equal(all.Series.Count, all.Series.Select(s => s.SourceCode).Distinct().Count());
        Assert.Contains(all.Series, s => s.SourceCode == DataSource.CamatForms);
        Assert.Contains(all.Series, s => s.SourceCode == "SSGI");
        Assert.Equal("SSGI", Assert.Single(ssgiOnly.Series).SourceCode);
    }

    [Fact]
    public async Task FormSeries_FromSummaries_EqualsTheSumOfApprovedVillageRows()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery("73.24"));
        var forms = view.Series.Single(s => s.SourceCode == DataSource.CamatForms);

        await using var db = fixture.CreateContext();
        var expected = await db.VillageRows
            .Join(db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui && r.KecamatanCode.StartsWith("73.24.")), v => v.ReportId, r => r.Id, (v, r) => new { v, r.PeriodId })
            .Join(db.ReportingPeriods, x => x.PeriodId, p => p.Id, (x, p) => new { x.v, p.Year, p.Month })
            .GroupBy(x => new { x.Year, x.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Measured = g.Sum(x => x.v.ToddlersMeasured ?? 0), Stunted = g.Sum(x => (x.v.Stunted ?? 0) + (x.v.SeverelyStunted ?? 0)) })
            .ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Where(e => e.Measured > 0).OrderBy(e => e.Year).ThenBy(e => e.Month).Select(e => (e.Year, (int?)e.Month, (int?)e.Measured, (int?)e.Stunted)),
            forms.Points.Select(p => (p.Year, p.Month, p.Denominator, p.Numerator)));
    }

    [Fact]
    public async Task Ranking_ShowsAnApprovedForm_AndDropsItWhenReopened()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var camat = await fixture.ActorAsync("camat.malili");
        var submissions = fixture.Get<SubmissionService>();
        var dashboard = fixture.Get<DashboardService>();
        var period = (await submissions.OpenPeriodAsync(admin, "73.24", 2019, 3, new DateOnly(2099, 1, 1), false)).Value;
        var form = await submissions.GetFormAsync(camat, period, "73.24.04");
        var first = form.Rows[0].VillageCode;
        foreach (var row in form.Rows)
        {
            // The first village measures only 20 children; the others 100 each.
            var measured = row.VillageCode == first ? 20 : 100;
            foreach (var (figure, value) in new[] { (Figure.Families, 300), (Figure.ToddlersRegistered, 120), (Figure.ToddlersMeasured, measured), (Figure.SeverelyStunted, 1), (Figure.Stunted, 4) })
            {
                Assert.True((await submissions.SaveValueAsync(camat, period, "73.24.04", row.VillageCode, figure, value, null)).Succeeded);
            }
        }
        Assert.True((await submissions.SubmitAsync(camat, period, "73.24.04")).Succeeded);
        var reportId = (await submissions.GetFormAsync(admin, period, "73.24.04")).ReportId!.Value;
        Assert.True((await submissions.ApproveAsync(admin, reportId)).Succeeded);

        var view = await dashboard.GetAsync(admin, new DashboardQuery("73.24", PeriodKey: 201903));
        Assert.Equal(201903, view.Ranking!.PeriodKey);
        var malili = view.Ranking.Rows.Single(r => r.Area.Code == "73.24.04");
        var villages = form.Rows.Count;
        Assert.Equal(20 + (100 * (villages - 1)), malili.Measured);
        Assert.Equal(PrevalenceService.Percent(5 * villages, malili.Measured), malili.Value);
        Assert.Equal(villages, malili.VillagesReported);
        Assert.Equal(0, malili.VillagesNotReported);
        Assert.Equal(Math.Round(malili.Measured * 100m / (120 * villages), 1), malili.Coverage);
        // Other kecamatan have no approved form for March 2019: no figure, every village unreported.
        var other = view.Ranking.Rows.First(r => r.Area.Code != "73.24.04");
        Assert.Null(other.Value);
        Assert.Equal(other.VillagesTotal, other.VillagesNotReported);
        Assert.Equal("73.24.04", view.Ranking.Rows[0].Area.Code);

        // Drilling into the kecamatan: the village with 20 children measured is flagged.
        var kecamatan = await dashboard.GetAsync(camat, new DashboardQuery("73.24.04", PeriodKey: 201903));
        var small = kecamatan.Ranking!.Rows.Single(r => r.Area.Code == first);
        Assert.True(small.HasFewMeasured);
        Assert.Equal(25.00m, small.Value); // 5 of 20
        Assert.All(kecamatan.Ranking.Rows.Where(r => r.Area.Code != first), r => Assert.False(r.HasFewMeasured));

        Assert.True((await submissions.ReopenAsync(admin, reportId, "Angka desa pertama salah ketik")).Succeeded);
        var after = await dashboard.GetAsync(admin, new DashboardQuery("73.24"));
        Assert.DoesNotContain(201903, after.Periods);
        Assert.DoesNotContain(after.Series.Single(s => s.SourceCode == DataSource.CamatForms).Points, p => p.Year == 2019);
    }

    [Fact]
    public async Task Ranking_ChangeIsAgainstThePreviousApprovedPeriodOfThatKecamatan()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery("73.12"));

        var withChange = view.Ranking!.Rows.Where(r => r.Change is not null).ToList();
        Assert.NotEmpty(withChange);
        Assert.All(withChange, r => Assert.Equal(r.Value!.Value - r.Previous!.Value, r.Change));
        Assert.Equal(view.Periods.Max(), view.Ranking.PeriodKey);
        Assert.Equal(view.Ranking.Rows.Where(r => r.Value is not null).Select(r => r.Value).OrderDescending(), view.Ranking.Rows.Where(r => r.Value is not null).Select(r => r.Value));
    }

    [Theory]
    [InlineData("camat.malili", "73.24")]
    [InlineData("camat.malili", "73.24.05")]
    [InlineData("admin.soppeng", "73.24")]
    [InlineData("admin.lutim", "73.12.04")]
    [InlineData("admin.lutim", "73")]
    [InlineData("pimpinan.lutim", "73.12")]
    [InlineData("opd.dp2kb.lutim", "73.24")]
    public async Task Dashboard_OutsideTheScope_IsRefused(string user, string region)
    {
        var actor = await fixture.ActorAsync(user);

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<DashboardService>().GetAsync(actor, new DashboardQuery(region)));
    }

    [Fact]
    public async Task Camat_OpensOnTheirKecamatan_WithVillagesRankedAndNoDistrictLink()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var view = await fixture.Get<DashboardService>().GetAsync(camat, new DashboardQuery());

        Assert.Equal("73.24.04", view.Area.Code);
        Assert.Equal("Desa/Kelurahan", view.Ranking!.ChildLevel);
        Assert.All(view.Ranking.Rows, r => Assert.StartsWith("73.24.04.", r.Area.Code));
        Assert.False(view.Breadcrumbs.Single(c => c.Area.Code == "73.24").CanOpen);
        Assert.Null(view.Completeness); // the district's board is not the camat's: their own form is
        Assert.Equal("Malili", view.FormProgress!.KecamatanName);
    }

    [Fact]
    public async Task Province_ForPemantau_ShowsItsDistrictsSideBySide()
    {
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");

        var view = await fixture.Get<DashboardService>().GetAsync(pemantau, new DashboardQuery());

        Assert.Equal("73", view.Area.Code);
        Assert.Equal("Kabupaten/Kota", view.Ranking!.ChildLevel);
        var lutim = view.Ranking.Rows.Single(r => r.Area.Code == "73.24");
        var soppeng = view.Ranking.Rows.Single(r => r.Area.Code == "73.12");
        Assert.Equal(22.6m, lutim.Survey!.Value);
        Assert.Equal(26.9m, soppeng.Survey!.Value);
        // Neither district has a running path of its own: both are measured against the province's.
        var provinceTarget = 23.9m + ((6.1m - 23.9m) * (view.Today.Year - 2025) / 20);
        Assert.Equal(provinceTarget, lutim.TargetThisYear);
        Assert.Equal(provinceTarget, soppeng.TargetThisYear);
        Assert.Equal("jalur target Provinsi Sulawesi Selatan", lutim.TargetName);
        Assert.Equal(PathKind.Regional, soppeng.TargetKind);
        Assert.NotNull(lutim.FormsTotal);
        // The province's own headline: SSGI 2024 (23,3 %) against its own path's 2024 target (25,0 % on the line).
        Assert.Equal(("SSGI", 2024, 23.3m), (view.Headline.Survey!.SourceCode, view.Headline.Survey.Year, view.Headline.Survey.Value));
        Assert.Equal(PathKind.Own, view.Headline.Path!.Kind);
        Assert.Equal(25.0m, view.Headline.Status!.TargetForReferenceYear);
        Assert.True(view.Headline.Status.OnTrack);
        Assert.NotNull(view.Completeness);
    }

    [Fact]
    public async Task Overdue_CountsOpenActionsPastTheirDuePerAgency()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery("73.24"));

        await using var db = fixture.CreateContext();
        var expected = await db.FollowUpActions
            .Where(a => a.DistrictCode == "73.24" && (a.Status == ActionStatus.Belum || a.Status == ActionStatus.Proses) && a.DueDate < today)
            .GroupBy(a => a.ResponsibleAgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(Math.Min(10, expected.Count), view.Overdue.Count);
        Assert.All(view.Overdue, o => Assert.Equal(expected.Single(e => e.Key == o.AgencyId).Count, o.Count));
        var agencies = await db.Agencies.Where(a => view.Overdue.Select(o => o.AgencyId).Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        Assert.All(view.Overdue, o => Assert.Equal(agencies[o.AgencyId].ShortName, o.ShortName));
        Assert.All(view.Overdue, o => Assert.Equal("Kabupaten Luwu Timur", o.RegionName));
        Assert.All(view.RecentMeetings, m => Assert.True(m.Date <= view.Today));
        Assert.All(view.UpcomingMeetings, m => Assert.True(m.Date > view.Today));
    }
}
