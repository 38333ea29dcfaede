using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Submissions;
using TppsPortal.Testing;

namespace TppsPortal.Benchmarks.Field;

/// <summary>
/// Issue 11, "the camat form is light and quick on a weak phone network", measured in the field's conditions:
/// the published portal (Production mode) behind a cuttable TCP relay, Debian's Chromium on a 360x740 viewport,
/// CDP network and CPU throttling. Prints bytes and timings of the camat form, bytes per keystroke over the
/// WebSocket, and values lost over connection outages, portal restarts, typing before the page is interactive
/// and closing the tab right after typing. Loopback only; bounded by --max-minutes.
/// Needs TPPS_BENCH_PG (or TPPS_TEST_PG): a superuser connection string without a database.
/// </summary>
public static class FieldBenchmark
{
    public const string DemoPassword = "DemoTpps2024";
    private const string Kecamatan = "73.24.04";
    private const string CamatUser = "camat.malili";
    private static readonly string[] FieldLabels = ["Jumlah keluarga", "Ibu hamil"];
    private static readonly Figure[] FieldFigures = [Figure.Families, Figure.Pregnant];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = FieldOptions.Parse(args);
        if (options.PortalDll is null || !File.Exists(options.PortalDll))
        {
            Console.Error.WriteLine("field: --portal PATH/TppsPortal.Web.dll (a published portal; scripts/bench.sh field publishes one) is required.");
            return 64;
        }
        var server = Environment.GetEnvironmentVariable("TPPS_BENCH_PG") ?? Environment.GetEnvironmentVariable("TPPS_TEST_PG")
                     ?? throw new InvalidOperationException("Set TPPS_BENCH_PG to a PostgreSQL superuser connection string (scripts/bench.sh does).");
        if (!File.Exists(BrowserPath))
        {
            throw new InvalidOperationException($"Chromium not found at {BrowserPath}: install Debian's 'chromium' package.");
        }

        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromMinutes(options.MaxMinutes);
        var database = "tpps_field_" + Guid.NewGuid().ToString("N")[..8];
        var workDir = Directory.CreateTempSubdirectory("tpps-field.").FullName;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var portal = new PortalProcess(options.PortalDll, connection, workDir);
        // The last line of defence of "stops by itself": whatever hangs, the process ends (and the portal with it).
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"field: still running after {budget.TotalMinutes + 5:0} minutes, stopping.");
            portal.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            Environment.Exit(3);
        }, null, budget + TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        var report = new Report();
        try
        {
            Console.WriteLine($"field: starting the published portal {options.PortalDll} on {portal.Address} (database {database})");
            await portal.StartAsync(TimeSpan.FromMinutes(4));

            var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddHttpContextAccessor();
            services.AddAuthentication();
            services.AddTppsPortal(connection);
            await using var provider = services.BuildServiceProvider();
            var data = await FormData.CreateAsync(provider);
            Console.WriteLine($"field: period {data.PeriodId}, {data.Villages.Count} villages in Kecamatan Malili; form /laporan/{data.PeriodId}/{Kecamatan}");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var run = new FieldRun(options, browser, portal, data, report, () => budget - clock.Elapsed);
            await run.SignInOnceAsync();
            await run.RunAsync();
        }
        catch (Exception ex)
        {
            report.Notes.Add($"stopped early: {ex.GetType().Name}: {ex.Message} (portal log: {portal.LogPath})");
            Console.Error.WriteLine(ex);
        }
        finally
        {
            await portal.StopAsync(TimeSpan.FromSeconds(20));
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        report.Print(clock.Elapsed, options);
        if (report.Notes.Any(n => n.StartsWith("stopped early", StringComparison.Ordinal)))
        {
            Console.WriteLine($"(work folder kept for the portal's log: {workDir})");
            return 1;
        }
        Directory.Delete(workDir, recursive: true);
        return 0;
    }

    public const string BrowserPath = "/usr/lib/chromium/chromium";

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The period the benchmark types into and a way to read what the database holds.</summary>
    public sealed class FormData(SubmissionService service, Actor admin, int periodId, IReadOnlyList<(string Code, string Name)> villages)
    {
        public int PeriodId { get; } = periodId;

        public IReadOnlyList<(string Code, string Name)> Villages { get; } = villages;

        public string FormPath => $"/laporan/{PeriodId}/{Kecamatan}";

        public static async Task<FormData> CreateAsync(IServiceProvider provider)
        {
            var service = provider.GetRequiredService<SubmissionService>();
            var admin = new Actor("field-bench", "admin.lutim", Role.AdminSekretariat, "73.24", null);
            var year = DateTime.UtcNow.AddHours(8).Year + 1;
            var taken = (await service.PeriodsAsync(admin, "73.24")).Where(p => p.Year == year).Select(p => p.Month).ToHashSet();
            var month = Enumerable.Range(1, 12).Reverse().First(m => !taken.Contains(m) && !ReportingPeriod.WeighingMonth(m));
            var opened = await service.OpenPeriodAsync(admin, "73.24", year, month, new DateOnly(year, month, 10).AddMonths(1), refuseLate: false);
            if (!opened.Succeeded)
            {
                throw new InvalidOperationException(opened.Outcome.Summary);
            }
            var rows = (await service.GetFormAsync(admin, opened.Value, Kecamatan)).Rows;
            // The draft report exists before several pages type into it at once.
            var primed = await service.SaveValueAsync(admin, opened.Value, Kecamatan, rows[0].VillageCode, Figure.FamiliesAtRisk, 1, rows[0].Version);
            if (!primed.Succeeded)
            {
                throw new InvalidOperationException(primed.Outcome.Summary);
            }
            return new FormData(service, admin, opened.Value, rows.Select(r => (r.VillageCode, r.VillageName)).ToList());
        }

        public async Task<int?> StoredAsync(string villageCode, Figure figure)
        {
            var form = await service.GetFormAsync(admin, PeriodId, Kecamatan);
            return form.Rows.Single(r => r.VillageCode == villageCode).Values.Get(figure);
        }
    }

    public sealed record FieldOptions(string? PortalDll, int Tries, IReadOnlyList<int> OutagesSeconds, int Parallel, double MaxMinutes, IReadOnlySet<string> Parts)
    {
        public static FieldOptions Parse(string[] args)
        {
            string? Value(string name)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            }
            var outages = (Value("--outages") ?? "5,30").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var parts = (Value("--parts") ?? "bytes,timing,keys,loss").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            return new FieldOptions(
                Value("--portal"),
                Stats.Option(args, "--tries", 3),
                outages,
                Math.Max(1, Stats.Option(args, "--parallel", 4)),
                double.Parse(Value("--max-minutes") ?? "45", CultureInfo.InvariantCulture),
                parts);
        }
    }
}
