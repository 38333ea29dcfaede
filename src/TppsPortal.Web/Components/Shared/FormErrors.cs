using TppsPortal.Common;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// The server's answer to a form: the general messages (key "") shown above the form, and whether it was a
/// conflict. Inside an <c>EditForm</c>, field messages go through <see cref="ServerValidation"/> (MudBlazor
/// inputs take their error state from the EditContext); outside one, <c>Error</c>/<c>ErrorText</c> with
/// <see cref="Has"/> and the indexer work. What the person typed stays in the form model.
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public bool Any => _errors.Count > 0;

    public bool IsConflict { get; private set; }

    public void Set(Result result)
    {
        _errors = result.Errors;
        IsConflict = result.IsConflict;
    }

    public void Clear()
    {
        _errors = new Dictionary<string, string[]>();
        IsConflict = false;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The keys that have messages ("" included).</summary>
    public IEnumerable<string> Fields => _errors.Keys;

    public string? this[string field] => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages that belong to no single field.</summary>
    public string? General => this[""];
}
