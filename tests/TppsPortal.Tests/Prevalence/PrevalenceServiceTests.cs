using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

public sealed class PrevalenceServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Series_ForSoppeng_KeepsEachSourceApartAndNeverJoinsThem()
    {
        var pimpinan = await fixture.ActorAsync("admin.soppeng");

        var series = await fixture.Get<PrevalenceService>().SeriesAsync(pimpinan, "73.12", "stunting");

        var ssgi = series.Single(s => s.SourceCode == "SSGI");
        Assert.Equal([(2021, 25.41m), (2022, 26.9m)], ssgi.Points.Select(p => (p.Year, p.Value)));
        Assert.Equal(SourceKind.Survey, ssgi.Kind);
        var weighing = series.Single(s => s.SourceCode == "EPPGBM").Points;
        Assert.Equal([(2022, 8, 11.2m, true), (2023, 8, 9.97m, false)], weighing.Select(p => (p.Year, p.Month!.Value, p.Value, p.IsExample))); // Aug 2022: an example
        Assert.Equal(9.9m, Assert.Single(series.Single(s => s.SourceCode == "INTERVENSI").Points).Value);
        Assert.Equal(series.Count, series.Select(s => s.SourceCode).Distinct().Count());
        Assert.All(series, s => Assert.All(s.Points, p => Assert.Equal(s.Kind == SourceKind.Survey, p.Month is null)));
    }

    [Fact]
    public async Task Series_FromCamatForms_ShowsApprovedPeriodsOnly()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var camat = await fixture.ActorAsync("camat.lalabata");
        var submissions = fixture.Get<SubmissionService>();
        var approved = (await submissions.OpenPeriodAsync(admin, "73.12", 2018, 5, new DateOnly(2099, 1, 1), false)).Value;
        var pending = (await submissions.OpenPeriodAsync(admin, "73.12", 2018, 6, new DateOnly(2099, 1, 1), false)).Value;
        foreach (var period in new[] { approved, pending })
        {
            var form = await submissions.GetFormAsync(camat, period, "73.12.04");
            foreach (var row in form.Rows)
            {
                foreach (var (figure, value) in new[] { (Figure.Families, 100), (Figure.ToddlersRegistered, 50), (Figure.ToddlersMeasured, 40), (Figure.SeverelyStunted, 2), (Figure.Stunted, 6) })
                {
                    Assert.True((await submissions.SaveValueAsync(camat, period, "73.12.04", row.VillageCode, figure, value, null)).Succeeded);
                }
            }
            Assert.True((await submissions.SubmitAsync(camat, period, "73.12.04")).Succeeded);
        }
        var reportId = (await submissions.GetFormAsync(admin, approved, "73.12.04")).ReportId!.Value;
        Assert.True((await submissions.ApproveAsync(admin, reportId)).Succeeded);

        var series = await fixture.Get<PrevalenceService>().SeriesAsync(camat, "73.12.04", "stunting");
        var forms = series.Single(s => s.SourceCode == DataSource.CamatForms);

        var may = Assert.Single(forms.Points, p => p.Year == 2018);
        Assert.Equal(5, may.Month);
        Assert.Equal(20.00m, may.Value); // (6 + 2) / 40
        Assert.DoesNotContain(forms.Points, p => p.Year == 2018 && p.Month == 6);
        Assert.Equal(SourceKind.Routine, forms.Kind);
    }

    [Fact]
    public async Task Series_OfAnotherDistrict_IsRefused_AndFormFiguresOfAnotherKecamatanAreNotShown()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<PrevalenceService>().SeriesAsync(camat, "73.12", "stunting"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<PrevalenceService>().SeriesAsync(camat, "73.24.02", "stunting"));
        var district = await fixture.Get<PrevalenceService>().SeriesAsync(camat, "73.24", "stunting");
        Assert.Contains(district, s => s.SourceCode == "SSGI");
        Assert.DoesNotContain(district, s => s.SourceCode == DataSource.CamatForms); // the district's counts are not a camat's to read
    }

    [Fact]
    public async Task CreateFigure_ValidatesPeriodAgainstTheSourceAndRefusesTypedFormFigures()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var service = fixture.Get<PrevalenceService>();

        var surveyWithMonth = await service.CreateFigureAsync(admin, new FigureForm { RegionCode = "73.24", SourceCode = "SKI", Year = 2023, Month = 5, Value = 20m });
        var routineWithoutMonth = await service.CreateFigureAsync(admin, new FigureForm { RegionCode = "73.24", SourceCode = "EPPGBM", Year = 2023, Value = 8m });
        var typedForm = await service.CreateFigureAsync(admin, new FigureForm { RegionCode = "73.24", SourceCode = DataSource.CamatForms, Year = 2023, Month = 2, Value = 8m });
        var good = await service.CreateFigureAsync(admin, new FigureForm { RegionCode = "73.24", SourceCode = "SKI", Year = 2023, Value = 20.1m, Citation = "contoh" , IsExample = true });

        Assert.Contains("kosongkan bulan", surveyWithMonth.Outcome.Errors[nameof(FigureForm.Month)][0]);
        Assert.Contains("per bulan", routineWithoutMonth.Outcome.Errors[nameof(FigureForm.Month)][0]);
        Assert.Contains("tidak diketik ulang", typedForm.Outcome.Errors[nameof(FigureForm.SourceCode)][0]);
        Assert.True(good.Succeeded, good.Outcome.Summary);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateFigureAsync(admin, new FigureForm { RegionCode = "73.12", SourceCode = "SKI", Year = 2023, Value = 20m }));
    }
}
