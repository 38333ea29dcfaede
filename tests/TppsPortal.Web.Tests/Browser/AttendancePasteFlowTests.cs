using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Accounts;
using TppsPortal.Meetings;
using TppsPortal.Tests.Meetings;
using TppsPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>The secretariat pastes a rakor's 33-person attendance list from a spreadsheet instead of typing it.</summary>
public sealed class AttendancePasteFlowTests(PortalFactory portal, BrowserSession browser, ITestOutputHelper output)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    static AttendancePasteFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task AdminLutim_Pastes33RowsFromASpreadsheet_SeesThePreviewAddsThemAndSaves()
    {
        var id = await CreateMeetingAsync();
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync($"/rapat/{id}");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();

            var clock = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tempel dari spreadsheet" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            var box = dialog.GetByLabel("Baris dari spreadsheet", new() { Exact = true });

            // A row without a name: its error, nothing to add, and the text stays to be corrected.
            var wrong = "Nama\tJabatan\tInstansi\nSitti Aminah\tNutrisionis\tDinkes\n\tPengelola Gizi\tDinkes\n";
            await box.FillAsync(wrong);
            await Assertions.Expect(dialog.GetByTestId("attendance-errors")).ToContainTextAsync("Baris 3: nama kosong.");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Tambahkan peserta" })).ToBeDisabledAsync();
            await Assertions.Expect(box).ToHaveValueAsync(wrong);

            // Closed without adding anyone (to look something up in the form): the paste comes back when it opens again.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tempel dari spreadsheet" }).ClickAsync();
            await Assertions.Expect(box).ToHaveValueAsync(wrong);
            await Assertions.Expect(dialog.GetByTestId("attendance-errors")).ToContainTextAsync("Baris 3: nama kosong.");
            clock.Restart(); // the measure below: from an open dialog to saved

            await box.FillAsync("Nama\tJabatan\tInstansi\n" + AttendanceImportTests.Tsv(AttendanceImportTests.Rakor33));
            await Assertions.Expect(dialog.GetByTestId("attendance-count")).ToHaveTextAsync("33 peserta siap ditambahkan");
            await Assertions.Expect(dialog.GetByText("(dari baris judul; dapat diubah)", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(dialog.GetByTestId("attendance-preview").GetByText("Dinas Kesehatan", new() { Exact = true }).First).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "rakor-attendance-paste");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Tambahkan 33 peserta" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByLabel("Nama peserta 34", new() { Exact = true })).ToHaveValueAsync("Rina Kartika");

            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Tersimpan", new() { Exact = true })).ToBeVisibleAsync();
            clock.Stop();
            output.WriteLine($"33 attendees from opening the dialog to saved: {clock.Elapsed.TotalSeconds:0.0} s");

            var stored = await LoadAsync(id);
            Assert.Equal(34, stored.Form.Attendees.Count); // the one the meeting had, then the 33
            Assert.Equal(AttendanceImportTests.Rakor33.Select(r => r.Name), stored.Form.Attendees.Skip(1).Select(a => a.Name));
            Assert.Equal(31, stored.Form.Attendees.Skip(1).Count(a => a.AgencyId is not null));
            Assert.Equal("Universitas Hasanuddin", stored.Form.Attendees[^2].GuestOrganisation);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AdminLutim_ImportsASemicolonCsv_SeesTheGuestInThePreviewAndAddsThePeople()
    {
        var id = await CreateMeetingAsync();
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GotoAsync($"/rapat/{id}");
            await BrowserSession.WaitInteractiveAsync(page);
            await page.GetByText("Daftar hadir", new() { Exact = true }).ClickAsync();
            var csv = "\uFEFFNo;Nama Lengkap;Jabatan;Asal Instansi\r\n1;\"Hj. Nurhidayah, SKM\";Kepala Bidang Kesmas;Dinas Kesehatan\r\n2;Rina Kartika;Field Officer;UNICEF Perwakilan Sulawesi\r\n";

            await BrowserSession.ChooseFileAsync(page.Locator("input[type=file][accept='.csv']").First, new FilePayload
            {
                Name = "daftar-hadir.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
            });
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByTestId("attendance-count")).ToHaveTextAsync("2 peserta siap ditambahkan");
            await Assertions.Expect(dialog.GetByText("tamu: UNICEF Perwakilan Sulawesi")).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Tambahkan 2 peserta" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Nama peserta 3", new() { Exact = true })).ToHaveValueAsync("Rina Kartika");
            await page.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Tersimpan", new() { Exact = true })).ToBeVisibleAsync();

            var stored = (await LoadAsync(id)).Form.Attendees;
            Assert.Equal(["Peserta Awal", "Hj. Nurhidayah, SKM", "Rina Kartika"], stored.Select(a => a.Name));
            Assert.Equal("UNICEF Perwakilan Sulawesi", stored[2].GuestOrganisation);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<int> CreateMeetingAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
        var admin = await AdminAsync(scope);
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor TPPS uji tempel daftar hadir";
        form.Date = new DateOnly(2025, 6, 10);
        form.Venue = "Aula Kantor Bupati Luwu Timur";
        form.Attendees = [new AttendeeForm { Name = "Peserta Awal", Position = "Kepala", AgencyId = form.Invitations[0].AgencyId }];
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return created.Value;
    }

    private async Task<MeetingDetails> LoadAsync(int id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var meeting = await scope.ServiceProvider.GetRequiredService<MeetingService>().GetAsync(await AdminAsync(scope), id);
        return meeting ?? throw new InvalidOperationException($"Meeting {id} was not stored.");
    }

    private static async Task<Actor> AdminAsync(AsyncServiceScope scope)
    {
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("admin.lutim");
        return Actor.FromUser(user!);
    }
}
