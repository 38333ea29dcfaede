using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Data;
using TppsPortal.Prevalence;
using TppsPortal.Regions;

namespace TppsPortal.Benchmarks;

/// <summary>
/// Issue "Prevalence figures ... and the officials' dashboard": dashboard data at national scale. The official
/// region list (83,762 villages in 7,285 kecamatan, 514 districts, 38 provinces; generated codes of the same
/// shape when the file is missing) with 60 months of approved kecamatan forms, one row per village and month
/// (about 5 million village rows), then the real <see cref="DashboardService"/> timed warm for a district and a
/// province, and the national sum the same way. Needs TPPS_BENCH_PG (scripts/bench.sh sets it).
///   dashboard [--regions FILE] [--months 60] [--iterations 30] [--keep] [--reuse DATABASE]
/// (--keep leaves the database for EXPLAIN; --reuse measures a kept one again without generating.)
/// </summary>
public static class DashboardBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var months = Stats.Option(args, "--months", 60);
        var runs = Stats.Option(args, "--iterations", 30);
        var regionsFile = BenchDatabase.RegionsFile(args);
        await using var bench = await BenchDatabase.CreateAsync(args, "tpps_dash_");
        var (server, database, connection) = (bench.Server, bench.Name, bench.ConnectionString);
        await using var provider = bench.Services();
        var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var admin = new Actor("bench", "admin.sistem", Role.AdminSistem, null, null);

        if (!bench.Reused)
        {
            await GenerateAsync(server, database, connection, provider, admin, regionsFile, months);
        }
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync(); // a kept database gets the newer indexes too
        }
        var counts = await ScalarListAsync(connection, """
            SELECT format('%s provinces, %s districts, %s kecamatan, %s villages; %s periods, %s approved forms, %s village rows, %s summaries; database %s',
              (SELECT count(*) FROM regions WHERE level = 1), (SELECT count(*) FROM regions WHERE level = 2),
              (SELECT count(*) FROM regions WHERE level = 3), (SELECT count(*) FROM regions WHERE level IN (4, 5)),
              (SELECT count(*) FROM reporting_periods), (SELECT count(*) FROM kecamatan_reports WHERE status = 4),
              (SELECT count(*) FROM village_rows), (SELECT count(*) FROM form_summaries),
              pg_size_pretty(pg_database_size(current_database())))
            """);
        Console.WriteLine(counts[0]);
        await MeasureAsync(database, connection, provider, factory, admin, runs);
    }

    internal static async Task GenerateAsync(string server, string database, string connection, ServiceProvider provider, Actor admin, string regionsFile, int months)
    {
        var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var clock = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync();
        }
        if (File.Exists(regionsFile))
        {
            await using var csv = File.OpenRead(regionsFile);
            var imported = await provider.GetRequiredService<RegionImporter>().ImportAsync(admin, csv);
            if (!imported.Succeeded) throw new InvalidOperationException("Region import failed.");
            Console.WriteLine($"regions: official list {regionsFile}, {imported.Added:N0} added in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        else
        {
            await ExecuteAsync(server, database, GeneratedRegionsSql);
            Console.WriteLine($"regions: {regionsFile} not found, generated codes of the same shape in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        // 60 months of approved forms for every kecamatan, one row per village, generated in the database.
        clock.Restart();
        await ExecuteAsync(server, database, PeriodsAndReportsSql(months));
        var provinces = await ScalarListAsync(connection, "SELECT code FROM regions WHERE level = 1 ORDER BY code");
        foreach (var province in provinces)
        {
            await ExecuteAsync(server, database, VillageRowsSql.Replace("{prefix}", province + ".", StringComparison.Ordinal));
            Console.Write('.');
        }
        Console.WriteLine();
        var generated = clock.Elapsed;
        clock.Restart();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await FormSummaries.RefreshAllAsync(db, CancellationToken.None);
        }
        var summarised = clock.Elapsed;
        await ExecuteAsync(server, database, "VACUUM ANALYZE");

        Console.WriteLine($"generated in {generated.TotalSeconds:0} s; summaries of all approved forms rebuilt in {summarised.TotalSeconds:0.0} s");
    }

    private static async Task MeasureAsync(string database, string connection, ServiceProvider provider, IDbContextFactory<AppDbContext> factory, Actor admin, int runs)
    {
        var dashboards = provider.GetRequiredService<DashboardService>();
        var largestDistrict = (await ScalarListAsync(connection,
            "SELECT parent_code FROM regions WHERE level = 3 GROUP BY parent_code ORDER BY count(*) DESC, parent_code LIMIT 1"))[0];
        var largestProvince = (await ScalarListAsync(connection,
            "SELECT left(code, 2) FROM regions WHERE level IN (4, 5) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"))[0];
        var results = new List<Stats.Summary>();
        async Task Measure(string label, string code)
        {
            var view = await dashboards.GetAsync(admin, new DashboardQuery(code));
            var rows = view.Ranking?.Rows.Count ?? 0;
            results.Add(await Stats.MeasureAsync($"{label} {code} {view.Area.Name} ({rows} ranked, {view.Series.Sum(s => s.Points.Count)} points)", 5, runs,
                () => dashboards.GetAsync(admin, new DashboardQuery(code))));
        }
        await Measure("district", "73.24");
        await Measure("largest district", largestDistrict);
        await Measure("province", "73");
        await Measure("largest province", largestProvince);

        // The nation (issue 18): the whole national view as the page gets it (trend, 38 provinces side by side with
        // survey, target, form figure, completeness, overdue follow-ups and aksi), from the province-month summaries.
        var national = provider.GetRequiredService<NationalDashboardService>();
        var nation = await national.GetAsync(admin, new NationalQuery());
        await using (var db = await factory.CreateDbContextAsync())
        {
            results.Add(await Stats.MeasureAsync(
                $"nation: national view ({nation.Provinces.Rows.Count} provinces, {nation.Trend.Count} points, from {await db.ProvinceMonthSummaries.CountAsync():N0} province-month rows)",
                5, runs, () => national.GetAsync(admin, new NationalQuery())));
            // What the trend cost before the province-month level: every approved form summary of the country summed per month.
            results.Add(await Stats.MeasureAsync($"nation, for comparison: trend from all {await db.FormSummaries.CountAsync():N0} form summaries", 5, runs, async () =>
            {
                await using var ctx = await factory.CreateDbContextAsync();
                _ = await ctx.FormSummaries.AsNoTracking()
                    .GroupBy(s => s.PeriodKey)
                    .Select(g => new { g.Key, Measured = g.Sum(s => s.Measured), Stunted = g.Sum(s => s.Stunted) })
                    .ToListAsync();
            }));
        }

        // The cost approval adds: one form's summary and its province's month rebuilt inside the deciding transaction.
        var reportId = int.Parse((await ScalarListAsync(connection,
            $"SELECT min(r.id)::text FROM kecamatan_reports r WHERE r.kecamatan_code = (SELECT min(code) FROM regions WHERE parent_code = '{largestDistrict}' AND level = 3)"))[0],
            System.Globalization.CultureInfo.InvariantCulture);
        results.Add(await Stats.MeasureAsync($"summary of one approved form and its province-month rebuilt (report {reportId})", 5, runs, async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await FormSummaries.RefreshAsync(db, reportId, CancellationToken.None);
            await tx.CommitAsync();
        }));

        Console.WriteLine($"Dashboard at national scale, real PostgreSQL (database {database}), {Environment.ProcessorCount} cores");
        Stats.Print(results);
    }

    private static string PeriodsAndReportsSql(int months) => $"""
        INSERT INTO reporting_periods (district_code, year, month, is_weighing_month, deadline, refuse_late, is_open, opened_at, opened_by)
        SELECT d.code, 2020 + (m - 1) / 12, (m - 1) % 12 + 1, (m - 1) % 12 + 1 IN (2, 8),
               (make_date(2020 + (m - 1) / 12, (m - 1) % 12 + 1, 1) + interval '1 month 9 days')::date, false, false, now(), 'bench'
        FROM regions d CROSS JOIN generate_series(1, {months}) m WHERE d.level = 2;

        INSERT INTO kecamatan_reports (period_id, kecamatan_code, status, note, is_late, submitted_at, submitted_by,
                                       decided_at, decided_by, is_example, created_at, updated_at)
        SELECT p.id, k.code, 4, '', false, now(), 'bench', now(), 'bench', false, now(), now()
        FROM regions k JOIN reporting_periods p ON p.district_code = k.parent_code
        WHERE k.level = 3;
        """;

    // Deterministic pseudo-random counts per village and month: a village's own level of stunting (5-30 %)
    // drifting down a little each month, measurement coverage 70-99 %.
    private const string VillageRowsSql = """
        INSERT INTO village_rows (report_id, village_code, toddlers_registered, toddlers_measured, severely_stunted, stunted,
                                  wasted, underweight, comment, updated_at, updated_by)
        SELECT r.id, v.code, reg, meas, (st * 0.25)::int, st - (st * 0.25)::int, (meas * (2 + h3 % 6) / 100), (meas * (5 + h3 % 10) / 100), '', now(), 'bench'
        FROM kecamatan_reports r
        JOIN reporting_periods p ON p.id = r.period_id
        JOIN regions v ON v.parent_code = r.kecamatan_code AND v.level IN (4, 5)
        CROSS JOIN LATERAL (SELECT abs(hashtext(v.code)) AS h1, abs(hashtext(v.code || ':' || r.id)) AS h3) h
        CROSS JOIN LATERAL (SELECT 40 + h1 % 260 AS reg) a
        CROSS JOIN LATERAL (SELECT reg * (70 + h3 % 30) / 100 AS meas) b
        CROSS JOIN LATERAL (SELECT greatest(0, meas * (5 + h1 % 26 - (p.year - 2020) * 2 + h3 % 3) / 100) AS st) c
        WHERE r.kecamatan_code LIKE '{prefix}%';
        """;

    // The same shape as the official list: 38 provinces, 514 districts, 7,285 kecamatan, 83,762 villages.
    internal const string GeneratedRegionsSql = """
        INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
        SELECT lpad((10 + p)::text, 2, '0'), 'Provinsi ' || p, 1, NULL, false, now(), now() FROM generate_series(1, 38) p;
        INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
        SELECT lpad((10 + 1 + (d - 1) % 38)::text, 2, '0') || '.' || lpad((1 + (d - 1) / 38)::text, 2, '0'), 'Kabupaten ' || d, 2,
               lpad((10 + 1 + (d - 1) % 38)::text, 2, '0'), false, now(), now()
        FROM generate_series(1, 514) d;
        INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
        SELECT d.code || '.' || lpad(k::text, 2, '0'), 'Kecamatan ' || d.code || '.' || k, 3, d.code, false, now(), now()
        FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM regions WHERE level = 2) d
        CROSS JOIN LATERAL generate_series(1, 14 + CASE WHEN d.n <= 7285 - 514 * 14 THEN 1 ELSE 0 END) k;
        INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
        SELECT k.code || '.' || (2000 + v), 'Desa ' || k.code || '.' || v, 4, k.code, false, now(), now()
        FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM regions WHERE level = 3) k
        CROSS JOIN LATERAL generate_series(1, 11 + CASE WHEN k.n <= 83762 - 7285 * 11 THEN 1 ELSE 0 END) v;
        """;

    internal static async Task<List<string>> ScalarListAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }
        return values;
    }

    private static Task ExecuteAsync(string server, string database, string sql) => BenchDatabase.ExecuteAsync(server, database, sql);
}
