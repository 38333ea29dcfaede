using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Submissions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The camat form on a 360x740 phone: filled village by village and saved as typed, submitted, returned by the
/// secretariat with a comment, fixed, resubmitted and approved. Each test opens its own period (a month of next
/// year that no demo data uses), so it does not depend on the demo submissions.
/// </summary>
public sealed class CamatFormFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    private const string Malili = "73.24.04";

    /// <summary>The text a person sees: "Tersimpan" hidden because the journal still holds a value does not count.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions ShownText = new() { UseInnerText = true };

    static CamatFormFlowTests()
    {
        // Every field goes through the circuit and the database; a busy 2-core machine needs more than five seconds.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task CamatMalili_FillsAndSubmits_AdminReturnsWithAComment_CamatFixesAndResubmits_AdminApproves()
    {
        var period = await OpenFreePeriodAsync();
        var label = IndonesianFormat.MonthYear(period.Year, period.Month);
        var rows = (await FormAsync("camat.malili", period.Id)).Rows;
        Assert.NotEmpty(rows);
        var camat = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        var admin = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            // The camat finds the new period on the reports page and fills every village.
            await BrowserSession.SignInAsync(camat, "camat.malili", PortalFactory.DemoPassword);
            await camat.GotoAsync("/laporan");
            await BrowserSession.WaitInteractiveAsync(camat);
            var card = camat.GetByTestId("camat-periods").Locator(".mud-paper").Filter(new() { HasText = label });
            await card.GetByRole(AriaRole.Link, new() { Name = "Isi laporan" }).ClickAsync();
            await Assertions.Expect(camat.GetByTestId("report-status")).ToHaveTextAsync("Belum diisi");
            foreach (var row in rows)
            {
                var village = Village(camat, row.VillageName);
                foreach (var (figure, value) in Figures(row))
                {
                    await village.GetByLabel(figure.Label(), new() { Exact = true }).FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            foreach (var row in rows)
            {
                await Assertions.Expect(Village(camat, row.VillageName).GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);
            }
            await Assertions.Expect(camat.GetByTestId("save-all")).ToHaveTextAsync("Semua perubahan tersimpan");
            var expected = VillageValues.Sum(rows.Select(r => Values(r)));
            await Assertions.Expect(camat.GetByTestId("total-prevalence")).ToHaveTextAsync(IndonesianFormat.Percent(expected.Prevalence!.Value));
            await ScreenshotAtTopAsync(camat, "camat-form-1-filled");

            await camat.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke sekretariat" }).ClickAsync();
            await camat.GetByRole(AriaRole.Button, new() { Name = "Ya, ajukan" }).ClickAsync();
            await ExpectStatusAsync(camat, "Diajukan");

            // The secretariat sees it waiting and returns it, with a remark on the first village.
            var first = rows[0];
            await BrowserSession.SignInAsync(admin, "admin.lutim", PortalFactory.DemoPassword);
            await admin.GotoAsync("/laporan");
            await BrowserSession.WaitInteractiveAsync(admin);
            await admin.GetByTestId("waiting").GetByRole(AriaRole.Link, new() { Name = $"Kecamatan Malili · {label}" }).ClickAsync();
            await ExpectStatusAsync(admin, "Diajukan");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Kembalikan" }).ClickAsync();
            var dialog = admin.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Alasan pengembalian").FillAsync("Jumlah keluarga belum sesuai pendataan keluarga terbaru.");
            await dialog.GetByLabel(first.VillageName, new() { Exact = true }).FillAsync("Jumlah keluarga kurang satu.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Kembalikan" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await ExpectStatusAsync(admin, "Dikembalikan");

            // The camat sees the reason at the top and the remark at the village, fixes the number and resubmits.
            await camat.ReloadAsync();
            await BrowserSession.WaitInteractiveAsync(camat);
            await ExpectStatusAsync(camat, "Dikembalikan");
            await Assertions.Expect(camat.GetByTestId("return-comment")).ToContainTextAsync("Jumlah keluarga belum sesuai pendataan keluarga terbaru.");
            var firstVillage = Village(camat, first.VillageName);
            await Assertions.Expect(firstVillage.GetByTestId("village-return-comment")).ToContainTextAsync("Jumlah keluarga kurang satu.");
            await ScreenshotAtTopAsync(camat, "camat-form-2-returned");

            var families = Values(first).Families!.Value + 1;
            var field = firstVillage.GetByLabel(Figure.Families.Label(), new() { Exact = true });
            await field.FillAsync("");
            await field.PressSequentiallyAsync(families.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await EventuallyStoredAsync(period.Id, first.VillageCode, v => v.Families == families);
            await Assertions.Expect(firstVillage.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);
            await Assertions.Expect(camat.GetByTestId("save-all")).ToHaveTextAsync("Semua perubahan tersimpan");
            await camat.GetByRole(AriaRole.Button, new() { Name = "Ajukan ke sekretariat" }).ClickAsync();
            await camat.GetByRole(AriaRole.Button, new() { Name = "Ya, ajukan" }).ClickAsync();
            await ExpectStatusAsync(camat, "Diajukan");
            await ScreenshotAtTopAsync(camat, "camat-form-3-resubmitted");

            // The secretariat approves; the figures are locked.
            await admin.ReloadAsync();
            await BrowserSession.WaitInteractiveAsync(admin);
            await ExpectStatusAsync(admin, "Diajukan");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Ya, setujui" }).ClickAsync();
            await ExpectStatusAsync(admin, "Disetujui");
            await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Buka kembali" })).ToBeVisibleAsync();
            await ScreenshotAtTopAsync(admin, "camat-form-4-approved");

            var stored = await FormAsync("admin.lutim", period.Id);
            Assert.Equal(ReportStatus.Disetujui, stored.Status);
            Assert.False(stored.IsLate);
            Assert.Equal(families, stored.Rows.Single(r => r.VillageCode == first.VillageCode).Values.Families);
            foreach (var row in rows.Skip(1))
            {
                Assert.Equal(Values(row), stored.Rows.Single(r => r.VillageCode == row.VillageCode).Values);
            }
            var history = await HistoryAsync(stored.ReportId!.Value);
            Assert.Equal(2, history.Count(c => c.What == "diajukan"));
            Assert.Contains(history, c => c.What == "dikembalikan" && c.NewValue == "Jumlah keluarga belum sesuai pendataan keluarga terbaru.");
            Assert.Contains(history, c => c.What == Figure.Families.Label() && c.VillageCode == first.VillageCode && c.NewValue == families.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var overflow = await camat.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The form is {overflow} px wider than the phone screen.");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(camat, "camat-form-flow-failure-camat");
            await BrowserSession.ScreenshotAsync(admin, "camat-form-flow-failure-admin");
            throw;
        }
    }

    [Fact]
    public async Task TheJumpList_OnAPhone_BringsTheChosenVillageIntoView()
    {
        // "Ke desa/kelurahan" is MudSelect's closed markup until used (docs/memory.md, decision 5); tapped, it is the
        // real list, and a village chosen scrolls its card to the top.
        var period = await OpenFreePeriodAsync();
        var rows = (await FormAsync("camat.malili", period.Id)).Rows;
        Assert.True(rows.Count >= 3, "Malili has at least three villages in the demo");
        var last = rows[^1];
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync($"/laporan/{period.Id}/{Malili}");
            await BrowserSession.WaitInteractiveAsync(page);
            var card = Village(page, last.VillageName);
            await Assertions.Expect(card.GetByRole(AriaRole.Heading)).Not.ToBeInViewportAsync(); // it starts below the screen

            await page.GetByTestId("village-jump").ClickAsync();
            var option = page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(last.VillageName) + " · ") });
            await Assertions.Expect(option).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(rows.Count);
            await option.ClickAsync();

            await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToBeInViewportAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
            await BrowserSession.ScreenshotAsync(page, "camat-form-jumped-to-last-village");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Draft_SurvivesClosingThePage_AndTheNextPageContinuesIt()
    {
        var period = await OpenFreePeriodAsync();
        var row = (await FormAsync("camat.malili", period.Id)).Rows[0];
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
        await page.GotoAsync($"/laporan/{period.Id}/{Malili}");
        await BrowserSession.WaitInteractiveAsync(page);
        var village = Village(page, row.VillageName);
        // Key by key, as a phone sends them: no keystroke may be lost to a render answering an earlier one.
        await village.GetByLabel("Jumlah keluarga", new() { Exact = true }).PressSequentiallyAsync("1072");
        await village.GetByLabel("Balita terdaftar", new() { Exact = true }).PressSequentiallyAsync("64");
        await village.GetByLabel("Balita diukur", new() { Exact = true }).PressSequentiallyAsync("58");
        await village.GetByLabel("Pendek", new() { Exact = true }).PressSequentiallyAsync("7");
        await Assertions.Expect(village.GetByTestId("prevalence")).ToHaveTextAsync("12,1 %");
        await Assertions.Expect(village.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);

        // The tab is closed (its circuit ends); later the phone opens the form again in a new tab.
        var browserContext = page.Context;
        await page.CloseAsync();
        var again = await browserContext.NewPageAsync();
        await again.GotoAsync($"/laporan/{period.Id}/{Malili}");
        await BrowserSession.WaitInteractiveAsync(again);

        var reopened = Village(again, row.VillageName);
        await Assertions.Expect(reopened.GetByLabel("Jumlah keluarga", new() { Exact = true })).ToHaveValueAsync("1072");
        await Assertions.Expect(reopened.GetByLabel("Balita terdaftar", new() { Exact = true })).ToHaveValueAsync("64");
        await Assertions.Expect(reopened.GetByLabel("Balita diukur", new() { Exact = true })).ToHaveValueAsync("58");
        await Assertions.Expect(reopened.GetByLabel("Pendek", new() { Exact = true })).ToHaveValueAsync("7");
        await Assertions.Expect(reopened.GetByTestId("prevalence")).ToHaveTextAsync("12,1 %");
        await Assertions.Expect(again.GetByTestId("report-status")).ToHaveTextAsync("Draf");
        await BrowserSession.ScreenshotAsync(again, "camat-form-draft-reopened");
        var stored = (await FormAsync("camat.malili", period.Id)).Rows.Single(r => r.VillageCode == row.VillageCode).Values;
        Assert.Equal(new VillageValues { Families = 1072, ToddlersRegistered = 64, ToddlersMeasured = 58, Stunted = 7 }, stored);
    }

    [Fact]
    public async Task TwoPeopleInOneVillage_TheLaterSaveIsAConflictThatShowsTheirValuesAndKeepsWhatWasTyped()
    {
        var period = await OpenFreePeriodAsync();
        var row = (await FormAsync("camat.malili", period.Id)).Rows[0];
        var camat = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        var admin = await browser.NewPageAsync(portal.ServerAddress, 1280, 800);
        await BrowserSession.SignInAsync(camat, "camat.malili", PortalFactory.DemoPassword);
        await BrowserSession.SignInAsync(admin, "admin.lutim", PortalFactory.DemoPassword);
        await camat.GotoAsync($"/laporan/{period.Id}/{Malili}");
        await BrowserSession.WaitInteractiveAsync(camat);
        var camatVillage = Village(camat, row.VillageName);
        await camatVillage.GetByLabel("Balita terdaftar", new() { Exact = true }).FillAsync("60");
        Assert.Equal(60, (await EventuallyStoredAsync(period.Id, row.VillageCode, v => v.ToddlersRegistered == 60)).ToddlersRegistered);
        await Assertions.Expect(camatVillage.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);

        // The secretariat opens the same draft and corrects the village first.
        await admin.GotoAsync($"/laporan/{period.Id}/{Malili}");
        await BrowserSession.WaitInteractiveAsync(admin);
        var adminVillage = Village(admin, row.VillageName);
        await Assertions.Expect(adminVillage.GetByLabel("Balita terdaftar", new() { Exact = true })).ToHaveValueAsync("60");
        await adminVillage.GetByLabel("Balita diukur", new() { Exact = true }).FillAsync("55");
        // "Tersimpan" can still be the card's state from before the debounced save: wait for the server to have it.
        Assert.Equal(55, (await EventuallyStoredAsync(period.Id, row.VillageCode, v => v.ToddlersMeasured == 55)).ToddlersMeasured);
        await Assertions.Expect(adminVillage.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);

        // The camat, still on the older version, types into the same village. (Typed by a script, so that the journal's
        // entry for it can be read in the same moment, before the page answers it.)
        var typed = await camatVillage.GetByLabel("Balita diukur", new() { Exact = true }).EvaluateAsync<string>(
            "el => { el.focus(); el.value = '50'; el.dispatchEvent(new Event('input', { bubbles: true })); return localStorage.getItem('tpps.journal.v1'); }");
        var entry = System.Text.Json.Nodes.JsonNode.Parse(typed)!.AsArray().Single(e => (string?)e!["value"] == "50")!.ToJsonString();

        var conflict = camatVillage.GetByTestId("village-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Admin Sekretariat TPPS Luwu Timur (demo)"); // named by display name
        await Assertions.Expect(conflict).ToContainTextAsync("Isian Anda yang tidak tersimpan: Balita diukur 50");
        await Assertions.Expect(camatVillage.GetByLabel("Balita diukur", new() { Exact = true })).ToHaveValueAsync("55");
        await Assertions.Expect(camat.GetByTestId("save-all")).ToHaveTextAsync("Ada isian yang belum tersimpan");
        await conflict.ScrollIntoViewIfNeededAsync();
        await camat.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "camat-form-conflict.png") });
        var stored = (await FormAsync("admin.lutim", period.Id)).Rows.Single(r => r.VillageCode == row.VillageCode).Values;
        Assert.Equal(55, stored.ToddlersMeasured);

        // Having read it, the camat dismisses the message and carries on from the server's values.
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Sudah saya periksa" }).ClickAsync();
        await Assertions.Expect(conflict).ToHaveCountAsync(0);

        // The journal sends its entries again every few seconds; one such resend of "50" can cross the page's answer that
        // dropped it. Put it back as that resend would find it: the page drops it again, it is not saved a second time.
        var id = (string)System.Text.Json.Nodes.JsonNode.Parse(entry)!["id"]!;
        await camat.EvaluateAsync("e => { const all = JSON.parse(localStorage.getItem('tpps.journal.v1') || '[]'); all.push(JSON.parse(e)); localStorage.setItem('tpps.journal.v1', JSON.stringify(all)); }", entry);
        await camat.WaitForFunctionAsync("id => !(localStorage.getItem('tpps.journal.v1') || '').includes(id)", id, new() { Timeout = 20_000 });
        await camatVillage.GetByLabel("Pendek", new() { Exact = true }).FillAsync("5");
        // The save is debounced: "Tersimpan" may still show the previous save for a moment, so wait for the server.
        stored = await EventuallyStoredAsync(period.Id, row.VillageCode, v => v.Stunted == 5);
        await Assertions.Expect(camatVillage.GetByTestId("save-state")).ToHaveTextAsync("Tersimpan", ShownText);
        await Assertions.Expect(camat.GetByTestId("save-all")).ToHaveTextAsync("Semua perubahan tersimpan");
        await Assertions.Expect(conflict).ToHaveCountAsync(0);
        Assert.Equal(new VillageValues { ToddlersRegistered = 60, ToddlersMeasured = 55, Stunted = 5 }, stored);
    }

    [Fact]
    public async Task TypingIntoAFormSubmittedMeanwhile_TurnsThePageReadOnlyAndListsWhatWasNotSaved()
    {
        var period = await OpenFreePeriodAsync();
        var rows = (await FormAsync("camat.malili", period.Id)).Rows;
        await FillViaServiceAsync(period.Id, rows);
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
        await page.GotoAsync($"/laporan/{period.Id}/{Malili}");
        await BrowserSession.WaitInteractiveAsync(page);
        await ExpectStatusAsync(page, "Draf");

        // A colleague of the kecamatan submits it from another device.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var submitted = await scope.ServiceProvider.GetRequiredService<SubmissionService>()
                .SubmitAsync(await ActorAsync(scope.ServiceProvider, "camat.malili"), period.Id, Malili);
            Assert.True(submitted.Succeeded, submitted.Summary);
        }
        var pregnant = (Values(rows[0]).Pregnant ?? 0) + 3; // a number the server does not hold
        await Village(page, rows[0].VillageName).GetByLabel("Ibu hamil", new() { Exact = true }).FillAsync(pregnant.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var lost = page.GetByTestId("lost-on-lock");
        await Assertions.Expect(lost).ToContainTextAsync($"{rows[0].VillageName}: Ibu hamil {pregnant}");
        await ExpectStatusAsync(page, "Diajukan");
        await Assertions.Expect(page.GetByTestId("report-table")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "camat-form-submitted-meanwhile");
        Assert.Equal(Values(rows[0]).Pregnant, (await FormAsync("camat.malili", period.Id)).Rows[0].Values.Pregnant);
    }

    private Task<VillageValues> EventuallyStoredAsync(int periodId, string village, Func<VillageValues, bool> condition) =>
        CamatForms.EventuallyStoredAsync(portal.Services, periodId, village, condition);

    private static ILocator Village(IPage page, string name) => CamatForms.Village(page, name);

    private static Task ExpectStatusAsync(IPage page, string status) =>
        Assertions.Expect(page.GetByTestId("report-status")).ToHaveTextAsync(status);

    private static async Task ScreenshotAtTopAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        // A full-page capture draws a sticky bar where the phone's screen ended, over the villages: let it sit at the end.
        await page.EvaluateAsync("() => document.querySelectorAll('.tpps-actionbar').forEach(e => e.style.position = 'static')");
        await page.WaitForTimeoutAsync(400); // the status chip fades to its new colour
        var path = await BrowserSession.ScreenshotAsync(page, name);
        Assert.True(new FileInfo(path).Length > 10_000, $"The screenshot {name} is empty.");
    }

    /// <summary>What the camat types: the previous approved figures where there are some (no soft warning), else plausible ones.</summary>
    private static VillageValues Values(RowView row) =>
        row.Previous is { ToddlersMeasured: > 0, Families: not null, ToddlersRegistered: not null, SeverelyStunted: not null, Stunted: not null } previous
            ? previous
            : new VillageValues { Families = 180 + row.VillageCode.Length, ToddlersRegistered = 60, ToddlersMeasured = 55, SeverelyStunted = 1, Stunted = 4 };

    private static IEnumerable<(Figure, int)> Figures(RowView row)
    {
        var values = Values(row);
        return FigureInfo.All.Where(f => values.Get(f) is not null).Select(f => (f, values.Get(f)!.Value));
    }

    private async Task FillViaServiceAsync(int periodId, IReadOnlyList<RowView> rows)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var camat = await ActorAsync(scope.ServiceProvider, "camat.malili");
        foreach (var row in rows)
        {
            uint? version = row.Version;
            foreach (var (figure, value) in Figures(row))
            {
                var saved = await service.SaveValueAsync(camat, periodId, Malili, row.VillageCode, figure, value, version);
                Assert.True(saved.Succeeded, saved.Outcome.Summary);
                version = saved.Value!.Row.Version;
            }
        }
    }

    private Task<PeriodView> OpenFreePeriodAsync() => CamatForms.OpenFreePeriodAsync(portal.Services);

    private Task<ReportView> FormAsync(string userName, int periodId) => CamatForms.FormAsync(portal.Services, userName, periodId);

    private async Task<IReadOnlyList<ChangeView>> HistoryAsync(int reportId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var actor = await ActorAsync(scope.ServiceProvider, "admin.lutim");
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>().HistoryAsync(actor, reportId);
    }

    private static Task<Actor> ActorAsync(IServiceProvider services, string userName) => CamatForms.ActorAsync(services, userName);
}
