using System.Net;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>Scope through plain HTTP: a direct URL or API call to another scope's data is refused.</summary>
public sealed class ScopeHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/api/wilayah/73.24.02")] // Nuha
    [InlineData("/api/wilayah/73.12")] // Soppeng
    [InlineData("/api/wilayah/73.12.04")] // Lalabata
    public async Task CamatMalili_ApiOutsideItsKecamatan_IsForbidden(string path)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("tidak berwenang", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CamatMalili_ApiOwnKecamatan_ListsItsVillagesOnly()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var json = await client.GetStringAsync("/api/wilayah/73.24.04");

        Assert.Contains("Malili", json);
        Assert.DoesNotContain("Nuha", json);
    }

    [Theory]
    [InlineData("/wilayah/73.24.02")]
    [InlineData("/wilayah/73.12")]
    public async Task CamatMalili_PageOfAnotherArea_IsRefused(string path)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", html);
        Assert.DoesNotContain("Desa Nuha Contoh", html);
    }

    [Fact]
    public async Task AdminSoppeng_AgenciesApi_NeverReturnsLuwuTimur()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "admin.soppeng");

        var json = await client.GetStringAsync("/api/instansi");
        var lutimAgency = await client.GetAsync("/api/instansi?wilayah=73.24");

        Assert.Contains("DP3APPKB", json);
        Assert.DoesNotContain("DP2KB\"", json);
        Assert.DoesNotContain("73.24", json);
        Assert.DoesNotContain("DP2KB", await lutimAgency.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminSoppeng_UsersPage_ShowsNoLuwuTimurUser()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "admin.soppeng");

        var response = await client.GetAsync("/pengguna");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("camat.malili", html);
        Assert.DoesNotContain("admin.lutim", html);
    }

    [Theory]
    [InlineData("opd.dp2kb.lutim")]
    [InlineData("camat.malili")]
    [InlineData("pimpinan.lutim")]
    public async Task NonAdmin_UsersPage_IsRefused(string userName)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync("/pengguna");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Akses ditolak", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminLutim_ImportPage_IsRefused()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");

        var response = await client.GetAsync("/admin/impor-wilayah");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
