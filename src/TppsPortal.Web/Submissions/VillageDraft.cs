using System.Globalization;
using System.Text.RegularExpressions;
using TppsPortal.Submissions;
using TppsPortal.Web.Components.Shared;

namespace TppsPortal.Web.Submissions;

/// <summary>Where one village's figures stand between the person's keyboard and the server.</summary>
public enum SaveState
{
    /// <summary>As loaded from the server; nothing typed since.</summary>
    Unchanged,

    /// <summary>Typed, waiting for the pause in typing before it is saved.</summary>
    Pending,
    Saving,
    Saved,

    /// <summary>The server refused or could not be reached: the values stay on the page, "Coba lagi" saves them.</summary>
    Failed,

    /// <summary>Someone else saved this village first: their values were loaded, what was typed is kept in the message.</summary>
    Conflict,
}

/// <summary>
/// A value typed and not yet stored: the journal's id for it, the row version it was typed on, and the ids of the
/// earlier values of the field it replaced (one may have been stored while its answer was lost).
/// </summary>
public sealed record PendingEdit(Guid Id, uint? TypedOn, IReadOnlyList<Guid>? Supersedes = null);

/// <summary>
/// One village of the camat form as the page holds it: the text in each box exactly as typed, the values parsed
/// from it (which the rules and the live prevalence use), which edits (by their journal id) still have to be
/// stored, and the row version the next save must present. The page saves; this class only keeps the books.
/// The boxes are the browser's: the page renders <see cref="ShownText"/> (what was loaded) and never writes into a
/// box while the person types; a load bumps <see cref="Generation"/>, which gives the boxes new elements.
/// </summary>
public sealed partial class VillageDraft
{
    public const string CommentKey = "Comment";

    private readonly Dictionary<Figure, string> _text = [];
    private readonly Dictionary<Figure, string> _inputErrors = [];
    private readonly Dictionary<string, string> _submitErrors = [];
    private readonly Dictionary<Figure, PendingEdit> _dirty = [];
    private readonly Dictionary<Figure, string> _shown = [];
    /// <summary>
    /// The newest journal entry (its <see cref="JournalEdit.Seq"/>) taken per field. The journal hands over what it
    /// holds when the page attaches; that snapshot can reach the page after a value typed later, which was then already
    /// stored and forgotten by the journal. Taking the older value after it would save it over the newer one with
    /// "Tersimpan" shown (seen: "64" typed, "6" stored). An older entry than one taken is a stale copy and is skipped.
    /// </summary>
    private readonly Dictionary<string, long> _newestSeq = [];
    private PendingEdit? _commentEdit;
    private PendingEdit? _sending;
    private SaveState _state;
    private VillageValues _values = new();
    private IReadOnlyList<RuleFinding>? _hard;
    private IReadOnlyList<RuleFinding>? _soft;

    public VillageDraft(RowView row, bool isWeighingMonth)
    {
        IsWeighingMonth = isWeighingMonth;
        Row = row;
        Load(row);
    }

    public bool IsWeighingMonth { get; }

    /// <summary>The row as the server last answered (previous period, return comment, version).</summary>
    public RowView Row { get; private set; }

    public string Code => Row.VillageCode;

    public string Name => Row.VillageName;

    public string Anchor => SubmissionUi.Anchor(Code);

    /// <summary>The version the next save presents; a save by someone else since then is a conflict.</summary>
    public uint Version { get; private set; }

    /// <summary>The values on the page (what the person typed, where it parses).</summary>
    public VillageValues Values
    {
        get => _values;
        private set
        {
            _values = value;
            _hard = null;
            _soft = null;
        }
    }

    public string Comment { get; private set; } = "";

    /// <summary>The comment as loaded, which the page renders into its box.</summary>
    public string ShownComment { get; private set; } = "";

    public bool CommentDirty => _commentEdit is not null;

    /// <summary>Counts loads from the server: the page keys the boxes by it, so a load gives them the loaded text.</summary>
    public int Generation { get; private set; }

