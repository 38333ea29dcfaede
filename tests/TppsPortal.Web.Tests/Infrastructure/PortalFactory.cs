using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Data;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Infrastructure;

/// <summary>
/// The whole portal on a real Kestrel port (so that Chromium can reach it) over its own migrated PostgreSQL
/// database with the demo data, in demo mode. One per test class.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = ServiceFixture.DemoPassword;

    private readonly TestDatabase _database = new();

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        ServerAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoPassword);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Tpps", _database.ConnectionString);
        builder.UseSetting("Tpps:DemoMode", "true");
        builder.UseSetting("Tpps:MigrateOnStartup", "false");
        builder.UseSetting("Tpps:DemoPassword", DemoPassword);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Development serves static assets with no-cache; the tests check the caching headers production sends.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = ServerAddress,
        };
}
