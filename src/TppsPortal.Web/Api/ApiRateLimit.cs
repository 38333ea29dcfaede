using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TppsPortal.Web.Api;

/// <summary>Limits of the JSON API, section <c>Tpps:Api</c>.</summary>
public sealed class ApiLimits
{
    public const string Section = "Tpps:Api";

    /// <summary>Requests one token may make in a minute; more answer 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>
/// A fixed window per token: a runaway integration slows itself down, not the portal or other tokens. Requests with a
/// bearer header are counted by the header's hash, before the token is looked up, so guessing tokens costs the same.
/// </summary>
public static class ApiRateLimit
{
    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && ApiTokenAuthenticationHandler.BearerOf(request) is not null;

    public static RateLimitPartition<string> Partition(HttpContext http)
    {
        var secret = ApiTokenAuthenticationHandler.BearerOf(http.Request) ?? "";
        var key = "api|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 16);
        var limits = http.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.RequestsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public static Task RejectAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TppsPortal.Web.Api")
            .LogWarning("API request refused (rate limit): {Path}, retry after {RetryAfterSeconds} s", http.Request.Path, seconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limits = http.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value;
        return ApiProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, ApiProblems.RateLimited,
            $"Terlalu banyak permintaan dengan token ini (batas {limits.RequestsPerMinute} per menit). Coba lagi dalam {seconds} detik.");
    }
}
