using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace TppsPortal.Web.Hosting;

/// <summary>
/// Brotli/gzip for the portal's dynamic responses (pages, JSON, CSV). Static assets are not touched here: they
/// are compressed at build time and served with their Content-Encoding by MapStaticAssets. Why this is safe
/// against BREACH, and which pages are left out, is in docs/performance.md.
/// </summary>
public static class PortalCompression
{
    /// <summary>
    /// The pages where a password is typed (sign-in, change password): left uncompressed. They carry an antiforgery
    /// token beside input echoed from the request (the return address, the user name after a failed attempt), they
    /// are a few KB and loaded once per session, so compression would win little there.
    /// </summary>
    public static readonly string[] UncompressedPaths = ["/masuk", "/akun"];

    public static IServiceCollection AddPortalResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Off by default for HTTPS because of BREACH; see docs/performance.md for why it is on here.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/csv"];
        });
        // Fastest: a page is compressed on every request; the level buys little on HTML and costs CPU on 2 cores.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePortalResponseCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsUncompressed(context.Request.Path), branch => branch.UseResponseCompression());

    public static bool IsUncompressed(PathString path) =>
        UncompressedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
