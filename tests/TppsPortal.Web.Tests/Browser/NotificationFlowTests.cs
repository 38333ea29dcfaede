using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Notifications;
using TppsPortal.Submissions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The bell in Chromium: a camat's open page hears of a period the secretariat opens without a reload (PostgreSQL
/// NOTIFY through the portal's listener), the bell lists it, a tap opens the form and marks it read, and the list page
/// offers the WhatsApp message.
/// </summary>
public sealed class NotificationFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static NotificationFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AnOpenPage_ShowsANewNotificationWithoutReload_AndTheBellTakesTheCamatToTheForm()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, width: 1280, height: 900);
        await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
        await page.GotoAsync("/laporan");
        await BrowserSession.WaitInteractiveAsync(page);
        var before = await UnreadAsync("camat.malili");
        await ExpectBadgeAsync(page, before);

        // The secretariat opens a period elsewhere (another circuit, the service layer): the camat's page hears of it.
        var period = await CamatForms.OpenFreePeriodAsync(portal.Services);
        await ExpectBadgeAsync(page, before + 1);
        await BrowserSession.ScreenshotAsync(page, "bell-badge");

        await page.GetByTestId("bell-button").ClickAsync();
        var item = page.GetByTestId("bell-item").Filter(new() { HasText = $"Periode pelaporan {period.Label} dibuka" });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(page, "bell-open");
        await item.ClickAsync();
        // The URL as the page has it: a client-side navigation (Blazor's NavigateTo) can slip past WaitForURL's
        // navigation events (a run under load saw the URL change after 264 ms and the wait never end).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/laporan/{period.Id}/{CamatForms.Malili}") + "$"));
        await ExpectBadgeAsync(page, before);
        Assert.Equal(before, await UnreadAsync("camat.malili"));

        // The list page: the notification, read, with a WhatsApp message for the camat's own group.
        await page.GotoAsync("/pemberitahuan");
        await BrowserSession.WaitInteractiveAsync(page);
        var row = page.GetByTestId("notification").Filter(new() { HasText = $"Periode pelaporan {period.Label} dibuka" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-read", "true");
        var href = await row.GetByTestId("whatsapp-link").GetAttributeAsync("href");
        Assert.StartsWith("https://wa.me/?text=", href, StringComparison.Ordinal);
        Assert.Contains($"Periode pelaporan stunting {period.Label} sudah dibuka", Uri.UnescapeDataString(new Uri(href!).Query), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "notifications-page");

        // A phone: the bell is in the app bar there too.
        var phone = await browser.NewPageAsync(portal.ServerAddress);
        await BrowserSession.SignInAsync(phone, "camat.malili", PortalFactory.DemoPassword);
        await phone.GotoAsync("/pemberitahuan");
        await BrowserSession.WaitInteractiveAsync(phone);
        await Assertions.Expect(phone.GetByTestId("bell-button")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(phone, "notifications-page-360");
    }

    [Fact]
    public async Task TheSecretariat_GetsAReadyGroupMessageOfOverdueActions_ToCopyOrSendByWhatsApp()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, width: 1280, height: 900);
        await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
        await page.GotoAsync("/tindak-lanjut?terlambat=1");
        await BrowserSession.WaitInteractiveAsync(page);
        // Demo actions due in 2024 and still open: each row offers a reminder to its agency.
        await Assertions.Expect(page.GetByTestId("action-whatsapp").First).ToBeVisibleAsync();
        var reminder = await page.GetByTestId("action-whatsapp").First.GetAttributeAsync("href");
        Assert.Matches(@"^https://wa\.me/(62\d{9,13})?\?text=Yth\.%20Operator%20", reminder);

        await page.GetByTestId("overdue-message").ClickAsync();
        var text = page.GetByTestId("overdue-message-dialog").Locator("textarea");
        await Assertions.Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Daftar tindak lanjut terlambat per \\d{1,2} \\w+ \\d{4}:\n1\\. "));
        var href = await page.GetByTestId("overdue-message-whatsapp").GetAttributeAsync("href");
        Assert.StartsWith("https://wa.me/?text=Daftar%20tindak%20lanjut%20terlambat%20per%20", href, StringComparison.Ordinal);
        Assert.Equal(await text.InputValueAsync(), Uri.UnescapeDataString(new Uri(href!).Query["?text=".Length..]));
        await BrowserSession.ScreenshotAsync(page, "overdue-group-message");
    }

    private static async Task ExpectBadgeAsync(IPage page, int unread)
    {
        var label = unread > 0 ? $"Pemberitahuan: {unread} belum dibaca" : "Pemberitahuan";
        await Assertions.Expect(page.GetByTestId("bell-button")).ToHaveAttributeAsync("aria-label", label);
    }

    private async Task<int> UnreadAsync(string userName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var actor = await CamatForms.ActorAsync(scope.ServiceProvider, userName);
        return await scope.ServiceProvider.GetRequiredService<NotificationService>().UnreadCountAsync(actor);
    }
}
