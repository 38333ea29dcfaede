using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Convergence;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>Downloads of aksi evidence through HTTP: the district's people get the bytes as an attachment, another district gets 404.</summary>
public sealed class AksiEvidenceHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private async Task<int> UploadAsync(string userName, string district, int year, int number, string fileName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var actor = Actor.FromUser((await users.FindByNameAsync(userName))!);
        var service = scope.ServiceProvider.GetRequiredService<ConvergenceService>();
        var row = (await service.BoardAsync(actor, district, year)).Rows.Single(r => r.Number == number);
        var result = await service.UploadEvidenceAsync(actor, row.Id, new EvidenceUploadForm { Title = "Notulen rembuk stunting", FileName = fileName, Content = Pdf });
        Assert.True(result.Succeeded, result.Outcome.Summary);
        return result.Value;
    }

    [Fact]
    public async Task Download_OwnDistrict_IsTheStoredPdfAsAnAttachment_AnotherDistrictGets404()
    {
        var id = await UploadAsync("admin.lutim", "73.24", 2025, 3, "notulen \"rembuk\" 2025.pdf");
        using var lutim = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");
        using var soppeng = await HttpSignIn.SignedInClientAsync(portal, "admin.soppeng");
        using var camat = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var own = await lutim.GetAsync($"/aksi/bukti/{id}");
        var foreign = await soppeng.GetAsync($"/aksi/bukti/{id}");
        var camatOwnDistrict = await camat.GetAsync($"/aksi/bukti/{id}");
        var missing = await lutim.GetAsync($"/aksi/bukti/{id + 100_000}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());
        var disposition = own.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal("notulen rembuk 2025.pdf", disposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("PDF", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, camatOwnDistrict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Download_SoppengsEvidence_IsRefusedToLuwuTimur_AndReadByTheProvince()
    {
        var id = await UploadAsync("admin.soppeng", "73.12", 2025, 1, "analisis.pdf");
        using var lutim = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        using var pemantau = await HttpSignIn.SignedInClientAsync(portal, "pemantau.sulsel");
        using var anonymous = portal.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await lutim.GetAsync($"/aksi/bukti/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pemantau.GetAsync($"/aksi/bukti/{id}")).StatusCode);
        var signedOut = await anonymous.GetAsync($"/aksi/bukti/{id}");
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
    }

    [Fact]
    public async Task BoardPage_OfAnotherDistrict_IsRefused_AndTheOwnBoardShowsTheEightAksi()
    {
        using var admin = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        using var pemantau = await HttpSignIn.SignedInClientAsync(portal, "pemantau.sulsel");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/aksi?tahun=2024"));
        var other = await pemantau.GetAsync("/aksi?kabupaten=63.02");

        Assert.Contains("Aksi 1: Analisis situasi", html);
        Assert.Contains("Aksi 8: Reviu kinerja tahunan", html);
        Assert.Contains("0 dari 8 aksi selesai", html);
        Assert.Contains("Maret 2024", html);
        Assert.Contains("/aksi/73.24/2024/analisis-situasi.xlsx", html);
        Assert.Contains("/aksi/73.24/2024/publikasi", html);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
