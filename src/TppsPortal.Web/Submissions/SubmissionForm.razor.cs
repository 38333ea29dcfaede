using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Submissions;
using TppsPortal.Web.Account;
using TppsPortal.Web.Components.Shared;
using TppsPortal.Web.Meetings;

namespace TppsPortal.Web.Submissions;

/// <summary>
/// The camat form of one kecamatan for one period. What is typed goes first to the browser's edit journal
/// (<see cref="JournalScope"/>), which keeps it until the server acknowledges that value and hands it here; every
/// field is saved as the person types (one save at a time, each with the journal's id and the row version it was
/// typed on; keys typed while a save runs go together into the next one), so that a dropped connection, a closed tab, a reload or a restarted server
/// loses nothing and stores nothing twice. A village saved by someone else in between is a conflict, shown at that
/// village with what was typed. Submitting, returning, approving and reopening go through the service, which checks
/// everything again.
/// </summary>
public partial class SubmissionForm : IAsyncDisposable
{
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private SubmissionService Submissions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IScrollManager Scroll { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<SubmissionForm> Logger { get; set; } = default!;

    [Parameter] public int PeriodId { get; set; }

    /// <summary>
    /// The form as the prerendered page showed it, handed to the live page (persistent component state) so that the
    /// live page's first render has the same fields instead of loading them again: there is no moment without fields
    /// while the person types (a key typed in that moment went nowhere; docs/edit-journal.md). The server saves each
    /// value on the version it was typed on, so a row changed in between is still a conflict, never an overwrite.
    /// </summary>
    [PersistentState]
    public ReportView? Prerendered { get; set; }

    /// <summary>The kecamatan code, e.g. 73.24.04.</summary>
    [Parameter] public string Kecamatan { get; set; } = "";

    private readonly SemaphoreSlim _saveLock = new(1, 1);

    /// <summary>Villages whose save waits for its turn: what is typed meanwhile goes into that save.</summary>
    private readonly HashSet<VillageDraft> _queued = [];
    private Actor? _actor;
    private string? _loadedKey;
    private ReportView? _view;
    private List<VillageDraft> _villages = [];

    private readonly Dictionary<string, VillageCard> _cards = [];
    private readonly VersionChain _noteChain = new();

    /// <summary>Edits stored in this circuit, by id: one the journal sends again (its answer was lost) is answered again.</summary>
    private readonly Dictionary<Guid, (string Rec, uint? TypedOn, uint VersionAfter)> _acked = [];

    /// <summary>
    /// Edits this page told the journal to forget (shown as not saved after a conflict, noted after a lock, or with
    /// nothing to send). The journal can send one again before it hears that (its resend crossed the answer): it is
    /// forgotten again, never saved on top of what the person has seen since.
    /// </summary>
    private readonly HashSet<Guid> _dropped = [];
    private JournalScope? _journal;
    private KecamatanTotals? _totals;

    /// <summary>The status bar's state at the page's last render.</summary>
    private string? _renderedGlobal;

    private string _note = "";
    private string _noteShown = "";
    private int _noteGeneration;
    private PendingEdit? _noteEdit;
    /// <summary>The newest journal entry of the note taken (an older one arriving later is a stale copy).</summary>
    private long _noteSeq;
    private bool _noteDirty;
    private SaveState _noteState;
    private string? _noteMessage;
    private string? _noteLost;
    private bool _noteQueued;

    /// <summary>How long saves must pause before the page around the cards renders again (<see cref="RefreshPageAfterPause"/>).</summary>
    private const int PageRenderPauseMs = 700;

    private CancellationTokenSource? _pageRender;

    private uint _reportVersion;
    private string? _summaryTitle;
    private List<(string Anchor, string Name, string Text)> _summary = [];
    private string? _actionError;
    private bool _busy;
    private bool _scrollToErrors;
    private bool _historyOpen;
    private int _revision;
    private bool _disposed;

    /// <summary>What was typed but could not be saved because the form stopped being editable meanwhile.</summary>
    private List<string> _lostOnLock = [];

    /// <summary>The journal's ids of those values: forgotten in the browser once the person says they noted them.</summary>
    private List<Guid> _lostOnLockIds = [];

    private string KecamatanTitle => SubmissionUi.KecamatanTitle(_view?.KecamatanName ?? Kecamatan);

    private bool ShowReturnComments => _view?.Status == ReportStatus.Dikembalikan;

    private bool PastDeadline => _view is not null && SubmissionUi.TodayWita(Clock) > _view.Period.Deadline;

    private VillageValues Totals => VillageValues.Sum(_villages.Select(v => v.Values));

    /// <summary>Villages whose counts make the kecamatan's prevalence (coverage) meaningless: the totals show the rule instead.</summary>
    private int PrevalenceBroken => _villages.Count(v => SubmissionRules.BreaksPrevalence(v.Hard) is not null);
    private int CoverageBroken => _villages.Count(v => SubmissionRules.BreaksCoverage(v.Hard) is not null);

    /// <summary>Anything typed that the server does not have yet (or could not take).</summary>
    private bool HasUnsaved =>
        _villages.Any(v => v.HasPending || v.State is SaveState.Saving or SaveState.Failed) ||
        _noteDirty || _noteState is SaveState.Saving or SaveState.Failed;

    private bool HasProblems =>
        _villages.Any(v => v.HasInputErrors || v.State == SaveState.Failed || v.ConflictMessage is not null) ||
        _noteState is SaveState.Failed || _noteMessage is not null;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{PeriodId}/{Kecamatan}";
        if (key == _loadedKey)
        {
            return;
        }
        if (_loadedKey is not null)
        {
            await FlushAllAsync();
        }
        _loadedKey = key;
        _view = null;
        if (Prerendered is { } shown && shown.Period.Id == PeriodId && shown.KecamatanCode == Kecamatan && RendererInfo.IsInteractive)
        {
            Prerendered = null;
            _actor ??= await CurrentUser.GetAsync();
            Show(shown);
            return;
        }
        await LoadAsync();
        if (!RendererInfo.IsInteractive)
        {
            Prerendered = _view;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _renderedGlobal = _view is null ? null : GlobalClass;
        if (_scrollToErrors)
        {
            _scrollToErrors = false;
            await Scroll.ScrollIntoViewAsync("#form-errors", ScrollBehavior.Smooth);
        }
    }

    private async Task LoadAsync()
    {
        _actor ??= await CurrentUser.GetAsync();
        Show(await Submissions.GetFormAsync(_actor, PeriodId, Kecamatan));
    }

    private void Show(ReportView view)
    {
        _view = view;
        _reportVersion = view.Version;
        _villages = view.Rows.Select(r => new VillageDraft(r, view.Period.IsWeighingMonth)).ToList();
        _note = _noteShown = view.Note;
        _noteGeneration++;
        _noteEdit = null;
        _noteSeq = 0;
        _noteChain.Clear();
        _noteDirty = false;
        _noteState = SaveState.Unchanged;
        _noteMessage = null;
        _noteLost = null;
        _summary = [];
        _summaryTitle = null;
        _actionError = null;
        _lostOnLock = [];
        _lostOnLockIds = [];
        _revision++;
        if (_journal is not null)
        {
            // After an import or a workflow step the rows have new versions: new typing is on those.
            foreach (var (rec, version) in JournalVersions())
            {
                _journal.Version(rec, version);
            }
        }
    }

    /// <summary>The report's status and version from the server, leaving what is on the page as it is.</summary>
    private async Task RefreshHeaderAsync()
    {
        var view = await Submissions.GetFormAsync(_actor!, PeriodId, Kecamatan);
        _view = view;
        // Called after this page's own save created the report: a note typed before continues from its version.
        _noteChain.Moved(_reportVersion, view.Version);
        _reportVersion = view.Version;
        if (_journal is not null)
        {
            _journal.Version(NoteRec, view.Version);
        }
    }

    // ----- autosave -----

    /// <summary>
    /// Edits from the browser's journal, oldest first: as typed, and again after a reconnect, a reload or a restart
    /// for whatever the server has not acknowledged. Each waits for the pause in typing and is then saved.
    /// </summary>
    private async Task OnJournalEditsAsync(IReadOnlyList<JournalEdit> edits)
    {
        if (_view is null)
        {
            return;
        }
        var touched = new HashSet<VillageDraft>();
        var noteTouched = false;
        var unknown = new List<Guid>();
        foreach (var edit in edits)
        {
            if (_acked.TryGetValue(edit.Id, out var ack))
            {
                _journal!.Ack(ack.Rec, edit.Id, ack.TypedOn, ack.VersionAfter); // its answer was lost: say it again
                continue;
            }
            if (_dropped.Contains(edit.Id))
            {
                unknown.Add(edit.Id); // sent again before the journal heard it was dropped: drop it again
                continue;
            }
            if (!_view.CanEdit)
            {
                KeepLostOnLock(edit);
                continue;
            }
            if (edit.Rec == NoteRec && edit.Field == NoteRec)
            {
                if (edit.Seq < _noteSeq)
                {
                    unknown.Add(edit.Id); // an older copy than the note taken already (see VillageDraft._newestSeq)
                    continue;
                }
                _noteSeq = edit.Seq;
                if (_noteEdit?.Id != edit.Id)
                {
                    _noteEdit = new PendingEdit(edit.Id, edit.Base is 0 ? null : edit.Base, edit.Prev);
                    _note = edit.Value;
                    _noteDirty = true;
                    _noteState = SaveState.Pending;
                    noteTouched = true;
                }
                else if (_noteState == SaveState.Failed)
                {
                    _noteDirty = noteTouched = true; // sent again while the server could not take it: try again
                }
                continue;
            }
            var draft = _villages.FirstOrDefault(v => v.Code == edit.Rec);
            if (draft is null)
            {
                unknown.Add(edit.Id); // a village that is not (or no longer) in this form
                continue;
            }
            if (draft.IsPending(edit.Id))
            {
                if (draft.State == SaveState.Failed)
                {
                    touched.Add(draft);
                }
                continue;
            }
            touched.Add(draft);
            if (!draft.Typed(edit))
            {
                // Not a field of the card, or the value the server already has (one stored with its answer lost, and
                // the page loaded again since): nothing will be sent, and the journal forgets it.
                unknown.Add(edit.Id);
            }
        }
        if (unknown.Count > 0)
        {
            Drop(unknown);
        }
        foreach (var draft in touched)
        {
            if (draft.HasUnsent)
            {
                Schedule(draft);
            }
            _cards.GetValueOrDefault(draft.Code)?.Refresh();
        }
        if (noteTouched)
        {
            ScheduleNote();
        }
        if (!_view.CanEdit || GlobalClass != _renderedGlobal)
        {
            // The status bar changes (or the form turned read-only): the page renders; the other villages' cards skip it.
            StateHasChanged();
        }
        else if (touched.Count > 0)
        {
            // As the person types, only the village's card and the sums change: a keystroke sends a small diff.
            _totals?.Show(Totals, _villages.Count(v => v.HasValues), PrevalenceBroken, CoverageBroken);
        }
    }

    /// <summary>A value that reached a form which can no longer be edited: list it, so that it is not lost unseen.</summary>
    private void KeepLostOnLock(JournalEdit edit)
    {
        if (_lostOnLockIds.Contains(edit.Id))
        {
            return;
        }
        var label = edit.Field == VillageDraft.CommentKey ? "penjelasan"
            : Enum.TryParse<Figure>(edit.Field, out var figure) ? figure.Label()
            : edit.Field == NoteRec ? "catatan kecamatan" : edit.Field;
        var where = edit.Rec == NoteRec ? "" : (_villages.FirstOrDefault(v => v.Code == edit.Rec)?.Name ?? edit.Rec) + ": ";
        _lostOnLock = [.. _lostOnLock, $"{where}{label} \"{edit.Value.Trim()}\""];
        _lostOnLockIds.Add(edit.Id);
    }

    private void ForgetLostOnLock()
    {
        if (_journal is not null)
        {
            Drop(_lostOnLockIds);
        }
        _lostOnLock = [];
        _lostOnLockIds = [];
    }

    /// <summary>Tells the journal to forget these edits, and remembers them in case they come again.</summary>
    private void Drop(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        _dropped.UnionWith(list);
        _journal?.Drop(list);
    }

    private Task OnVillageEditedAsync(VillageDraft draft)
    {
        if (draft.HasUnsent)
        {
            Schedule(draft);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Saves the village at once, or (a save is running) right after it: the draft keeps each field's newest value, so
    /// keys typed while a save runs go together into the next one. "Tersimpan" follows a keystroke by one save's time.
    /// </summary>
    private void Schedule(VillageDraft draft)
    {
        if (_queued.Add(draft))
        {
            _ = InvokeAsync(() => SaveVillageAsync(draft));
        }
    }

    private Task RetryAsync(VillageDraft draft) => SaveVillageAsync(draft);

    /// <summary>
    /// Sends what is pending for one village, one field at a time, each with its journal id and the version it was
    /// typed on (moved on by this page's own saves); each stored value is acknowledged to the journal.
    /// </summary>
    private async Task SaveVillageAsync(VillageDraft draft)
    {
        await _saveLock.WaitAsync();
        _queued.Remove(draft);
        var created = false;
        try
        {
            if (!_villages.Contains(draft))
            {
                return; // the form was reloaded while this save waited its turn
            }
            while (draft.TakeNext(out var figure, out var comment, out var edit))
            {
                draft.State = SaveState.Saving;
                _cards.GetValueOrDefault(draft.Code)?.RefreshState();
                var version = draft.VersionFor(edit);
                Result<SaveOutcome> result;
                try
                {
                    result = figure is { } f
                        ? await Submissions.SaveValueAsync(_actor!, PeriodId, Kecamatan, draft.Code, f, draft.Values.Get(f), version, edit.Id, edit.Supersedes)
                        : await Submissions.SaveCommentAsync(_actor!, PeriodId, Kecamatan, draft.Code, draft.Comment, version, edit.Id, edit.Supersedes);
                }
                catch (AccessDeniedException denied)
                {
                    draft.Failed(figure, comment, edit, denied.Message);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogError(ex, "Saving {Village} of {Kecamatan} period {PeriodId} failed", draft.Code, Kecamatan, PeriodId);
                    draft.Failed(figure, comment, edit, "Server tidak dapat menyimpan saat ini; dicoba lagi otomatis.");
                    return;
                }

                if (result.Succeeded)
                {
                    var outcome = result.Value!;
                    draft.Saved(outcome.Row, edit, version, outcome.VersionAfter);
                    _acked[edit.Id] = (draft.Code, edit.TypedOn, outcome.VersionAfter);
                    _journal!.Ack(draft.Code, edit.Id, edit.TypedOn, outcome.VersionAfter);
                    created |= _view?.ReportId is null;
                    _revision++;
                    continue;
                }
                if (result.Outcome.IsConflict)
                {
                    var fresh = await Submissions.GetFormAsync(_actor!, PeriodId, Kecamatan);
                    var row = fresh.Rows.FirstOrDefault(r => r.VillageCode == draft.Code);
                    if (row is not null)
                    {
                        // What was typed is shown in the conflict message; the journal forgets it, the boxes show theirs.
                        var shownAsLost = draft.PendingIds.Append(edit.Id).ToList();
                        draft.Conflict(result.Outcome.Summary, row);
                        Drop(shownAsLost);
                        _journal!.Version(draft.Code, row.Version);
                    }
                    _view = fresh;
                    _reportVersion = fresh.Version;
                    _revision++;
                    return;
                }
                draft.Failed(figure, comment, edit, result.Outcome.Summary);
                await CheckStillEditableAsync();
                return;
            }
            if (draft.State is SaveState.Saving or SaveState.Pending)
            {
                draft.State = draft.HasPending ? SaveState.Pending : SaveState.Saved;
            }
            if (created)
            {
                await RefreshHeaderAsync();
            }
        }
        finally
        {
            _saveLock.Release();
            if (draft.State is SaveState.Failed or SaveState.Conflict)
            {
                Refresh();
            }
            else
            {
                // "Tersimpan" at once; the card's other changes (the row's version, the warnings as the server sees them)
                // render with the page once typing pauses.
                _cards.GetValueOrDefault(draft.Code)?.RefreshState();
                RefreshPageAfterPause();
            }
        }
    }

    /// <summary>
    /// Renders the page (the status line, the jump list, the note's state, the cards' other changes) once saves have
    /// paused for <see cref="PageRenderPauseMs"/>. The form saves at every keystroke and a village's save state shows at
    /// once (<see cref="VillageSaveState"/>); rendering the page twice per keystroke as well sent ~9 KB per key to a
    /// phone, the card ~1 KB more (`scripts/bench.sh field --parts keys`). The page is never early: "Semua perubahan
    /// tersimpan" is hidden by the journal's CSS while anything typed is unacknowledged.
    /// </summary>
    private void RefreshPageAfterPause()
    {
        _pageRender?.Cancel();
        _pageRender?.Dispose();
        var timer = _pageRender = new CancellationTokenSource();
        _ = RenderPageLaterAsync(timer.Token);
    }

    private async Task RenderPageLaterAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(PageRenderPauseMs, token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Refresh();
    }

    /// <summary>The note is saved as it is typed, as a village is (<see cref="Schedule"/>).</summary>
    private void ScheduleNote()
    {
        if (!_noteQueued)
        {
            _noteQueued = true;
            _ = InvokeAsync(SaveNoteAsync);
        }
    }

    private async Task SaveNoteAsync()
    {
        await _saveLock.WaitAsync();
        _noteQueued = false;
        var created = false;
        try
        {
            while (_noteDirty)
            {
                _noteDirty = false;
                _noteState = SaveState.Saving;
                RefreshPageAfterPause();
                var note = _note;
                var edit = _noteEdit;
                uint? version = _view?.ReportId is null ? null : edit is null ? _reportVersion : _noteChain.Resolve(edit.TypedOn, _reportVersion);
                Result<uint> result;
                try
                {
                    result = await Submissions.SaveNoteAsync(_actor!, PeriodId, Kecamatan, note, version, edit?.Id, edit?.Supersedes);
                }
                catch (AccessDeniedException denied)
                {
                    (_noteDirty, _noteState, _noteMessage) = (true, SaveState.Failed, denied.Message);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogError(ex, "Saving the note of {Kecamatan} period {PeriodId} failed", Kecamatan, PeriodId);
                    (_noteDirty, _noteState, _noteMessage) = (true, SaveState.Failed, "Server tidak dapat menyimpan saat ini; dicoba lagi otomatis.");
                    return;
                }
                if (result.Succeeded)
                {
                    created |= _view?.ReportId is null;
                    if (version is { } sent)
                    {
                        _noteChain.Moved(sent, result.Value);
                    }
                    if (edit?.TypedOn is { } typedOn)
                    {
                        _noteChain.Moved(typedOn, result.Value);
                    }
                    _reportVersion = result.Value;
                    _noteMessage = null;
                    _revision++;
                    if (edit is not null)
                    {
                        _acked[edit.Id] = (NoteRec, edit.TypedOn, result.Value);
                        _journal!.Ack(NoteRec, edit.Id, edit.TypedOn, result.Value);
                        if (_noteEdit == edit)
                        {
                            _noteEdit = null;
                        }
                    }
                    continue;
                }
                if (result.Outcome.IsConflict)
                {
                    var fresh = await Submissions.GetFormAsync(_actor!, PeriodId, Kecamatan);
                    _view = fresh;
                    _reportVersion = fresh.Version;
                    _noteLost = note.Trim() == fresh.Note.Trim() ? null : note;
                    _note = _noteShown = fresh.Note;
                    _noteGeneration++;
                    _noteChain.Clear();
                    _noteState = SaveState.Conflict;
                    _noteMessage = "Catatan ini baru saja diubah oleh pengguna lain; catatan terbaru sudah dimuat.";
                    if (edit is not null)
                    {
                        Drop([edit.Id]);
                        _noteEdit = null;
                    }
                    _journal!.Version(NoteRec, fresh.Version);
                    return;
                }
                (_noteDirty, _noteState, _noteMessage) = (true, SaveState.Failed, result.Outcome.Summary);
                await CheckStillEditableAsync();
                return;
            }
            _noteState = SaveState.Saved;
            if (created)
            {
                await RefreshHeaderAsync();
            }
        }
        finally
        {
            _saveLock.Release();
            if (_noteState is SaveState.Failed or SaveState.Conflict)
            {
                Refresh();
            }
            else
            {
                RefreshPageAfterPause();
            }
        }
    }

    /// <summary>
    /// A save was refused: if the form was submitted, approved or closed meanwhile, the page turns read-only, and
    /// whatever was typed and not saved is listed at the top so that it is not lost unseen.
    /// </summary>
    private async Task CheckStillEditableAsync()
    {
        var fresh = await Submissions.GetFormAsync(_actor!, PeriodId, Kecamatan);
        if (fresh.CanEdit)
        {
            return;
        }
        var lost = _villages
            .Select(v => (v.Name, Lost: fresh.Rows.FirstOrDefault(r => r.VillageCode == v.Code) is { } row ? v.DescribeUnsaved(row) : null))
            .Where(v => v.Lost is not null)
            .Select(v => $"{v.Name}: {v.Lost}")
            .ToList();
        if (_noteDirty && _note.Trim() != fresh.Note.Trim())
        {
            lost.Add($"catatan kecamatan \"{_note.Trim()}\"");
        }
        _lostOnLock = [.. _lostOnLock.Concat(lost).Distinct()];
        // The journal keeps them until the person has noted them ("Sudah saya catat"), so a reload lists them again.
        _lostOnLockIds = [.. _lostOnLockIds.Concat(_villages.SelectMany(v => v.PendingIds)).Concat(_noteEdit is { } n ? [n.Id] : []).Distinct()];
        _view = fresh;
        _reportVersion = fresh.Version;
        _queued.Clear(); // a save still waiting its turn finds its village gone, and sends nothing
        _villages = fresh.Rows.Select(r => new VillageDraft(r, fresh.Period.IsWeighingMonth)).ToList();
        _noteDirty = false;
        _noteState = SaveState.Unchanged;
    }

    private void DismissNoteConflict()
    {
        _noteMessage = null;
        _noteLost = null;
        _noteState = SaveState.Unchanged;
    }

    /// <summary>Saves everything pending now (before submitting, importing or leaving).</summary>
    private async Task FlushAllAsync()
    {
        foreach (var draft in _villages.Where(v => v.HasUnsent || v.State == SaveState.Failed).ToList())
        {
            await SaveVillageAsync(draft);
        }
        if (_noteDirty)
        {
            await SaveNoteAsync();
        }
    }

    private void Refresh()
    {
        if (!_disposed)
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private async Task OnBeforeNavigationAsync(LocationChangingContext context)
    {
        if (!HasUnsaved)
        {
            return;
        }
        await FlushAllAsync();
        if (HasUnsaved)
        {
            var leave = await Dialogs.ShowMessageBoxAsync("Ada isian yang belum tersimpan",
                "Sebagian angka belum dapat disimpan (lihat pesan merah pada desa yang bersangkutan). Angka itu tetap tersimpan di perangkat ini dan dikirim lagi saat formulir ini dibuka kembali.",
                yesText: "Tinggalkan halaman", cancelText: "Tetap di sini");
            if (leave != true)
            {
                context.PreventNavigation();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_actor is not null && HasUnsaved)
        {
            try
            {
                // The circuit is going away (the page was left or the tab closed): save what was typed.
                await FlushAllAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "Saving pending values of {Kecamatan} period {PeriodId} while leaving failed", Kecamatan, PeriodId);
            }
        }
        _pageRender?.Cancel();
        _pageRender?.Dispose();
        GC.SuppressFinalize(this);
    }

    // ----- workflow -----

    private async Task SubmitAsync()
    {
        _actionError = null;
        await FlushAllAsync();
        if (HasProblems || HasUnsaved)
        {
            _actionError = "Masih ada isian yang belum tersimpan atau belum berupa angka. Perbaiki isian yang ditandai merah, lalu ajukan lagi.";
            _scrollToErrors = true;
            return;
        }
        var late = PastDeadline ? " Batas waktu sudah lewat: laporan akan ditandai terlambat." : "";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Ajukan ke sekretariat?",
            $"Laporan {KecamatanTitle} periode {_view!.Period.Label} diajukan ke sekretariat TPPS untuk diperiksa. " +
            "Sesudah diajukan, angka tidak dapat diubah lagi kecuali sekretariat mengembalikannya." + late,
            yesText: "Ya, ajukan", cancelText: "Batal");
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Submissions.SubmitAsync(_actor!, PeriodId, Kecamatan);
            if (result.Succeeded)
            {
                await LoadAsync();
                Snackbar.Add("Laporan sudah diajukan ke sekretariat.", Severity.Success);
                return;
            }
            ShowSubmitErrors(result);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The service's answer, keyed "73.24.04.2001.Stunted": each message at its field, and a list at the top.</summary>
    private void ShowSubmitErrors(Result result)
    {
        var byVillage = new Dictionary<string, List<KeyValuePair<string, string>>>();
        foreach (var (key, messages) in result.Errors)
        {
            var dot = key.LastIndexOf('.');
            if (key.Length == 0 || dot < 0)
            {
                continue;
            }
            var (code, field) = (key[..dot], key[(dot + 1)..]);
            if (!byVillage.TryGetValue(code, out var list))
            {
                byVillage[code] = list = [];
            }
            list.Add(new(field, string.Join(" ", messages)));
        }
        // One line per village in form order; the field messages themselves stand at the fields.
        _summary = [];
        foreach (var draft in _villages)
        {
            var list = byVillage.GetValueOrDefault(draft.Code) ?? [];
            draft.SetSubmitErrors(list.Select(e => new KeyValuePair<string, string>(e.Key, WithoutName(e.Value, draft.Name))));
            if (list.Count > 0)
            {
                var missing = list.Count(e => e.Value.Contains("wajib diisi", StringComparison.Ordinal));
                var other = list.Where(e => !e.Value.Contains("wajib diisi", StringComparison.Ordinal)).Select(e => WithoutName(e.Value, draft.Name)).ToList();
                var parts = new List<string>();
                if (missing > 0)
                {
                    parts.Add($"{missing} isian wajib belum diisi.");
                }
                parts.AddRange(other.Count <= 2 ? other : [$"{other.Count} isian perlu diperbaiki."]);
                _summary.Add((draft.Anchor, draft.Name, string.Join(" ", parts)));
            }
        }
        _summaryTitle = result.Errors.TryGetValue("", out var general) ? string.Join(" ", general) : "Formulir belum dapat diajukan.";
        _scrollToErrors = true;
    }

    /// <summary>The service prefixes each message with the village's name; at the village itself that is noise.</summary>
    private static string WithoutName(string message, string villageName) =>
        message.StartsWith(villageName + ": ", StringComparison.Ordinal) ? message[(villageName.Length + 2)..] : message;

    /// <summary>
    /// Brings a village's card to the top of the screen (MudBlazor's ScrollIntoView centres it, which hides the
    /// name of a card taller than a phone's screen under the app bar); the card's scroll-margin clears the bar.
    /// </summary>
    private async Task GoToAsync(string? anchor)
    {
        if (anchor is null)
        {
            return;
        }
        await using var element = await JS.InvokeAsync<IJSObjectReference?>("document.getElementById", anchor);
        if (element is not null)
        {
            await element.InvokeVoidAsync("scrollIntoView", new { behavior = "smooth", block = "start" });
        }
    }

    private async Task ApproveAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Setujui laporan?",
            $"Angka {KecamatanTitle} periode {_view!.Period.Label} disetujui dan dikunci, lalu dipakai pada dashboard. " +
            "Hanya admin sekretariat yang dapat membukanya kembali, dengan alasan.",
            yesText: "Ya, setujui", cancelText: "Batal");
        if (confirmed != true)
        {
            return;
        }
        await DecideAsync(() => Submissions.ApproveAsync(_actor!, _view.ReportId!.Value), "Laporan disetujui dan dikunci.");
    }

    private async Task ReturnAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReturnDialog>("Kembalikan laporan", new DialogParameters<ReturnDialog>
        {
            { d => d.ReportId, _view!.ReportId!.Value },
            { d => d.KecamatanTitle, KecamatanTitle },
            { d => d.Rows, _view.Rows },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            Snackbar.Add("Laporan dikembalikan ke kecamatan.", Severity.Info);
        }
    }

    private async Task ReopenAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReopenDialog>("Buka kembali", new DialogParameters<ReopenDialog>
        {
            { d => d.ReportId, _view!.ReportId!.Value },
            { d => d.KecamatanTitle, KecamatanTitle },
        }, MeetingUi.DialogOptions);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            Snackbar.Add("Laporan dibuka kembali dan dikembalikan ke kecamatan.", Severity.Info);
        }
    }

    private async Task DecideAsync(Func<Task<Result>> step, string done)
    {
        _busy = true;
        _actionError = null;
        try
        {
            var result = await step();
            if (!result.Succeeded)
            {
                _actionError = result.Summary;
                _scrollToErrors = true;
                return;
            }
            await LoadAsync();
            Snackbar.Add(done, Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync()
    {
        await FlushAllAsync();
        var dialog = await Dialogs.ShowAsync<ImportDialog>("Impor dari berkas", new DialogParameters<ImportDialog>
        {
            { d => d.Period, _view!.Period },
            { d => d.KecamatanCode, Kecamatan },
            { d => d.KecamatanName, _view.KecamatanName },
            { d => d.Villages, _view.Rows.Select(r => (r.VillageCode, r.VillageName)).ToList() },
        }, MeetingUi.WideDialogOptions);
        if (await dialog.Result is { Canceled: false, Data: int count })
        {
            await LoadAsync();
            Snackbar.Add($"{count} desa/kelurahan diisi dari berkas.", Severity.Success);
        }
    }
}
