using System.Net;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>
/// The aksi documents (publication PDF, printable page, situation-analysis XLSX) and the assessment pages through HTTP:
/// a district reads its own, another district's answer 404 as if they did not exist, and only assessors open the scoring.
/// </summary>
public sealed class PublicationHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year;

    [Theory]
    [InlineData("admin.lutim")]
    [InlineData("pemantau.sulsel")]
    [InlineData("opd.dp2kb.lutim")]
    public async Task Documents_OfTheDistrict_AreServedToThoseWhoReadItsCycle(string userName)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var pdf = await client.GetAsync($"/aksi/73.24/{Year}/publikasi.pdf");
        var xlsx = await client.GetAsync($"/aksi/73.24/{Year}/analisis-situasi.xlsx");
        var page = await client.GetAsync($"/aksi/73.24/{Year}/publikasi");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Publikasi Angka Stunting Kabupaten Luwu Timur", html, StringComparison.Ordinal);
        Assert.Contains("Mangkutana", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin.soppeng", "73.24")]
    [InlineData("pimpinan.lutim", "73.12")]
    [InlineData("camat.malili", "73.24")]
    [InlineData("camat.lalabata", "73.24")]
    public async Task Documents_OfAnotherDistrict_AnswerNotFound(string userName, string district)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        foreach (var path in new[] { "publikasi.pdf", "analisis-situasi.xlsx", "publikasi", "publikasi.pdf?periode=202611" })
        {
            var response = await client.GetAsync($"/aksi/{district}/{Year}/{path}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} for {userName} at {district}: {response.StatusCode}");
            Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Ringkasan per kecamatan", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Documents_WithoutSigningIn_AreNotServed()
    {
        using var client = portal.CreateHttpClient();

        var pdf = await client.GetAsync($"/aksi/73.24/{Year}/publikasi.pdf");

        Assert.NotEqual(HttpStatusCode.OK, pdf.StatusCode);
        Assert.DoesNotContain("%PDF", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin.lutim")]
    [InlineData("pimpinan.lutim")]
    public async Task AssessmentPages_AreRefusedToADistrict(string userName)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var board = await client.GetAsync("/aksi/penilaian");
        var editor = await client.GetAsync($"/aksi/penilaian/73.24/{Year}");

        Assert.Equal(HttpStatusCode.Forbidden, board.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editor.StatusCode);
        Assert.DoesNotContain("Penilaian aksi", WebUtility.HtmlDecode(await (await client.GetAsync("/")).Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
