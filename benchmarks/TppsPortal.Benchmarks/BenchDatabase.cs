using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TppsPortal.Benchmarks;

/// <summary>
/// A benchmark's own database on the throwaway server scripts/bench.sh starts (TPPS_BENCH_PG): made fresh, or a kept
/// one reused (<c>--reuse NAME</c>), dropped at the end unless kept (<c>--keep</c>), with the service layer wired on it
/// as the portal wires it. Shared by the national-scale benchmarks (dashboard, reminders).
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string server, string name, bool reused, bool keep)
    {
        Server = server;
        Name = name;
        Reused = reused;
        Keep = keep;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;
    }

    /// <summary>The superuser connection string of the benchmark server.</summary>
    public string Server { get; }
    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>True when <c>--reuse</c> named a kept database (nothing is generated again).</summary>
    public bool Reused { get; }
    public bool Keep { get; }

    /// <summary>The official region list, or <c>--regions FILE</c>.</summary>
    public static string RegionsFile(string[] args) =>
        Stats.Value(args, "--regions") ?? Path.Combine("..", "shared", "data", "wilayah-kepmendagri-2025.csv");

    public static async Task<BenchDatabase> CreateAsync(string[] args, string prefix)
    {
        var server = Environment.GetEnvironmentVariable("TPPS_BENCH_PG") ?? Environment.GetEnvironmentVariable("TPPS_TEST_PG")
                     ?? throw new InvalidOperationException("Set TPPS_BENCH_PG to a PostgreSQL superuser connection string (scripts/bench.sh does).");
        var reuse = Stats.Value(args, "--reuse");
        var database = new BenchDatabase(server, reuse ?? prefix + Guid.NewGuid().ToString("N")[..8], reuse is not null,
            args.Contains("--keep") || reuse is not null);
        if (reuse is null)
        {
            await ExecuteAsync(server, "postgres", $"CREATE DATABASE {database.Name}");
        }
        return database;
    }

    /// <summary>The service layer on this database (warnings only in the log).</summary>
    public ServiceProvider Services()
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddTppsPortal(ConnectionString);
        return services.BuildServiceProvider();
    }

    /// <summary>One statement without a time limit, on a database of the benchmark server (not pooled).</summary>
    public static async Task ExecuteAsync(string server, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!Keep)
        {
            await ExecuteAsync(Server, "postgres", $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
    }
}
