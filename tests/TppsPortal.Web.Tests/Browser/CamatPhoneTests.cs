using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

public sealed class CamatPhoneTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    [Fact]
    public async Task CamatMalili_OnAPhone_SeesMaliliAndNotNuha()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);

        await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
        await Assertions.Expect(page.GetByTestId("scope-name")).ToHaveTextAsync("Kecamatan Malili");
        await Assertions.Expect(page.GetByText("Buka wilayah")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "foundation-camat-malili-home-360");

        await page.GotoAsync("/wilayah");
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByText("Desa Malili Contoh 1").First).ToBeVisibleAsync();
        var body = await page.Locator("body").InnerTextAsync();
        var screenshot = await BrowserSession.ScreenshotAsync(page, "foundation-camat-malili-wilayah-360");

        Assert.Contains("Malili", body);
        Assert.Contains("Desa Malili Contoh 1", body);
        Assert.DoesNotContain("Nuha", body);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is empty.");
        // Nothing sticks out sideways on a 360-pixel phone.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone screen.");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsTheMessageInIndonesian()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);

        await page.GotoAsync("/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("camat.malili");
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync("salah-kata-sandi-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Nama pengguna atau kata sandi salah.");
        await Assertions.Expect(page.GetByLabel("Nama pengguna")).ToHaveValueAsync("camat.malili");
        await BrowserSession.ScreenshotAsync(page, "foundation-login-error-360");
    }
}
