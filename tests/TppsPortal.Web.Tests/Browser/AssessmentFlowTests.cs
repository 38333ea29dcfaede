using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The province's assessment in Chromium: Luwu Timur sees nothing before publication; pemantau.sulsel opens the board,
/// is refused an out-of-range score at the field, scores the 8 aksi of Luwu Timur and publishes; Luwu Timur's
/// secretariat then sees the scores and comments on a phone.
/// </summary>
public sealed class AssessmentFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    // The board opens on the year just past: the province assesses the previous year's cycle.
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 1;
    private static readonly int[] Scores = [80, 75, 90, 60, 70, 85, 95, 65];

    static AssessmentFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Pemantau_ScoresLuwuTimurAndPublishes_ThenLuwuTimurSeesTheScores()
    {
        var district = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            // Before: the district sees that there is nothing yet.
            await BrowserSession.SignInAsync(district, "admin.lutim", PortalFactory.DemoPassword);
            await district.GotoAsync($"/aksi/73.24/{Year}/penilaian");
            await BrowserSession.WaitInteractiveAsync(district);
            await Assertions.Expect(district.GetByTestId("assessment-scores")).ToContainTextAsync("Penilaian provinsi belum dipublikasikan.");

            await BrowserSession.SignInAsync(page, "pemantau.sulsel", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Penilaian aksi" }).ClickAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            var table = page.GetByTestId("assessment-table");
            await Assertions.Expect(table).ToContainTextAsync("Kabupaten Luwu Timur");
            await Assertions.Expect(table).ToContainTextAsync("Kabupaten Soppeng");
            await Assertions.Expect(page.GetByTestId("district-73.24")).ToContainTextAsync("Belum memulai");
            await BrowserSession.ScreenshotAsync(page, "assessment-1-board");

            await page.GetByTestId("district-73.24").GetByRole(AriaRole.Link, new() { Name = "Nilai Kabupaten Luwu Timur" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Penilaian Kabupaten Luwu Timur, tahun {Year}" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("aksi-8")).ToContainTextAsync("Reviu kinerja tahunan");

            // Out of range: refused at the field, and what was typed stays.
            var first = page.GetByLabel("Nilai (0-100)").First;
            await first.FillAsync("150");
            await first.PressAsync("Tab");
            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("aksi-1")).ToContainTextAsync("Nilai harus antara 0 dan 100.");
            await Assertions.Expect(first).ToHaveValueAsync("150");
            await BrowserSession.ScreenshotAsync(page, "assessment-2-refused-score");

            for (var i = 0; i < Scores.Length; i++)
            {
                var score = page.GetByLabel("Nilai (0-100)").Nth(i);
                await score.FillAsync(Scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                await score.PressAsync("Tab");
                await page.GetByLabel("Komentar").Nth(i).FillAsync($"Bukti aksi {i + 1} dinilai dari dokumen.");
            }
            await page.GetByLabel("Komentar").Nth(7).PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("assessment-total")).ToContainTextAsync("Total 620 (8 dari 8 aksi dinilai)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publikasikan" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("assessment-state")).ToContainTextAsync("Dipublikasikan oleh Pemantau Provinsi Sulawesi Selatan (demo)");
            await BrowserSession.ScreenshotAsync(page, "assessment-3-published");
            await page.SetViewportSizeAsync(360, 740);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tarik publikasi" })).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "assessment-3b-published-phone");
            await page.SetViewportSizeAsync(1280, 900);

            await page.GotoAsync($"/aksi/penilaian?tahun={Year}");
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("ranking")).ToContainTextAsync("Kabupaten Luwu Timur");
            await Assertions.Expect(page.GetByTestId("district-73.24")).ToContainTextAsync("Dipublikasikan");
            await BrowserSession.ScreenshotAsync(page, "assessment-4-ranking");
            await page.SetViewportSizeAsync(360, 740);
            await Assertions.Expect(page.GetByTestId("assessment-list")).ToContainTextAsync("Total 620");
            await BrowserSession.ScreenshotAsync(page, "assessment-5-board-phone");

            // After: the district sees its scores and comments.
            await district.ReloadAsync();
            await BrowserSession.WaitInteractiveAsync(district);
            var scores = district.GetByTestId("assessment-scores");
            await Assertions.Expect(scores).ToContainTextAsync("Total 620");
            await Assertions.Expect(scores).ToContainTextAsync("peringkat 1 dari 1");
            await Assertions.Expect(scores).ToContainTextAsync("Bukti aksi 7 dinilai dari dokumen.");
            await Assertions.Expect(scores).ToContainTextAsync("Aksi 7: Pengukuran dan publikasi stunting");
            await BrowserSession.ScreenshotAsync(district, "assessment-6-district-phone");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "assessment-failure");
            await BrowserSession.ScreenshotAsync(district, "assessment-failure-district");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
            await district.Context.CloseAsync();
        }
    }
}
