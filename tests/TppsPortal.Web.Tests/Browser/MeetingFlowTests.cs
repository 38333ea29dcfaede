using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
            await page.GetByLabel("Tempat", new() { Exact = true }).FillAsync("Ruang Rapat Bappeda Luwu Timur");
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
            // Every camat is invited in one step (a new rakor does not invite them by default).
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Kehadiran Kantor Kecamatan Nuha" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Undang semua camat \(\d+ kantor kecamatan\)$") }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Kehadiran Kantor Kecamatan Nuha" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Undang semua camat") })).ToHaveCountAsync(0);
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
            Assert.True(stored.Form.Invitations.Count >= 11 + 1, "Every kecamatan office is invited.");
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

            // Finalising fixed version 1: the page lists it with its code, which the PDF prints and which opens the
            // verification page (at the address the secretariat used) for anyone holding the paper.
            var versions = page.GetByTestId("minutes-version");
            await Assertions.Expect(versions).ToHaveCountAsync(1);
            await Assertions.Expect(versions.First).ToContainTextAsync("1 (terbaru)");
            var codeLink = versions.First.GetByTestId("version-code");
            var code = (await codeLink.InnerTextAsync()).Trim();
            Assert.Matches("^[2-9A-Z]{5}-[2-9A-Z]{5}$", code);
            Assert.Contains($"Notulen final versi 1 · Kode verifikasi {code}", text);
            Assert.Contains(new Uri(portal.ServerAddress, "verifikasi/" + code.Replace("-", "", StringComparison.Ordinal)).ToString(), text);
            var verify = await page.Context.NewPageAsync();
            await verify.SetViewportSizeAsync(360, 740);
            await verify.GotoAsync(await codeLink.GetAttributeAsync("href") ?? "");
            await Assertions.Expect(verify.GetByTestId("verification-result")).ToContainTextAsync("Ini notulen final versi 1 (versi terbaru).");
            await Assertions.Expect(verify.GetByTestId("verification-details")).ToContainTextAsync(Title);
            await BrowserSession.ScreenshotAsync(verify, "minutes-verification-360");
            await verify.CloseAsync();
        }
        catch
        {
            // Show where it stopped.
            await BrowserSession.ScreenshotAsync(page, "rakor-meeting-flow-failure");
            throw;
        }
    }

    [Fact]
    public async Task AdminLutim_AddsAnActionToANewRakorBeforeSavingIt_TheRakorIsSavedWithItsDecisionAndTheActionDialogOpens()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await NewRakor.OpenAsync(page);
            await NewRakor.FillDetailsAsync(page, "Rakor tindak lanjut sejak awal", "14/04/2025", "Aula Dinas Kesehatan");
            await page.GetByText("Kesepakatan", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah kesepakatan" }).ClickAsync();
            await page.GetByLabel("Kesepakatan 1", new() { Exact = true }).FillAsync("Pendataan ulang balita di posyandu.");

            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah tindak lanjut" }).ClickAsync();

            // The rakor was saved first; the dialog opens on its page, and the decision just typed can be chosen.
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByLabel("Uraian tindak lanjut")).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/rapat/\d+$"));
            var id = int.Parse(MeetingId().Match(page.Url).Groups[1].Value);
            await dialog.GetByLabel("Uraian tindak lanjut").FillAsync("Rekap pendataan ulang per desa");
            await dialog.GetByLabel("Penanggung jawab").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Dinas Kesehatan (Dinkes)" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
            await dialog.GetByLabel("Batas waktu").FillAsync("30/05/2025");
            await dialog.GetByLabel("Batas waktu").PressAsync("Tab");
            await dialog.GetByLabel("Kesepakatan terkait").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Kesepakatan 1: Pendataan ulang balita di posyandu." }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Simpan tindak lanjut" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);

            var stored = await LoadAsync(id);
            Assert.Equal("Rakor tindak lanjut sejak awal", stored.Form.Title);
            var decision = Assert.Single(stored.Form.Decisions);
            await using var scope = portal.Services.CreateAsyncScope();
            var admin = Actor.FromUser((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin.lutim"))!);
            var action = Assert.Single(await scope.ServiceProvider.GetRequiredService<ActionService>().ForMeetingAsync(admin, id));
            Assert.Equal(("Rekap pendataan ulang per desa", 1), (action.Description, action.DecisionNumber));
            Assert.True(decision.Id > 0);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "rakor-action-before-save-failure");
            throw;
        }
    }

    [Fact]
    public async Task AdminLutim_SavesANewRakorWithA300CharacterPosition_SeesWhyAtTheFieldKeepsEverything_ThenSavesItShortened()
    {
        const string title = "Rakor TPPS uji jabatan terlalu panjang";
        var longPosition = string.Concat(Enumerable.Repeat("Kepala Seksi Kesehatan Keluarga dan Gizi Masyarakat ", 6))[..300];
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await NewRakor.OpenAsync(page);
            await NewRakor.FillDetailsAsync(page, title, "10/03/2025", "Aula Bappelitbangda Luwu Timur");

            await page.GetByText("Acara dan jalannya rapat").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah acara" }).ClickAsync();
            await page.GetByLabel("Judul acara 4", new() { Exact = true }).FillAsync("Pemaparan data stunting per desa");
            await page.GetByLabel("Catatan pembahasan acara 4", new() { Exact = true }).FillAsync("Desa dengan prevalensi tertinggi dibahas satu per satu.");

            await page.GetByText("Narasumber", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah narasumber" }).ClickAsync();
            await page.GetByLabel("Nama narasumber 1", new() { Exact = true }).FillAsync("Dr. Andi Gizi");
            await page.GetByLabel("Jabatan narasumber 1", new() { Exact = true }).FillAsync("Dosen Ilmu Gizi");
            await page.GetByLabel("Asal narasumber 1", new() { Exact = true }).FillAsync("Universitas Hasanuddin");
            await page.GetByLabel("Topik/materi narasumber 1", new() { Exact = true }).FillAsync("Intervensi gizi spesifik");

            // "Tambah peserta" checks the same limits: the person is not added, and nothing typed is lost.
            await page.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();
            await page.GetByLabel("Nama peserta", new() { Exact = true }).FillAsync("Hj. Nurhayati");
            await page.GetByLabel("Jabatan peserta", new() { Exact = true }).FillAsync(longPosition);
            await page.GetByLabel("Asal lembaga tamu").FillAsync("Puskesmas Malili");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah peserta" }).ClickAsync();
            await Assertions.Expect(FieldOf(page, "Jabatan peserta")).ToContainTextAsync("Jabatan peserta terlalu panjang: 300 karakter, paling banyak 200.");
            await Assertions.Expect(page.GetByLabel("Nama peserta 1", new() { Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByLabel("Nama peserta", new() { Exact = true })).ToHaveValueAsync("Hj. Nurhayati");

            // Added with a short position, then the long one pasted into the list, and saved.
            await page.GetByLabel("Jabatan peserta", new() { Exact = true }).FillAsync("Bidan");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah peserta" }).ClickAsync();
            var position = page.GetByLabel("Jabatan peserta 1", new() { Exact = true });
            await Assertions.Expect(position).ToHaveValueAsync("Bidan");
            await position.FillAsync(longPosition);
            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();

            const string message = "Jabatan peserta ke-1 terlalu panjang: 300 karakter, paling banyak 200.";
            await Assertions.Expect(page.GetByTestId("meeting-errors")).ToContainTextAsync(message);
            await Assertions.Expect(FieldOf(page, "Jabatan peserta 1")).ToContainTextAsync(message);
            await Assertions.Expect(position).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rapat/baru"));
            await Assertions.Expect(page.GetByLabel("Judul rapat")).ToHaveValueAsync(title);
            await Assertions.Expect(page.GetByLabel("Tempat", new() { Exact = true })).ToHaveValueAsync("Aula Bappelitbangda Luwu Timur");
            await Assertions.Expect(page.GetByLabel("Judul acara 4", new() { Exact = true })).ToHaveValueAsync("Pemaparan data stunting per desa");
            await Assertions.Expect(page.GetByLabel("Nama narasumber 1", new() { Exact = true })).ToHaveValueAsync("Dr. Andi Gizi");
            await Assertions.Expect(page.GetByLabel("Topik/materi narasumber 1", new() { Exact = true })).ToHaveValueAsync("Intervensi gizi spesifik");
            await Assertions.Expect(page.GetByLabel("Nama peserta 1", new() { Exact = true })).ToHaveValueAsync("Hj. Nurhayati");
            await Assertions.Expect(position).ToHaveValueAsync(longPosition);
            await Assertions.Expect(page.GetByText("Belum disimpan").First).ToBeVisibleAsync();
            await FieldOf(page, "Jabatan peserta 1").ScrollIntoViewIfNeededAsync();
            await BrowserSession.ScreenshotAsync(page, "rakor-position-too-long");
            Assert.Equal(0, await CountAsync(title));

            // Shortened to exactly the column's 200 characters: saved, all of it.
            await position.FillAsync(longPosition[..200]);
            await SaveNewAsync(page);
            var stored = await LoadAsync(int.Parse(MeetingId().Match(page.Url).Groups[1].Value));
            Assert.Equal(title, stored.Form.Title);
            Assert.Equal("Aula Bappelitbangda Luwu Timur", stored.Form.Venue);
            Assert.Equal(new DateOnly(2025, 3, 10), stored.Form.Date);
            Assert.Equal(4, stored.Form.Agenda.Count);
            Assert.Equal("Pemaparan data stunting per desa", stored.Form.Agenda[3].Title);
            Assert.Equal("Desa dengan prevalensi tertinggi dibahas satu per satu.", stored.Form.Agenda[3].Notes);
            var speaker = Assert.Single(stored.Form.Speakers);
            Assert.Equal(("Dr. Andi Gizi", "Dosen Ilmu Gizi", "Universitas Hasanuddin", "Intervensi gizi spesifik"), (speaker.Name, speaker.Position, speaker.Origin, speaker.Topic));
            var attendee = Assert.Single(stored.Form.Attendees);
            Assert.Equal(("Hj. Nurhayati", longPosition[..200].Trim(), "Puskesmas Malili"), (attendee.Name, attendee.Position, attendee.GuestOrganisation));
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "rakor-position-too-long-failure");
            throw;
        }
    }

    [Fact]
    public async Task AdminLutim_WhenTheDatabaseFailsTheSave_KeepsEverythingTypedAndSaysSo_ThenSavesOnTheNextTry()
    {
        const string title = "Rakor TPPS uji gangguan server";
        // A failure no check foresees: the database refuses one name, through a constraint only this test adds.
        await ExecuteSqlAsync("ALTER TABLE meeting_attendees ADD CONSTRAINT test_refuses_one_name CHECK (name <> 'Nama Ditolak Server')");
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await NewRakor.OpenAsync(page);
            await NewRakor.FillDetailsAsync(page, title, "11/03/2025", "Ruang Rapat Dinas Kesehatan");
            await page.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();
            await page.GetByLabel("Nama peserta", new() { Exact = true }).FillAsync("Nama Ditolak Server");
            await page.GetByLabel("Jabatan peserta", new() { Exact = true }).FillAsync("Sanitarian");
            await page.GetByLabel("Asal lembaga tamu").FillAsync("Puskesmas Wotu");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tambah peserta" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Nama peserta 1", new() { Exact = true })).ToHaveValueAsync("Nama Ditolak Server");

            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByTestId("meeting-errors")).ToContainTextAsync(
                "Rapat belum tersimpan: server tidak dapat menyimpan saat ini. Isian Anda masih ada di halaman ini; coba simpan lagi.");
            await Assertions.Expect(page.GetByText("Maaf, terjadi kesalahan")).ToHaveCountAsync(0);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rapat/baru"));
            await Assertions.Expect(page.GetByLabel("Judul rapat")).ToHaveValueAsync(title);
            await Assertions.Expect(page.GetByLabel("Tempat", new() { Exact = true })).ToHaveValueAsync("Ruang Rapat Dinas Kesehatan");
            await Assertions.Expect(page.GetByLabel("Jabatan peserta 1", new() { Exact = true })).ToHaveValueAsync("Sanitarian");
            await BrowserSession.ScreenshotAsync(page, "rakor-save-failed-form-kept");
            Assert.Equal(0, await CountAsync(title));

            // The circuit is alive: fix the name and save again.
            await page.GetByLabel("Nama peserta 1", new() { Exact = true }).FillAsync("Nama Diterima Server");
            await SaveNewAsync(page);
            var stored = await LoadAsync(int.Parse(MeetingId().Match(page.Url).Groups[1].Value));
            Assert.Equal(title, stored.Form.Title);
            Assert.Equal("Nama Diterima Server", Assert.Single(stored.Form.Attendees).Name);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "rakor-save-failed-failure");
            throw;
        }
        finally
        {
            await ExecuteSqlAsync("ALTER TABLE meeting_attendees DROP CONSTRAINT IF EXISTS test_refuses_one_name");
        }
    }

    /// <summary>Saves a new meeting (which then moves to its own address); a message shown instead fails the test with its text.</summary>
    private static async Task SaveNewAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/rapat/\d+$"));
        }
        catch (Exception)
        {
            var errors = page.GetByTestId("meeting-errors");
            if (await errors.CountAsync() > 0)
            {
                Assert.Fail("Not saved: " + await errors.InnerTextAsync());
            }
            throw;
        }
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TppsPortal.Data.AppDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>The MudBlazor control around the input with this label: its error text is shown in it.</summary>
    private static ILocator FieldOf(IPage page, string label) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) });

    private async Task<int> CountAsync(string title)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin.lutim");
        var list = await scope.ServiceProvider.GetRequiredService<MeetingService>().ListAsync(Actor.FromUser(user!), new MeetingQuery(Search: title));
        return list.Total;
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
        // Wait for this save, not for a "Tersimpan" left from an earlier one: while it runs, the page's buttons are
        // disabled, and a click on them is not delivered.
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true });
        var before = int.Parse(await button.GetAttributeAsync("data-saves") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var isNew = page.Url.Contains("/rapat/baru", StringComparison.Ordinal);
        await button.ClickAsync();
        // A new rakor's first save moves to its own address (the page was unsaved until then, so "Tersimpan" is this save's).
        var saved = isNew ? page.GetByText("Tersimpan", new() { Exact = true }) : page.Locator($"[data-saves='{before + 1}']");
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
