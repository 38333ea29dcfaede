using Microsoft.EntityFrameworkCore;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>The dashboards of a kecamatan and a village (drill-down below the district): title, periods, completeness.</summary>
public sealed class AreaDashboardTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";

    [Theory]
    [InlineData(RegionLevel.Desa, "Desa Mangkutana Contoh 2", "Desa Mangkutana Contoh 2")]
    [InlineData(RegionLevel.Desa, "Balantang", "Desa Balantang")]
    [InlineData(RegionLevel.Kelurahan, "Kelurahan Malili", "Kelurahan Malili")]
    [InlineData(RegionLevel.Kecamatan, "Malili", "Kecamatan Malili")]
    [InlineData(RegionLevel.KabupatenKota, "Kabupaten Luwu Timur", "Kabupaten Luwu Timur")]
    public void AreaTitle_SaysTheLevelOnce(RegionLevel level, string name, string expected) =>
        Assert.Equal(expected, new AreaRef("73.24.04.2001", name, level).Title);

    [Fact]
    public async Task Village_Title_NamesTheLevelOnce()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var village = await FirstDesaAsync();

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery(village.Code));

        Assert.StartsWith("Desa ", village.Name, StringComparison.Ordinal); // the demo names carry their level
        Assert.Equal(village.Name, view.Area.Title);
    }

    [Fact]
    public async Task Village_Periods_AreTheApprovedMonthsWithItsRow_NewestFirst_AndTheFigureIsOfTheChosenMonth()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var village = await FirstDesaAsync();
        await using var db = fixture.CreateContext();
        var expected = await db.VillageRows.Where(v => v.VillageCode == village.Code && v.ToddlersMeasured > 0)
            .Join(db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui), v => v.ReportId, r => r.Id, (v, r) => new { v, r.PeriodId })
            .Join(db.ReportingPeriods, x => x.PeriodId, p => p.Id, (x, p) => new { Key = (p.Year * 100) + p.Month, x.v.ToddlersMeasured, Stunted = (x.v.Stunted ?? 0) + (x.v.SeverelyStunted ?? 0) })
            .OrderByDescending(x => x.Key).ToListAsync();
        Assert.True(expected.Count >= 2, "the demo has months of approved forms for Malili");
        var older = expected[1];

        var latest = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery(village.Code));
        var chosen = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery(village.Code, PeriodKey: older.Key));

        Assert.Equal(expected.Select(e => e.Key), latest.Periods);
        Assert.Equal(expected[0].Key, latest.PeriodKey);
        Assert.Equal(older.Key, chosen.PeriodKey);
        Assert.Equal((older.Stunted, older.ToddlersMeasured), (chosen.PeriodFigure!.Numerator, chosen.PeriodFigure.Denominator));
        Assert.Equal(Math.Round(older.Stunted * 100m / older.ToddlersMeasured!.Value, 1), chosen.PeriodFigure.Value);
    }

    [Fact]
    public async Task Village_Completeness_SpeaksOfItsKecamatanFormAndItsOwnRow()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var village = await FirstDesaAsync();
        await using var db = fixture.CreateContext();
        var period = await db.ReportingPeriods.Where(p => p.DistrictCode == "73.24").OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).FirstAsync();
        var report = await db.KecamatanReports.Include(r => r.Rows).SingleOrDefaultAsync(r => r.PeriodId == period.Id && r.KecamatanCode == Malili);
        var filled = report?.Rows.Any(v => v.VillageCode == village.Code && v.ToddlersMeasured != null) ?? false;

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery(village.Code));

        Assert.Null(view.Completeness); // the district's board is not a village's
        var progress = view.FormProgress!;
        Assert.Equal(Common.IndonesianFormat.MonthYear(period.Year, period.Month), progress.Period);
        Assert.Equal("Malili", progress.KecamatanName);
        Assert.Equal(report?.Status, progress.Status);
        Assert.Equal(filled, progress.VillageFilled);
    }

    [Fact]
    public async Task Kecamatan_Completeness_CountsItsVillagesFilledInTheLatestForm_AfterTheCamatFillsOne()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var admin = await fixture.ActorAsync("admin.lutim");
        var submissions = fixture.Get<SubmissionService>();
        var dashboard = fixture.Get<DashboardService>();
        // A new latest period: nothing filled yet, then one village.
        var year = DateTime.UtcNow.Year + 1; // December of next year is after every demo period
        var opened = await submissions.OpenPeriodAsync(admin, "73.24", year, 12, new DateOnly(year + 1, 1, 10), false);
        Assert.True(opened.Succeeded);
        var periodId = opened.Value;

        var before = await dashboard.GetAsync(camat, new DashboardQuery(Malili));
        var form = await submissions.GetFormAsync(camat, periodId, Malili);
        var first = form.Rows[0];
        Assert.True((await submissions.SaveValueAsync(camat, periodId, Malili, first.VillageCode, Figure.ToddlersMeasured, 40, null)).Succeeded);
        var after = await dashboard.GetAsync(camat, new DashboardQuery(Malili));

        Assert.Equal($"Desember {year}", before.FormProgress!.Period);
        Assert.Equal(0, before.FormProgress.VillagesFilled);
        Assert.Null(before.FormProgress.VillageFilled);
        await using var db = fixture.CreateContext();
        var villages = await db.Regions.CountAsync(r => r.ParentCode == Malili && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan));
        Assert.Equal(villages, after.FormProgress!.VillagesTotal);
        Assert.Equal(1, after.FormProgress.VillagesFilled);
        Assert.Equal(ReportStatus.Draft, after.FormProgress.Status);
    }

    [Fact]
    public async Task FormFigures_HaveOneDecimal()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var view = await fixture.Get<DashboardService>().GetAsync(admin, new DashboardQuery(Malili));

        var forms = view.Series.Single(s => s.SourceCode == DataSource.CamatForms);
        Assert.NotEmpty(forms.Points);
        Assert.All(forms.Points, p => Assert.Equal(Math.Round(p.Numerator!.Value * 100m / p.Denominator!.Value, 1), p.Value));
        Assert.All(view.Ranking!.Rows.Where(r => r.Value is not null), r => Assert.Equal(decimal.Round(r.Value!.Value, 1), r.Value));
    }

    private async Task<(string Code, string Name)> FirstDesaAsync()
    {
        await using var db = fixture.CreateContext();
        var village = await db.Regions.Where(r => r.ParentCode == Malili && r.Level == RegionLevel.Desa).OrderBy(r => r.Code).FirstAsync();
        return (village.Code, village.Name);
    }
}
