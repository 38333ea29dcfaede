using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Notifications;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Benchmarks;

/// <summary>
/// Issue 15: the daily reminder check at national scale. The official region list (514 districts, 7,285 kecamatan;
/// generated codes of the same shape when the file is missing), per district 5 OPD with one operator each (half with a
/// WhatsApp number), a secretariat, a camat per kecamatan, 4 meetings and 20 follow-up actions due across a year
/// (a quarter of them done), and one open period per district whose deadline is tomorrow with a third of the forms
/// submitted: the worst day, every kecamatan of the country reminded at once. Then the real
/// <see cref="ReminderService.RunDailyCheckAsync"/> with the clock at 10.00 WIB: "create" runs start from no
/// reminders (deleted between runs), "repeat" runs find every reminder already there (the scheduler's later ticks).
///   reminders [--regions FILE] [--iterations 5] [--keep] [--reuse DATABASE]
/// </summary>
public static class RemindersBenchmark
{
    private const int ActionsPerDistrict = 20;
    private const int AgenciesPerDistrict = 5;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero); // 10.00 WIB, 11.00 WITA, 12.00 WIT
    private static readonly DateOnly Today = new(2026, 12, 3);

    public static async Task RunAsync(string[] args)
    {
        var runs = Stats.Option(args, "--iterations", 5);
        var regionsFile = BenchDatabase.RegionsFile(args);
        await using var bench = await BenchDatabase.CreateAsync(args, "tpps_remind_");
        var (server, database, connection) = (bench.Server, bench.Name, bench.ConnectionString);
        await using var provider = bench.Services();
        var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync();
            if (!await db.Regions.AnyAsync(r => r.Level == RegionLevel.KabupatenKota))
            {
                await RegionsAsync(server, database, provider, regionsFile);
            }
            if (!await db.FollowUpActions.AnyAsync(a => a.Description.StartsWith("Bench ")))
            {
                await GenerateAsync(factory);
                await ExecuteAsync(server, database, "VACUUM ANALYZE");
            }
        }
        Console.WriteLine(await ScalarAsync(connection, """
            SELECT format('%s districts, %s kecamatan; %s users, %s agencies, %s meetings, %s follow-up actions (%s not done, %s overdue on 3 Dec 2026); %s open periods',
              (SELECT count(*) FROM regions WHERE level = 2), (SELECT count(*) FROM regions WHERE level = 3),
              (SELECT count(*) FROM users), (SELECT count(*) FROM agencies), (SELECT count(*) FROM meetings),
              (SELECT count(*) FROM follow_up_actions), (SELECT count(*) FROM follow_up_actions WHERE status NOT IN (3, 4)),
              (SELECT count(*) FROM follow_up_actions WHERE status NOT IN (3, 4) AND due_date < DATE '2026-12-03'),
              (SELECT count(*) FROM reporting_periods WHERE is_open))
            """));
        await MeasureAsync(provider, connection, runs);
    }

    private static async Task MeasureAsync(ServiceProvider provider, string connection, int runs)
    {
        var clock = new FixedClock(Now);
        ReminderService Service() => ActivatorUtilities.CreateInstance<ReminderService>(provider.CreateScope().ServiceProvider, (TimeProvider)clock);

        // Cold: a fresh process' first check (EF model, pools, plans), creating every reminder.
        await ExecuteOnAsync(connection, "DELETE FROM notifications");
        var watch = Stopwatch.StartNew();
        var first = await Service().RunDailyCheckAsync(CancellationToken.None);
        var cold = watch.Elapsed;
        Console.WriteLine($"cold (first call in the process), creating all: {cold.TotalMilliseconds:0} ms; {first.CheckedDistricts} districts checked, " +
                          $"{first.Candidates:N0} reminders due, created {first.ActionDueSoon:N0} due soon + {first.ActionOverdue:N0} overdue + {first.DeadlineNear:N0} deadline near");

        var create = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await ExecuteOnAsync(connection, "DELETE FROM notifications");
            watch.Restart();
            var result = await Service().RunDailyCheckAsync(CancellationToken.None);
            create.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Created != first.Created)
            {
                throw new InvalidOperationException($"run {i} created {result.Created}, the first {first.Created}");
            }
        }
        var repeat = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            watch.Restart();
            var result = await Service().RunDailyCheckAsync(CancellationToken.None);
            repeat.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Created != 0)
            {
                throw new InvalidOperationException($"a repeated check created {result.Created}");
            }
        }
        var rows = await ScalarAsync(connection, "SELECT count(*) FROM notifications");
        Console.WriteLine($"warm, creating all ({runs} runs): median {Median(create):0} ms, min {create.Min():0}, max {create.Max():0}");
        Console.WriteLine($"warm, all already there ({runs} runs): median {Median(repeat):0} ms, min {repeat.Min():0}, max {repeat.Max():0}; {rows} notification rows");
        Console.WriteLine($"target: at most 5000 ms to find and enqueue every due reminder -> {(Math.Max(cold.TotalMilliseconds, Median(create)) <= 5000 ? "met" : "NOT met")}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task RegionsAsync(string server, string database, ServiceProvider provider, string regionsFile)
    {
        var clock = Stopwatch.StartNew();
        if (File.Exists(regionsFile))
        {
            await using var csv = File.OpenRead(regionsFile);
            var admin = new Actor("bench", "admin.sistem", Role.AdminSistem, null, null);
            await using var scope = provider.CreateAsyncScope();
            var imported = await scope.ServiceProvider.GetRequiredService<RegionImporter>().ImportAsync(admin, csv);
            if (!imported.Succeeded) throw new InvalidOperationException("Region import failed.");
            Console.WriteLine($"regions: official list {regionsFile}, {imported.Added:N0} added in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        else
        {
            await ExecuteAsync(server, database, DashboardBenchmark.GeneratedRegionsSql);
            Console.WriteLine($"regions: {regionsFile} not found, generated codes of the same shape in {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>Agencies, users, meetings, actions and periods of every district, in batches through EF.</summary>
    private static async Task GenerateAsync(IDbContextFactory<AppDbContext> factory)
    {
        var clock = Stopwatch.StartNew();
        List<(string Code, List<string> Kecamatan)> districts;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var kecamatan = await db.Regions.Where(r => r.Level == RegionLevel.Kecamatan).Select(r => new { r.Code, r.ParentCode }).ToListAsync();
            var byDistrict = kecamatan.ToLookup(k => k.ParentCode!);
            districts = await db.Regions.Where(r => r.Level == RegionLevel.KabupatenKota).OrderBy(r => r.Code)
                .Select(r => r.Code).ToListAsync()
                .ContinueWith(t => t.Result.Select(d => (d, byDistrict[d].Select(k => k.Code).ToList())).ToList());
        }
        var random = new Random(15);
        string[] opd = ["Dinas Kesehatan", "DP2KB", "Bappeda", "DPMD", "Dinas Sosial"];
        foreach (var chunk in districts.Chunk(64))
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var agencies = new List<Agency>();
            foreach (var (code, _) in chunk)
            {
                agencies.AddRange(opd.Select(name => new Agency { Name = name + " " + code, ShortName = name.Length > 12 ? name[..12] : name, Kind = AgencyKind.Opd, RegionCode = code, CreatedAt = Now, UpdatedAt = Now }));
            }
            db.Agencies.AddRange(agencies);
            await db.SaveChangesAsync();

            var n = 0;
            foreach (var (code, kecamatan) in chunk)
            {
                var mine = agencies.Where(a => a.RegionCode == code).ToList();
                db.Users.Add(User($"sek.{code}", Role.AdminSekretariat, code, null, null));
                foreach (var agency in mine)
                {
                    db.Users.Add(User($"opd.{agency.Id}", Role.OperatorOpd, code, agency.Id, n++ % 2 == 0 ? $"62812{agency.Id:0000000}" : null));
                }
                foreach (var k in kecamatan)
                {
                    db.Users.Add(User($"camat.{k}", Role.OperatorKecamatan, k, null, null));
                }
                var meetings = Enumerable.Range(0, 4).Select(i => new Meeting
                {
                    RegionCode = code, Title = $"Rakor TPPS {code} triwulan {i + 1}", Kind = MeetingKind.RakorKabupaten,
                    Date = Today.AddDays(-330 + (i * 90)), StartTime = new TimeOnly(9, 0), CreatedAt = Now, UpdatedAt = Now,
                }).ToList();
                db.Meetings.AddRange(meetings);
                for (var i = 0; i < ActionsPerDistrict; i++)
                {
                    var meeting = meetings[i % 4];
                    db.FollowUpActions.Add(new FollowUpAction
                    {
                        Meeting = meeting, DistrictCode = code, Number = i + 1, Description = $"Bench tindak lanjut {i + 1} kabupaten {code}",
                        ResponsibleAgencyId = mine[i % mine.Count].Id,
                        // Spread over a year around today: about two thirds past due, the rest ahead.
                        DueDate = Today.AddDays(-250 + random.Next(365)),
                        Status = random.Next(4) == 0 ? ActionStatus.Selesai : (ActionStatus)(1 + random.Next(2)),
                        CreatedAt = Now, UpdatedAt = Now,
                    });
                }
                var period = new ReportingPeriod { DistrictCode = code, Year = 2026, Month = 11, Deadline = Today.AddDays(1), IsOpen = true, OpenedAt = Now, OpenedBy = "bench" };
                db.ReportingPeriods.Add(period);
                foreach (var k in kecamatan.Where((_, i) => i % 3 == 0))
                {
                    db.KecamatanReports.Add(new KecamatanReport { Period = period, KecamatanCode = k, Status = ReportStatus.Diajukan, CreatedAt = Now, UpdatedAt = Now });
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            Console.Write('.');
        }
        Console.WriteLine();
        Console.WriteLine($"generated agencies, users, meetings, actions and periods in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static AppUser User(string name, Role role, string region, int? agency, string? whatsApp) => new()
    {
        UserName = name, NormalizedUserName = name.ToUpperInvariant(), FullName = name, Role = role, RegionCode = region, AgencyId = agency,
        WhatsAppNumber = whatsApp, Email = role == Role.OperatorKecamatan ? null : name + "@example.go.id", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = Now,
    };

    private static async Task<string> ScalarAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return (await command.ExecuteScalarAsync())!.ToString()!;
    }

    private static async Task ExecuteOnAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static Task ExecuteAsync(string server, string database, string sql) => BenchDatabase.ExecuteAsync(server, database, sql);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
