using Microsoft.EntityFrameworkCore;
using Npgsql;
using TppsPortal.Data;

namespace TppsPortal.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL database for one test class, made by the migrations. The migrations run once per test
/// run into a template database; each test class then gets its own copy (CREATE DATABASE .. TEMPLATE), which
/// is dropped afterwards. The server comes from TPPS_TEST_PG, which scripts/test.sh sets for a throwaway cluster.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public const string ServerVariable = "TPPS_TEST_PG";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _templateName;

    public string Name { get; } = "tpps_test_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString => Connection(Name);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL " +
                $"cluster, or set {ServerVariable} to a superuser connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres).");

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public AppDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention().Options);

    private static string Connection(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateName is not null)
            {
                return _templateName;
            }
            var name = "tpps_template_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(Connection(name), o => o.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention().Options;
            await using (var db = new AppDbContext(options))
            {
                await db.Database.MigrateAsync();
            }
            // A template must have no open connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
                }
                catch (NpgsqlException)
                {
                    // The throwaway cluster may already be gone.
                }
            };
            return _templateName = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
