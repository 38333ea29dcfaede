namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// One value a person typed, as the browser's edit journal (wwwroot/js/journal.js) keeps it until the server has it:
/// the record and field it belongs to, the text as typed, and the record's version it was typed on (null when the
/// page did not know one). <see cref="Id"/> is new for every value; the server stores an edit once by it.
/// <see cref="Prev"/>: the ids of this person's edits of the same record that were still unacknowledged when this one
/// was typed (the earlier values of the same field it replaced, and the values of the record's other fields typed
/// before it), with the edits those replaced.
/// </summary>
public sealed record JournalEdit(Guid Id, long Seq, string Rec, string Field, string Value, uint? Base, Guid[]? Prev = null);

/// <summary>
/// The versions of one record that its saves went through: when an edit typed on version A was stored and made
/// version B, later edits typed on A continue from B (they were typed on top of it). Anything else is the version
/// the person saw, and a save with it that finds the record changed by someone else is a conflict.
/// </summary>
public sealed class VersionChain
{
    private readonly Dictionary<uint, uint> _moved = [];

    /// <summary>The version to present for an edit typed on <paramref name="typedOn"/> (null: the page's <paramref name="current"/>).</summary>
    public uint Resolve(uint? typedOn, uint current)
    {
        if (typedOn is not { } version)
        {
            return current;
        }
        // Each step goes to a version a later save produced; a chain longer than its entries would be a cycle.
        for (var steps = 0; steps <= _moved.Count && _moved.TryGetValue(version, out var next) && next != version; steps++)
        {
            version = next;
        }
        return version;
    }

    public void Moved(uint from, uint to)
    {
        if (from != to)
        {
            _moved[from] = to;
        }
    }

    public void Clear() => _moved.Clear();
}
