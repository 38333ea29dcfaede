using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace TppsPortal.Notifications;

/// <summary>The <c>Notifications:Scheduler</c> configuration section.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Notifications:Scheduler";

    /// <summary>Run the periodic jobs in this process. On in the portal; the test hosts switch it off unless a test wants it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the reminder check runs (each district is checked once its digest hour has come).</summary>
    public int CheckIntervalSeconds { get; set; } = 900;

    /// <summary>How often pending e-mail is sent (the outbox); a mail waits at most this long after its event.</summary>
    public int OutboxIntervalSeconds { get; set; } = 30;

    /// <summary>The cluster's name: every instance of one portal shares it (and the database).</summary>
    public string InstanceName { get; set; } = "TppsPortal";

    /// <summary>This node's id, unique in the cluster; AUTO makes one from the host name and the time.</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>Quartz's tables are called qrtz_...; made by Quartz itself (not by the EF migrations), see docs/decisions/0005-scheduler.md.</summary>
    public string TablePrefix { get; set; } = "qrtz_";
}

/// <summary>
/// The portal's periodic jobs: Quartz.NET with its ADO.NET job store on the portal's PostgreSQL database, clustered,
/// so that with several portal instances each firing runs on one of them (docs/decisions/0005-scheduler.md).
/// </summary>
public static class SchedulerSetup
{
    public const string ConnectionStringName = "Tpps";

    /// <summary>
    /// Registers the scheduler and its jobs. Nothing is started, and nothing touches the database, unless
    /// <see cref="SchedulerOptions.Enabled"/> is true when the host starts (read then, so that a test host's own
    /// settings decide).
    /// </summary>
    public static IServiceCollection AddTppsScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section);
        // Read now: Quartz wants the name and the prefix at registration. Both are the same on every node.
        var startup = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = startup.InstanceName;
                if (!string.Equals(startup.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
                {
                    s.InstanceId = startup.InstanceId;
                }
            });
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ds => ds.DataSourceFactory = sp => NpgsqlDataSource.Create(
                    sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                    ?? throw new InvalidOperationException($"No connection string {ConnectionStringName} for the scheduler.")));
                store.UseClustering();
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.TablePrefix = startup.TablePrefix);
            });

            // ----- the jobs: one AddJob + AddTrigger each. -----
            // The daily reminder check, every CheckIntervalSeconds (each district acts once its digest hour has come).
            q.AddJob<ReminderCheckJob>(job => job.WithIdentity(ReminderCheckJob.Key).StoreDurably());
            q.AddTrigger((sp, trigger) => trigger
                .ForJob(ReminderCheckJob.Key)
                .WithIdentity(ReminderCheckJob.Key.Name + "-trigger")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(Math.Max(5, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.CheckIntervalSeconds)))
                    .RepeatForever()));
            // The e-mail outbox, every OutboxIntervalSeconds: on one node at a time (clustered trigger), and even if two
            // ran at once each row is claimed FOR UPDATE SKIP LOCKED by one of them (EmailOutbox).
            q.AddJob<Email.EmailOutboxJob>(job => job.WithIdentity(Email.EmailOutboxJob.Key).StoreDurably());
            q.AddTrigger((sp, trigger) => trigger
                .ForJob(Email.EmailOutboxJob.Key)
                .WithIdentity(Email.EmailOutboxJob.Key.Name + "-trigger")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(Math.Max(5, sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.OutboxIntervalSeconds)))
                    .RepeatForever()));
        });
        services.AddHostedService<SchedulerHost>();
        return services;
    }
}

/// <summary>
/// Starts the scheduler with the host when <see cref="SchedulerOptions.Enabled"/>, and stops it (waiting for a running
/// job) when the host stops. When disabled the scheduler is never built: no connection, no Quartz tables.
/// </summary>
internal sealed class SchedulerHost(
    IServiceProvider services,
    IOptions<SchedulerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SchedulerHost> logger) : IHostedService
{
    private IScheduler? _scheduler;
    private Task? _starting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Scheduler disabled ({Section}:Enabled = false): no periodic jobs in this process", SchedulerOptions.Section);
            return Task.CompletedTask;
        }
        // Jobs fire once the application has started, not while it is still starting; a database that is not
        // there yet delays the scheduler, never the portal.
        lifetime.ApplicationStarted.Register(() => _starting = StartSchedulerAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    private async Task StartSchedulerAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(5);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(stopping);
                await scheduler.Start(stopping);
                _scheduler = scheduler;
                logger.LogInformation("Scheduler {Name} started as node {Id} (clustered on PostgreSQL)",
                    scheduler.SchedulerName, scheduler.SchedulerInstanceId);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The scheduler did not start; trying again in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 300));
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_starting is not null)
        {
            await _starting;
        }
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
