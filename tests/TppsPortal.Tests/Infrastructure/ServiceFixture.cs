using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Data;

namespace TppsPortal.Tests.Infrastructure;

/// <summary>
/// The service layer wired as the portal wires it (AddTppsPortal), on a fresh database per test class that
/// holds the demo data. Tests get services from <see cref="Services"/> and actors from <see cref="ActorAsync"/>.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string DemoPassword = "DemoTpps2024";

    private readonly TestDatabase _database = new();
    private ServiceProvider? _provider;

    public IServiceProvider Services => _provider ?? throw new InvalidOperationException("Not initialised.");

    public string ConnectionString => _database.ConnectionString;

    public LogSink Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        services.AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddTppsPortal(_database.ConnectionString);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoPassword);
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    /// <summary>A service from a new scope (as one Blazor circuit or request would have).</summary>
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public AppDbContext CreateContext() => _database.CreateContext();

    /// <summary>The actor of a demo (or test-made) user, as the sign-in cookie would carry it.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return Actor.FromUser(user);
    }

    public async Task<int> AgencyIdAsync(string regionCode, string shortName)
    {
        await using var db = CreateContext();
        return await db.Agencies.Where(a => a.RegionCode == regionCode && a.ShortName == shortName).Select(a => a.Id).SingleAsync();
    }
}
