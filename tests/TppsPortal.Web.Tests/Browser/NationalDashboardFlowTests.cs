using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The national monitor's view: the dashboard opens on the nation, the provinces side by side, one province opened
/// from the table and back through "Indonesia"; a province's monitor asking for the nation gets their own province.
/// </summary>
public sealed class NationalDashboardFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static NationalDashboardFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task PemantauNasional_SeesTheProvincesSideBySide_AndOpensSulawesiSelatan()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pemantau.nasional", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" }).GetByRole(AriaRole.Link, new() { Name = "Dasbor", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dasbor/nasional"));
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Nasional", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("card-national-target")).ToContainTextAsync("RPJMN 2025-2029");
            await Assertions.Expect(page.GetByTestId("card-completeness")).ToContainTextAsync("kecamatan");
            var chart = page.GetByTestId("trend-chart").Locator("svg:visible");
            await Assertions.Expect(chart.Locator("g[data-source=FORM]")).ToHaveCountAsync(1);
            var sulsel = page.Locator("[data-testid=ranking-row][data-code='73']");
            await Assertions.Expect(sulsel).ToContainTextAsync("Sulawesi Selatan");
            await Assertions.Expect(sulsel.GetByTestId("aksi-cell")).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "dashboard-national");

            // A province from the table: its own dashboard, with the way back to the nation above it.
            await sulsel.GetByRole(AriaRole.Link, new() { Name = "Sulawesi Selatan" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("wilayah=73"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Sulawesi Selatan", Level = 1 })).ToBeVisibleAsync();
            await page.GetByTestId("crumb-nation").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dasbor/nasional"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Nasional", Level = 1 })).ToBeVisibleAsync();

            // On a phone the table scrolls sideways inside its card; the page itself does not.
            // MudBlazor's layout answers the resize through its resize listener (a round trip to the server: the drawer
            // turns into an overlay), so the test waits for the page to fit rather than reading it at once (a full run
            // read it mid-change).
            await page.SetViewportSizeAsync(360, 740);
            await Assertions.Expect(sulsel).ToBeAttachedAsync();
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth + 1", null, new() { Timeout = 20_000 });
            await BrowserSession.ScreenshotAsync(page, "dashboard-national-phone");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task APemantauProvinsi_AskingForTheNation_GetsTheirProvince()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pemantau.sulsel", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor/nasional");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dasbor$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Sulawesi Selatan", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("crumb-nation")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
