using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// A form saved with a button, kept by the edit journal as a draft (docs/edit-journal.md): a JSON snapshot of the form
/// model as the server last held it, plus the fields typed since, each keyed by its path in the model
/// ("Title", "Attendees[3].Position", the same keys as the service's field errors).
/// </summary>
public static partial class JournalDraft
{
    /// <summary>The record of the draft's snapshot and fields in the journal.</summary>
    public const string Rec = "form";

    /// <summary>The snapshot's field (a field path never starts with an underscore).</summary>
    public const string SnapshotField = "__snapshot";

    public static string Snapshot<T>(T form) => JsonSerializer.Serialize(form);

    /// <summary>The snapshot among the journal's entries, read back; null when there is none or it no longer reads.</summary>
    public static T? FromSnapshot<T>(IEnumerable<JournalEdit> edits) where T : class
    {
        var snapshot = edits.LastOrDefault(e => e.Rec == Rec && e.Field == SnapshotField);
        if (snapshot is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(snapshot.Value);
        }
        catch (JsonException)
        {
            return null; // written by an older version of the form: the fields typed since still apply
        }
    }

    /// <summary>
    /// The form with the typed fields put in where they differ from it; <paramref name="changed"/> counts them. A path
    /// that no longer exists (a row removed) is left out.
    /// </summary>
    public static T WithTyped<T>(T form, IEnumerable<JournalEdit> edits, out int changed) where T : class
    {
        changed = 0;
        var root = JsonSerializer.SerializeToNode(form);
        if (root is null)
        {
            return form;
        }
        foreach (var edit in edits.Where(e => e.Rec == Rec && e.Field != SnapshotField).OrderBy(e => e.Seq))
        {
            if (Set(root, edit.Field, edit.Value))
            {
                changed++;
            }
        }
        return changed == 0 ? form : root.Deserialize<T>() ?? form;
    }

    private static bool Set(JsonNode root, string path, string value)
    {
        var node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var match = Segment().Match(parts[i]);
            if (!match.Success || node is not JsonObject obj || !obj.TryGetPropertyValue(match.Groups[1].Value, out var next))
            {
                return false;
            }
            var last = i == parts.Length - 1;
            if (match.Groups[2].Success)
            {
                var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (next is not JsonArray array || index >= array.Count || array[index] is not JsonObject item)
                {
                    return false;
                }
                if (last)
                {
                    return false; // a path ends at a text field, not at a row
                }
                node = item;
                continue;
            }
            if (last)
            {
                // Only text fields are typed: a number, a date or a row list is never overwritten with text.
                if (next is not null && next.GetValueKind() != JsonValueKind.String)
                {
                    return false;
                }
                if (next?.GetValue<string>() == value)
                {
                    return false;
                }
                obj[match.Groups[1].Value] = value;
                return true;
            }
            if (next is null)
            {
                return false;
            }
            node = next;
        }
        return false;
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?$")]
    private static partial Regex Segment();
}
