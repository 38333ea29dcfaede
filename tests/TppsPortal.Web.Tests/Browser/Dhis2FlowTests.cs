using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The secretariat's DHIS2 page: Luwu Timur's Admin Sekretariat opens it from the menu, sees the export report with the
/// figures the demo left unmapped, types a wrong UID for one (the message stands next to the field), corrects it, saves,
/// and the report no longer lists the figure; the JSON download carries its values.
/// </summary>
public sealed class Dhis2FlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static Dhis2FlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Secretariat_MapsAFigure_SavesIt_AndTheReportNoLongerListsIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Integrasi DHIS2" }).ClickAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            var unmapped = page.GetByTestId("unmapped-figures");
            await Assertions.Expect(unmapped).ToContainTextAsync("Ibu hamil KEK");
            await Assertions.Expect(unmapped).ToContainTextAsync("Baduta");
            await BrowserSession.ScreenshotAsync(page, "dhis2-1-report");

            var field = page.GetByLabel("Data element Ibu hamil KEK");
            await field.FillAsync("12345");
            await field.PressAsync("Tab");
            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan pemetaan" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("element-table")).ToContainTextAsync("Ibu hamil KEK: data element \"12345\" bukan UID DHIS2");
            await Assertions.Expect(page.GetByTestId("mapping-error")).ToContainTextAsync("perbaiki isian yang ditandai");
            await BrowserSession.ScreenshotAsync(page, "dhis2-2-refused");

            await field.FillAsync("KekUid12345");
            await BrowserSession.ClickLikeAPersonAsync(page.GetByRole(AriaRole.Button, new() { Name = "Simpan pemetaan" }));
            await Assertions.Expect(page.GetByText("Pemetaan DHIS2 disimpan.")).ToBeVisibleAsync();
            await Assertions.Expect(unmapped).Not.ToContainTextAsync("Ibu hamil KEK");
            await Assertions.Expect(unmapped).ToContainTextAsync("Baduta");
            await Assertions.Expect(page.GetByTestId("last-changed")).ToContainTextAsync("Admin Sekretariat TPPS Luwu Timur (demo)");
            await BrowserSession.ScreenshotAsync(page, "dhis2-3-saved");

            await using (var db = new TppsPortal.Data.AppDbContext(new DbContextOptionsBuilder<TppsPortal.Data.AppDbContext>()
                             .UseNpgsql(portal.ConnectionString).UseSnakeCaseNamingConvention().Options))
            {
                Assert.Equal("KekUid12345", await db.Dhis2ElementMaps.Where(m => m.DistrictCode == "73.24" && m.FigureKey == "ibu_hamil_kek").Select(m => m.DataElement).SingleAsync());
            }

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh JSON" }).ClickAsync());
            Assert.StartsWith("dhis2-73-24-", download.SuggestedFilename);
            var path = await download.PathAsync();
            var text = await File.ReadAllTextAsync(path!);
            Assert.Contains("\"dataValues\":[", text);
            // The file holds as many values as the report on the page says ("November 2026: 1.234 nilai diekspor ...").
            var shown = System.Text.RegularExpressions.Regex.Match(await page.GetByTestId("dhis2-report").InnerTextAsync(), @": ([0-9.]+) nilai diekspor");
            Assert.True(shown.Success);
            var count = int.Parse(shown.Groups[1].Value.Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count > 0);
            Assert.Equal(count, System.Text.RegularExpressions.Regex.Count(text, "\"dataElement\":"));
            Assert.Contains("\"dataElement\":\"KekUid12345\"", text);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dhis2-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
