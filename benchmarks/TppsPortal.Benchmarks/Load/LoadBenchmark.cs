using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Submissions;

namespace TppsPortal.Benchmarks.Load;

/// <summary>
/// Issue 18, "1,000 open sessions in 1 GB": the published portal (Production mode, demo data) with N real Blazor Server
/// sessions open at once, half on the camat form and half on the dashboard, opened by a headless client
/// (<see cref="BlazorSession"/>, no browser). At each level it reads the portal's resident memory from /proc, then
/// makes a few hundred interactions spread over the open sessions: keystrokes into the camat form (the edit journal's
/// ReceiveEdits, timed until the server acknowledges the value as stored) and filter changes on the dashboard (timed
/// until the render that shows the new filter). Loopback only; bounded by --max-minutes.
/// Needs TPPS_BENCH_PG: a PostgreSQL superuser connection string without a database (scripts/bench.sh sets it).
/// </summary>
public static partial class LoadBenchmark
{
    private static readonly (string User, string Kecamatan)[] Camats = [("camat.malili", "73.24.04"), ("camat.lalabata", "73.12.04")];
    private static readonly string[] Viewers = ["admin.lutim", "pimpinan.lutim", "pemantau.sulsel"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (options.PortalDll is null || !File.Exists(options.PortalDll))
        {
            Console.Error.WriteLine("load: --portal PATH/TppsPortal.Web.dll (a published portal; scripts/bench.sh load publishes one) is required.");
            return 64;
        }
        var server = Environment.GetEnvironmentVariable("TPPS_BENCH_PG") ?? Environment.GetEnvironmentVariable("TPPS_TEST_PG")
                     ?? throw new InvalidOperationException("Set TPPS_BENCH_PG to a PostgreSQL superuser connection string (scripts/bench.sh does).");
        ThreadPool.SetMinThreads(64, 64);
        var budget = TimeSpan.FromMinutes(options.MaxMinutes);
        var database = "tpps_load_" + Guid.NewGuid().ToString("N")[..8];
        var workDir = Directory.CreateTempSubdirectory("tpps-load.").FullName;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var portal = new Field.PortalProcess(options.PortalDll, connection, workDir, options.Environment);
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"load: still running after {budget.TotalMinutes:0} minutes, stopping.");
            portal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Environment.Exit(3);
        }, null, budget, Timeout.InfiniteTimeSpan);
        var rows = new List<string>();
        var sessions = new List<Open>();
        var failed = false;
        try
        {
            Console.WriteLine($"load: {options.Label}; portal environment: {(options.Environment.Count == 0 ? "as published" : string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}")))}");
            await portal.StartAsync(TimeSpan.FromMinutes(4));
            Console.WriteLine($"load: portal pid {portal.Pid} on {portal.Address} (database {database})");
            var forms = await PrepareFormsAsync(connection);
            var accounts = new Dictionary<string, (HttpClient Http, CookieContainer Cookies)>();
            foreach (var user in Camats.Select(c => c.User).Concat(Viewers))
            {
                accounts[user] = await SignInAsync(portal.Address, user);
            }
            var versions = new ConcurrentDictionary<string, uint>();
            var run = new Run(portal, forms, accounts, versions, options);

            // Warm: a few sessions of each kind open, are used and closed, so that the baseline has the JIT's and the
            // caches' share and the levels measure sessions.
            var warm = await run.OpenAsync(0, 8);
            await run.InteractAsync(warm, 16);
            foreach (var s in warm)
            {
                await s.Session.CloseAsync(s.Http);
            }
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
            var baseline = portal.Memory();
            Console.WriteLine($"load: 0 sessions: RSS {baseline.RssMiB:0} MiB, load {LoadAverage()}");
            rows.Add($"| 0 | {baseline.RssMiB:0} | | | | | | | {LoadAverage()} | |");

            foreach (var level in options.Levels)
            {
                var clock = Stopwatch.StartNew();
                var opened = await run.OpenAsync(sessions.Count, level - sessions.Count);
                sessions.AddRange(opened);
                var openSeconds = clock.Elapsed.TotalSeconds;
                var live = sessions.Count(s => s.Session.IsOpen);
                await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
                var idle = portal.Memory();
                var loadIdle = LoadAverage();
                Console.WriteLine($"load: {level} sessions ({live} live, {run.OpenFailures} failed to open so far) in {openSeconds:0} s; RSS {idle.RssMiB:0} MiB, load {loadIdle}");
                var cpuBefore = portal.CpuSeconds();
                var machineBefore = MachineCpu();
                var result = await run.InteractAsync(sessions, options.Interactions);
                var after = portal.Memory();
                var machineAfter = MachineCpu();
                // How much of the two cores the portal had, and how busy the machine was (others' builds and tests too).
                var portalCpu = portal.CpuSeconds() - cpuBefore;
                var busy = 100.0 * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total);
                live = sessions.Count(s => s.Session.IsOpen);
                var perSession = (idle.RssMiB - baseline.RssMiB) * 1024 / level;
                Console.WriteLine($"load: {level} sessions after {result.Keystrokes.Count} keystrokes and {result.Filters.Count} filter changes: RSS {after.RssMiB:0} MiB (peak {after.PeakMiB:0}), {live} live, load {LoadAverage()}");
                Console.WriteLine($"load:   keystroke -> taken (ReceiveEdits done) {Summary(result.Taken)}; -> saved (journal ack) {Summary(result.Keystrokes)}; not saved {result.KeystrokeFailures}");
                Console.WriteLine($"load:   filter -> rendered {Summary(result.Filters)}; failed {result.FilterFailures}");
                Console.WriteLine($"load:   during the interactions ({result.Seconds:0} s): portal CPU {portalCpu:0.0} s, machine busy {busy:0} % of {Environment.ProcessorCount} cores");
                rows.Add($"| {level} ({live} live) | {idle.RssMiB:0} / {after.RssMiB:0} | {perSession:0} | " +
                         $"{Pct(result.Taken, 50)} / {Pct(result.Taken, 95)} | " +
                         $"{Pct(result.Keystrokes, 50)} / {Pct(result.Keystrokes, 95)} ({result.Keystrokes.Count}, {result.KeystrokeFailures} failed) | " +
                         $"{Pct(result.Filters, 50)} / {Pct(result.Filters, 95)} ({result.Filters.Count}, {result.FilterFailures} failed) | {openSeconds:0} s | {loadIdle} | {busy:0} % |");
            }
            if (options.HoldSeconds > 0)
            {
                Console.WriteLine($"load: holding {sessions.Count} sessions open for {options.HoldSeconds} s (portal pid {portal.Pid}: dotnet-gcdump collect -p {portal.Pid})");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
            }
            Console.WriteLine($"load: JS functions the server called (a real page runs each): {string.Join(", ", BlazorSession.JsIdentifiers.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}");
            var errors = sessions.Where(s => s.Session.Error is not null).GroupBy(s => s.Session.Error).Select(g => $"{g.Count()}x {g.Key}").ToList();
            if (errors.Count > 0)
            {
                Console.WriteLine($"load: sessions that ended: {string.Join("; ", errors.Take(5))}");
            }
            foreach (var s in sessions)
            {
                await s.Session.DisposeAsync();
            }
        }
        catch (Exception ex)
        {
            failed = true;
            Console.Error.WriteLine($"load: stopped early: {ex} (portal log: {portal.LogPath})");
        }
        finally
        {
            await portal.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        Console.WriteLine();
        Console.WriteLine($"Open sessions, {options.Label} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; the client runs on the same cores):");
        Console.WriteLine();
        Console.WriteLine("| sessions (half form, half dashboard) | RSS MiB: idle / after interactions | per session KiB | keystroke -> taken ms (median / p95) | keystroke -> saved ms (median / p95) | filter -> rendered ms (median / p95) | time to open | load average | machine busy during interactions |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
        if (failed)
        {
            Console.WriteLine($"(work folder kept for the portal's log: {workDir})");
            return 1;
        }
        Directory.Delete(workDir, recursive: true);
        return 0;
    }

    private static string Summary(List<double> values) =>
        values.Count == 0 ? "n/a" : $"median {Pct(values, 50):0} ms, p95 {Pct(values, 95):0} ms (n={values.Count})";

    private static double Pct(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * percentile / 100.0) - 1, 0, sorted.Count - 1)]);
    }

    /// <summary>Busy and total CPU time of the whole machine so far (/proc/stat, clock ticks).</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total); // idle and iowait are not busy
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>A fresh period for each camat's kecamatan, with its draft report made, so that every session types into an open form.</summary>
    private static async Task<Dictionary<string, string>> PrepareFormsAsync(string connection)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddTppsPortal(connection);
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<SubmissionService>();
        var forms = new Dictionary<string, string>();
        foreach (var (user, kecamatan) in Camats)
        {
            var district = kecamatan[..5];
            var admin = new Actor("load-bench", "admin.bench", Role.AdminSekretariat, district, null);
            var year = DateTime.UtcNow.AddHours(8).Year + 1;
            var taken = (await service.PeriodsAsync(admin, district)).Where(p => p.Year == year).Select(p => p.Month).ToHashSet();
            var month = Enumerable.Range(1, 12).Reverse().First(m => !taken.Contains(m) && !ReportingPeriod.WeighingMonth(m));
            var opened = await service.OpenPeriodAsync(admin, district, year, month, new DateOnly(year, month, 10).AddMonths(1), refuseLate: false);
            if (!opened.Succeeded)
            {
                throw new InvalidOperationException($"{district}: {opened.Outcome.Summary}");
            }
            var rows = (await service.GetFormAsync(admin, opened.Value, kecamatan)).Rows;
            var primed = await service.SaveValueAsync(admin, opened.Value, kecamatan, rows[0].VillageCode, Figure.FamiliesAtRisk, 1, rows[0].Version);
            if (!primed.Succeeded)
            {
                throw new InvalidOperationException(primed.Outcome.Summary);
            }
            forms[user] = $"/laporan/{opened.Value}/{kecamatan}";
            Console.WriteLine($"load: {user} types into {forms[user]} ({rows.Count} villages)");
        }
        return forms;
    }

    private static async Task<(HttpClient, CookieContainer)> SignInAsync(Uri address, string user)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            AutomaticDecompression = DecompressionMethods.All,
        };
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
        var form = await http.GetStringAsync("/masuk");
        var token = Token().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "masuk",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user,
            ["Input.Password"] = Field.FieldBenchmark.DemoPassword,
        });
        using var response = await http.PostAsync("/masuk", content);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"load: sign-in of {user} answered {(int)response.StatusCode}");
        }
        return (http, cookies);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>An open session: which page, with which account's cookie, and (for the form) whose kecamatan.</summary>
    public sealed record Open(BlazorSession Session, HttpClient Http, string User, bool IsForm)
    {
        public int Busy;
        public string Indicator = "stunting";
    }

    public sealed record Result(List<double> Taken, List<double> Keystrokes, int KeystrokeFailures, List<double> Filters, int FilterFailures, double Seconds);

    private sealed class Run(Field.PortalProcess portal, Dictionary<string, string> forms, Dictionary<string, (HttpClient Http, CookieContainer Cookies)> accounts,
        ConcurrentDictionary<string, uint> versions, LoadOptions options)
    {
        private int _value = 100;
        public int OpenFailures;

        public async Task<List<Open>> OpenAsync(int already, int count)
        {
            var opened = new ConcurrentBag<Open>();
            using var gate = new SemaphoreSlim(options.OpenParallel);
            var tasks = Enumerable.Range(already, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var isForm = i % 2 == 0;
                    var user = isForm ? Camats[i / 2 % Camats.Length].User : Viewers[i / 2 % Viewers.Length];
                    var (http, cookies) = accounts[user];
                    var session = new BlazorSession(portal.Address, cookies);
                    try
                    {
                        await session.OpenAsync(http, isForm ? forms[user] : "/dasbor", isForm, TimeSpan.FromSeconds(90));
                        foreach (var (rec, version) in session.JournalVersions)
                        {
                            versions.TryAdd(rec, version);
                        }
                        opened.Add(new Open(session, http, user, isForm));
                    }
                    catch (Exception ex)
                    {
                        if (Interlocked.Increment(ref OpenFailures) <= 3)
                        {
                            Console.Error.WriteLine($"load: a session of {user} did not open: {ex.GetType().Name}: {ex.Message} {session.Error}");
                        }
                        await session.DisposeAsync();
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(tasks);
            return [.. opened];
        }

        /// <summary>
        /// Half keystrokes, half filter changes, spread over the open sessions. Keystrokes go one at a time per village
        /// (several sessions share the demo's two kecamatan, where two people typing into one village at once would be
        /// a conflict by design), each on the village's newest version: as a camat typing into their own kecamatan,
        /// whose page always has the version it last saved.
        /// </summary>
        public async Task<Result> InteractAsync(IReadOnlyList<Open> sessions, int interactions)
        {
            var taken = new List<double>();
            var keystrokes = new List<double>();
            var filters = new List<double>();
            var keyFailures = 0;
            var filterFailures = 0;
            var clock = Stopwatch.StartNew();
            var formSessions = sessions.Where(s => s.IsForm && s.Session.IsOpen).ToList();
            var dashboards = sessions.Where(s => !s.IsForm && s.Session.IsOpen).ToList();
            var villages = formSessions.SelectMany(s => s.Session.JournalVersions.Keys.Where(k => k.Contains('.', StringComparison.Ordinal))
                .Select(rec => (s.User, Rec: rec))).Distinct().ToList();
            var keysPerVillage = villages.Count == 0 ? 0 : (int)Math.Ceiling(interactions / 2.0 / villages.Count);
            var random = new Random(18);
            var typing = villages.Select(async v =>
            {
                var mine = formSessions.Where(s => s.User == v.User).ToList();
                for (var k = 0; k < keysPerVillage; k++)
                {
                    await Task.Delay(options.PauseMs + Random.Shared.Next(options.PauseMs));
                    var s = mine[Random.Shared.Next(mine.Count)];
                    try
                    {
                        var value = Interlocked.Increment(ref _value).ToString(CultureInfo.InvariantCulture);
                        var (received, saved, after) = await s.Session.TypeAsync(v.Rec, nameof(Figure.Families), value,
                            versions.TryGetValue(v.Rec, out var known) ? known : null, TimeSpan.FromSeconds(30));
                        versions[v.Rec] = after;
                        lock (keystrokes)
                        {
                            taken.Add(received);
                            keystrokes.Add(saved);
                        }
                    }
                    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
                    {
                        Interlocked.Increment(ref keyFailures);
                    }
                }
            });
            var filterCount = dashboards.Count == 0 ? 0 : interactions / 2;
            var next = 0;
            var filtering = Enumerable.Range(0, Math.Min(options.FilterWorkers, Math.Max(1, dashboards.Count))).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= filterCount)
                {
                    await Task.Delay(options.PauseMs + Random.Shared.Next(options.PauseMs));
                    Open s;
                    lock (random)
                    {
                        s = dashboards[random.Next(dashboards.Count)];
                    }
                    if (Interlocked.Exchange(ref s.Busy, 1) == 1)
                    {
                        Interlocked.Decrement(ref next);
                        continue;
                    }
                    try
                    {
                        var indicator = s.Indicator == "wasting" ? "underweight" : "wasting";
                        var ms = await s.Session.NavigateAsync($"/dasbor?indikator={indicator}", $"indikator={indicator}", TimeSpan.FromSeconds(30));
                        s.Indicator = indicator;
                        lock (filters)
                        {
                            filters.Add(ms);
                        }
                    }
                    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
                    {
                        Interlocked.Increment(ref filterFailures);
                    }
                    finally
                    {
                        Interlocked.Exchange(ref s.Busy, 0);
                    }
                }
            });
            await Task.WhenAll(typing.Concat(filtering));
            return new Result(taken, keystrokes, keyFailures, filters, filterFailures, clock.Elapsed.TotalSeconds);
        }
    }

    public sealed record LoadOptions(string? PortalDll, IReadOnlyList<int> Levels, int Interactions, int OpenParallel, int SettleSeconds,
        int PauseMs, int FilterWorkers, int HoldSeconds, double MaxMinutes, string Label, IReadOnlyDictionary<string, string> Environment)
    {
        public static LoadOptions Parse(string[] args)
        {
            string? Value(string name)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            }
            var environment = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i++)
            {
                if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value])
                {
                    environment[key] = value;
                }
            }
            return new LoadOptions(
                Value("--portal"),
                (Value("--sessions") ?? "100,500,1000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToList(),
                Stats.Option(args, "--interactions", 300),
                Stats.Option(args, "--open-parallel", 8),
                Stats.Option(args, "--settle", 20),
                Stats.Option(args, "--pause-ms", 250),
                Stats.Option(args, "--filter-workers", 4),
                Stats.Option(args, "--hold", 0),
                double.Parse(Value("--max-minutes") ?? "40", CultureInfo.InvariantCulture),
                Value("--label") ?? "as configured",
                environment);
        }
    }
}
