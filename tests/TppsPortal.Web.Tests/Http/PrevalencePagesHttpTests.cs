using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Prevalence;
using TppsPortal.Web.Tests.Browser;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>The figure and target pages by plain URL: writers get the edit buttons, read-only roles do not, an Operator OPD is refused.</summary>
public sealed class PrevalencePagesHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FiguresPage_ForAdminLutim_RendersWithAddAndImport()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");

        var response = await client.GetAsync("/prevalensi/angka");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html);
        Assert.Contains("Angka prevalensi", html);
        Assert.Contains("Tambah angka", html);
        Assert.Contains("Impor CSV", html);
    }

    [Fact]
    public async Task FiguresPage_ForPimpinan_HasNoEditButtons()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var html = await client.GetStringAsync("/prevalensi/angka");

        Assert.Contains("Angka prevalensi", html);
        Assert.DoesNotContain("Tambah angka", html);
        Assert.DoesNotContain("Impor CSV", html);
    }

    [Fact]
    public async Task TargetPage_ShowsTheLuwuTimurPathAndStatus_EditableForTheSecretariatOnly()
    {
        using var admin = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        using var pimpinan = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var adminHtml = await admin.GetStringAsync("/prevalensi/target");
        var pimpinanHtml = await pimpinan.GetStringAsync("/prevalensi/target?wilayah=73.24&indikator=stunting");

        Assert.Contains("Isi garis lurus", adminHtml);
        Assert.Contains("Simpan target", adminHtml);
        Assert.Contains("8,6 poin", adminHtml); // 22,6 % (SSGI 2022) to 14 % in 2024
        Assert.Contains("4,3 poin", adminHtml);
        Assert.Contains("RPJMN 2025-2029", adminHtml);
        Assert.Contains("8,6 poin", pimpinanHtml);
        Assert.Contains("22,6 %", pimpinanHtml);
        Assert.DoesNotContain("Simpan target", pimpinanHtml);
        Assert.DoesNotContain("Isi garis lurus", pimpinanHtml);
    }

    [Fact]
    public async Task FiguresPage_ShowsTheHistoryOfFigures_WithTheAreaOfEachEntry()
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var figures = scope.ServiceProvider.GetRequiredService<PrevalenceService>();
            var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
            var created = await figures.CreateFigureAsync(admin, new FigureForm
            {
                RegionCode = "73.24.07", IndicatorCode = "overweight", SourceCode = "SKI", Year = 2023, Value = 5.2m,
            });
            Assert.True(created.Succeeded);
            var form = (await figures.GetFigureAsync(admin, created.Value))!;
            form.Value = 5m;
            Assert.True((await figures.UpdateFigureAsync(admin, created.Value, form)).Succeeded);
        }
        using var pimpinan = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var html = WebUtility.HtmlDecode(await pimpinan.GetStringAsync("/prevalensi/angka"));

        Assert.Contains("Riwayat perubahan angka", html);
        Assert.Contains("Angka 2023 (SKI): 5,2 % → 5,0 %", html);
        // Each entry names its area and indicator (the list mixes them): "Kecamatan Burau · ... overweight ...".
        Assert.Matches(@"Burau · [^<]*verweight[^<]*</strong>", html);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo)", html);
    }

    [Fact]
    public async Task TargetPage_ShowsTheHistoryOfTheTarget_WithWhoWhenAndOldToNew()
    {
        // Wasting of Luwu Timur: a path of its own here, so no other test's stunting path changes.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var targets = scope.ServiceProvider.GetRequiredService<TargetService>();
            var admin = await CamatForms.ActorAsync(scope.ServiceProvider, "admin.lutim");
            var saved = await targets.SaveAsync(admin, new TargetForm
            {
                RegionCode = "73.24", IndicatorCode = "wasting", BaselineSourceCode = "SSGI", BaselineYear = 2024, BaselineValue = 11m,
                Years = [new() { Year = 2025, Value = 10.5m }, new() { Year = 2026, Value = 10m }],
            });
            Assert.True(saved.Succeeded);
            var form = (await targets.GetAsync(admin, "73.24", "wasting")).Path!;
            form.Years[1].Value = 9.5m;
            Assert.True((await targets.SaveAsync(admin, form)).Succeeded);
        }
        using var pimpinan = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var html = WebUtility.HtmlDecode(await pimpinan.GetStringAsync("/prevalensi/target?wilayah=73.24&indikator=wasting"));

        Assert.Contains("Riwayat perubahan target", html);
        Assert.Contains("data-testid=\"change-history\"", html);
        Assert.Contains("Target 2026: 10,0 % → 9,5 %", html);
        Assert.Contains("Ditambahkan: jalur target", html);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo)", html);
        Assert.Matches(@"\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WITA", html);
        // The history of the target is not the history of the figures: none of those on this page.
        Assert.DoesNotContain("Ditambahkan: angka", html);
    }

    [Fact]
    public async Task CatalogPage_ListsIndicatorsAndSources_EditableForAdminSistemOnly()
    {
        using var sistem = await HttpSignIn.SignedInClientAsync(portal, "admin.sistem");
        using var lutim = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");

        var sistemHtml = await sistem.GetStringAsync("/prevalensi/referensi");
        var lutimHtml = await lutim.GetStringAsync("/prevalensi/referensi");

        foreach (var html in new[] { sistemHtml, lutimHtml })
        {
            Assert.Contains("Indikator dan sumber data", html);
            Assert.Contains("Stunting (pendek dan sangat pendek)", html);
            Assert.Contains("e-PPGBM (penimbangan)", html);
            Assert.Contains("Rutin, per bulan", html);
        }
        Assert.Contains("Tambah indikator", sistemHtml);
        Assert.Contains("Tambah sumber", sistemHtml);
        Assert.DoesNotContain("Tambah indikator", lutimHtml);
        Assert.Contains("Hanya Admin Sistem yang dapat mengubah daftar ini.", lutimHtml);
    }

    [Theory]
    [InlineData("opd.dp2kb.lutim", "/prevalensi/angka")]
    [InlineData("opd.dp2kb.lutim", "/prevalensi/target")]
    [InlineData("opd.dp2kb.lutim", "/prevalensi/referensi")]
    [InlineData("admin.soppeng", "/prevalensi/target?wilayah=73.24")]
    public async Task PagesOutsideTheRoleOrScope_AreRefused(string userName, string path)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", await response.Content.ReadAsStringAsync());
    }
}
