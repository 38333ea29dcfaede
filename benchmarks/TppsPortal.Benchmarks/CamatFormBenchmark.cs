using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Data;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Benchmarks;

/// <summary>
/// Issue "Camat data entry": server time of saving one draft field and of submitting a 20-village form,
/// through the real SubmissionService on a real PostgreSQL (a fresh database made by the migrations).
/// Needs TPPS_BENCH_PG (or TPPS_TEST_PG): a superuser connection string without a database.
/// </summary>
public static class CamatFormBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var runs = Stats.Option(args, "--iterations", 200);
        var server = Environment.GetEnvironmentVariable("TPPS_BENCH_PG") ?? Environment.GetEnvironmentVariable("TPPS_TEST_PG")
                     ?? throw new InvalidOperationException("Set TPPS_BENCH_PG to a PostgreSQL superuser connection string (scripts/bench.sh does).");
        var database = "tpps_bench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
                .AddHttpContextAccessor();
            services.AddAuthentication();
            services.AddTppsPortal(connection);
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
                await using var db = await factory.CreateDbContextAsync();
                await db.Database.MigrateAsync();
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync("DemoTpps2024");
                // A kecamatan with 20 villages.
                db.Regions.Add(new Region { Code = "73.24.90", Name = "Kecamatan Uji", Level = RegionLevel.Kecamatan, ParentCode = "73.24" });
                for (var i = 1; i <= 20; i++)
                {
                    db.Regions.Add(new Region { Code = $"73.24.90.{2000 + i}", Name = $"Desa Uji {i}", Level = RegionLevel.Desa, ParentCode = "73.24.90" });
                }
                await db.SaveChangesAsync();
            }

            var admin = new Actor("bench", "admin.lutim", Role.AdminSekretariat, "73.24", null);
            var service = provider.GetRequiredService<SubmissionService>();
            var importer = provider.GetRequiredService<SubmissionImporter>();
            const string kecamatan = "73.24.90";
            var villages = Enumerable.Range(1, 20).Select(i => $"73.24.90.{2000 + i}").ToList();

            // Saving one field, as the form does while the camat types (rotating over villages and figures).
            var period = (await service.OpenPeriodAsync(admin, "73.24", 2018, 1, new DateOnly(2099, 1, 1), false)).Value;
            var n = 0;
            var save = await Stats.MeasureAsync("save one draft field (SaveValueAsync)", 20, runs, async () =>
            {
                var i = n++;
                var result = await service.SaveValueAsync(admin, period, kecamatan, villages[i % 20], FigureInfo.All[i % FigureInfo.All.Count], 10 + (i % 50), null);
                if (!result.Succeeded) throw new InvalidOperationException(result.Outcome.Summary);
            });

            // Submitting a complete 20-village form: one fresh period per run, filled beforehand.
            var submitRuns = Math.Max(10, runs / 10);
            var periods = new List<int>();
            for (var i = 0; i < submitRuns + 3; i++)
            {
                var p = (await service.OpenPeriodAsync(admin, "73.24", 2019 + (i / 12), (i % 12) + 1, new DateOnly(2099, 1, 1), false)).Value;
                var csv = SubmissionImporter.TemplateHeader + "\n" + string.Join("\n", villages.Select(v => $"{v},,300,20,120,110,3,9,4,6,12,1,50,"));
                var preview = await importer.PreviewAsync(admin, p, kecamatan, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "bench.csv");
                var applied = await importer.ApplyAsync(admin, p, kecamatan, preview);
                if (!applied.Succeeded) throw new InvalidOperationException(applied.Summary);
                periods.Add(p);
            }
            var next = 0;
            var submit = await Stats.MeasureAsync("submit a 20-village form (SubmitAsync)", 3, submitRuns, async () =>
            {
                var result = await service.SubmitAsync(admin, periods[next++], kecamatan);
                if (!result.Succeeded) throw new InvalidOperationException(result.Summary);
            });
            Console.WriteLine($"Camat form, real PostgreSQL (database {database}), {Environment.ProcessorCount} cores");
            // Awaited database calls resume on other threads: per-thread CPU time would be meaningless here.
            Stats.Print([save with { CpuMedianMs = double.NaN }, submit with { CpuMedianMs = double.NaN }]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
