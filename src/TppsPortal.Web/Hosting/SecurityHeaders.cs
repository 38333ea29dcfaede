using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TppsPortal.Web.Hosting;

/// <summary>The security headers sent on every response (configuration section <c>Tpps:SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Tpps:SecurityHeaders";

    /// <summary>
    /// The Content-Security-Policy. <c>{nonce}</c> becomes a fresh nonce per response (the one inline script, the
    /// import map, carries it) and <c>{websocket}</c> the WebSocket origin of the request (wss://host behind TLS).
    /// Why each source is there: docs/security.md.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; " +
        "script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' {websocket}; " +
        "frame-ancestors 'self'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "object-src 'none'";

    public string ReferrerPolicy { get; set; } = "strict-origin-when-cross-origin";

    /// <summary>Send Strict-Transport-Security on HTTPS responses. Unset: on outside Development.</summary>
    public bool? Hsts { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>
/// Adds the security headers to every response, whatever made it: pages, PDF, CSV, JSON, static files, redirects,
/// error pages and responses of the status code pages. First in the pipeline; the headers are set when the response
/// starts, so nothing later can forget them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options, IWebHostEnvironment environment)
{
    private const string NonceKey = "tpps.csp-nonce";

    /// <summary>The nonce of this response's Content-Security-Policy, for the one inline script (App.razor's import map).</summary>
    public static string? Nonce(HttpContext context) => context.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        // URL-safe base64 (no '+', '/' or '='), which CSP allows: Razor writes '+' in an attribute as "&#x2B;", so the
        // page's text and the header only matched when the random nonce happened to have no '+'.
        var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var hsts = settings.Hsts ?? !environment.IsDevelopment();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = settings.ReferrerPolicy;
            headers.XFrameOptions = "SAMEORIGIN";
            if (!string.IsNullOrWhiteSpace(settings.ContentSecurityPolicy))
            {
                var request = context.Request;
                var websocket = (request.IsHttps ? "wss://" : "ws://") + request.Host.Value;
                headers.ContentSecurityPolicy = settings.ContentSecurityPolicy
                    .Replace("{nonce}", nonce, StringComparison.Ordinal)
                    .Replace("{websocket}", websocket, StringComparison.Ordinal);
            }
            if (hsts && context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = $"max-age={(long)TimeSpan.FromDays(settings.HstsMaxAgeDays).TotalSeconds}";
            }
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
