using System.Net;
using System.Text.Json;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>Sign-out ends the session on the server; sign-out needs an antiforgery token; the API never redirects.</summary>
public sealed class SessionHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SignOut_ThenTheOldCookieReplayed_IsRefused()
    {
        var jar = new CookieContainer();
        using var client = portal.CreateHttpClient(jar);
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostLoginAsync(client, "pimpinan.lutim", PortalFactory.DemoPassword)).StatusCode);
        var address = portal.ServerAddress;
        var cookie = jar.GetCookieHeader(address);
        Assert.Contains("tpps.auth", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dasbor/ekspor.csv")).StatusCode);
        var token = await HttpSignIn.AntiforgeryTokenAsync(client, "/akun/kata-sandi");

        var signOut = await client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        var request = new HttpRequestMessage(HttpMethod.Get, "/dasbor/ekspor.csv");
        request.Headers.Add("Cookie", cookie);
        var replayed = await replay.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/masuk?keluar=1", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/masuk", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAnAntiforgeryToken_IsRefusedAndTheSessionGoesOn()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var signOut = await client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var home = await client.GetAsync("/");

        Assert.True(HttpStatusCode.BadRequest == signOut.StatusCode, await signOut.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithAnotherUsersToken_IsRefused()
    {
        using var other = await HttpSignIn.SignedInClientAsync(portal, "admin.lutim");
        var othersToken = await HttpSignIn.AntiforgeryTokenAsync(other, "/akun/kata-sandi");
        using var client = await HttpSignIn.SignedInClientAsync(portal, "opd.dp2kb.lutim");

        var signOut = await client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = othersToken,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AnonymousRequest_ToTheApi_Is401ProblemDetails()
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync("/api/instansi");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ApiOutsideTheUsersScope_Is403ProblemDetails()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        var response = await client.GetAsync("/api/wilayah/73.12");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(403, json.RootElement.GetProperty("status").GetInt32());
    }
}