    /// <summary>Counts every change to what the card shows, so that the card renders only when it changed.</summary>
    public int Revision { get; private set; }

    /// <summary>The versions this page's own saves went through (edits typed on an older one continue from them).</summary>
    public VersionChain Chain { get; } = new();

    public SaveState State
    {
        get => _state;
        set
        {
            if (_state != value)
            {
                _state = value;
                Revision++;
            }
        }
    }

    /// <summary>Why the last save failed (State is Failed).</summary>
    public string? Message { get; private set; }

    /// <summary>After a conflict, until dismissed: the server's message.</summary>
    public string? ConflictMessage { get; private set; }

    /// <summary>After a conflict: what the person had typed that the server's values replaced.</summary>
    public string? LostInput { get; private set; }

    /// <summary>Typed and not saved yet, including text that is not a count.</summary>
    public bool HasPending => HasUnsent || _inputErrors.Count > 0;

    /// <summary>Values waiting to be sent to the server.</summary>
    public bool HasUnsent => _dirty.Count > 0 || CommentDirty;

    public bool HasInputErrors => _inputErrors.Count > 0;

    public bool HasSubmitErrors => _submitErrors.Count > 0;

    /// <summary>True once any figure has a value: an untouched village is "belum diisi".</summary>
    public bool HasValues => !Values.IsEmpty;

    /// <summary>The hard rules on the values on the page (the service checks them again on "Ajukan").</summary>
    public IReadOnlyList<RuleFinding> Hard => _hard ??= SubmissionRules.Hard(Values);

    /// <summary>The soft rules: against the village's previous approved period, and the weighing month.</summary>
    public IReadOnlyList<RuleFinding> Soft => _soft ??= Values.IsEmpty ? [] : SubmissionRules.Soft(Values, Row.Previous, IsWeighingMonth);

    public bool NeedsComment => Soft.Count > 0 && string.IsNullOrWhiteSpace(Comment);

    public string Text(Figure figure) => _text.TryGetValue(figure, out var text) ? text : "";

    /// <summary>The text as loaded from the server, which the page renders into the box.</summary>
    public string ShownText(Figure figure) => _shown.TryGetValue(figure, out var text) ? text : "";

    /// <summary>True when this edit (by its journal id) is waiting here to be stored, or is being sent now.</summary>
    public bool IsPending(Guid editId) =>
        _sending?.Id == editId || _commentEdit?.Id == editId || _dirty.Values.Any(e => e.Id == editId);

    /// <summary>Every edit waiting here, for the journal (drop after a conflict or a lock).</summary>
    public IEnumerable<Guid> PendingIds => _dirty.Values.Select(e => e.Id).Concat(_commentEdit is { } c ? [c.Id] : []);

    /// <summary>What is wrong with one field now: text that is not a count, a hard rule, the server's answer to "Ajukan".</summary>
    public IReadOnlyList<string> MessagesFor(Figure figure)
    {
        var messages = new List<string>();
        if (_inputErrors.TryGetValue(figure, out var input))
        {
            messages.Add(input);
        }
        else
        {
            messages.AddRange(Hard.Where(f => f.Figure == figure).Select(f => f.Message));
        }
        if (_submitErrors.TryGetValue(figure.ToString(), out var submit) && !messages.Contains(submit))
        {
            messages.Add(submit);
        }
        return messages;
    }

    public bool HasWarning(Figure figure) => Soft.Any(f => f.Figure == figure);

    public string? CommentError =>
        _submitErrors.TryGetValue(CommentKey, out var submit) ? submit
        : NeedsComment ? "Wajib diisi: jelaskan angka yang diberi peringatan di atas."
        : null;

