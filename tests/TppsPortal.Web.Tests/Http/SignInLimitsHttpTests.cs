using System.Net;
using System.Text.RegularExpressions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>
/// Behind a TLS proxy (the test client plays the proxy on the loopback address and forwards for several client
/// addresses): lockout per user name and address, the rate limit per address, Secure cookies and HSTS.
/// </summary>
public sealed partial class SignInLimitsHttpTests(ProxiedPortal portal) : IClassFixture<ProxiedPortal>
{
    [Fact]
    public async Task Lockout_OfAnAccountFromOneAddress_DoesNotLockItFromAnother()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync("203.0.113.5", "admin.sistem", "tebakan-" + i);
        }

        var attacker = await SignInAsync("203.0.113.5", "admin.sistem", PortalFactory.DemoPassword);
        var admin = await SignInAsync("198.51.100.9", "admin.sistem", PortalFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, attacker.StatusCode);
        Assert.Contains("dikunci", WebUtility.HtmlDecode(await attacker.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/", admin.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task RateLimit_PerClientAddress_RefusesPostsBeyondTheLimit_OnlyForThatAddress()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= ProxiedPortal.PostsPerAddress; i++)
        {
            // A different user name each time: the lockout per user name never comes into it.
            answers.Add((await SignInAsync("192.0.2.10", "nama.coba" + i, "tebakan-1")).StatusCode);
        }
        var limited = await SignInAsync("192.0.2.10", "camat.malili", PortalFactory.DemoPassword);
        var otherAddress = await SignInAsync("192.0.2.11", "camat.malili", PortalFactory.DemoPassword);

        Assert.All(answers.Take(ProxiedPortal.PostsPerAddress), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Contains("Terlalu banyak percobaan masuk", await limited.Content.ReadAsStringAsync());
        SecurityHeadersHttpTests.AssertSecurityHeaders(limited);
        Assert.Equal(HttpStatusCode.Redirect, otherAddress.StatusCode);
    }

    [Fact]
    public async Task BehindTheTlsProxy_CookiesAreSecure_AndHstsIsSent()
    {
        var response = await SignInAsync("192.0.2.20", "pimpinan.lutim", PortalFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("tpps.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", SecurityHeadersHttpTests.Header(response, "Strict-Transport-Security"));
        Assert.Contains("wss://", SecurityHeadersHttpTests.Header(response, "Content-Security-Policy"));
    }

    /// <summary>Signs in through the form as a browser at <paramref name="clientAddress"/> behind the TLS proxy would.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string clientAddress, string userName, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = portal.ServerAddress,
        };
        var form = await client.SendAsync(Proxied(new HttpRequestMessage(HttpMethod.Get, "/masuk"), clientAddress));
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The sign-in form has no antiforgery token.");
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var post = Proxied(new HttpRequestMessage(HttpMethod.Post, "/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "masuk",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        }, clientAddress);
        post.Headers.Add("Cookie", cookies);
        return await client.SendAsync(post);
    }

    private static HttpRequestMessage Proxied(HttpRequestMessage request, string clientAddress)
    {
        request.Headers.Add("X-Forwarded-For", clientAddress);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
