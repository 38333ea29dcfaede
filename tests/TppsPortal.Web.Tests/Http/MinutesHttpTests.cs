using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Data;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>The printable minutes and the PDF downloads, through HTTP, for users inside and outside the meeting's scope.</summary>
public sealed class MinutesHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<int> SeedMeetingIdAsync(string title)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Meetings.Where(m => m.Title == title).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task MeetingList_OffersADistrictFilter_OnlyToThoseWhoReadSeveralDistricts()
    {
        using var pemantau = await HttpSignIn.SignedInClientAsync(portal, "pemantau.sulsel");
        using var admin = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");

        var pemantauHtml = WebUtility.HtmlDecode(await pemantau.GetStringAsync("/rapat"));
        var adminHtml = WebUtility.HtmlDecode(await admin.GetStringAsync("/rapat"));

        Assert.Contains("Kosongkan untuk semua kabupaten/kota.", pemantauHtml);
        Assert.Contains("Rapat koordinasi", adminHtml);
        Assert.DoesNotContain("Kosongkan untuk semua kabupaten/kota.", adminHtml);
    }

    [Fact]
    public async Task PrintPage_ForAdminLutim_ShowsTheMinutesInIndonesianWithTheAttendanceList()
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.LutimMeetingTitle);
        using var client = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");

        var response = await client.GetAsync($"/rapat/{id}/cetak");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("NOTULEN RAPAT", html);
        Assert.Contains("Selasa, 13 Februari 2024", html);
        Assert.Contains("09.00 - 12.00 WITA", html);
        Assert.Contains("Aula Kantor Bupati Luwu Timur", html);
        Assert.Contains("Mochammad Akbar Andi Leluasa", html);
        Assert.Contains("PEMERINTAH KABUPATEN LUWU TIMUR", html);
        Assert.Contains("DAFTAR HADIR", html);
        Assert.Contains("Hj. Puspawati", html);
        Assert.Contains("Rencana tindak lanjut", html);
    }

    [Theory]
    [InlineData("camat.lalabata")]
    [InlineData("admin.soppeng")]
    public async Task PrintPage_ForAnotherDistrict_IsRefused(string userName)
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.LutimMeetingTitle);
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync($"/rapat/{id}/cetak");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", html);
        Assert.DoesNotContain("Puspawati", html);
    }

    [Theory]
    [InlineData("notulen.pdf")]
    [InlineData("daftar-hadir.pdf")]
    public async Task PdfDownload_ForTheDistrictsOwnUsers_IsAPdf(string file)
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.SoppengMeetingTitle);
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.lalabata"); // a camat of Soppeng reads the district rakor

        var response = await client.GetAsync($"/rapat/{id}/{file}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Theory]
    [InlineData("camat.malili", "notulen.pdf")]
    [InlineData("admin.lutim", "notulen.pdf")]
    [InlineData("pimpinan.lutim", "daftar-hadir.pdf")]
    [InlineData("opd.dp2kb.lutim", "notulen.pdf")]
    public async Task PdfDownload_OfAnotherDistrictsMeeting_IsForbidden(string userName, string file)
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.SoppengMeetingTitle);
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync($"/rapat/{id}/{file}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PdfDownload_Anonymous_IsNotServed()
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.SoppengMeetingTitle);
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync($"/rapat/{id}/notulen.pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/masuk", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocxDownload_IsServedToReadersOfTheMeetingOnly()
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.SoppengMeetingTitle);
        using var reader = await HttpSignIn.SignedInClientAsync(portal, "camat.lalabata"); // a camat of Soppeng reads the district rakor
        using var outsider = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        using var anonymous = portal.CreateHttpClient();

        var served = await reader.GetAsync($"/rapat/{id}/notulen.docx");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var refused = await outsider.GetAsync($"/rapat/{id}/notulen.docx");
        var challenged = await anonymous.GetAsync($"/rapat/{id}/notulen.docx");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"notulen-rapat-{id}.docx", served.Content.Headers.ContentDisposition!.FileNameStar ?? served.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2)); // a zip package
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.wordprocessingml.document", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("/masuk", challenged.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinalMinutes_AreTheStoredVersion_ByteForByte_AndItsCodeOpensTheVerificationPageWithoutAnAccount()
    {
        var id = await SeedMeetingIdAsync(DemoSeeder.LutimMeetingTitle); // final in the demo data, version 1
        using var admin = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        using var outsider = await HttpSignIn.SignedInClientAsync(portal, "admin.soppeng");
        using var anonymous = portal.CreateHttpClient();
        string code;
        byte[] stored;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await using var _ = db;
            var version = await db.MinutesVersions.Where(v => v.MeetingId == id).OrderByDescending(v => v.Number).FirstAsync();
            (code, stored) = (version.Code, version.Pdf);
        }

        var latest = await admin.GetByteArrayAsync($"/rapat/{id}/notulen.pdf");
        var first = await admin.GetAsync($"/rapat/{id}/notulen.pdf?versi=1");
        var missing = await admin.GetAsync($"/rapat/{id}/notulen.pdf?versi=99");
        var refused = await outsider.GetAsync($"/rapat/{id}/notulen.pdf?versi=1");
        var verified = await anonymous.GetAsync($"/verifikasi/{code}");
        var verifiedHtml = Shown(await verified.Content.ReadAsStringAsync());
        var typed = Shown(await anonymous.GetStringAsync($"/verifikasi?kode={code[..5].ToLowerInvariant()}-{code[5..]}"));
        var unknown = Shown(await anonymous.GetStringAsync("/verifikasi/ZZZZZZZZZZ"));

        Assert.Equal(stored, latest);
        Assert.Equal(stored, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal($"notulen-rapat-{id}-versi-1.pdf", first.Content.Headers.ContentDisposition!.FileNameStar ?? first.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("Ini notulen final versi 1", verifiedHtml);
        Assert.Contains(DemoSeeder.LutimMeetingTitle, verifiedHtml);
        Assert.Contains("Admin Sekretariat TPPS Luwu Timur (demo)", verifiedHtml);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), verifiedHtml);
        Assert.Contains("Ini notulen final versi 1", typed);
        Assert.Contains("tidak terdaftar", unknown);
        Assert.DoesNotContain("Ini notulen final", unknown);
    }

    /// <summary>The page's text as a reader sees it: tags removed, entities decoded, whitespace collapsed.</summary>
    private static string Shown(string html) =>
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");
}
