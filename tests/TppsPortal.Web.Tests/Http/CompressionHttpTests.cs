using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>
/// Issue 11, a light camat form on a weak network: every static asset the pages link goes out Brotli-compressed
/// from a fingerprinted URL that the browser caches for good, and pages are compressed, except the password pages
/// (docs/performance.md).
/// </summary>
public sealed partial class CompressionHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("_content/MudBlazor/MudBlazor.min.", ".css", "mud-")]
    [InlineData("_content/MudBlazor/MudBlazor.min.", ".js", "")]
    [InlineData("_framework/blazor.web.", ".js", "")]
    public async Task AssetLinkedFromThePage_IsFingerprinted_BrotliCompressed_AndCachedImmutably(string prefix, string extension, string expectedText)
    {
        using var client = portal.CreateHttpClient();
        var html = await client.GetStringAsync("/masuk");
        var url = Regex.Match(html, $"{Regex.Escape(prefix)}[a-z0-9]{{6,}}{Regex.Escape(extension)}");
        Assert.True(url.Success, $"The page links no fingerprinted {prefix}*{extension}.");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + url.Value);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "");
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), "Cached for less than a year.");
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var text = Decompress(compressed, "br");
        Assert.True(compressed.Length * 3 < Encoding.UTF8.GetByteCount(text), $"{url.Value}: {compressed.Length} bytes for {text.Length} characters is hardly compressed.");
        Assert.Contains(expectedText, text);
    }

    [Fact]
    public async Task Page_AskedWithBrotliOrGzip_IsCompressed()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "camat.malili");

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/wilayah");
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var html = Decompress(await response.Content.ReadAsByteArrayAsync(), encoding);
            Assert.Contains("<html lang=\"id\">", html);
            Assert.Contains("Kecamatan Malili", html);
        }
    }

    [Fact]
    public async Task SignInPage_IsNotCompressed()
    {
        using var client = portal.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/masuk?ReturnUrl=%2Flaporan");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Nama pengguna", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// What makes compressing pages safe: an antiforgery token is encrypted afresh for every response, so no
    /// byte-identical secret repeats across responses for a compression oracle to guess at.
    /// </summary>
    [Fact]
    public async Task AntiforgeryToken_IsDifferentInEveryResponse()
    {
        using var client = portal.CreateHttpClient();

        var first = AntiforgeryToken().Match(await client.GetStringAsync("/masuk")).Groups[1].Value;
        var second = AntiforgeryToken().Match(await client.GetStringAsync("/masuk")).Groups[1].Value;

        Assert.NotEqual("", first);
        Assert.NotEqual("", second);
        Assert.NotEqual(first, second);
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
