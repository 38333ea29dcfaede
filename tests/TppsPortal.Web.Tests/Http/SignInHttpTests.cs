using System.Net;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

public sealed class SignInHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/wilayah")]
    [InlineData("/instansi")]
    [InlineData("/pengguna")]
    public async Task AnonymousRequest_ToAPage_IsSentToSignIn(string path)
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/masuk", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousRequest_ToTheApi_IsNotAnswered()
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync("/api/instansi");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignInPage_IsInIndonesian_AndListsTheDemoAccounts()
    {
        using var client = portal.CreateHttpClient();

        var html = await client.GetStringAsync("/masuk");

        Assert.Contains("Nama pengguna", html);
        Assert.Contains("Kata sandi", html);
        Assert.Contains("camat.malili", html);
        Assert.Contains("lang=\"id\"", html);
    }

    [Fact]
    public async Task SignIn_WithRightPassword_SetsTheCookieAndOpensTheHomePage()
    {
        using var client = portal.CreateHttpClient();

        var response = await HttpSignIn.PostLoginAsync(client, "camat.malili", PortalFactory.DemoPassword);
        var home = await client.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Kecamatan Malili", html);
        Assert.DoesNotContain("Nuha", html);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_StaysOnTheFormWithAnIndonesianMessageAndKeepsTheUserName()
    {
        using var client = portal.CreateHttpClient();

        var response = await HttpSignIn.PostLoginAsync(client, "pimpinan.lutim", "bukan-kata-sandi-1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah.", html);
        Assert.Contains("value=\"pimpinan.lutim\"", html);
        Assert.DoesNotContain("bukan-kata-sandi-1", html);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_NamesEachField()
    {
        using var client = portal.CreateHttpClient();

        var response = await HttpSignIn.PostLoginAsync(client, "", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Nama pengguna wajib diisi.", html);
        Assert.Contains("Kata sandi wajib diisi.", html);
    }

    [Fact]
    public async Task Health_LiveAndReady_AreHealthyWithoutSigningIn()
    {
        using var client = portal.CreateHttpClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
