using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TppsPortal.Common;

namespace TppsPortal.Data;

/// <summary>
/// Applies <see cref="TextRules"/> to every string of every entity being added or changed, just before it is saved:
/// the one place that keeps bidirectional control characters out of the database, whichever form or service (or a
/// future one) wrote the names, titles, positions and notes.
/// </summary>
public sealed class TextInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Clean(context);
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Clean(context);
        }
        return base.SavingChanges(eventData, result);
    }

    private static void Clean(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                Clean(property);
            }
        }
    }

    private static void Clean(PropertyEntry property)
    {
        // Keys are codes checked by their own rules; changing one here would break the entity's identity.
        if (property.Metadata.IsKey() || property.Metadata.IsForeignKey())
        {
            return;
        }
        if (property.CurrentValue is string text && TextRules.HasBidiControls(text))
        {
            property.CurrentValue = TextRules.StripBidiControls(text);
        }
    }
}
