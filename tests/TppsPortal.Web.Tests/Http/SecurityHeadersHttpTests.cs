using System.Net;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>Every kind of response carries the security headers and no Server header.</summary>
public sealed class SecurityHeadersHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/dasbor/dasbor.pdf", "application/pdf")]
    [InlineData("/dasbor/ekspor.csv", "text/csv")]
    [InlineData("/api/instansi", "application/json")]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/halaman-yang-tidak-ada", "text/html")]
    public async Task SignedInResponse_CarriesTheSecurityHeaders(string path, string mediaType)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var response = await client.GetAsync(path);

        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/masuk")]
    [InlineData("/dasbor")] // a redirect to the sign-in page
    [InlineData("/api/instansi")] // 401 problem details
    [InlineData("/health/ready")]
    public async Task AnonymousResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync(path);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ContentSecurityPolicy_AllowsScriptsOnlyFromThePortalAndTheImportMapsNonce()
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync("/masuk");
        var html = await response.Content.ReadAsStringAsync();
        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

        Assert.DoesNotContain("unsafe-eval", scriptSrc);
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
        var nonce = System.Text.RegularExpressions.Regex.Match(scriptSrc, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", nonce); // 128 bits, URL-safe: written into the page exactly as in the header
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
        Assert.Contains("connect-src 'self' ws://" + portal.ServerAddress.Authority, csp);
        Assert.NotEqual(nonce, System.Text.RegularExpressions.Regex.Match(Header(await client.GetAsync("/masuk"), "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value);
    }

    [Fact]
    public async Task Hsts_IsNotSentInDevelopmentOverPlainHttp()
    {
        using var client = portal.CreateHttpClient();

        var response = await client.GetAsync("/masuk");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'self'", Header(response, "Content-Security-Policy"));
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"), "The Server header is sent.");
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: no {name} header");
}
