using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Data;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Api;

/// <summary>
/// Bearer tokens over plain HTTP: a token acts as its user, with that user's scope; an expired, revoked or unknown
/// token, or one of a deactivated user, is 401 with a problem and WWW-Authenticate; an integration account cannot sign in.
/// </summary>
public sealed class ApiTokenHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<(Actor Owner, string Secret, int Id)> TokenForAsync(string userName, string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var actor = Actor.FromUser(user);
        var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync(actor, user.Id, new ApiTokenForm { Name = name, LifetimeDays = 30 });
        Assert.True(made.Succeeded, made.Outcome.Summary);
        return (actor, made.Value!.Secret, made.Value.Token.Id);
    }

    private HttpClient ClientWith(string secret)
    {
        var client = portal.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task AssertUnauthorizedProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("Token API", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CamatMalilisToken_ReadsItsKecamatan_AndIsRefusedAnother_AsItsUserIs()
    {
        var (_, secret, _) = await TokenForAsync("camat.malili", "Uji baca kecamatan");
        using var client = ClientWith(secret);

        var own = await client.GetAsync("/api/wilayah/73.24.04");
        var other = await client.GetAsync("/api/wilayah/73.24.02");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Malili", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var problem = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.Equal("forbidden", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RevokedToken_Is401_FromTheNextRequest()
    {
        var (owner, secret, id) = await TokenForAsync("admin.lutim", "Uji cabut");
        using var client = ClientWith(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/wilayah/73.24")).StatusCode);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(owner, id);
            Assert.True(revoked.Succeeded);
        }

        await AssertUnauthorizedProblemAsync(await client.GetAsync("/api/wilayah/73.24"));
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var (_, secret, id) = await TokenForAsync("admin.lutim", "Uji kedaluwarsa");
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        using var client = ClientWith(secret);

        await AssertUnauthorizedProblemAsync(await client.GetAsync("/api/wilayah/73.24"));
    }

    [Theory]
    [InlineData("tpps_bukan-token-yang-pernah-dibuat-oleh-portal")]
    [InlineData("sembarang")]
    public async Task UnknownToken_Is401_AndNoCookieRedirect(string secret)
    {
        using var client = ClientWith(secret);

        var response = await client.GetAsync("/api/wilayah/73.24");

        await AssertUnauthorizedProblemAsync(response);
    }

    [Fact]
    public async Task NoTokenAndNoCookie_IsA401Problem_NotASignInPage()
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync("/api/wilayah/73.24");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task IntegrationAccount_HasNoPassword_CannotSignIn_AndItsTokenReadsItsScope()
    {
        string secret;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserService>();
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = Actor.FromUser((await userManager.FindByNameAsync("admin.sistem"))!);
            var created = await users.CreateAsync(admin, new UserForm
            {
                UserName = "integrasi.uji.sulsel", FullName = "DHIS2 Provinsi Sulawesi Selatan (uji)",
                Role = Role.PemantauProvinsi, RegionCode = "73", IsIntegration = true,
            });
            Assert.True(created.Succeeded, created.Outcome.Summary);
            var account = await userManager.FindByIdAsync(created.Value!);
            Assert.True(account!.IsIntegration);
            Assert.False(await userManager.HasPasswordAsync(account));
            var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
                .CreateAsync(admin, account.Id, new ApiTokenForm { Name = "DHIS2 provinsi", LifetimeDays = 365 });
            Assert.True(made.Succeeded, made.Outcome.Summary);
            secret = made.Value!.Secret;
        }

        using var client = ClientWith(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/wilayah/73.12")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/wilayah/73.24")).StatusCode);

        // No password: the sign-in form refuses it whatever is typed, and no session comes of it.
        using var browser = portal.CreateHttpClient();
        var signIn = await HttpSignIn.PostLoginAsync(browser, "integrasi.uji.sulsel", PortalFactory.DemoPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/wilayah/73")).StatusCode);
    }
}
