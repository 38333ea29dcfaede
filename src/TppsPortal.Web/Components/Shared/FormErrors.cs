using TppsPortal.Common;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// The server's answer to a form, kept per field so that each message shows next to its field
/// (<c>Error="@errors.Has(nameof(Form.Name))" ErrorText="@errors[nameof(Form.Name)]"</c>) and the general
/// ones (key "") above the form. What the person typed stays in the form model; only messages live here.
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

    public string? this[string field] => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Messages that belong to no single field.</summary>
    public string? General => this[""];
}
