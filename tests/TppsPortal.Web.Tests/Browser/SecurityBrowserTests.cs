using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Data;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The Content-Security-Policy in a real Chromium: Blazor Server, MudBlazor (menus, dialogs, charts), the journal and
/// the print page run without a single violation; the sign-out button sends its antiforgery token and ends the session.
/// </summary>
public sealed class SecurityBrowserTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static SecurityBrowserTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AdminLutim_WorksThroughThePortalAndSignsOut_WithoutAContentSecurityPolicyViolation()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        var problems = await WatchForViolationsAsync(page);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);

            // The dashboard: MudBlazor selects and cards, the SVG trend chart.
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();

            // A MudBlazor dialog over a data grid.
            await page.GotoAsync("/instansi");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByTestId("add-agency").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");

            // The printable minutes (print.js); journal.js is on every page.
            if (await FirstMeetingIdAsync() is { } meetingId)
            {
                await page.GotoAsync($"/rapat/{meetingId}/cetak");
                await Assertions.Expect(page.Locator("#print-button")).ToBeVisibleAsync();
            }
            await page.GotoAsync("/");
            await BrowserSession.WaitInteractiveAsync(page);

            // Sign out through the account menu: the form carries its antiforgery token.
            await page.GetByTestId("account-menu").GetByText("Admin Sekretariat TPPS Luwu Timur (demo)").ClickAsync(); // the app bar names the person
            await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/masuk\\?keluar=1"));
            await BrowserSession.ScreenshotAsync(page, "security-signed-out");
            await Assertions.Expect(page.GetByText("Anda sudah keluar.", new() { Exact = false })).ToBeVisibleAsync();
            await page.GotoAsync("/dasbor");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/masuk"));

            // Give late reports (the circuit closing) a moment to arrive.
            await page.WaitForTimeoutAsync(500);
            lock (problems)
            {
                Assert.True(problems.Count == 0, "Violations or errors in the browser:\n" + string.Join("\n", problems));
            }
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            await BrowserSession.ScreenshotAsync(page, "security-failure");
            lock (problems)
            {
                throw new Xunit.Sdk.XunitException(ex.Message + "\nIn the browser:\n" + string.Join("\n", problems));
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AdminLutim_CreatesAnIntegrationAccount_WithoutAPassword_AndMakesItsToken_WhichReadsOnlyTheDistrict()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        var problems = await WatchForViolationsAsync(page);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/pengguna");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByTestId("add-user").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Nama pengguna").FillAsync("integrasi.dasbor.lutim");
            await dialog.GetByLabel("Nama lengkap").FillAsync("Dasbor Bappelitbangda Luwu Timur");
            await dialog.GetByText("Akun integrasi (untuk sistem lain, bukan orang)").ClickAsync();
            await Assertions.Expect(dialog.GetByLabel("Kata sandi awal")).ToHaveCountAsync(0);
            await dialog.GetByLabel("Peran").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Pimpinan", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
            await dialog.GetByLabel("Wilayah kerja (kabupaten/kota)").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Kabupaten Luwu Timur", Exact = false }).First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
            await BrowserSession.ScreenshotAsync(page, "users-integration-new");
            await dialog.GetByTestId("save-user").ClickAsync();
            await Assertions.Expect(page.GetByText("Akun integrasi integrasi.dasbor.lutim dibuat.")).ToBeVisibleAsync();

            var row = page.GetByTestId("user-grid").Locator("tr", new() { HasText = "integrasi.dasbor.lutim" });
            await Assertions.Expect(row).ToContainTextAsync("Integrasi");
            await row.GetByRole(AriaRole.Button, new() { Name = "Tindakan untuk integrasi.dasbor.lutim" }).ClickAsync();
            await page.GetByText("Token API", new() { Exact = true }).ClickAsync();
            var tokens = page.GetByRole(AriaRole.Dialog).GetByTestId("api-tokens");
            await tokens.GetByLabel("Nama token").FillAsync("Dasbor kabupaten");
            await BrowserSession.ClickLikeAPersonAsync(tokens.GetByTestId("token-create"));
            await Assertions.Expect(tokens.GetByTestId("token-created")).ToContainTextAsync("Dasbor Bappelitbangda Luwu Timur");
            var secret = (await tokens.GetByTestId("token-secret").InnerTextAsync()).Trim();
            await BrowserSession.ScreenshotAsync(page, "users-integration-token");

            using var client = portal.CreateHttpClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/wilayah/73.24")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/api/wilayah/73.12")).StatusCode);

            await page.WaitForTimeoutAsync(500);
            lock (problems)
            {
                Assert.True(problems.Count == 0, "Violations or errors in the browser:\n" + string.Join("\n", problems));
            }
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            await BrowserSession.ScreenshotAsync(page, "users-integration-failure");
            lock (problems)
            {
                throw new Xunit.Sdk.XunitException(ex.Message + "\nIn the browser:\n" + string.Join("\n", problems));
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Console errors, page errors, and every securitypolicyviolation event (a listener added before any page script,
    /// through the DevTools protocol, which the policy does not govern).
    /// </summary>
    private static async Task<List<string>> WatchForViolationsAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("WebSocket", StringComparison.Ordinal))
            {
                lock (problems) problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => { lock (problems) problems.Add($"page error: {error}"); };
        await page.Context.ExposeFunctionAsync("__tppsCspViolation", (string text) => { lock (problems) problems.Add($"csp: {text}"); });
        await page.Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.__tppsCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));");
        return problems;
    }

    private async Task<int?> FirstMeetingIdAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Meetings.Where(m => m.RegionCode.StartsWith("73.24")).OrderBy(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync();
    }
}
