using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TppsPortal.Meetings;
using TppsPortal.Notifications;
using TppsPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TppsPortal.Tests.Notifications;

/// <summary>
/// Two portal processes (the published web app, started with <c>dotnet TppsPortal.Web.dll</c>) on one database that
/// has no Quartz tables yet, both running the clustered scheduler with a short interval: both come up (the schema is
/// made once, by whichever wins), both join the cluster, the check runs, every due reminder exists exactly once, and
/// every reminder's mail reaches a real SMTP server exactly once.
/// </summary>
public sealed class ReminderClusterTests(ServiceFixture fixture, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    private const string Lutim = "73.24";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _logFolder = Path.Combine(Path.GetTempPath(), "tpps-cluster-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task TwoPortalProcesses_OnOneDatabase_CreateEachDueReminderOnce()
    {
        var webDll = PortalBuild.WebDll();
        // The hour of the check is the district's digest hour: midnight, so that the test holds at any time of day.
        await using (var db = fixture.CreateContext())
        {
            db.ReminderSettings.Add(new ReminderSettings { DistrictCode = Lutim, DigestHour = 0, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var todayWita = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var dueSoon = await ActionAsync(todayWita.AddDays(2), "Pendataan ulang balita di posyandu");
        var overdue = await ActionAsync(todayWita.AddDays(-10), "Laporan audit kasus stunting semester II");
        Assert.False(await QuartzTablesExistAsync(), "the database starts without Quartz's tables");

        // A real SMTP server, and addresses for the agency's operator and the secretariat: each reminder is mailed once.
        await using var smtp = await SmtpServer.StartAsync();
        string[] mailed = ["opd.dp2kb.lutim", "admin.lutim"];
        await using (var db = fixture.CreateContext())
        {
            foreach (var user in await db.Users.Where(u => mailed.Contains(u.UserName!)).ToListAsync())
            {
                user.Email = user.UserName + "@luwutimurkab.go.id";
            }
            await db.SaveChangesAsync();
        }

        var logs = new ConcurrentQueue<string>();
        using var first = Start(webDll, "node-a", logs, smtp.Port);
        using var second = Start(webDll, "node-b", logs, smtp.Port);
        try
        {
            // Both nodes check in to the cluster, and the check has run at least twice (5 s apart) by then.
            await PollAsync(async () => await ClusterNodesAsync() >= 2 && logs.Count(l => l.Contains("Reminder check:", StringComparison.Ordinal)) >= 2,
                () => "cluster nodes or reminder runs missing. Log:\n" + string.Join('\n', logs.TakeLast(60)), first, second);

            await using var db = fixture.CreateContext();
            var dueKey = $"action-due:{dueSoon}:{todayWita.AddDays(2):yyyy-MM-dd}";
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.DedupKey == dueKey));
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.DedupKey!.StartsWith($"action-overdue:{overdue}:")));
            var duplicates = await db.Notifications.Where(n => n.DedupKey != null)
                .GroupBy(n => new { n.UserId, n.DedupKey }).Where(g => g.Count() > 1).CountAsync();
            Assert.Equal(0, duplicates);
            Assert.True(await QuartzTablesExistAsync());

            // Every reminder with a pending mail is sent by one of the two nodes, once.
            var mailedIds = await db.Users.Where(u => mailed.Contains(u.UserName!)).Select(u => u.Id).ToListAsync();
            await PollAsync(async () =>
            {
                await using var check = fixture.CreateContext();
                return !await check.Notifications.AnyAsync(n => mailedIds.Contains(n.UserId) && n.EmailState == EmailState.Pending);
            }, () => "mail still pending. Log:\n" + string.Join('\n', logs.TakeLast(60)), first, second);
            var sent = await db.Notifications.AsNoTracking().Where(n => mailedIds.Contains(n.UserId) && n.EmailState == EmailState.Sent)
                .Select(n => n.Id).ToListAsync();
            Assert.NotEmpty(sent);
            // A row is marked Sent in the transaction that holds its lock during the send, after the server accepted
            // (and stored) the mail: every mail sent so far is in the maildir now, duplicates included.
            await smtp.WaitForMessagesAsync(sent.Count);
            var messages = smtp.Messages();
            Assert.Equal(sent.Count, messages.Count);
            Assert.Equal(
                sent.Select(id => $"notification-{id}@portal.test").Order().ToList(),
                messages.Select(m => m.MessageId ?? "").Order().ToList());
            output.WriteLine($"mails: {messages.Count}");
            output.WriteLine($"nodes: {await ClusterNodesAsync()}, reminder rows: {await db.Notifications.CountAsync(n => n.DedupKey != null)}");
            foreach (var line in logs.Where(l => l.Contains("Reminder check:", StringComparison.Ordinal) || l.Contains("Scheduler", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }
        }
        finally
        {
            Stop(first);
            Stop(second);
            if (Directory.Exists(_logFolder))
            {
                Directory.Delete(_logFolder, recursive: true);
            }
        }
    }

    private Process Start(string webDll, string name, ConcurrentQueue<string> logs, int smtpPort)
    {
        var info = new ProcessStartInfo("dotnet", [webDll])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ConnectionStrings__Tpps"] = fixture.ConnectionString;
        info.Environment["Tpps__DemoMode"] = "false";
        info.Environment["Tpps__MigrateOnStartup"] = "false";
        info.Environment["Notifications__Scheduler__Enabled"] = "true";
        info.Environment["Notifications__Scheduler__CheckIntervalSeconds"] = "5";
        info.Environment["Notifications__Scheduler__OutboxIntervalSeconds"] = "5";
        info.Environment["Mail__Enabled"] = "true";
        info.Environment["Mail__Host"] = "127.0.0.1";
        info.Environment["Mail__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Mail__Security"] = "None";
        info.Environment["Mail__FromAddress"] = "tpps@luwutimurkab.go.id";
        info.Environment["Mail__PortalAddress"] = "http://portal.test/";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_logFolder, name, "tpps-.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue($"{name} (err): {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Func<string> describe, params Process[] processes)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Deadline)
        {
            if (processes.FirstOrDefault(p => p.HasExited) is { } dead)
            {
                Assert.Fail($"a portal process exited with code {dead.ExitCode}: {describe()}");
            }
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == "42P01")
            {
                // Quartz's tables are not there yet.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"not within {Deadline.TotalSeconds} s: {describe()}");
    }

    private async Task<int> ClusterNodesAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM qrtz_scheduler_state WHERE sched_name = 'TppsPortal'", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<bool> QuartzTablesExistAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM pg_tables WHERE tablename LIKE 'qrtz\\_%'", connection);
        return (int)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task<int> ActionAsync(DateOnly due, string description)
    {
        var agency = await fixture.AgencyIdAsync(Lutim, "DP2KB");
        await using var db = fixture.CreateContext();
        var meeting = await db.Meetings.Where(m => m.RegionCode == Lutim).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var action = new FollowUpAction
        {
            MeetingId = meeting, DistrictCode = Lutim, Number = 800 + Random.Shared.Next(100), Description = description,
            ResponsibleAgencyId = agency, DueDate = due, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.FollowUpActions.Add(action);
        await db.SaveChangesAsync();
        return action.Id;
    }
}
