using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TppsPortal.Common;

namespace TppsPortal.Data;

/// <summary>Fills created/updated times in one place, from <see cref="TimeProvider"/>.</summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }
        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext context)
    {
        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case ITimestamped stamped:
                    if (entry.State == EntityState.Added) stamped.CreatedAt = now;
                    stamped.UpdatedAt = now;
                    break;
                case Accounts.AppUser user when entry.State == EntityState.Added:
                    user.CreatedAt = now;
                    break;
                case Teams.TeamDecree decree when entry.State == EntityState.Added:
                    decree.CreatedAt = now;
                    break;
                case Meetings.ActionProgress progress when entry.State == EntityState.Added:
                    progress.CreatedAt = now;
                    break;
            }
        }
    }
}
