using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>Target paths: reading with their status, saving, the straight-line fill, conflicts and access.</summary>
public sealed class TargetServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private TargetService Service => fixture.Get<TargetService>();

    [Fact]
    public async Task Get_LuwuTimur_JudgesThePathOnlyByTheBaselineSourceSeries()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        // A routine figure far below the path must not count as "on track" for an SSGI baseline.
        Assert.True((await fixture.Get<PrevalenceService>().CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24", SourceCode = "EPPGBM", Year = 2024, Month = 8, Value = 5m,
        })).Succeeded);

        var view = await Service.GetAsync(pimpinan, "73.24", "stunting");

        Assert.Equal([(2023, 14.6m), (2024, 14.0m)], view.Path!.Years.Select(y => (y.Year!.Value, y.Value!.Value)));
        Assert.Equal(("SSGI", 2022, 22.6m), (view.Latest!.SourceCode, view.Latest.Year, view.Latest.Value));
        var status = view.Status!;
        Assert.Equal(8.6m, status.PointsLeft);
        Assert.Equal(4.3m, status.YearlyCutNeeded);
        Assert.Equal((14.0m, 2024), (status.FinalTarget, status.FinalYear));
        Assert.Contains(view.NationalReference, r => r.Year == 2024 && r.Value == 14.0m);
        Assert.False(view.CanEdit);
        Assert.True((await Service.GetAsync(admin, "73.24", "stunting")).CanEdit);
    }

    [Fact]
    public async Task FillLinear_ThenSave_StoresTheLine_AndTheStatusFollowsANewerFigure()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = new TargetForm { RegionCode = "73.24.04", BaselineSourceCode = "SKI", BaselineYear = 2023, BaselineValue = 20m, Citation = "uji" };

        var filled = TargetService.FillLinear(form, 2026, 12m);
        form.Years[1].Value = 15.5m; // the person adjusts one year afterwards
        var saved = await Service.SaveAsync(admin, form);
        Assert.True(saved.Succeeded, saved.Outcome.Summary);
        Assert.True((await fixture.Get<PrevalenceService>().CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24.04", SourceCode = "SKI", Year = 2024, Value = 19m,
        })).Succeeded);
        var view = await Service.GetAsync(admin, "73.24.04", "stunting");

        Assert.True(filled.Succeeded);
        Assert.Equal([(2024, 17.3m), (2025, 15.5m), (2026, 12m)], view.Path!.Years.Select(y => (y.Year!.Value, y.Value!.Value)));
        var status = view.Status!;
        Assert.Equal((19m, 2024), (status.ReferenceValue, status.ReferenceYear));
        Assert.Equal(7m, status.PointsLeft);
        Assert.Equal(3.5m, status.YearlyCutNeeded);
        Assert.False(status.OnTrack); // 19 against 17,3 in 2024
        Assert.Equal(17m, status.ProjectedAtFinalYear); // one point a year from 20 in 2023
    }

    [Fact]
    public void FillLinear_WithAFinalYearNotAfterTheBaseline_SaysSoAndKeepsTheYears()
    {
        var form = new TargetForm { BaselineYear = 2024, BaselineValue = 20m, Years = [new TargetYearForm { Year = 2025, Value = 18m }] };

        var result = TargetService.FillLinear(form, 2024, 14m);

        Assert.Contains("sesudah tahun dasar (2024)", result.Errors["FinalYear"][0]);
        Assert.Equal(2025, Assert.Single(form.Years).Year);
    }

    [Fact]
    public async Task Save_WithBadYears_PutsMessagesOnEachRow()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = new TargetForm
        {
            RegionCode = "73.24.02", BaselineSourceCode = "SSGI", BaselineYear = 2022, BaselineValue = 120m,
            Years = [new() { Year = 2021, Value = 10m }, new() { Year = 2024, Value = 14m }, new() { Year = 2024, Value = 101m }, new() { Year = null, Value = 9m }],
        };

        var result = await Service.SaveAsync(admin, form);
        var empty = await Service.SaveAsync(admin, new TargetForm { RegionCode = "73.24.02", BaselineYear = 2022, BaselineValue = 20m });

        var errors = result.Outcome.Errors;
        Assert.Contains("antara 0 dan 100", errors[nameof(TargetForm.BaselineValue)][0]);
        Assert.Contains("sesudah tahun dasar (2022)", errors[TargetForm.YearField(0)][0]);
        Assert.False(errors.ContainsKey(TargetForm.YearField(1)));
        Assert.Contains("sudah ada di baris lain", errors[TargetForm.YearField(2)][0]);
        Assert.Contains("antara 0 dan 100", errors[TargetForm.ValueField(2)][0]);
        Assert.Equal("Tahun wajib diisi.", errors[TargetForm.YearField(3)][0]);
        Assert.Contains("paling sedikit satu", empty.Outcome.Errors[nameof(TargetForm.Years)][0]);
        Assert.Null((await Service.GetAsync(admin, "73.24.02", "stunting")).Path);
    }

    [Fact]
    public async Task Save_OverAPathChangedMeanwhile_IsAConflict_EvenWhenOnlyAYearlyValueChanged()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var created = await Service.SaveAsync(admin, new TargetForm
        {
            RegionCode = "73.12", BaselineSourceCode = "SSGI", BaselineYear = 2022, BaselineValue = 26.9m, Years = [new() { Year = 2024, Value = 14m }],
        });
        Assert.True(created.Succeeded, created.Outcome.Summary);
        var first = (await Service.GetAsync(admin, "73.12", "stunting")).Path!;
        var second = (await Service.GetAsync(admin, "73.12", "stunting")).Path!;

        first.Years[0].Value = 15m;
        var saved = await Service.SaveAsync(admin, first);
        second.Citation = "perubahan lain";
        var stale = await Service.SaveAsync(admin, second);
        var secondCreate = await Service.SaveAsync(admin, new TargetForm
        {
            RegionCode = "73.12", BaselineSourceCode = "SSGI", BaselineYear = 2022, BaselineValue = 26.9m, Years = [new() { Year = 2025, Value = 10m }],
        });
        var staleDelete = await Service.DeleteAsync(admin, second.Id!.Value, second.Version);

        Assert.True(saved.Succeeded, saved.Outcome.Summary);
        Assert.True(stale.Outcome.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, stale.Outcome.Errors[""][0]);
        Assert.True(secondCreate.Outcome.IsConflict);
        Assert.True(staleDelete.IsConflict);
        var now = (await Service.GetAsync(admin, "73.12", "stunting")).Path!;
        Assert.Equal((15m, ""), (now.Years[0].Value!.Value, now.Citation));

        var deleted = await Service.DeleteAsync(admin, now.Id!.Value, now.Version);
        Assert.True(deleted.Succeeded, deleted.Summary);
        Assert.Null((await Service.GetAsync(admin, "73.12", "stunting")).Path);
    }

    [Theory]
    [InlineData("pimpinan.lutim")]
    [InlineData("camat.malili")]
    [InlineData("admin.soppeng")]
    [InlineData("pemantau.sulsel")]
    public async Task Save_ByANonWriterOrOutsideTheScope_IsRefused(string userName)
    {
        var actor = await fixture.ActorAsync(userName);
        var form = new TargetForm { RegionCode = "73.24.04", BaselineYear = 2022, BaselineValue = 20m, Years = [new() { Year = 2024, Value = 14m }] };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(actor, form));
    }

    [Fact]
    public async Task Get_OfAnotherDistrict_OrByAnOperatorOpd_IsRefused_AndDeleteOfAnotherDistrictToo()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var path = (await Service.GetAsync(await fixture.ActorAsync("admin.lutim"), "73.24", "stunting")).Path!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(soppeng, "73.24", "stunting"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(opd, "73.24", "stunting"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(soppeng, path.Id!.Value, path.Version));
        // A camat reads the district's published path above its kecamatan, read only.
        Assert.False((await Service.GetAsync(await fixture.ActorAsync("camat.malili"), "73.24", "stunting")).CanEdit);
    }
}
