using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The printable publication of stunting figures (aksi 7) in Chromium: Luwu Timur's secretariat opens it on a desktop
/// and on a phone, picks an earlier period and downloads the PDF of that period.
/// </summary>
public sealed class PublicationFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year;

    static PublicationFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Secretariat_OpensThePublication_PicksAPeriod_AndDownloadsItsPdf()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync($"/aksi/73.24/{Year}/publikasi");
            var summary = page.GetByTestId("publication-summary");
            await Assertions.Expect(summary).ToContainTextAsync("Mangkutana");
            await Assertions.Expect(summary).ToContainTextAsync("Wasuponda");
            await Assertions.Expect(page.GetByText("Sumber: Formulir kecamatan disetujui,")).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "publication-1-page");

            // An earlier period: the page and its PDF link follow the choice.
            var periods = page.GetByLabel("Periode");
            var options = await periods.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
            Assert.True(options.Length > 1, "The demo has more than one period.");
            var earlier = options[^1];
            await periods.SelectOptionAsync(earlier);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/publikasi?periode={earlier}") + "$")); // polls the page's URL (see NotificationFlowTests)
            await Assertions.Expect(page.GetByTestId("publication-pdf")).ToHaveAttributeAsync("href", $"/aksi/73.24/{Year}/publikasi.pdf?periode={earlier}");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("publication-pdf").ClickAsync());
            Assert.Equal($"publikasi-stunting-73-24-{earlier}.pdf", download.SuggestedFilename);

            await page.SetViewportSizeAsync(360, 740);
            await Assertions.Expect(summary).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "publication-2-page-phone");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "publication-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
