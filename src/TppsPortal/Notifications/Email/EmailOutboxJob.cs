using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace TppsPortal.Notifications.Email;

/// <summary>
/// Runs one pass of the <see cref="EmailOutbox"/> in a scope of its own. Not concurrent within one scheduler; across
/// instances the outbox's row locks keep two passes from sending the same mail. Scheduled by the scheduler setup.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EmailOutboxJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("email-outbox", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        await outbox.SendDueAsync(cancellationToken);
    }
}
