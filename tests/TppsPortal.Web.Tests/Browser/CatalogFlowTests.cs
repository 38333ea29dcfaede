using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// Admin Sistem extends the indicator list: a code the portal cannot use is refused next to the code with the name
/// kept, the corrected entry is saved, and the dashboard offers the new indicator at once.
/// </summary>
public sealed class CatalogFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static CatalogFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AdminSistem_AddsAnIndicator_AfterACodeError_AndTheDashboardOffersIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.sistem", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Indikator dan sumber data" }).ClickAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("indicator-table")).ToContainTextAsync("Stunting (pendek dan sangat pendek)");

            await page.GetByTestId("add-indicator").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Kode").FillAsync("anemia ibu");
            await dialog.GetByLabel("Nama").FillAsync("Anemia ibu hamil");
            await dialog.GetByTestId("save-catalog").ClickAsync();
            await Assertions.Expect(dialog).ToContainTextAsync("huruf kecil, angka atau tanda hubung");
            await Assertions.Expect(dialog.GetByLabel("Nama")).ToHaveValueAsync("Anemia ibu hamil");
            await BrowserSession.ScreenshotAsync(page, "catalog-1-code-error");

            await dialog.GetByLabel("Kode").FillAsync("anemia-ibu-hamil");
            await dialog.GetByTestId("save-catalog").ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            var row = page.GetByTestId("indicator-table").Locator("tr[data-code='anemia-ibu-hamil']");
            await Assertions.Expect(row).ToContainTextAsync("Anemia ibu hamil");
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Hapus indikator Anemia ibu hamil" })).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "catalog-2-added");

            await page.GotoAsync("/dasbor?wilayah=73.24");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByTestId("filter-indicator").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Anemia ibu hamil" })).ToBeVisibleAsync();
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "catalog-flow-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
