using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The secretariat's reminder settings page: Luwu Timur's Admin Sekretariat changes them and sees who changed them,
/// a save from a stale page is refused with the conflict message, a camat neither sees the menu entry nor the page.
/// The web tests' portal runs without the scheduler: no Quartz tables appear in its database.
/// </summary>
public sealed class ReminderSettingsFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static ReminderSettingsFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Secretariat_ChangesReminders_SeesWhoChangedThem_AndAStaleSaveIsRefused()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        var stale = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Pengaturan pengingat" }).ClickAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            var settings = page.GetByTestId("reminder-settings");
            await Assertions.Expect(settings).ToContainTextAsync("07.00 WITA");
            await Assertions.Expect(page.GetByTestId("last-changed")).ToContainTextAsync("Belum pernah diubah");

            // A second page opened before the change: it will hold the old version.
            await BrowserSession.SignInAsync(stale, "admin.lutim", PortalFactory.DemoPassword);
            await stale.GotoAsync("/pengaturan/pengingat");
            await BrowserSession.WaitInteractiveAsync(stale);
            await Assertions.Expect(stale.GetByTestId("reminder-settings")).ToBeVisibleAsync();

            await settings.GetByText("Ingatkan tindak lanjut yang terlambat").ClickAsync();
            var days = settings.GetByLabel("Berapa hari sebelumnya").First;
            await days.FillAsync("5");
            await days.PressAsync("Tab");
            await settings.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Pengaturan pengingat disimpan.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("last-changed")).ToContainTextAsync("Terakhir diubah oleh Admin Sekretariat TPPS Luwu Timur (demo) pada");
            await Assertions.Expect(page.GetByTestId("last-changed")).ToContainTextAsync(" WITA");
            await BrowserSession.ScreenshotAsync(page, "reminder-settings-1-saved");

            await using (var db = CreateContext())
            {
                var saved = await db.ReminderSettings.SingleAsync(s => s.DistrictCode == "73.24");
                Assert.False(saved.ActionOverdue);
                Assert.Equal(5, saved.ActionDaysBefore);
                Assert.True(saved.ActionDueSoon);
            }

            await stale.GetByTestId("reminder-settings").GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
            await Assertions.Expect(stale.GetByTestId("settings-error")).ToContainTextAsync("diubah");
            await BrowserSession.ScreenshotAsync(stale, "reminder-settings-2-conflict-phone");
            await using (var db = CreateContext())
            {
                Assert.False((await db.ReminderSettings.SingleAsync(s => s.DistrictCode == "73.24")).ActionOverdue);
            }
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "reminder-settings-failure");
            await BrowserSession.ScreenshotAsync(stale, "reminder-settings-failure-stale");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
            await stale.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Camat_HasNoReminderSettings()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Tindak lanjut" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pengaturan pengingat" })).ToHaveCountAsync(0);
            await page.GotoAsync("/pengaturan/pengingat");
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByText("hanya dapat diubah oleh Admin Sekretariat")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("reminder-settings")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WebTestPortal_RunsNoScheduler_SoNoQuartzTables()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM pg_tables WHERE tablename LIKE 'qrtz\\_%'", connection);
        Assert.Equal(0, (int)(await command.ExecuteScalarAsync())!);
    }

    private TppsPortal.Data.AppDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<TppsPortal.Data.AppDbContext>().UseNpgsql(portal.ConnectionString).UseSnakeCaseNamingConvention().Options);
}
