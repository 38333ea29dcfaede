using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The secretariat of Luwu Timur on a desktop: the figure list, a figure refused as a duplicate (the message next to
/// the year, nothing typed lost) and then saved, and the target path filled along a straight line.
/// </summary>
public sealed class PrevalenceFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static PrevalenceFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AdminLutim_AddsAFigure_AfterTheDuplicateMessage_AndFillsTheTargetPath()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
        await page.GotoAsync("/prevalensi/angka");
        await BrowserSession.WaitInteractiveAsync(page);
        var grid = page.GetByTestId("figure-grid");
        await Assertions.Expect(grid).ToContainTextAsync("22,6 %");
        await BrowserSession.ScreenshotAsync(page, "prevalence-1-figures");

        await page.GetByTestId("add-figure").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Tahun").FillAsync("2022");
        await dialog.GetByLabel("Nilai (%)").FillAsync("22,9");
        await dialog.GetByLabel("Sitasi").FillAsync("SSGI 2022, tabel kabupaten");
        await dialog.GetByTestId("save-figure").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("sudah ada");
        await Assertions.Expect(dialog.GetByLabel("Nilai (%)")).ToHaveValueAsync("22,9");
        await BrowserSession.ScreenshotAsync(page, "prevalence-2-duplicate");

        // The refused year is corrected and "Simpan" pressed as a person presses it: the message under the year stays until
        // the save, so the dialog keeps its size and the button stays under the pointer.
        await dialog.GetByLabel("Tahun").FillAsync("2020");
        await BrowserSession.ClickLikeAPersonAsync(dialog.GetByTestId("save-figure"));
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(grid).ToContainTextAsync("22,9 %");

        // An import with one bad row saves nothing and lists the row and column.
        await page.GetByTestId("import-figures").ClickAsync();
        var import = page.GetByRole(AriaRole.Dialog);
        await BrowserSession.ChooseFileAsync(import.Locator("input[type=file]"), new FilePayload
        {
            Name = "angka.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(
                "kode_wilayah;indikator;sumber;tahun;bulan;nilai;pembilang;penyebut;rse;batas_bawah;batas_atas;sitasi\n" +
                "73.24.04;stunting;EPPGBM;2024;8;11,5;;;;;;e-PPGBM\n" +
                "73.24.02;stunting;EPPGBM;2024;13;9,5;;;;;;e-PPGBM\n"),
        });
        var errors = import.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("bulan");
        await Assertions.Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(import.GetByTestId("import-summary")).ToContainTextAsync("Tidak ada yang disimpan");
        await BrowserSession.ScreenshotAsync(page, "prevalence-3-import-errors");
        await import.GetByRole(AriaRole.Button, new() { Name = "Tutup" }).ClickAsync();
        await Assertions.Expect(grid).Not.ToContainTextAsync("11,5 %");

        await page.GotoAsync("/prevalensi/target");
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("target-status")).ToContainTextAsync("8,6 poin");
        await page.GetByLabel("Tahun akhir").FillAsync("2026");
        await page.GetByLabel("Target akhir (%)").FillAsync("10");
        await page.GetByTestId("fill-linear").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Target baris 4")).ToHaveValueAsync("10");
        await Assertions.Expect(page.GetByLabel("Target baris 1")).ToHaveValueAsync("19,5");
        await page.GetByTestId("save-target").ClickAsync();
        await Assertions.Expect(page.GetByText("Target disimpan.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("target-status")).ToContainTextAsync("12,6 poin");
        await BrowserSession.ScreenshotAsync(page, "prevalence-4-target");
    }
}
