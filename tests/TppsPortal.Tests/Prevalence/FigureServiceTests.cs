using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>Stored figures: the form's rules, duplicates, row-version conflicts, who may write, and the list.</summary>
public sealed class FigureServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private PrevalenceService Service => fixture.Get<PrevalenceService>();

    [Fact]
    public async Task Create_WithBadFields_PutsEachMessageOnItsField()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var outOfRange = await Service.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24", IndicatorCode = "stunting", SourceCode = "SSGI", Year = 2019, Value = 120m,
            RelativeStandardError = -1m, IntervalLow = 10m, Citation = new string('x', PrevalenceFigure.CitationMaxLength + 1),
        });
        var countsAndInterval = await Service.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24", IndicatorCode = "stunting", SourceCode = "SSGI", Year = 2019, Value = 20m,
            Numerator = 30, Denominator = 20, IntervalLow = 21m, IntervalHigh = 19m,
        });
        var unknowns = await Service.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24.99", IndicatorCode = "tinggi", SourceCode = "BPS", Year = DateTime.UtcNow.Year + 1, Value = 20m,
        });

        var e1 = outOfRange.Outcome.Errors;
        Assert.Contains("antara 0 dan 100", e1[nameof(FigureForm.Value)][0]);
        Assert.Contains("RSE", e1[nameof(FigureForm.RelativeStandardError)][0]);
        Assert.Contains("bersama-sama", e1[nameof(FigureForm.IntervalHigh)][0]);
        Assert.Equal(Texts.TooLong(PrevalenceFigure.CitationMaxLength), e1[nameof(FigureForm.Citation)][0]);
        var e2 = countsAndInterval.Outcome.Errors;
        Assert.Contains("tidak boleh melebihi penyebut", e2[nameof(FigureForm.Numerator)][0]);
        Assert.Contains("Batas bawah tidak boleh lebih dari nilai", e2[nameof(FigureForm.IntervalLow)][0]);
        Assert.Contains("Batas atas tidak boleh kurang dari nilai", e2[nameof(FigureForm.IntervalHigh)][0]);
        var e3 = unknowns.Outcome.Errors;
        Assert.Contains("73.24.99 tidak ada", e3[nameof(FigureForm.RegionCode)][0]);
        Assert.Contains("tidak dikenal", e3[nameof(FigureForm.IndicatorCode)][0]);
        Assert.Contains("tidak dikenal", e3[nameof(FigureForm.SourceCode)][0]);
        Assert.Contains("tahun mendatang", e3[nameof(FigureForm.Year)][0]);
        await using var db = fixture.CreateContext();
        Assert.False(await db.PrevalenceFigures.AnyAsync(f => f.RegionCode == "73.24" && f.Year == 2019));
    }

    [Fact]
    public async Task Create_WhenValueDisagreesWithNumeratorAndDenominator_IsRejectedOnTheValue()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var wrong = await Service.CreateFigureAsync(admin, Form("73.24.04", "EPPGBM", 2024, 2, 20m, numerator: 100, denominator: 1000));
        var halfOnly = await Service.CreateFigureAsync(admin, Form("73.24.04", "EPPGBM", 2024, 2, 10m, numerator: 100));
        var right = await Service.CreateFigureAsync(admin, Form("73.24.04", "EPPGBM", 2024, 2, 10m, numerator: 100, denominator: 1000));

        Assert.Contains("tidak cocok dengan pembilang/penyebut (100/1000 = 10 %)", wrong.Outcome.Errors[nameof(FigureForm.Value)][0]);
        Assert.Contains("Isi penyebut bersama pembilang", halfOnly.Outcome.Errors[nameof(FigureForm.Denominator)][0]);
        Assert.True(right.Succeeded, right.Outcome.Summary);
    }

    [Fact]
    public async Task Create_SameAreaIndicatorSourceAndPeriod_IsRejectedNextToThePeriod()
    {
        var lutim = await fixture.ActorAsync("admin.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");

        // Seeded: Luwu Timur SSGI 2022 = 22,6; Soppeng e-PPGBM August 2023 = 9,97.
        var survey = await Service.CreateFigureAsync(lutim, Form("73.24", "SSGI", 2022, null, 23m));
        var monthly = await Service.CreateFigureAsync(soppeng, Form("73.12", "EPPGBM", 2023, 8, 10m));
        var otherIndicator = await Service.CreateFigureAsync(lutim, Form("73.24", "SSGI", 2022, null, 7m, indicator: "wasting"));

        Assert.Equal(FigureRules.DuplicateMessage, survey.Outcome.Errors[nameof(FigureForm.Year)][0]);
        Assert.Equal(FigureRules.DuplicateMessage, monthly.Outcome.Errors[nameof(FigureForm.Month)][0]);
        Assert.True(otherIndicator.Succeeded, otherIndicator.Outcome.Summary);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsAConflict_AndTheOtherChangeStays()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = (await Service.CreateFigureAsync(admin, Form("73.24.02", "SKI", 2023, null, 18m))).Value;
        var first = (await Service.GetFigureAsync(admin, id))!;
        var second = (await Service.GetFigureAsync(admin, id))!;

        first.Value = 17.5m;
        var saved = await Service.UpdateFigureAsync(admin, id, first);
        second.Value = 19m;
        var stale = await Service.UpdateFigureAsync(admin, id, second);
        var staleDelete = await Service.DeleteFigureAsync(admin, id, second.Version);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.True(stale.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, stale.Errors[""][0]);
        Assert.True(staleDelete.IsConflict);
        Assert.Equal(17.5m, (await Service.GetFigureAsync(admin, id))!.Value);
    }

    [Fact]
    public async Task Update_ToTheKeyOfAnotherFigure_IsRejected_AndDeleteRemovesIt()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = (await Service.CreateFigureAsync(admin, Form("73.24", "SKI", 2021, null, 18m))).Value;
        var form = (await Service.GetFigureAsync(admin, id))!;

        form.SourceCode = "SSGI"; // SSGI 2021 = 19,9 is stored already
        var duplicate = await Service.UpdateFigureAsync(admin, id, form);
        var deleted = await Service.DeleteFigureAsync(admin, id, form.Version);

        Assert.Equal(FigureRules.DuplicateMessage, duplicate.Errors[nameof(FigureForm.Year)][0]);
        Assert.True(deleted.Succeeded, deleted.Summary);
        Assert.Null(await Service.GetFigureAsync(admin, id));
    }

    [Theory]
    [InlineData("camat.malili", "73.24.04")]
    [InlineData("opd.dp2kb.lutim", "73.24")]
    [InlineData("pimpinan.lutim", "73.24")]
    [InlineData("pemantau.sulsel", "73")]
    public async Task Create_ByARoleThatNeverWritesFigures_IsRefused_EvenWithoutARegion(string userName, string region)
    {
        var actor = await fixture.ActorAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateFigureAsync(actor, Form(region, "SKI", 2023, null, 20m)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateFigureAsync(actor, Form("", "SKI", 2023, null, 20m)));
    }

    [Fact]
    public async Task Create_ByAdminSoppengForLuwuTimur_IsRefused()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateFigureAsync(soppeng, Form("73.24", "SKI", 2023, null, 20m)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateFigureAsync(soppeng, Form("73.24.04", "SKI", 2023, null, 20m)));
        Assert.True((await Service.CreateFigureAsync(soppeng, Form("73.12", "SKI", 2023, null, 20m))).Succeeded);
    }

    [Fact]
    public async Task UpdateAndDelete_OfAnotherDistrictsFigure_AreRefused_ButAdminSistemWritesTheProvince()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var lutim = await fixture.ActorAsync("admin.lutim");
        var sistem = await fixture.ActorAsync("admin.sistem");
        var id = (await Service.CreateFigureAsync(lutim, Form("73.24", "SKI", 2024, null, 16m))).Value;
        var form = (await Service.GetFigureAsync(lutim, id))!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetFigureAsync(soppeng, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateFigureAsync(soppeng, id, form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteFigureAsync(soppeng, id, form.Version));
        // Moving one's own figure into another district is refused too.
        form.RegionCode = "73.12";
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateFigureAsync(lutim, id, form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateFigureAsync(lutim, Form("73", "SKI", 2023, null, 21m)));
        var province = await Service.CreateFigureAsync(sistem, Form("73", "EPPGBM", 2024, 8, 11m));

        Assert.True(province.Succeeded, province.Outcome.Summary);
        Assert.Equal(16m, (await Service.GetFigureAsync(lutim, id))!.Value);
    }

    [Fact]
    public async Task List_ShowsTheScopeWithItsAreasBelowAndAbove_FilteredAndPaged()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        Assert.True((await Service.CreateFigureAsync(admin, Form("73.24.04", "INTERVENSI", 2024, 6, 8.5m))).Succeeded);

        var all = await Service.ListFiguresAsync(admin, new FigureQuery(Take: 500));
        var district = await Service.ListFiguresAsync(admin, new FigureQuery(RegionCode: "73.24", Take: 500));
        var intervention = await Service.ListFiguresAsync(admin, new FigureQuery(RegionCode: "73.24", SourceCode: "INTERVENSI", Year: 2024));
        var ssgi2021 = await Service.ListFiguresAsync(admin, new FigureQuery(SourceCode: "SSGI", Year: 2021));
        var firstPage = await Service.ListFiguresAsync(admin, new FigureQuery(Take: 2));

        Assert.Contains(all.Items, f => f.RegionCode == "73" && f.SourceCode == "SSGI"); // the province above is published
        Assert.DoesNotContain(all.Items, f => f.RegionCode.StartsWith("73.12", StringComparison.Ordinal));
        Assert.All(district.Items, f => Assert.StartsWith("73.24", f.RegionCode));
        Assert.Contains(district.Items, f => f.RegionCode == "73.24.04");
        var row = Assert.Single(intervention.Items);
        Assert.Equal(("Juni 2024", 8.5m), (row.Period, row.Value));
        Assert.Equal(["73", "73.24"], ssgi2021.Items.Select(f => f.RegionCode));
        Assert.Equal(2, firstPage.Items.Count);
        Assert.Equal(all.Total, firstPage.Total);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListFiguresAsync(admin, new FigureQuery(RegionCode: "73.12")));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Service.ListFiguresAsync(await fixture.ActorAsync("opd.dp2kb.lutim"), new FigureQuery()));
    }

    private static FigureForm Form(string region, string source, int year, int? month, decimal value, int? numerator = null, int? denominator = null, string indicator = "stunting") =>
        new()
        {
            RegionCode = region, IndicatorCode = indicator, SourceCode = source, Year = year, Month = month, Value = value,
            Numerator = numerator, Denominator = denominator, Citation = "uji",
        };
}