    /// <summary>Replaces everything with the server's row (first load, after a conflict, after an import).</summary>
    public void Load(RowView row)
    {
        Row = row;
        _soft = null;
        Version = row.Version;
        Values = row.Values;
        Comment = ShownComment = row.Comment;
        _text.Clear();
        _shown.Clear();
        foreach (var figure in FigureInfo.All)
        {
            _text[figure] = _shown[figure] = row.Values.Get(figure)?.ToString(CultureInfo.InvariantCulture) ?? "";
        }
        _inputErrors.Clear();
        _submitErrors.Clear();
        _dirty.Clear();
        _newestSeq.Clear();
        _commentEdit = null;
        _sending = null;
        Chain.Clear();
        Generation++;
        Revision++;
        State = SaveState.Unchanged;
        Message = null;
        ConflictMessage = null;
        LostInput = null;
    }

    /// <summary>
    /// Takes one edit from the journal: a figure (its field is the figure's name) or the comment. Returns true when the
    /// edit waits here: to be sent, or (text that is not a count) to be corrected. False: the field is not one of this
    /// card's, or the edit's value is the one the server already has, so there is nothing to send for it.
    /// </summary>
    public bool Typed(JournalEdit edit)
    {
        if (_newestSeq.TryGetValue(edit.Field, out var newest) && edit.Seq < newest)
        {
            return false;
        }
        _newestSeq[edit.Field] = edit.Seq;
        var pending = new PendingEdit(edit.Id, edit.Base, edit.Prev);
        if (edit.Field == CommentKey)
        {
            SetComment(edit.Value, pending);
            return IsPending(edit.Id);
        }
        if (!Enum.TryParse<Figure>(edit.Field, out var figure) || !FigureInfo.All.Contains(figure))
        {
            return false;
        }
        SetText(figure, edit.Value, pending);
        return IsPending(edit.Id) || _inputErrors.ContainsKey(figure);
    }

    /// <summary>Takes what was typed into a field. Returns true when there is something to save.</summary>
    public bool SetText(Figure figure, string? text, PendingEdit? edit = null)
    {
        text ??= "";
        Revision++;
        _text[figure] = text;
        _submitErrors.Remove(figure.ToString());
        if (TryParseCount(text, out var value, out var error))
        {
            _inputErrors.Remove(figure);
            if (Values.Get(figure) != value)
            {
                Values = Values.With(figure, value);
                _dirty[figure] = edit ?? new PendingEdit(Guid.NewGuid(), null);
            }
            else if (edit is not null && _dirty.ContainsKey(figure))
            {
                _dirty[figure] = edit; // the same value typed again: the newest edit stands for it
            }
        }
        else
        {
            _inputErrors[figure] = error;
        }
        return Touched();
    }

    public bool SetComment(string? comment, PendingEdit? edit = null)
    {
        comment ??= "";
        Revision++;
        _submitErrors.Remove(CommentKey);
        if (comment == Comment)
        {
            if (edit is not null && _commentEdit is not null)
            {
                _commentEdit = edit;
            }
            return false;
        }
        Comment = comment;
        _commentEdit = edit ?? new PendingEdit(Guid.NewGuid(), null);
        return Touched();
    }

    /// <summary>After an edit: waiting to be saved, or (typed back to what is saved) nothing to do.</summary>
    private bool Touched()
    {
        if (HasPending)
        {
            if (State != SaveState.Saving)
            {
                State = SaveState.Pending;
            }
        }
        else if (State == SaveState.Pending)
        {
            State = SaveState.Saved;
        }
        return _dirty.Count > 0 || CommentDirty;
    }

    /// <summary>The next thing to send: a figure (null figure and true: the comment) and its edit. Fields that do not parse wait.</summary>
    public bool TakeNext(out Figure? figure, out bool comment, out PendingEdit edit)
    {
        figure = null;
        comment = false;
        if (_dirty.Count > 0)
        {
            var next = FigureInfo.All.First(_dirty.ContainsKey);
            edit = _dirty[next];
            _dirty.Remove(next);
            figure = next;
            _sending = edit;
            return true;
        }
        if (_commentEdit is { } commentEdit)
        {
            _commentEdit = null;
            edit = commentEdit;
            comment = true;
            _sending = edit;
            return true;
        }
        edit = default!;
        return false;
    }

