using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace TppsPortal.Notifications;

/// <summary>
/// Runs <see cref="ReminderService.RunDailyCheckAsync"/> on the scheduler's tick. One at a time across the cluster
/// (<see cref="DisallowConcurrentExecutionAttribute"/> holds for every node of a clustered store); even if it ran twice,
/// the reminders' unique keys would keep each reminder single.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderCheckJob(IServiceScopeFactory scopes, ILogger<ReminderCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminder-check", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<ReminderService>().RunDailyCheckAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged and left: the next tick tries again, and nothing it would create can be created twice.
            logger.LogError(ex, "The reminder check failed on node {Node}", context.Scheduler.SchedulerInstanceId);
        }
    }
}
