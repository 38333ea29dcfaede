using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Web.Account;

namespace TppsPortal.Web.Api;

/// <summary>
/// Bearer authentication with the portal's API tokens (<c>Authorization: Bearer tpps_...</c>). The principal carries
/// the same claims as a browser sign-in (so <see cref="Actor.FromPrincipal"/> and AccessPolicy treat it as its user)
/// plus the token's name and id, which writes log. A request with a bearer header is decided by this handler alone;
/// without one, the sign-in cookie applies as before (<see cref="PolicyScheme"/> picks).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IUserClaimsPrincipalFactory<AppUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string Name = "ApiToken";
    /// <summary>The policy scheme every request goes through: bearer header to <see cref="Name"/>, otherwise the cookie.</summary>
    public const string PolicyScheme = "TppsPortal";
    public const string TokenNameClaim = "tpps:token";
    public const string TokenIdClaim = "tpps:token-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerOf(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }
        var identity = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (identity is null)
        {
            Logger.LogWarning("API token refused (unknown, revoked or expired) from {ClientAddress}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Token API tidak dikenal, sudah dicabut, atau kedaluwarsa.");
        }
        var principal = await claims.CreateAsync(identity.User);
        var id = (ClaimsIdentity)principal.Identity!;
        id.AddClaim(new Claim(TokenNameClaim, identity.TokenName));
        id.AddClaim(new Claim(TokenIdClaim, identity.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The identity keeps the cookie's authentication type; a distinct one tells the two apart in logs.
        var bearer = new ClaimsPrincipal(new ClaimsIdentity(id.Claims, Name, id.NameClaimType, id.RoleClaimType));
        return AuthenticateResult.Success(new AuthenticationTicket(bearer, Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized,
            "Token API tidak dikenal, sudah dicabut, atau kedaluwarsa. Buat token baru di halaman Profil.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiProblems.Forbidden, AccessPolicy.DeniedMessage);

    /// <summary>The secret of an <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    /// <summary>The name of the token a request came with; null for a browser session.</summary>
    public static string? TokenNameOf(ClaimsPrincipal user) => user.FindFirstValue(TokenNameClaim);

    public static void AddTo(AuthenticationBuilder authentication)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(Name, null);
        authentication.AddPolicyScheme(PolicyScheme, null, o => o.ForwardDefaultSelector = http =>
            BearerOf(http.Request) is not null ? Name : IdentityConstants.ApplicationScheme);
    }
}
