using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>The vice-regent's view: where Luwu Timur stands, another indicator, then one kecamatan.</summary>
public sealed class DashboardFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static DashboardFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task PimpinanLutim_OpensTheDashboard_ChangesTheIndicator_AndDrillsIntoMalili()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" }).GetByRole(AriaRole.Link, new() { Name = "Dasbor", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dasbor"));
            await BrowserSession.WaitInteractiveAsync(page);

            // Headline: the latest survey and the latest routine figure as two facts; Luwu Timur's own path ended in 2024,
            // so one line says so and names the province's path it is measured against; the chart has a line per source and the target.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kabupaten Luwu Timur", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("card-survey")).ToContainTextAsync("22,6 %");
            await Assertions.Expect(page.GetByTestId("card-survey")).ToContainTextAsync("SSGI 2022");
            await Assertions.Expect(page.GetByTestId("card-routine").GetByTestId("fact-source")).ToContainTextAsync(new Regex(@"^Formulir kecamatan \(portal ini\), \w+ \d{4}"));
            await Assertions.Expect(page.GetByTestId("path-note")).ToContainTextAsync("Jalur target Kabupaten Luwu Timur berakhir 2024; kini diukur terhadap jalur target Provinsi Sulawesi Selatan.");
            await Assertions.Expect(page.GetByTestId("card-target")).ToContainTextAsync("Menurut jalur target Provinsi Sulawesi Selatan");
            // On a desk the explanation shows while the pointer rests on the info button.
            var explanation = page.GetByTestId("explanation-card-target");
            await Assertions.Expect(explanation).ToBeHiddenAsync();
            await page.GetByTestId("explain-card-target").HoverAsync();
            await Assertions.Expect(explanation).ToBeVisibleAsync();
            await Assertions.Expect(explanation).ToContainTextAsync(new Regex(@"Target \d{4} menurut jalur target Provinsi Sulawesi Selatan: \d+,\d %, pada garis lurus"));
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-explanation-hover");
            await page.Mouse.MoveAsync(5, 5);
            await Assertions.Expect(explanation).ToBeHiddenAsync();
            var chart = page.GetByTestId("trend-chart").Locator("svg:visible"); // the drawing for this width
            await Assertions.Expect(chart.Locator("g[data-source=SSGI]")).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator("g[data-source=FORM]")).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator("g[data-source=TARGET] polyline")).ToHaveAttributeAsync("stroke-dasharray", "6 4");
            var rows = page.GetByTestId("ranking-row");
            Assert.True(await rows.CountAsync() >= 10, "every kecamatan of Luwu Timur is ranked");
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-stunting");

            // Another indicator: the URL carries the filter, the headline and ranking follow.
            await page.GetByTestId("filter-indicator").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Gizi kurang (wasting)" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("indikator=wasting"));
            await Assertions.Expect(page.GetByText("Gizi kurang (wasting), semua sumber")).ToBeVisibleAsync();
            await Assertions.Expect(chart.Locator("g[data-source=SSGI]")).ToHaveCountAsync(0); // no published wasting figures in the demo
            await Assertions.Expect(chart.Locator("g[data-source=FORM]")).ToHaveCountAsync(1);
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-wasting");

            // Drill down into Malili: its villages are ranked, the indicator stays.
            await page.GetByTestId("ranking").GetByRole(AriaRole.Link, new() { Name = "Malili", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"wilayah=73\.24\.04.*indikator=wasting|indikator=wasting.*wilayah=73\.24\.04"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kecamatan Malili", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Peringkat desa.kelurahan") })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "Luwu Timur", Exact = false })).ToBeVisibleAsync();
            var codes = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.StartsWith("73.24.04.", code));
            await BrowserSession.ScreenshotAsync(page, "dashboard-malili-wasting");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-flow-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
    [Fact]
    public async Task TheFilters_WorkFromTheKeyboard_AndLookTheSameBeforeAndAfterUse()
    {
        // The filters are MudSelect's closed markup until used (docs/memory.md, decision 5): Tab reaches them, Enter opens
        // the list, the arrow keys and Enter choose, and what shows afterwards is the same box with the new value.
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);
            var indicator = page.GetByTestId("filter-indicator");
            await Assertions.Expect(indicator).ToHaveValueAsync("Stunting (pendek dan sangat pendek)");
            var before = await page.Locator(".mud-select").Nth(0).EvaluateAsync<string>("e => e.outerHTML.replace(/ (id|for|aria-describedby)=\"[^\"]*\"/g, '').replace(/<!--!-->/g, '')");

            await page.GetByTestId("export-pdf").FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(indicator).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Gizi kurang (wasting)" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("filter-indicator")).ToHaveAttributeAsync("aria-expanded", "true");
            var options = await page.GetByRole(AriaRole.Option).AllTextContentsAsync();
            var target = options.Select(o => o.Trim()).ToList().IndexOf("Gizi kurang (wasting)");
            Assert.True(target > 0, "wasting is offered after stunting");
            // As on a MudSelect opened with Enter, the current value is marked and the arrows start from it.
            await Assertions.Expect(page.GetByRole(AriaRole.Option).Nth(0)).ToHaveClassAsync(new Regex("mud-selected-item"));
            for (var i = 0; i < target; i++)
            {
                await page.Keyboard.PressAsync("ArrowDown");
            }
            await page.Keyboard.PressAsync("Enter");

            await Assertions.Expect(page).ToHaveURLAsync(new Regex("indikator=wasting"));
            await Assertions.Expect(page.GetByText("Gizi kurang (wasting), semua sumber")).ToBeVisibleAsync();
            await Assertions.Expect(indicator).ToHaveValueAsync("Gizi kurang (wasting)");
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);

            // Leaving the filter gives the markup back: the same box, now with the new value.
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId("filter-source")).ToBeFocusedAsync();
            // The real MudSelect's input carries Blazor's element-reference mark (_bl_...); the markup's does not.
            await page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=filter-indicator]').getAttributeNames().some(n => n.startsWith('_bl_'))");
            var after = await page.Locator(".mud-select").Nth(0).EvaluateAsync<string>("e => e.outerHTML.replace(/ (id|for|aria-describedby)=\"[^\"]*\"/g, '').replace(/<!--!-->/g, '')");
            Assert.Equal(before.Replace("Stunting (pendek dan sangat pendek)", "Gizi kurang (wasting)", StringComparison.Ordinal), after);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-filter-keyboard-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheAccountMenu_OpensFromTheKeyboard_WithTheFocusOnItsFirstItem()
    {
        // The app-bar menus are MudMenu's closed markup until first opened (docs/memory.md, decision 6); from the
        // keyboard they open as a MudMenu does: Enter on the activator, the focus on the first item, Escape closes.
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);
            // A page that opens puts the focus on its heading (FocusHeadingOnNavigate), once; after that a person moves it.
            await Assertions.Expect(page.Locator("html[data-nav-focus=done]")).ToHaveCountAsync(1);
            // MudBlazor shows the activator's box as its contents only, so the focus is on the button inside it.
            var button = page.GetByTestId("account-menu").Locator(".mud-menu-activator button");
            await button.FocusAsync();
            await Assertions.Expect(button).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Enter");

            var profile = page.GetByRole(AriaRole.Menuitem, new() { Name = "Profil & pemberitahuan" });
            await Assertions.Expect(profile).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Ganti kata sandi" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(profile).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task PimpinanLutim_OnAPhone_SeesTheTwoHeadlineFacts_AndTapsForHowEachNumberIsMade()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            HasTouch = true,
            IsMobile = true,
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
        });
        var page = await context.NewPageAsync();
        try
        {
            await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            await Assertions.Expect(page.GetByTestId("card-survey")).ToContainTextAsync("SSGI 2022");
            await Assertions.Expect(page.GetByTestId("card-routine")).ToContainTextAsync("Formulir kecamatan (portal ini)");
            await Assertions.Expect(page.GetByTestId("path-note")).ToContainTextAsync("target Provinsi Sulawesi Selatan");
            // A tap opens the explanation (a tooltip would not), and a second tap closes it.
            var button = page.GetByTestId("explain-card-survey");
            var explanation = page.GetByTestId("explanation-card-survey");
            await Assertions.Expect(explanation).ToBeHiddenAsync();
            await button.TapAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(explanation).ToBeVisibleAsync();
            await Assertions.Expect(explanation).ToContainTextAsync("Angka survei terbaru wilayah ini: SSGI 2022, 22,6 %");
            var box = await explanation.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 360, "the explanation fits the phone's width");
            await BrowserSession.ScreenshotAsync(page, "dashboard-lutim-headline-360");
            await button.TapAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
            await page.GetByTestId("explain-card-status").TapAsync();
            await Assertions.Expect(page.GetByTestId("explanation-card-status")).ToContainTextAsync("belum dapat dinilai");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the phone");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-phone-headline-failure");
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task AdminSoppeng_WithoutAPath_StartsOneToTheNationalTargetInOneClick_EditsAndSavesIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.soppeng", PortalFactory.DemoPassword);
            await page.GotoAsync("/prevalensi/target");
            await BrowserSession.WaitInteractiveAsync(page);

            await Assertions.Expect(page.GetByTestId("target-applies")).ToContainTextAsync("Wilayah ini belum memiliki jalur target; dasbor kini mengukur terhadap jalur target Provinsi Sulawesi Selatan");
            await page.GetByTestId("start-national-path").ClickAsync();

            // From SSGI 2022 (26,9 %) to 14,2 % in 2029: seven rows on the straight line, nothing saved yet.
            await Assertions.Expect(page.GetByTestId("national-path-started")).ToContainTextAsync("SSGI 2022");
            await Assertions.Expect(page.GetByLabel("Nilai dasar (%)")).ToHaveValueAsync("26,9");
            await Assertions.Expect(page.GetByLabel("Tahun baris 1")).ToHaveValueAsync("2023");
            await Assertions.Expect(page.GetByLabel("Target baris 1")).ToHaveValueAsync("25,1");
            await Assertions.Expect(page.GetByLabel("Tahun baris 7")).ToHaveValueAsync("2029");
            await Assertions.Expect(page.GetByLabel("Target baris 7")).ToHaveValueAsync("14,2");
            await BrowserSession.ScreenshotAsync(page, "target-soppeng-new-national-path-360");
            // Editable before saving; the server checks it as any other path (an impossible value is refused at its row).
            await page.GetByLabel("Target baris 4").FillAsync("120");
            await page.GetByTestId("save-target").ClickAsync();
            await Assertions.Expect(page.GetByText("Target adalah persen antara 0 dan 100.")).ToBeVisibleAsync();
            await page.GetByLabel("Target baris 4").FillAsync("19,5");
            await BrowserSession.ClickLikeAPersonAsync(page.GetByTestId("save-target"));
            await Assertions.Expect(page.GetByText("Target disimpan.")).ToBeVisibleAsync();

            await page.GotoAsync("/dasbor?wilayah=73.12");
            await BrowserSession.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("card-target")).ToContainTextAsync("Menurut jalur target Kabupaten Soppeng");
            await Assertions.Expect(page.GetByTestId("path-note")).ToHaveCountAsync(0);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "target-soppeng-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task PemantauSulsel_SeesTheProvincesOwnPath_AndLuwuTimurMeasuredAgainstIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "pemantau.sulsel", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            // The province's own path runs (to 2045): no note; SSGI 2024 (23,3 %) is under its 2024 target (25,0 %).
            await Assertions.Expect(page.GetByTestId("card-survey")).ToContainTextAsync("SSGI 2024");
            await Assertions.Expect(page.GetByTestId("card-survey")).ToContainTextAsync("23,3 %");
            await Assertions.Expect(page.GetByTestId("path-note")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("card-target")).ToContainTextAsync("Menurut jalur target Provinsi Sulawesi Selatan");
            await Assertions.Expect(page.GetByTestId("card-status")).ToContainTextAsync("Sesuai jalur");
            await Assertions.Expect(page.GetByTestId("card-status")).ToContainTextAsync("25,0 %");
            // Luwu Timur's own path has ended: its row shows the province's target for this year and says whose it is.
            var lutim = page.Locator("[data-testid=ranking-row][data-code='73.24']");
            await Assertions.Expect(lutim).ToContainTextAsync("jalur provinsi");
            await BrowserSession.ScreenshotAsync(page, "dashboard-sulsel-province");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-sulsel-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task CamatMalili_OnAPhone_SeesTheKecamatansOwnDashboardWithoutSidewaysScrolling()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dasbor Kecamatan Malili", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
            var codes = await page.GetByTestId("ranking-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.StartsWith("73.24.04.", code));
            // The wide ranking scrolls inside its own box; the page itself does not move sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the phone");
            await BrowserSession.ScreenshotAsync(page, "dashboard-camat-malili-360");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task VillageDashboard_SaysDesaOnce_OffersItsApprovedPeriods_AndItsKecamatansForm()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1366, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor?wilayah=73.24.04.2901");
            await BrowserSession.WaitInteractiveAsync(page);

            var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Assertions.Expect(title).ToHaveTextAsync(new Regex("^Dasbor Desa Malili Contoh 1"));
            Assert.DoesNotContain("Desa Desa", await title.TextContentAsync(), StringComparison.Ordinal);

            // The period picker offers the approved months (newest first) and the village's figure of the month chosen.
            await Assertions.Expect(page.GetByText("Belum ada formulir kecamatan yang disetujui")).ToHaveCountAsync(0);
            await page.GetByTestId("filter-period").ClickAsync();
            var options = page.GetByRole(AriaRole.Option);
            await Assertions.Expect(options.Nth(1)).ToBeVisibleAsync();
            Assert.True(await options.CountAsync() >= 2, "the demo has months of approved forms for Malili");
            var second = (await options.Nth(1).TextContentAsync())!.Trim();
            Assert.Matches(@"^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$", second);
            await options.Nth(1).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("periode=\\d{6}"));
            await Assertions.Expect(page.GetByTestId("period-figure")).ToContainTextAsync(second);
            await Assertions.Expect(page.GetByTestId("period-figure")).ToContainTextAsync(new Regex(@"\d+,\d %"));
            Assert.DoesNotMatch(@"\d+,\d\d %", await page.GetByTestId("period-figure").TextContentAsync());

            // Completeness speaks of the kecamatan's form and this village's row, not of "no period open".
            var completeness = page.GetByTestId("completeness");
            await Assertions.Expect(completeness).ToContainTextAsync("Formulir Kecamatan Malili");
            await Assertions.Expect(completeness.GetByTestId("form-status")).ToContainTextAsync("Status:");
            await Assertions.Expect(completeness.GetByTestId("village-filled")).ToContainTextAsync("Angka desa ini");
            await Assertions.Expect(completeness).Not.ToContainTextAsync("Belum ada periode");
            await BrowserSession.ScreenshotAsync(page, "dashboard-desa-malili-1");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-desa-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Chart_OnAPhone_HasAxisTextOfAtLeast11Px_MonthLabels_AndATableOfTheSamePoints()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "camat.malili", PortalFactory.DemoPassword);
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);

            var svg = page.GetByTestId("trend-chart").Locator("svg:visible");
            await Assertions.Expect(svg).ToHaveCountAsync(1);
            // The size a reader sees: the computed font size scaled by the viewBox, and the box the text occupies.
            var sizes = await svg.EvaluateAsync<double[][]>(@"svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return [...svg.querySelectorAll('text[data-tick]')].map(t => [
                    parseFloat(getComputedStyle(t).fontSize) * scale, t.getBoundingClientRect().height]);
            }");
            Assert.True(sizes.Length >= 4, "the axes are labelled");
            Assert.All(sizes, s => Assert.True(s[0] >= 11 && s[1] >= 11, $"tick text renders at {s[0]:0.0} px (box {s[1]:0.0} px high)"));
            var labels = await svg.Locator("text[data-tick]").AllTextContentsAsync();
            var months = labels.Where(l => Regex.IsMatch(l, "^(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)( \\d{4})?$")).ToList();
            Assert.True(months.Count >= 2, "monthly forms are labelled by month: " + string.Join(", ", labels));
            Assert.True(months.Count <= 6, "a phone gets fewer month labels: " + string.Join(", ", months));
            var points = await svg.Locator("circle").CountAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"the page is {overflow} px wider than the phone");
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-360");
            await page.GetByTestId("trend-chart").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "dashboard-chart-360-only.png") });

            // "Tabel": the same points as rows.
            await page.GetByTestId("chart-table-toggle").ClickAsync();
            var table = page.GetByTestId("chart-table");
            await Assertions.Expect(table).ToBeVisibleAsync();
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(points);
            await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync(new Regex(@"\d+,\d %"));
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-table-360");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-chart-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
