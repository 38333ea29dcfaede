using TppsPortal.Pdf;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Prevalence;

/// <summary>The one-page dashboard PDF, read back with PdfPig, pdftotext, qpdf and pdffonts.</summary>
public sealed class DashboardPdfTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task District_ReadsBackTheHeadlineTheChartLabelsAndEveryRankedKecamatan()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var view = await fixture.Get<DashboardService>().GetAsync(pimpinan, new DashboardQuery("73.24"));

        var pdf = DashboardPdf.Render(view);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "dashboard-luwu-timur.pdf"), pdf);
        var text = Squash(PdfTools.Text(pdf));
        using var document = PdfDocument.Open(pdf);

        Assert.Equal(1, document.NumberOfPages);
        Assert.Contains("Dasbor TPPS Kabupaten Luwu Timur", text);
        var ink = PdfAssert.Ink(document.GetPage(1)); // table cells wrap: phrases are checked without whitespace
        Assert.Contains("SURVEI TERAKHIR", text);
        Assert.Contains(PdfAssert.Ink("PENGUKURAN RUTIN TERAKHIR"), ink);
        Assert.Contains("22,6 %", text);
        Assert.Contains("SSGI 2022", text);
        var routine = view.Headline.Routine!;
        Assert.Contains(PdfAssert.Ink($"{Common.IndonesianFormat.Percent(routine.Value)}"), ink);
        Assert.Contains(PdfAssert.Ink(routine.Period), ink);
        Assert.Contains($"TARGET {view.Today.Year}", text);
        Assert.Contains(HeadlineTexts.Percent1(view.Headline.TargetThisYear!.Value), text);
        // The one line that says the district's own path has ended and names the path that applies.
        Assert.Contains(PdfAssert.Ink(view.Headline.PathNote!), ink);
        Assert.Contains(PdfAssert.Ink("target Provinsi Sulawesi Selatan"), ink);
        Assert.Contains(HeadlineTexts.Points1(view.Headline.Status!.PointsLeft), text);
        Assert.Contains("Halaman 1 dari 1", text);
        // The chart: axis labels, the survey values written at their points, and the legend.
        Assert.Contains("2022", text);
        Assert.Contains("19,9 %", text);
        Assert.Contains("Formulir kecamatan (portal ini)", text);
        Assert.Contains("Target", text);
        // The ranking: every kecamatan with its figure, in the order of the view.
        var ranking = view.Ranking!;
        Assert.Equal(11, ranking.Rows.Count);
        foreach (var row in ranking.Rows)
        {
            Assert.Contains(PdfAssert.Ink(row.Area.Name), ink);
            if (row.Value is { } value)
            {
                Assert.Contains($"{Common.IndonesianFormat.Number(row.Numerator!.Value)} / {Common.IndonesianFormat.Number(row.Measured)}", text);
                Assert.Contains(Common.IndonesianFormat.Percent(value), text);
            }
        }
        Assert.Equal("Dasbor TPPS Kabupaten Luwu Timur", document.Information.Title);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.All(PdfTools.Fonts(pdf), f => Assert.True(f.Embedded, $"{f.Name} is not embedded"));
        PdfAssert.LettersInsideMargins(document, PdfPageSize.A4Portrait, DashboardPdf.Margins);
    }

    [Fact]
    public async Task Province_PutsTheDistrictsSideBySideWithTheirSurveyFigures()
    {
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var view = await fixture.Get<DashboardService>().GetAsync(pemantau, new DashboardQuery("73"));

        var pdf = DashboardPdf.Render(view);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "dashboard-sulawesi-selatan.pdf"), pdf);
        var text = Squash(PdfTools.Text(pdf));

        Assert.Contains("Dasbor TPPS Sulawesi Selatan", text);
        Assert.Contains("23,3 %", text); // Sulawesi Selatan SSGI 2024, the latest survey
        using var document = PdfDocument.Open(pdf);
        var ink = PdfAssert.Ink(document.GetPage(1));
        Assert.Contains(PdfAssert.Ink("Kabupaten Luwu Timur"), ink);
        Assert.Contains(PdfAssert.Ink("22,6 % (SSGI 2022)"), ink); // the latest survey beside the forms
        Assert.Contains(PdfAssert.Ink("Kabupaten Soppeng"), ink);
        Assert.Contains(PdfAssert.Ink("26,9 % (SSGI 2022)"), ink);
        Assert.Contains(PdfAssert.Ink("Belum dinilai"), ink); // the districts have no survey figure after the province path's baseline (2022)
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public async Task Kecamatan_ChartIsLabelledByMonth_InAxisTextOfAtLeast11Px()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var view = await fixture.Get<DashboardService>().GetAsync(camat, new DashboardQuery("73.24.04"));
        var chart = new TrendChart(view.Series, view.Target, 515, 190, 8.5);

        var pdf = DashboardPdf.Render(view);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "dashboard-malili.pdf"), pdf);
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPage(1).GetWords().ToList();

        Assert.True(chart.Monthly);
        Assert.Contains("Dasbor TPPS Kecamatan Malili", Squash(PdfTools.Text(pdf)));
        var first = chart.XTicks[0].Label.Split(' '); // "Jan 2026"
        var month = words.First(w => w.Text == first[0]);
        // 11 px on a screen at 100 % is 8.25 pt.
        Assert.True(month.Letters.All(l => l.PointSize >= 8.25), $"the axis label {month.Text} is {month.Letters[0].PointSize} pt");
        Assert.All(chart.XTicks.Skip(1), t => Assert.Contains(words, w => w.Text == t.Label.Split(' ')[0]));
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
