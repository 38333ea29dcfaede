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
            var chart = page.GetByTestId("trend-chart");
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
}
