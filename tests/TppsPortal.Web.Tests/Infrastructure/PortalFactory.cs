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
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = ServiceFixture.DemoPassword;

    private readonly TestDatabase? _database;
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    public PortalFactory()
    {
        _database = new TestDatabase();
        _connectionString = _database.ConnectionString;
    }

    /// <summary>A second portal on another's database (the same data and keys): a restarted process, or another instance.</summary>
    private PortalFactory(string connectionString) => _connectionString = connectionString;

    public static PortalFactory OnDatabaseOf(PortalFactory other) => new(other.ConnectionString);

    /// <summary>A portal of its own (its own database) with configuration changed, e.g. a short circuit retention.</summary>
    public static PortalFactory WithSettings(IReadOnlyDictionary<string, string> settings) => new(settings);

    private PortalFactory(IReadOnlyDictionary<string, string> settings)
        : this()
    {
        _settings = settings;
    }

    public string ConnectionString => _connectionString;

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (_database is not null)
        {
            await _database.InitializeAsync();
        }
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
        builder.UseSetting("ConnectionStrings:Tpps", _connectionString);
        builder.UseSetting("Tpps:DemoMode", "true");
        builder.UseSetting("Tpps:MigrateOnStartup", "false");
        builder.UseSetting("Tpps:DemoPassword", DemoPassword);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // No periodic jobs in the web tests (no Quartz tables, no timers); a test that wants them sets it back.
        builder.UseSetting("Notifications:Scheduler:Enabled", "false");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Development serves static assets with no-cache; the tests check the caching headers production sends.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        ConfigurePortal(builder);
    }

    /// <summary>For a portal with other settings or services (a subclass is its own class fixture).</summary>
    protected virtual void ConfigurePortal(IWebHostBuilder builder)
    {
    }

    /// <summary>Stops the portal as a process would stop (its circuits are gone), keeping the database.</summary>
    public async Task StopServerAsync() => await base.DisposeAsync();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient CreateHttpClient() => CreateHttpClient(new System.Net.CookieContainer());

    /// <summary>As above, with a cookie jar the test can read (e.g. to replay a cookie later).</summary>
    public HttpClient CreateHttpClient(System.Net.CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = ServerAddress,
        };
}
