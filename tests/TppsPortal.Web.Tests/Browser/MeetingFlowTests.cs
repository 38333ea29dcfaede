using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Accounts;
using TppsPortal.Meetings;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>A rakor from the secretariat's desk: planned, held, attended, agreed, followed up, final, downloaded.</summary>
public sealed partial class MeetingFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    private const string Title = "Rakor TPPS uji alur notulen";

    static MeetingFlowTests()
    {
        // Saving and reloading a meeting goes through the circuit and the database; on a busy 2-core machine
        // that can take longer than the default five seconds.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AdminLutim_CreatesAMeetingRecordsItAndFinalisesTheMinutes_ThenDownloadsThePdf()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);

            // Plan: the district holds it.
            await page.GotoAsync("/rapat");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Rapat baru" }).ClickAsync();
            var areaDialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(areaDialog.GetByText("Kabupaten Luwu Timur (73.24)")).ToBeVisibleAsync();
            await areaDialog.GetByRole(AriaRole.Button, new() { Name = "Lanjut" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rapat/baru"));

            await page.GetByLabel("Judul rapat").FillAsync(Title);
            await page.GetByLabel("Tanggal rapat").FillAsync("05/03/2025");
            await page.GetByLabel("Tanggal rapat").PressAsync("Tab");
            await page.GetByLabel("Tempat").FillAsync("Ruang Rapat Bappeda Luwu Timur");
            await page.GetByText("Pimpinan rapat dan notulis").ClickAsync();
            await page.GetByLabel("Nama notulis").FillAsync("Andi Notulis");
            await page.GetByLabel("Jabatan notulis").FillAsync("Staf Sekretariat TPPS");
            await Assertions.Expect(page.GetByText("Belum disimpan").First).ToBeVisibleAsync();
            await SaveAsync(page);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/rapat/\d+$"));
            var id = int.Parse(MeetingId().Match(page.Url).Groups[1].Value);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();

            // Attendance: Dinas Kesehatan came, and its head signed the list.
            await page.GetByText("Undangan dan kehadiran instansi").ClickAsync();
            var dinkes = page.GetByRole(AriaRole.Group, new() { Name = "Kehadiran Dinas Kesehatan" });
            await dinkes.GetByRole(AriaRole.Button, new() { Name = "Hadir", Exact = true }).ClickAsync();
            await Assertions.Expect(dinkes.GetByRole(AriaRole.Button, new() { Name = "Hadir", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();
            await page.GetByLabel("Nama peserta", new() { Exact = true }).FillAsync("dr. Rina Hasanuddin");
            await page.GetByLabel("Jabatan peserta", new() { Exact = true }).FillAsync("Kepala Dinas Kesehatan");
            await page.GetByLabel("Instansi peserta", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Dinas Kesehatan (Dinkes)" }).ClickAsync();
            // The guest-organisation field goes away once the server has the agency: only then add the person.
            await Assertions.Expect(page.GetByLabel("Asal lembaga tamu")).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah peserta" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Nama peserta 1", new() { Exact = true })).ToHaveValueAsync("dr. Rina Hasanuddin");

            // A decision, and a follow-up action (saved on its own, through the dialog).
            await page.GetByText("Kesepakatan", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah kesepakatan" }).ClickAsync();
            await page.GetByLabel("Kesepakatan 1", new() { Exact = true }).FillAsync("Setiap OPD melaporkan kemajuan intervensi setiap bulan.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah tindak lanjut" }).ClickAsync();
            var actionDialog = page.GetByRole(AriaRole.Dialog);
            await actionDialog.GetByLabel("Uraian tindak lanjut").FillAsync("Menyusun rekap kemajuan intervensi per kecamatan");
            await actionDialog.GetByLabel("Penanggung jawab").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Dinas Kesehatan (Dinkes)" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0); // the choice is taken once the list closes
            await actionDialog.GetByLabel("Batas waktu").FillAsync("30/04/2025");
            await actionDialog.GetByLabel("Batas waktu").PressAsync("Tab");
            await actionDialog.GetByRole(AriaRole.Button, new() { Name = "Simpan tindak lanjut" }).ClickAsync();
            await Assertions.Expect(actionDialog).ToHaveCountAsync(0);
            var actions = page.GetByRole(AriaRole.Table, new() { Name = "Tindak lanjut rapat ini" });
            await Assertions.Expect(actions).ToContainTextAsync("Menyusun rekap kemajuan intervensi per kecamatan");
            await Assertions.Expect(actions).ToContainTextAsync("30 April 2025");
            await SaveAsync(page);

            // Held, then final.
            await page.GetByRole(AriaRole.Button, new() { Name = "Tandai sudah dilaksanakan" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Ya, sudah dilaksanakan" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("meeting-status")).ToHaveTextAsync("Selesai");
            await page.GetByRole(AriaRole.Button, new() { Name = "Finalkan notulen" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Ya, finalkan" }).ClickAsync();
            var final = page.GetByTestId("meeting-status").Filter(new() { HasText = "Notulen final" });
            var refused = page.GetByTestId("meeting-errors");
            await Assertions.Expect(final.Or(refused)).ToBeVisibleAsync();
            Assert.True(await refused.CountAsync() == 0, "Not final: " + (await refused.CountAsync() > 0 ? await refused.InnerTextAsync() : ""));
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var screenshot = await BrowserSession.ScreenshotAsync(page, "rakor-meeting-page");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is empty.");

            // What the page showed is what was stored.
            var stored = await LoadAsync(id);
            Assert.Equal(MeetingStatus.NotulenFinal, stored.Status);
            Assert.Equal(new DateOnly(2025, 3, 5), stored.Form.Date);
            Assert.Equal("Andi Notulis", stored.Form.NoteTakerName);
            var attendee = Assert.Single(stored.Form.Attendees);
            Assert.Equal("dr. Rina Hasanuddin", attendee.Name);
            Assert.Contains(stored.Form.Invitations, i => i.AgencyId == attendee.AgencyId && i.Attendance == AttendanceStatus.Hadir);
            Assert.Equal("Setiap OPD melaporkan kemajuan intervensi setiap bulan.", Assert.Single(stored.Form.Decisions).Text);

            // The minutes as a PDF, through the link on the page and the page's own session.
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Unduh notulen (PDF)" });
            Assert.Equal($"/rapat/{id}/notulen.pdf", await link.GetAttributeAsync("href"));
            var pdf = await page.APIRequest.GetAsync($"/rapat/{id}/notulen.pdf");
            Assert.Equal(200, pdf.Status);
            Assert.StartsWith("application/pdf", pdf.Headers["content-type"]);
            var bytes = await pdf.BodyAsync();
            var pdfPath = Path.Combine(BrowserSession.ArtifactsDirectory, "rakor-minutes-from-browser.pdf");
            await File.WriteAllBytesAsync(pdfPath, bytes);
            var firstPage = TppsPortal.Tests.Pdf.PdfTools.FirstPagePng(pdfPath, Path.Combine(BrowserSession.ArtifactsDirectory, "rakor-minutes-page"), dpi: 80);
            Assert.True(new FileInfo(firstPage).Length > 10_000, "Page 1 of the PDF rendered empty.");
            var text = TppsPortal.Tests.Pdf.PdfTools.Text(bytes);
            Assert.Contains("Rabu, 5 Maret 2025", text);
            Assert.Contains("Setiap OPD melaporkan kemajuan intervensi setiap bulan.", text);
            Assert.Contains("Rina Hasanuddin", text);
        }
        catch
        {
            // Show where it stopped.
            await BrowserSession.ScreenshotAsync(page, "rakor-meeting-flow-failure");
            throw;
        }
    }

    [Fact]
    public async Task PimpinanLutim_OnAPhone_ReadsTheSeedMeetingWithoutEditing()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        await BrowserSession.SignInAsync(page, "pimpinan.lutim", PortalFactory.DemoPassword);

        await page.GotoAsync("/rapat");
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rapat baru" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rapat Koordinasi TPPS Tingkat Kabupaten" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/rapat/\d+$"));

        await Assertions.Expect(page.GetByText("Anda dapat melihat rapat ini, tetapi tidak mengubahnya.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Aula Kantor Bupati Luwu Timur").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Selasa, 13 Februari 2024").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Perbarui status" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Unduh notulen (PDF)" })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "rakor-meeting-page-pimpinan-360");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone screen.");
    }

    private static async Task SaveAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
        var saved = page.GetByText("Tersimpan", new() { Exact = true });
        var errors = page.GetByTestId("meeting-errors");
        await Assertions.Expect(saved.Or(errors)).ToBeVisibleAsync();
        Assert.True(await errors.CountAsync() == 0, "Not saved: " + (await errors.CountAsync() > 0 ? await errors.InnerTextAsync() : ""));
    }

    private async Task<MeetingDetails> LoadAsync(int id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin.lutim");
        var meeting = await scope.ServiceProvider.GetRequiredService<MeetingService>().GetAsync(Actor.FromUser(user!), id);
        return meeting ?? throw new InvalidOperationException($"Meeting {id} was not stored.");
    }

    [GeneratedRegex(@"/rapat/(\d+)$")]
    private static partial Regex MeetingId();
}
