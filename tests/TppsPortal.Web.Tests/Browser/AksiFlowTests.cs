using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TppsPortal.Accounts;
using TppsPortal.Convergence;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Browser;

/// <summary>
/// The aksi konvergensi board as the secretariat uses it: Luwu Timur's Admin Sekretariat marks aksi 3 (rembuk stunting)
/// Selesai, uploads the minutes as a PDF, and the board shows both; on a 360 px phone the board fits and a renamed
/// executable is refused in the dialog.
/// </summary>
public sealed partial class AksiFlowTests(PortalFactory portal, BrowserSession browser)
    : IClassFixture<PortalFactory>, IClassFixture<BrowserSession>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    static AksiFlowTests()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task Secretariat_MarksRembukStuntingSelesai_UploadsThePdf_AndTheBoardShowsIt()
    {
        var page = await browser.NewPageAsync(portal.ServerAddress, 1280, 900);
        var phone = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(page, "admin.lutim", PortalFactory.DemoPassword);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" })
                .GetByRole(AriaRole.Link, new() { Name = "Aksi konvergensi" }).ClickAsync();
            await BrowserSession.WaitInteractiveAsync(page);
            var card = page.GetByTestId("aksi-3");
            await Assertions.Expect(card).ToContainTextAsync("Aksi 3: Rembuk stunting");
            await Assertions.Expect(card).ToContainTextAsync("Belum ada bukti");
            await Assertions.Expect(page.GetByTestId("aksi-summary")).ToContainTextAsync("0 dari 8 aksi selesai");

            // Selesai.
            await card.GetByRole(AriaRole.Button, new() { Name = "Ubah Aksi 3: Rembuk stunting" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Status").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Selesai", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
            await dialog.GetByLabel("Catatan").FillAsync("Rembuk stunting kabupaten dilaksanakan bersama seluruh OPD.");
            await BrowserSession.ScreenshotAsync(page, "aksi-0-edit-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Perubahan Aksi 3: Rembuk stunting disimpan.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("aksi-summary")).ToContainTextAsync("1 dari 8 aksi selesai");
            await Assertions.Expect(card).ToContainTextAsync("Rembuk stunting kabupaten dilaksanakan bersama seluruh OPD.");
            await Assertions.Expect(card).ToContainTextAsync("Terakhir diubah oleh Admin Sekretariat TPPS Luwu Timur (demo)");

            // The minutes as a PDF.
            await card.GetByRole(AriaRole.Button, new() { Name = "Tambah bukti Aksi 3: Rembuk stunting" }).ClickAsync();
            await BrowserSession.ChooseFileAsync(dialog.Locator("input[type=file]"), new FilePayload
            {
                Name = "notulen-rembuk-stunting.pdf", MimeType = "application/pdf", Buffer = Pdf,
            });
            await Assertions.Expect(dialog.GetByTestId("chosen-file")).ToContainTextAsync("notulen-rembuk-stunting.pdf");
            await dialog.GetByLabel("Judul dokumen").FillAsync("Notulen Rembuk Stunting Luwu Timur");
            await BrowserSession.ScreenshotAsync(page, "aksi-0-evidence-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Bukti \"Notulen Rembuk Stunting Luwu Timur\" ditambahkan ke Aksi 3: Rembuk stunting.")).ToBeVisibleAsync();
            await Assertions.Expect(card).ToContainTextAsync("Notulen Rembuk Stunting Luwu Timur");
            await Assertions.Expect(card).ToContainTextAsync("diunggah oleh Admin Sekretariat TPPS Luwu Timur (demo)");
            await Assertions.Expect(card).Not.ToContainTextAsync("Belum ada bukti");
            await Assertions.Expect(card.GetByText("Selesai", new() { Exact = true }).First).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(page, "aksi-1-board-desktop");

            // The link downloads the stored bytes.
            var href = await card.GetByTestId("evidence-link").GetAttributeAsync("href");
            Assert.Matches(EvidenceUrl(), href ?? "");
            var download = await page.Context.APIRequest.GetAsync(new Uri(portal.ServerAddress, href).ToString());
            Assert.Equal(200, download.Status);
            Assert.Equal(Pdf, await download.BodyAsync());

            // Aksi 4: the team's SK, linked rather than uploaded (the current SK is suggested).
            var skCard = page.GetByTestId("aksi-4");
            await skCard.GetByRole(AriaRole.Button, new() { Name = "Tambah bukti Aksi 4: Peraturan bupati/wali kota tentang peran desa" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Tab, new() { Name = "Tautkan" }).ClickAsync();
            await Assertions.Expect(dialog.GetByLabel("Yang ditautkan")).ToHaveValueAsync(new Regex("^SK TPPS "));
            await BrowserSession.ScreenshotAsync(page, "aksi-0-link-dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Tautkan", Exact = true }).ClickAsync();
            await Assertions.Expect(skCard.GetByTestId("evidence-link")).ToContainTextAsync("SK TPPS ");
            await Assertions.Expect(skCard.GetByTestId("evidence-link")).ToHaveAttributeAsync("href", "/tim?kabupaten=73.24");
            await Assertions.Expect(skCard).Not.ToContainTextAsync("Belum ada bukti");

            // Below the cards, the province's scores: none published yet.
            await Assertions.Expect(page.GetByTestId("assessment-scores")).ToContainTextAsync("Penilaian provinsi belum dipublikasikan.");

            // The district's dashboard says how far this year's cycle is, and leads to the board.
            await page.GotoAsync("/dasbor");
            await BrowserSession.WaitInteractiveAsync(page);
            var progress = page.GetByTestId("aksi-progress");
            await Assertions.Expect(progress.GetByTestId("aksi-progress-text")).ToHaveTextAsync("1 dari 8 aksi selesai");
            await BrowserSession.ScreenshotAsync(page, "aksi-dashboard-progress");
            await progress.GetByRole(AriaRole.Link, new() { Name = "Buka papan aksi konvergensi" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("aksi-3")).ToContainTextAsync("Notulen Rembuk Stunting Luwu Timur");

            // A phone: the same board; an executable renamed to .pdf is refused in the dialog, with the reason.
            await BrowserSession.SignInAsync(phone, "admin.lutim", PortalFactory.DemoPassword);
            await phone.GotoAsync("/aksi");
            await BrowserSession.WaitInteractiveAsync(phone);
            var phoneCard = phone.GetByTestId("aksi-3");
            await Assertions.Expect(phoneCard).ToContainTextAsync("Notulen Rembuk Stunting Luwu Timur");
            var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, "the board fits 360 px without sideways scrolling");
            await BrowserSession.ScreenshotAsync(phone, "aksi-2-board-phone");

            await phone.GetByTestId("aksi-1").GetByRole(AriaRole.Button, new() { Name = "Tambah bukti Aksi 1: Analisis situasi" }).ClickAsync();
            var phoneDialog = phone.GetByRole(AriaRole.Dialog);
            await BrowserSession.ChooseFileAsync(phoneDialog.Locator("input[type=file]"), new FilePayload
            {
                Name = "analisis-situasi.pdf", MimeType = "application/pdf", Buffer = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00],
            });
            await Assertions.Expect(phoneDialog.GetByTestId("chosen-file")).ToContainTextAsync("analisis-situasi.pdf");
            await phoneDialog.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();
            await Assertions.Expect(phoneDialog.GetByTestId("file-error")).ToContainTextAsync("program (executable)");
            await Assertions.Expect(phoneDialog.GetByLabel("Judul dokumen")).ToHaveValueAsync("analisis-situasi");
            await BrowserSession.ScreenshotAsync(phone, "aksi-3-refused-executable-phone");
            await phoneDialog.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
            await Assertions.Expect(phone.GetByTestId("aksi-1")).ToContainTextAsync("Belum ada bukti");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "aksi-failure");
            await BrowserSession.ScreenshotAsync(phone, "aksi-failure-phone");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
            await phone.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task OperatorOpd_OnAPhone_AddsEvidenceOnlyToTheAksiOfTheirAgency()
    {
        // The secretariat made DP2KB responsible for aksi 6 of 2025.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = Actor.FromUser((await users.FindByNameAsync("admin.lutim"))!);
            var service = scope.ServiceProvider.GetRequiredService<ConvergenceService>();
            var row = (await service.BoardAsync(admin, "73.24", 2025)).Rows.Single(r => r.Number == 6);
            var dp2kb = (await service.AgencyChoicesAsync(admin, "73.24")).Single(a => a.ShortName == "DP2KB").Id;
            var saved = await service.UpdateItemAsync(admin, row.Id, new AksiItemForm
            {
                ResponsibleAgencyId = dp2kb, PlannedMonth = row.PlannedMonth, Status = AksiStatus.Proses, Notes = "", Version = row.Version,
            });
            Assert.True(saved.Succeeded, saved.Summary);
        }
        var phone = await browser.NewPageAsync(portal.ServerAddress, 360, 740);
        try
        {
            await BrowserSession.SignInAsync(phone, "opd.dp2kb.lutim", PortalFactory.DemoPassword);
            await phone.GotoAsync("/aksi?tahun=2025");
            await BrowserSession.WaitInteractiveAsync(phone);
            var card = phone.GetByTestId("aksi-6");
            await Assertions.Expect(card).ToContainTextAsync("DP2KB");
            await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Tambah bukti") })).ToHaveCountAsync(1);
            await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Ubah") })).ToHaveCountAsync(0);

            await card.GetByRole(AriaRole.Button, new() { Name = "Tambah bukti Aksi 6: Sistem manajemen data" }).ClickAsync();
            var dialog = phone.GetByRole(AriaRole.Dialog);
            await BrowserSession.ChooseFileAsync(dialog.Locator("input[type=file]"), new FilePayload
            {
                Name = "data_keluarga_berisiko.docx", MimeType = "application/octet-stream", Buffer = Docx(),
            });
            // The title is taken from the file name until one is typed.
            await Assertions.Expect(dialog.GetByLabel("Judul dokumen")).ToHaveValueAsync("data keluarga berisiko");
            await BrowserSession.ScreenshotAsync(phone, "aksi-4-opd-evidence-dialog-phone");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();
            await Assertions.Expect(card).ToContainTextAsync("data keluarga berisiko");
            await Assertions.Expect(card).ToContainTextAsync("data_keluarga_berisiko.docx");
            await Assertions.Expect(card).ToContainTextAsync("diunggah oleh Operator DP2KB Luwu Timur (demo)");
            await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Hapus bukti data keluarga berisiko" })).ToBeVisibleAsync();
            await BrowserSession.ScreenshotAsync(phone, "aksi-5-opd-board-phone");
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(phone, "aksi-failure-opd");
            throw;
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>The smallest package Word and the sniffer take as a DOCX.</summary>
    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            Write(zip, "word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Data keluarga berisiko stunting</w:t></w:r></w:p></w:body></w:document>""");
        }
        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    [GeneratedRegex(@"^/aksi/bukti/\d+$")]
    private static partial Regex EvidenceUrl();
}
