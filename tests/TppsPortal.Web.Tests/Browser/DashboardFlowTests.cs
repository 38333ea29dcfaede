using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>The vice-regent's view: where Luwu Timur stands, another indicator, then one kecamatan.</summary>
public sealed class DashboardFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static DashboardFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task PimpinanLutim_OpensTheDashboard_ChangesTheIndicator_AndDrillsIntoMalili()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" }).GetByRole(AriaRole.Link, new() { Name = "Dasbor", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dasbor"));
            await BrowserSession.WaitInteractiveAsync(page);

            // Headline: SSGI 2022 baseline against the target path; the chart has a line per source and the target.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kabupaten Luwu Timur", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("card-baseline")).ToContainTextAsync("22,6 %");
            await Assertions.Expect(page.GetByTestId("card-baseline")).ToContainTextAsync("SSGI 2022");
            await Assertions.Expect(page.GetByTestId("card-left")).ToContainTextAsync("8,6 poin");
            var chart = page.GetByTestId("trend-chart").Locator("svg:visible"); // the drawing for this width
            await Assertions.Expect(chart.Locator("g[data-source=SSGI]")).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator("g[data-source=FORM]")).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator("g[data-source=TARGET] polyline")).ToHaveAttributeAsync("stroke-dasharray", "6 4");
            var rows = page.GetByTestId("ranking-row");
            Assert.True(await rows.CountAsync() >= 10, "every kecamatan of Luwu Timur is ranked");
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-stunting");

            // Another indicator: the URL carries the filter, the headline and ranking follow.
            await page.GetByTestId("filter-indicator").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Gizi kurang (wasting)" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("indikator=wasting"));
            await Assertions.Expect(page.GetByText("Gizi kurang (wasting), semua sumber")).ToBeVisibleAsync();
            await Assertions.Expect(chart.Locator("g[data-source=SSGI]")).ToHaveCountAsync(0); // no published wasting figures in the demo
            await Assertions.Expect(chart.Locator("g[data-source=FORM]")).ToHaveCountAsync(1);
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-wasting");

            // Drill down into Malili: its villages are ranked, the indicator stays.
            await page.GetByTestId("ranking").GetByRole(AriaRole.Link, new() { Name = "Malili", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"wilayah=73\.24\.04.*indikator=wasting|indikator=wasting.*wilayah=73\.24\.04"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kecamatan Malili", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Peringkat desa.kelurahan") })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "Luwu Timur", Exact = false })).ToBeVisibleAsync();
            var codes = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.StartsWith("73.24.04.", code));
            await BrowserSession.ScreenshotAsync(page, "dashboard-malili-wasting");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-flow-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
    [Fact]
    public async Task CamatMalili_OnAPhone_SeesTheKecamatansOwnDashboardWithoutSidewaysScrolling()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kecamatan Malili", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
            var codes = await page.GetByTestId("ranking-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.StartsWith("73.24.04.", code));
            // The wide ranking scrolls inside its own box; the page itself does not move sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the phone");
            await BrowserSession.ScreenshotAsync(page, "dashboard-camat-malili-360");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task VillageDashboard_SaysDesaOnce_OffersItsApprovedPeriods_AndItsKecamatansForm()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor?wilayah=73.24.04.2901");
            await BrowserSession.WaitInteractiveAsync(page);

            var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Assertions.Expect(title).ToHaveTextAsync(new Regex("^Dasbor Desa Malili Contoh 1"));
            Assert.DoesNotContain("Desa Desa", await title.TextContentAsync(), StringComparison.Ordinal);

            // The period picker offers the approved months (newest first) and the village's figure of the month chosen.
            await Assertions.Expect(page.GetByText("Belum ada formulir kecamatan yang disetujui")).ToHaveCountAsync(0);
            await page.GetByTestId("filter-period").ClickAsync();
            var options = page.GetByRole(AriaRole.Option);
            await Assertions.Expect(options.Nth(1)).ToBeVisibleAsync();
            Assert.True(await options.CountAsync() >= 2, "the demo has months of approved forms for Malili");
            var second = (await options.Nth(1).TextContentAsync())!.Trim();
            Assert.Matches(@"^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$", second);
            await options.Nth(1).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("periode=\\d{6}"));
            await Assertions.Expect(page.GetByTestId("period-figure")).ToContainTextAsync(second);
            await Assertions.Expect(page.GetByTestId("period-figure")).ToContainTextAsync(new Regex(@"\d+,\d %"));
            Assert.DoesNotMatch(@"\d+,\d\d %", await page.GetByTestId("period-figure").TextContentAsync());

            // Completeness speaks of the kecamatan's form and this village's row, not of "no period open".
            var completeness = page.GetByTestId("completeness");
            await Assertions.Expect(completeness).ToContainTextAsync("Formulir Kecamatan Malili");
            await Assertions.Expect(completeness.GetByTestId("form-status")).ToContainTextAsync("Status:");
            await Assertions.Expect(completeness.GetByTestId("village-filled")).ToContainTextAsync("Angka desa ini");
            await Assertions.Expect(completeness).Not.ToContainTextAsync("Belum ada periode");
            await BrowserSession.ScreenshotAsync(page, "dashboard-desa-malili-1");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-desa-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Chart_OnAPhone_HasAxisTextOfAtLeast11Px_MonthLabels_AndATableOfTheSamePoints()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            var svg = page.GetByTestId("trend-chart").Locator("svg:visible");
            await Assertions.Expect(svg).ToHaveCountAsync(1);
            // The size a reader sees: the computed font size scaled by the viewBox, and the box the text occupies.
            var sizes = await svg.EvaluateAsync<double[][]>(@"svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return [...svg.querySelectorAll('text[data-tick]')].map(t => [
                    parseFloat(getComputedStyle(t).fontSize) * scale, t.getBoundingClientRect().height]);
            }");
            Assert.True(sizes.Length >= 4, "the axes are labelled");
            Assert.All(sizes, s => Assert.True(s[0] >= 11 && s[1] >= 11, $"tick text renders at {s[0]:0.0} px (box {s[1]:0.0} px high)"));
            var labels = await svg.Locator("text[data-tick]").AllTextContentsAsync();
            var months = labels.Where(l => Regex.IsMatch(l, "^(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)( \\d{4})?$")).ToList();
            Assert.True(months.Count >= 2, "monthly forms are labelled by month: " + string.Join(", ", labels));
            Assert.True(months.Count <= 6, "a phone gets fewer month labels: " + string.Join(", ", months));
            var points = await svg.Locator("circle").CountAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the phone");
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-360");
            await page.GetByTestId("trend-chart").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "dashboard-chart-360-only.png") });

            // "Tabel": the same points as rows.
            await page.GetByTestId("chart-table-toggle").ClickAsync();
            var table = page.GetByTestId("chart-table");
            await Assertions.Expect(table).ToBeVisibleAsync();
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(points);
            await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync(new Regex(@"\d+,\d %"));
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-table-360");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
