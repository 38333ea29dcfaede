using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>
/// "On track, always answerable" (issue 14): the path that applies when a district's own has ended or is missing
/// (the province's, else the national RPJMN 2025-2029 one), the one-click new path to 2029, the two headline facts,
/// and who may write a province's path. The dashboard and target services run on a clock fixed in July 2026.
/// Kalimantan Selatan (63) is added without a provincial path, so the national path is what applies there.
/// </summary>
public sealed class TargetReferenceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int ThisYear = 2026;
    private static readonly TimeProvider July2026 = new FixedClock(new DateTimeOffset(2026, 7, 1, 2, 0, 0, TimeSpan.Zero));

    /// <summary>The national RPJMN 2025-2029 target for a year: 18,8 % in 2025 down to 14,2 % in 2029 on a straight line.</summary>
    private static decimal National(int year) => 18.8m + ((14.2m - 18.8m) * (year - 2025) / 4);

    private DashboardService Dashboard => ActivatorUtilities.CreateInstance<DashboardService>(fixture.Services.CreateScope().ServiceProvider, July2026);

    private TargetService Targets => ActivatorUtilities.CreateInstance<TargetService>(fixture.Services.CreateScope().ServiceProvider, July2026);

    [Fact]
    public async Task Dashboard_WhenTheDistrictsOwnPathHasEnded_MeasuresAgainstTheNationalPath_AndNamesIt()
    {
        // Kotabaru: SSGI 2024 23,2 %, up from 20,1 % (DOMAIN.md); an own path that ended in 2024.
        await DistrictAsync("63.02", "Kabupaten Kotabaru");
        await FigureAsync("63.02", "SSGI", 2022, null, 20.1m);
        await FigureAsync("63.02", "SSGI", 2024, null, 23.2m);
        await PathAsync("63.02", "SSGI", 2022, 20.1m, (2023, 19m), (2024, 18m));

        var view = await Dashboard.GetAsync(await fixture.ActorAsync("admin.sistem"), new DashboardQuery("63.02"));

        var h = view.Headline;
        Assert.Equal(PathKind.National, h.Path!.Kind);
        Assert.Equal(TargetMath.NationalPathName, h.Path.Name);
        Assert.Contains("berakhir 2024", h.PathNote);
        Assert.Contains("RPJMN 2025-2029", h.PathNote);
        Assert.Equal(National(ThisYear), h.TargetThisYear);
        // Gap and yearly cut against the national path, from the latest survey figure.
        Assert.Equal(("SSGI", 2024, 23.2m), (h.Judged!.SourceCode, h.Judged.Year, h.Judged.Value));
        Assert.Equal(23.2m - National(ThisYear), h.Gap);
        Assert.Equal((14.2m, 2029), (h.Status!.FinalTarget, h.Status.FinalYear));
        Assert.Equal(23.2m - 14.2m, h.Status.PointsLeft);
        Assert.Equal(Math.Round((23.2m - 14.2m) / (2029 - 2024), 2), h.Status.YearlyCutNeeded);
        // 2024 is before the national path starts: not judged, and the explanation says why.
        Assert.Null(h.Status.OnTrack);
        Assert.Contains("lebih tua dari awal", HeadlineTexts.Status(h));
        Assert.Null(h.Baseline);
        // The chart draws the path that applies, not the ended one.
        Assert.Equal([(2025, 18.8m), (2029, 14.2m)], view.Target!.Points);
    }

    [Fact]
    public async Task Dashboard_WithAProvincialPathStored_PrefersItToTheNationalPath()
    {
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await db.TargetPaths.AnyAsync(t => t.RegionCode == "73" && t.IndicatorCode == "stunting"));
        }
        var admin = await fixture.ActorAsync("admin.sistem");

        var lutim = (await Dashboard.GetAsync(admin, new DashboardQuery("73.24"))).Headline; // own path ended 2024
        var soppeng = (await Dashboard.GetAsync(admin, new DashboardQuery("73.12"))).Headline; // no own path

        foreach (var h in new[] { lutim, soppeng })
        {
            Assert.Equal(PathKind.Regional, h.Path!.Kind);
            Assert.Equal("73", h.Path.RegionCode);
            Assert.Equal("jalur target Provinsi Sulawesi Selatan", h.Path.Name);
            Assert.Contains("target Provinsi Sulawesi Selatan", h.PathNote);
            // The province's plan: 23,9 % in 2025 and 6,1 % in 2045, on the line between.
            Assert.Equal(23.9m + ((6.1m - 23.9m) * (ThisYear - 2025) / 20), h.TargetThisYear);
        }
        Assert.Contains("berakhir 2024", lutim.PathNote);
        Assert.Contains("Belum ada jalur target Kabupaten Soppeng", soppeng.PathNote);
        Assert.Equal(26.9m - soppeng.TargetThisYear, soppeng.Gap); // SSGI 2022
    }

    [Fact]
    public async Task OnTrack_IsJudgedAgainstTheTargetOfTheFiguresOwnYear_NotThisYears()
    {
        await DistrictAsync("63.03", "Kabupaten Uji Sesuai");
        await DistrictAsync("63.04", "Kabupaten Uji Tertinggal");
        await FigureAsync("63.03", "SSGI", 2025, null, 18.5m); // under 2025's 18,8 %, above 2026's
        await FigureAsync("63.04", "SSGI", 2025, null, 19.0m);
        var admin = await fixture.ActorAsync("admin.sistem");

        var onTrack = (await Dashboard.GetAsync(admin, new DashboardQuery("63.03"))).Headline;
        var behind = (await Dashboard.GetAsync(admin, new DashboardQuery("63.04"))).Headline;

        Assert.Equal(PathKind.National, onTrack.Path!.Kind);
        Assert.Equal(2025, onTrack.Status!.ReferenceYear);
        Assert.Equal(18.8m, onTrack.Status.TargetForReferenceYear);
        Assert.True(onTrack.Status.OnTrack);
        Assert.True(onTrack.Gap > 0); // above this year's target, yet on track for the year it measures
        Assert.Equal(18.5m - National(ThisYear), onTrack.Gap);
        Assert.Contains("Belum ada jalur target", onTrack.PathNote);
        Assert.False(behind.Status!.OnTrack);
        Assert.Equal(18.8m, behind.Status.TargetForReferenceYear);
    }

    [Fact]
    public async Task StartNationalPath_FromTheLatestSurveyFigure_FillsEveryYearTo2029_AndSaves()
    {
        // Soppeng's published figures on a district of its own: no own path; SSGI 2021 25,41 %, SSGI 2022 26,9 %, and a
        // newer routine figure, which is not a baseline for a survey-based national target.
        await DistrictAsync("63.08", "Kabupaten Uji Jalur Baru");
        await FigureAsync("63.08", "SSGI", 2021, null, 25.41m);
        await FigureAsync("63.08", "SSGI", 2022, null, 26.9m);
        await FigureAsync("63.08", "EPPGBM", 2023, 8, 9.97m);
        var admin = await fixture.ActorAsync("admin.sistem");

        var started = await Targets.StartNationalPathAsync(admin, "63.08", "stunting");

        Assert.True(started.Succeeded, started.Outcome.Summary);
        var form = started.Value!;
        Assert.Null(form.Id);
        Assert.Equal(("SSGI", 2022, 26.9m), (form.BaselineSourceCode, form.BaselineYear!.Value, form.BaselineValue!.Value));
        // 26,9 -> 14,2 over seven years: 1,81 a year, one decimal.
        Assert.Equal(
            [(2023, 25.1m), (2024, 23.3m), (2025, 21.5m), (2026, 19.6m), (2027, 17.8m), (2028, 16.0m), (2029, 14.2m)],
            form.Years.Select(y => (y.Year!.Value, y.Value!.Value)));
        Assert.Contains("RPJMN 2025-2029", form.Citation);

        form.Years[3].Value = 19.5m; // editable before saving
        var saved = await Targets.SaveAsync(admin, form);

        Assert.True(saved.Succeeded, saved.Outcome.Summary);
        var h = (await Dashboard.GetAsync(admin, new DashboardQuery("63.08"))).Headline;
        Assert.Equal(PathKind.Own, h.Path!.Kind);
        Assert.Null(h.PathNote);
        Assert.Equal(19.5m, h.TargetThisYear);
    }

    [Fact]
    public async Task StartNationalPath_OverAnEndedPath_CarriesItsVersion_SoAChangeMeanwhileIsAConflict()
    {
        await DistrictAsync("63.05", "Kabupaten Uji Versi");
        await FigureAsync("63.05", "SSGI", 2024, null, 21.0m);
        var id = await PathAsync("63.05", "SSGI", 2022, 24m, (2024, 20m));
        var admin = await fixture.ActorAsync("admin.sistem");

        var form = (await Targets.StartNationalPathAsync(admin, "63.05", "stunting")).Value!;
        var other = (await Targets.GetAsync(admin, "63.05", "stunting")).Path!;
        other.Citation = "diubah orang lain";
        Assert.True((await Targets.SaveAsync(admin, other)).Succeeded);
        var stale = await Targets.SaveAsync(admin, form);

        Assert.Equal(id, form.Id);
        Assert.Equal(((int?)2024, 21.0m), (form.BaselineYear, form.BaselineValue!.Value));
        Assert.Equal(Enumerable.Range(2025, 5), form.Years.Select(y => y.Year!.Value));
        Assert.True(stale.Outcome.IsConflict);
    }

    [Fact]
    public async Task StartNationalPath_WithoutASurveyFigure_SaysSoAtTheBaseline()
    {
        await DistrictAsync("63.06", "Kabupaten Uji Tanpa Survei");
        await FigureAsync("63.06", "EPPGBM", 2026, 2, 9m);

        var result = await Targets.StartNationalPathAsync(await fixture.ActorAsync("admin.sistem"), "63.06", "stunting");

        Assert.False(result.Succeeded);
        Assert.Contains("Belum ada angka survei", Assert.Single(result.Outcome.Errors[nameof(TargetForm.BaselineValue)]));
    }

    [Theory]
    [InlineData("admin.lutim")]
    [InlineData("admin.soppeng")]
    [InlineData("pemantau.sulsel")]
    [InlineData("pimpinan.lutim")]
    public async Task ProvincialPath_IsRefusedToAnyoneButAdminSistem(string userName)
    {
        var actor = await fixture.ActorAsync(userName);
        var province = (await Targets.GetAsync(await fixture.ActorAsync("admin.sistem"), "73", "stunting")).Path!;
        province.Citation = "diubah oleh " + userName;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Targets.SaveAsync(actor, province));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Targets.DeleteAsync(actor, province.Id!.Value, province.Version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Targets.StartNationalPathAsync(actor, "73", "stunting"));
        Assert.False((await Targets.GetAsync(actor, "73", "stunting")).CanEdit);
    }

    [Fact]
    public async Task ProvincialPath_AdminSistemWritesIt_WithItsCitation()
    {
        await using (var db = fixture.CreateContext())
        {
            db.Regions.Add(new Region { Code = "64", Name = "Kalimantan Timur", Level = RegionLevel.Provinsi });
            await db.SaveChangesAsync();
        }
        var admin = await fixture.ActorAsync("admin.sistem");
        var form = new TargetForm
        {
            RegionCode = "64", BaselineSourceCode = "SSGI", BaselineYear = 2024, BaselineValue = 22m,
            Citation = "RPJMD Provinsi (uji)", Years = [new() { Year = 2029, Value = 15m }],
        };

        var saved = await Targets.SaveAsync(admin, form);

        Assert.True(saved.Succeeded, saved.Outcome.Summary);
        var view = await Targets.GetAsync(admin, "64", "stunting");
        Assert.True(view.CanEdit);
        Assert.Equal("RPJMD Provinsi (uji)", view.Path!.Citation);
    }

    [Fact]
    public async Task Headline_SurveyAndRoutineFacts_AreChosenByTheirSourcesKind_NotByWhichIsNewest()
    {
        await DistrictAsync("63.07", "Kabupaten Uji Fakta");
        await FigureAsync("63.07", "SSGI", 2022, null, 25m);
        await FigureAsync("63.07", "SKI", 2023, null, 24m);
        await FigureAsync("63.07", "INTERVENSI", 2024, 6, 10m);
        await FigureAsync("63.07", "EPPGBM", 2026, 2, 9.5m); // the newest figure of all
        await FigureAsync("63.07", "EPPGBM", 2025, 8, 11m);
        var admin = await fixture.ActorAsync("admin.sistem");

        var all = (await Dashboard.GetAsync(admin, new DashboardQuery("63.07"))).Headline;
        var intervensi = (await Dashboard.GetAsync(admin, new DashboardQuery("63.07", SourceCode: "INTERVENSI"))).Headline;

        Assert.Equal(("SKI", 2023, (int?)null, 24m), (all.Survey!.SourceCode, all.Survey.Year, all.Survey.Month, all.Survey.Value));
        Assert.Equal(SourceKind.Survey, all.Survey.Kind);
        Assert.Equal(("EPPGBM", 2026, (int?)2, 9.5m), (all.Routine!.SourceCode, all.Routine.Year, all.Routine.Month, all.Routine.Value));
        Assert.Equal(SourceKind.Routine, all.Routine.Kind);
        Assert.Equal("SKI 2023", HeadlineTexts.Label(all.Survey));
        // The survey is what is measured against the (survey-based) national path, never the lower routine figure.
        Assert.Equal("SKI", all.Judged!.SourceCode);
        // Choosing a source sets the fact of its own kind; the other stays.
        Assert.Equal("INTERVENSI", intervensi.Routine!.SourceCode);
        Assert.Equal("SKI", intervensi.Survey!.SourceCode);
    }

    [Fact]
    public async Task Headline_OfLuwuTimur_ShowsItsSurveyAndTheApprovedForms_AsTwoFacts()
    {
        var view = await Dashboard.GetAsync(await fixture.ActorAsync("pimpinan.lutim"), new DashboardQuery());

        Assert.Equal(("SSGI", 2022, 22.6m), (view.Headline.Survey!.SourceCode, view.Headline.Survey.Year, view.Headline.Survey.Value));
        var forms = view.Series.Single(s => s.SourceCode == DataSource.CamatForms).Points[^1];
        Assert.Equal((DataSource.CamatForms, forms.Year, forms.Month, forms.Value),
            (view.Headline.Routine!.SourceCode, view.Headline.Routine.Year, view.Headline.Routine.Month, view.Headline.Routine.Value));
    }

    private async Task DistrictAsync(string code, string name)
    {
        await using var db = fixture.CreateContext();
        if (!await db.Regions.AnyAsync(r => r.Code == "63"))
        {
            db.Regions.Add(new Region { Code = "63", Name = "Kalimantan Selatan", Level = RegionLevel.Provinsi });
        }
        db.Regions.Add(new Region { Code = code, Name = name, Level = RegionLevel.KabupatenKota, ParentCode = "63" });
        await db.SaveChangesAsync();
    }

    private async Task FigureAsync(string region, string source, int year, int? month, decimal value)
    {
        await using var db = fixture.CreateContext();
        db.PrevalenceFigures.Add(new PrevalenceFigure { RegionCode = region, IndicatorCode = "stunting", SourceCode = source, Year = year, Month = month, Value = value });
        await db.SaveChangesAsync();
    }

    private async Task<int> PathAsync(string region, string source, int baselineYear, decimal baselineValue, params (int Year, decimal Value)[] years)
    {
        await using var db = fixture.CreateContext();
        var path = new TargetPath
        {
            RegionCode = region, IndicatorCode = "stunting", BaselineSourceCode = source, BaselineYear = baselineYear, BaselineValue = baselineValue,
            Years = years.Select(y => new TargetYear { Year = y.Year, Value = y.Value }).ToList(),
        };
        db.TargetPaths.Add(path);
        await db.SaveChangesAsync();
        return path.Id;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
