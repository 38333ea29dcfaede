using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TppsPortal.Notifications;
using TppsPortal.Web.Tests.Browser;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Notifications;

/// <summary>
/// A camat opens "Profil & pemberitahuan" from the account menu, is told next to the field that the WhatsApp number is
/// not a mobile number (what was typed stays), corrects it, switches a kind off and the digest on, saves, and finds
/// the choices again after a reload. Screenshots on a desktop and a 360-pixel phone.
/// </summary>
public sealed class ProfilePageFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static ProfilePageFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Camat_SetsEmailWhatsAppDigestAndKinds_AfterAWhatsAppError_AndFindsThemAfterReload()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GetByTestId("account-menu").ClickAsync();
            await page.GetByText("Profil & pemberitahuan").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/akun/profil$")); // polls the page's URL (see NotificationFlowTests)
            await BrowserSession.WaitInteractiveAsync(page);

            await page.GetByLabel("Alamat e-mail").FillAsync("camat.malili@luwutimurkab.go.id");
            await page.GetByLabel("Nomor WhatsApp").FillAsync("12345");
            await page.GetByTestId("save-profile").ClickAsync();
            await Assertions.Expect(page.GetByText(WhatsApp.InvalidNumberMessage)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Nomor WhatsApp")).ToHaveValueAsync("12345");
            await Assertions.Expect(page.GetByLabel("Alamat e-mail")).ToHaveValueAsync("camat.malili@luwutimurkab.go.id");
            await BrowserSession.ScreenshotAsync(page, "profile-1-whatsapp-error");

            await page.GetByLabel("Nomor WhatsApp").FillAsync("0812 3456 7890");
            await page.GetByText("Ringkasan harian", new() { Exact = true }).ClickAsync();
            await page.GetByLabel(NotificationKind.MeetingScheduled.Display()).UncheckAsync();
            await page.GetByTestId("save-profile").ClickAsync();
            await Assertions.Expect(page.GetByText("Profil tersimpan.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText(WhatsApp.InvalidNumberMessage)).ToHaveCountAsync(0);
            await BrowserSession.ScreenshotAsync(page, "profile-2-saved");

            await page.ReloadAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByLabel("Alamat e-mail")).ToHaveValueAsync("camat.malili@luwutimurkab.go.id");
            await Assertions.Expect(page.GetByLabel("Nomor WhatsApp")).ToHaveValueAsync(WhatsApp.Display("6281234567890"));
            await Assertions.Expect(page.GetByLabel(NotificationKind.MeetingScheduled.Display())).Not.ToBeCheckedAsync();
            await Assertions.Expect(page.GetByLabel(NotificationKind.ActionOverdue.Display())).ToBeCheckedAsync();
            await Assertions.Expect(page.GetByLabel("Ringkasan harian")).ToBeCheckedAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Camat_MakesAnApiToken_SeesItOnce_ItReadsTheKecamatan_AndRevokingItEndsIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync("/akun/profil");
            await BrowserSession.WaitInteractiveAsync(page);
            var panel = page.GetByTestId("api-tokens");

            // No name: refused at the field, nothing made.
            await BrowserSession.ClickLikeAPersonAsync(panel.GetByTestId("token-create"));
            await Assertions.Expect(panel.GetByText("Nama token wajib diisi")).ToBeVisibleAsync();
            await panel.GetByLabel("Nama token").FillAsync("Lembar kerja kecamatan");
            await BrowserSession.ClickLikeAPersonAsync(panel.GetByTestId("token-create"));
            await Assertions.Expect(panel.GetByTestId("token-created")).ToContainTextAsync("hanya ditampilkan sekali");
            var secret = (await panel.GetByTestId("token-secret").InnerTextAsync()).Trim();
            Assert.StartsWith("tpps_", secret);
            await Assertions.Expect(panel.GetByTestId("token-list")).ToContainTextAsync("Lembar kerja kecamatan");
            await Assertions.Expect(panel.GetByTestId("token-list")).ToContainTextAsync(secret[..13]);
            await BrowserSession.ScreenshotAsync(page, "profile-4-api-token-made");

            using var client = portal.CreateHttpClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/wilayah/73.24.04")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/api/wilayah/73.24.02")).StatusCode);

            // After a reload the secret is gone for good; the list still names the token.
            await page.ReloadAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(panel.GetByTestId("token-secret")).ToHaveCountAsync(0);
            Assert.DoesNotContain(secret, await page.ContentAsync());
            await panel.GetByRole(AriaRole.Button, new() { Name = "Cabut token Lembar kerja kecamatan" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Cabut", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Token \"Lembar kerja kecamatan\" dicabut.")).ToBeVisibleAsync();
            await Assertions.Expect(panel.GetByTestId("token-list")).ToContainTextAsync("Dicabut");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/wilayah/73.24.04")).StatusCode);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "profile-api-token-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ProfilePage_OnAPhone_FitsTheScreen()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "opd.dp2kb.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/akun/profil");
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByLabel(NotificationKind.ActionOverdue.Display())).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Ringkasan harian", new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("07.00 WITA", new() { Exact = false })).ToBeVisibleAsync();
            var screenshot = await BrowserSession.ScreenshotAsync(page, "profile-3-phone-360");

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone screen.");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is empty.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
