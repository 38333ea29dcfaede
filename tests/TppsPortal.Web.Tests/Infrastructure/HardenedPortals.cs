using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TppsPortal.Accounts;

namespace TppsPortal.Web.Tests.Infrastructure;

/// <summary>
/// Identity's real password hasher, counting how often a hash is verified: the sign-in tests check that an unknown
/// user name costs a hash verification as a real one does. Nothing is faked: every answer is the real hasher's.
/// </summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The portal with the counting password hasher.</summary>
public sealed class HasherCountingPortal : PortalFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigurePortal(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPasswordHasher<AppUser>>();
            services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
        });
}

/// <summary>
/// The portal as configured behind a TLS proxy (Tpps:Proxy:BehindTlsProxy): the test client is the proxy on the
/// loopback address and says which client it forwards for, so that one test can sign in from several addresses.
/// A low sign-in rate limit (6 posts a minute per address) and HSTS on.
/// </summary>
public sealed class ProxiedPortal : PortalFactory
{
    public const int PostsPerAddress = 6;

    protected override void ConfigurePortal(IWebHostBuilder builder)
    {
        builder.UseSetting("Tpps:Proxy:BehindTlsProxy", "true");
        builder.UseSetting("Tpps:SignIn:PostsPerAddress", PostsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Tpps:SecurityHeaders:Hsts", "true");
    }
}
