using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;

namespace TppsPortal.Web.Hosting;

/// <summary>
/// A limit on sign-in form posts per client address (ASP.NET Core's rate limiter), on top of the lockout per user
/// name and address (<see cref="SignInThrottle"/>): one address cannot try many user names quickly either.
/// Limits in <c>Tpps:SignIn</c> (<see cref="SignInLimits"/>).
/// The other form anyone can post without an account, the self check-in (<c>/hadir/{token}</c>), has its own limit per
/// address (<see cref="CheckInPostsPerAddress"/> a minute): generous, because a whole meeting room may share one
/// Wi-Fi address, and enough to stop a script filling a meeting's list (which also stops at
/// <see cref="Meetings.CheckIn.MaxPerMeeting"/>).
/// </summary>
public static class SignInRateLimit
{
    public const string SignInPath = "/masuk";
    public const string CheckInPath = "/hadir";
    public const int CheckInPostsPerAddress = 60;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (Api.ApiRateLimit.Applies(http.Request))
                {
                    return Api.ApiRateLimit.Partition(http);
                }
                if (IsCheckInPost(http.Request))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("hadir|" + ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = CheckInPostsPerAddress,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }
                if (!IsSignInPost(http.Request))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var limits = http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.PostsPerAddress),
                    Window = limits.RateWindow,
                    QueueLimit = 0,
                });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (Api.ApiRateLimit.Applies(http.Request))
                {
                    await Api.ApiRateLimit.RejectAsync(context);
                    return;
                }
                if (IsCheckInPost(http.Request))
                {
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TppsPortal.Web.CheckIn")
                        .LogWarning("Check-in refused (rate limit): from {ClientAddress}", ClientAddress(http));
                    http.Response.Headers.RetryAfter = "60";
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync(
                        "Terlalu banyak kiriman daftar hadir dari alamat ini. Tunggu satu menit, lalu kirim lagi (isian Anda masih ada di halaman sebelumnya).", ct);
                    return;
                }
                var limits = http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.RateWindow;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TppsPortal.Web.SignIn")
                    .LogWarning("Sign-in refused ({Reason}): from {ClientAddress}, retry after {RetryAfterSeconds} s",
                        "rate limit", ClientAddress(http), (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(
                    "Terlalu banyak percobaan masuk dari alamat ini. Tunggu sebentar, lalu coba lagi.", ct);
            };
        });
        return services;
    }

    /// <summary>The client's address as the portal sees it (the proxy's word when Tpps:Proxy trusts it).</summary>
    public static string ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress?.ToString() ?? AccountService.UnknownClient;

    private static bool IsCheckInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(CheckInPath, StringComparison.OrdinalIgnoreCase);

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase);
}
