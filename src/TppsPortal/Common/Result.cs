namespace TppsPortal.Common;

/// <summary>
/// The outcome of a change that can fail on a business rule. Errors are keyed by the form field they
/// belong to (empty key: the whole form) so the UI can show each message next to its field.
/// </summary>
public sealed record Result
{
    public static readonly Result Ok = new();

    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool Succeeded => Errors.Count == 0;

    /// <summary>True when the change was refused because someone else saved the record first.</summary>
    public bool IsConflict { get; init; }

    public static Result Fail(string field, string message) =>
        new() { Errors = new Dictionary<string, string[]> { [field] = [message] } };

    public static Result Fail(IReadOnlyDictionary<string, string[]> errors) => new() { Errors = errors };

    public static Result Conflict(string message) =>
        new() { IsConflict = true, Errors = new Dictionary<string, string[]> { [""] = [message] } };

    public string Summary => string.Join(" ", Errors.Values.SelectMany(v => v));
}

/// <summary>A <see cref="Result"/> that carries a value when it succeeded.</summary>
public sealed record Result<T>(T? Value, Result Outcome)
{
    public bool Succeeded => Outcome.Succeeded;

    public static implicit operator Result<T>(Result failure) => new(default, failure);

    public static Result<T> Ok(T value) => new(value, Result.Ok);
}

/// <summary>Collects field errors while a form is checked.</summary>
public sealed class ErrorBag
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public bool Any => _errors.Count > 0;

    public Result ToResult() =>
        Result.Fail(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}

/// <summary>One page of a list, with the total so that a grid can page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