    /// <summary>The version a save of <paramref name="edit"/> presents.</summary>
    public uint VersionFor(PendingEdit edit) => Chain.Resolve(edit.TypedOn, Version);

    /// <summary>
    /// The server took it: <paramref name="versionAfter"/> is what the next save presents (and where edits typed on
    /// <paramref name="sent"/> continue). The values on the page stay as typed.
    /// </summary>
    public void Saved(RowView row, PendingEdit edit, uint sent, uint versionAfter)
    {
        Row = row;
        _soft = null;
        _sending = null;
        Chain.Moved(sent, versionAfter);
        if (edit.TypedOn is { } typedOn)
        {
            Chain.Moved(typedOn, versionAfter); // the server took it on top of this person's own newer version
        }
        Version = versionAfter;
        Message = null;
        Revision++;
    }

    /// <summary>The server refused or could not be reached: keep the edit to be sent again, unless something newer was typed since.</summary>
    public void Failed(Figure? figure, bool comment, PendingEdit edit, string message)
    {
        _sending = null;
        if (figure is { } f)
        {
            _dirty.TryAdd(f, edit);
        }
        if (comment)
        {
            _commentEdit ??= edit;
        }
        State = SaveState.Failed;
        Message = message;
        Revision++;
    }

    /// <summary>Someone else saved first: show their values, and say what was typed here so that nothing is lost unseen.</summary>
    public void Conflict(string message, RowView fresh)
    {
        var lost = DescribeUnsaved(fresh);
        Load(fresh);
        State = SaveState.Conflict;
        ConflictMessage = message;
        LostInput = lost;
    }

    /// <summary>"Balita diukur 50; Pendek (kosong)": what was typed here and differs from the server's row; null when nothing.</summary>
    public string? DescribeUnsaved(RowView server)
    {
        var lost = new List<string>();
        foreach (var figure in FigureInfo.All)
        {
            var typed = Text(figure).Trim();
            var theirs = server.Values.Get(figure)?.ToString(CultureInfo.InvariantCulture) ?? "";
            if (typed != theirs && (_dirty.ContainsKey(figure) || _inputErrors.ContainsKey(figure) || Values.Get(figure) != Row.Values.Get(figure)))
            {
                lost.Add($"{figure.Label()} {(typed.Length == 0 ? "(kosong)" : typed)}");
            }
        }
        if (Comment.Trim() != server.Comment.Trim() && (CommentDirty || Comment != Row.Comment))
        {
            lost.Add($"penjelasan \"{Comment.Trim()}\"");
        }
        return lost.Count == 0 ? null : string.Join("; ", lost);
    }

    public void DismissConflict()
    {
        Revision++;
        ConflictMessage = null;
        LostInput = null;
        if (State == SaveState.Conflict)
        {
            State = SaveState.Unchanged;
        }
    }

    /// <summary>What "Ajukan" said about this village, keyed by figure name or <see cref="CommentKey"/>.</summary>
    public void SetSubmitErrors(IEnumerable<KeyValuePair<string, string>> errors)
    {
        Revision++;
        _submitErrors.Clear();
        foreach (var (field, message) in errors)
        {
            _submitErrors[field] = message;
        }
    }

    /// <summary>
    /// A count as people type it: "1072" or "1.072"; empty is "not filled in". A minus sign parses (the hard rule
    /// then says a count cannot be negative); decimals and letters do not.
    /// </summary>
    public static bool TryParseCount(string text, out int? value, out string error)
    {
        value = null;
        error = "";
        var trimmed = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (Thousands().IsMatch(trimmed))
        {
            trimmed = trimmed.Replace(".", "", StringComparison.Ordinal);
        }
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = trimmed.IndexOfAny([',', '.']) >= 0 ? "Isi bilangan bulat, tanpa koma."
            : trimmed.TrimStart('-').All(char.IsAsciiDigit) ? "Angka terlalu besar."
            : "Isi dengan angka saja.";
        return false;
    }

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+$")]
    private static partial Regex Thousands();
}
