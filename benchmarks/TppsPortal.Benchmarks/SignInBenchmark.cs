using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using TppsPortal.Benchmarks.Field;

namespace TppsPortal.Benchmarks;

/// <summary>
/// Issue 12: can a wrong password tell whether a user name exists? The published portal (Production, demo data) on a
/// loopback port; the time of a sign-in form post with a wrong password, for an unknown user name and for a real
/// account, alternating, over HTTP as an attacker would measure it. The lockout and the rate limit are lifted for the
/// run (they would otherwise answer most tries without checking a password at all).
/// Needs TPPS_BENCH_PG and --portal PATH/TppsPortal.Web.dll (scripts/bench.sh signin publishes one).
/// </summary>
public static partial class SignInBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Stats.Option(args, "--iterations", 100);
        var portalIndex = Array.IndexOf(args, "--portal");
        var dll = portalIndex >= 0 && portalIndex + 1 < args.Length ? args[portalIndex + 1] : null;
        if (dll is null || !File.Exists(dll))
        {
            Console.Error.WriteLine("signin: --portal PATH/TppsPortal.Web.dll (a published portal; scripts/bench.sh signin publishes one) is required.");
            return 64;
        }
        var server = Environment.GetEnvironmentVariable("TPPS_BENCH_PG") ?? Environment.GetEnvironmentVariable("TPPS_TEST_PG")
                     ?? throw new InvalidOperationException("Set TPPS_BENCH_PG to a PostgreSQL superuser connection string (scripts/bench.sh does).");
        var database = "tpps_signin_" + Guid.NewGuid().ToString("N")[..8];
        var workDir = Directory.CreateTempSubdirectory("tpps-signin.").FullName;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var portal = new PortalProcess(dll, connection, workDir, new Dictionary<string, string>
        {
            ["Tpps__SignIn__FreeFailures"] = "1000000",
            ["Tpps__SignIn__PostsPerAddress"] = "1000000",
        });
        try
        {
            await portal.StartAsync(TimeSpan.FromMinutes(4));
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = portal.Address,
            };
            var form = await http.GetStringAsync("/masuk");
            var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);

            var unknown = new List<double>(runs);
            var known = new List<double>(runs);
            for (var i = -10; i < runs; i++)
            {
                // Alternating, so that a slow moment of the machine hits both alike; the first ten warm up.
                var u = await PostAsync(http, token, "tidak.ada." + (i + 10), "salah-sandi-" + i);
                var k = await PostAsync(http, token, "admin.sistem", "salah-sandi-" + i);
                if (i >= 0)
                {
                    unknown.Add(u);
                    known.Add(k);
                }
            }
            unknown.Sort();
            known.Sort();
            Console.WriteLine($"signin: {runs} wrong passwords each, over HTTP to the published portal ({portal.Address})");
            Console.WriteLine("| user name | runs | median ms | min ms | p90 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine(Row("unknown (tidak.ada.N)", unknown));
            Console.WriteLine(Row("known (admin.sistem)", known));
            Console.WriteLine($"difference of the medians: {Median(known) - Median(unknown):0.0} ms");
            return 0;
        }
        finally
        {
            await portal.StopAsync(TimeSpan.FromSeconds(20));
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static async Task<double> PostAsync(HttpClient http, string token, string userName, string password)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "masuk",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/masuk", content);
        var html = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("Nama pengguna atau kata sandi salah.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"signin: unexpected answer {(int)response.StatusCode} for {userName}");
        }
        return elapsed;
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    private static string Row(string name, List<double> sorted) =>
        $"| {name} | {sorted.Count} | {Median(sorted):0.0} | {sorted[0]:0.0} | {sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.9) - 1)]:0.0} |";

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
