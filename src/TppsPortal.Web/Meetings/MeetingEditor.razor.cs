using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Logging;
using MudBlazor;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Teams;
using TppsPortal.Web.Account;
using TppsPortal.Web.Components.Shared;

namespace TppsPortal.Web.Meetings;

/// <summary>
/// One meeting from invitation to final minutes. Everything in the sections is one form saved with the meeting's
/// row version; actions are saved on their own (dialogs). The server checks the form and answers per field; what
/// the person typed stays in <see cref="_form"/> whatever the answer, also when the server fails unexpectedly:
/// every save path catches that, logs it and says so on the page instead of losing the page.
/// </summary>
public partial class MeetingEditor
{
    private const string Informasi = "informasi";
    private const string Pimpinan = "pimpinan";
    private const string Acara = "acara";
    private const string Narasumber = "narasumber";
    private const string Undangan = "undangan";
    private const string DaftarHadir = "daftar-hadir";
    private const string Kesepakatan = "kesepakatan";

    internal const string SaveFailedMessage =
        "Rapat belum tersimpan: server tidak dapat menyimpan saat ini. Isian Anda masih ada di halaman ini; coba simpan lagi.";
    internal const string StatusFailedMessage =
        "Status rapat belum berubah: server tidak dapat menyimpan saat ini. Isian Anda masih ada di halaman ini; coba lagi.";

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private MeetingService Meetings { get; set; } = default!;
    [Inject] private MinutesService Minutes { get; set; } = default!;
    [Inject] private ActionService Actions { get; set; } = default!;
    [Inject] private AgencyService AgencyService { get; set; } = default!;
    [Inject] private TeamService Teams { get; set; } = default!;
    [Inject] private RegionService Regions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IScrollManager Scroll { get; set; } = default!;
    [Inject] private ILogger<MeetingEditor> Logger { get; set; } = default!;

    [Parameter] public int? Id { get; set; }

    /// <summary>The region that holds a new meeting: a district or a kecamatan code.</summary>
    [SupplyParameterFromQuery(Name = "wilayah")] public string? Wilayah { get; set; }

    /// <summary>"tindak-lanjut": open the action dialog once the page is loaded (a new meeting saved to add an action).</summary>
    [SupplyParameterFromQuery(Name = "tambah")] public string? Tambah { get; set; }

    private bool _openActionOnLoad;

    /// <summary>Completed saves on this page: the Simpan button carries it, so that a test can wait for its own save.</summary>
    private int _saves;

    /// <summary>The errors shown are why a status change was refused: what was typed is saved, only the status is not.</summary>
    private bool _statusRefused;
    private bool _actionOpenedOnLoad;

    private readonly FormErrors _errors = new();
    private readonly Dictionary<string, bool> _open = new()
    {
        [Informasi] = true, [Pimpinan] = false, [Acara] = false, [Narasumber] = false,
        [Undangan] = false, [DaftarHadir] = false, [Kesepakatan] = false,
    };

    private Actor? _actor;
    private string? _loadedKey;
    private bool _notFound;
    private bool _needsRegion;
    private MeetingForm? _form;
    private MeetingDetails? _details;

    /// <summary>The final versions of the minutes (empty while they are a draft).</summary>
    private IReadOnlyList<MinutesVersionView> _versions = [];

    /// <summary>The district's seat, printed when the signing place is left empty.</summary>
    private string _defaultSigningPlace = "";
    private MeetingStatus _status = MeetingStatus.Direncanakan;
    private bool _canEdit;
    private int _checkInCount;

    /// <summary>Text pasted into the attendance dialog that was closed without adding anyone; given back when it opens again.</summary>
    private string _attendancePasteText = "";
    private string _regionCode = "";
    private string _regionName = "";
    private string _district = "";
    private string? _savedTitle;
    private DateOnly? _savedDate;
    private IReadOnlyList<DecisionForm> _savedDecisions = [];
    private AgencyChoices _agencies = AgencyChoices.Empty;
    private IReadOnlyList<BidangRow> _bidang = [];
    private MemberForm? _teamChair;
    private IReadOnlyList<ActionRow> _actions = [];
    private IReadOnlyList<ActionRow> _carried = [];
    private string _cleanKey = "";
    private List<string> _errorMessages = [];
    private bool _scrollToErrors;
    private bool _saveFailed;
    private bool _saving;
    private string? _lastReason;

    private JournalScope? _journal;
    private string? _keptSnapshot;
    private string? _keptShape;
    private bool _rowsMoved;
    private bool _draftChecked;
    private bool _restored;
    private DateTimeOffset? _restoredAt;

    private AttendeeForm _newAttendee = new();
    private readonly FormErrors _newAttendeeErrors = new();
    private int? _inviteAgencyId;

    private IEnumerable<MeetingKind> Kinds => Enum.GetValues<MeetingKind>()
        .Where(k => k != MeetingKind.RakorKecamatan || _regionCode != _district || _form?.Kind == k);

    /// <summary>True when the form differs from what was last loaded or saved.</summary>
    private bool IsDirty => _canEdit && _form is not null && ContentKey(_form) != _cleanKey;

    private string InfoSummary => _form is null ? "" :
        string.Join(" · ", new[]
        {
            _form.Date is { } d ? IndonesianFormat.Date(d) : null,
            _form.StartTime is { } s ? IndonesianFormat.TimeRange(s, _form.EndTime, _form.TimeZone) : null,
            string.IsNullOrWhiteSpace(_form.Venue) ? null : _form.Venue,
        }.Where(x => x is not null));

    private string PeopleSummary => _form is null ? "" :
        $"{(string.IsNullOrWhiteSpace(_form.ChairName) ? "pimpinan belum diisi" : _form.ChairName)} · " +
        $"{(string.IsNullOrWhiteSpace(_form.NoteTakerName) ? "notulis belum diisi" : "notulis " + _form.NoteTakerName)}";

    private string InvitationSummary
    {
        get
        {
            if (_form is null) return "";
            var present = _form.Invitations.Count(i => i.Attendance is AttendanceStatus.Hadir or AttendanceStatus.Diwakili);
            var open = _form.Invitations.Count(i => i.Attendance == AttendanceStatus.BelumDicatat);
            return $"{_form.Invitations.Count} diundang · {present} hadir/diwakili" + (open > 0 ? $" · {open} belum dicatat" : "");
        }
    }

    private string AttendeeSummary
    {
        get
        {
            if (_form is null) return "";
            var organisations = _form.Attendees.Select(a => a.AgencyId?.ToString() ?? a.GuestOrganisation?.Trim()).Distinct().Count();
            var phones = _checkInCount > 0 ? $"{_checkInCount} lewat ponsel" : "";
            return _form.Attendees.Count == 0
                ? (phones.Length > 0 ? phones : "belum dicatat")
                : $"{_form.Attendees.Count} peserta dari {organisations} instansi/lembaga" + (phones.Length > 0 ? $" · {phones}" : "");
        }
    }

    private AgencyChoices NotInvited
    {
        get
        {
            var invited = _form?.Invitations.Select(i => i.AgencyId).ToHashSet() ?? [];
            return new AgencyChoices(_agencies.All.Where(a => !invited.Contains(a.Id)));
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = Id is { } id ? $"id:{id}" : $"new:{Wilayah}";
        if (key == _loadedKey)
        {
            return;
        }
        _loadedKey = key;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Tambah == "tindak-lanjut" && Id is { } saved && _form is not null && _canEdit && _loadedKey == $"id:{saved}" && !_actionOpenedOnLoad)
        {
            _actionOpenedOnLoad = true;
            Navigation.NavigateTo($"/rapat/{saved}", replace: true);
            await OpenActionDialogAsync(null);
        }
        if (_scrollToErrors)
        {
            _scrollToErrors = false;
            await Scroll.ScrollIntoViewAsync("#meeting-errors", ScrollBehavior.Smooth);
        }
        KeepDraft();
    }

    // ----- the draft in the browser (docs/edit-journal.md) -----

    private string DraftPage => Id is { } id ? $"rapat/{id}" : $"rapat/baru/{_regionCode}";

    /// <summary>The form's rows per list: when they change, paths like "Attendees[3].Position" name other rows.</summary>
    private static string Shape(MeetingForm form) =>
        $"{form.Agenda.Count},{form.Speakers.Count},{form.Invitations.Count},{form.Attendees.Count},{form.Decisions.Count}";

    /// <summary>After each render: the form as it is now goes to the browser's journal while it differs from the stored meeting.</summary>
    private void KeepDraft()
    {
        if (_journal is not { IsAttached: true } || _form is null || !_canEdit || _saving)
        {
            return;
        }
        if (IsDirty)
        {
            var snapshot = JournalDraft.Snapshot(_form);
            if (snapshot == _keptSnapshot)
            {
                return;
            }
            var shape = Shape(_form);
            var shapeChanged = _rowsMoved || (_keptShape is not null && shape != _keptShape);
            (_keptSnapshot, _keptShape, _rowsMoved) = (snapshot, shape, false);
            _journal.Keep(JournalDraft.Rec, JournalDraft.SnapshotField, snapshot, shapeChanged);
        }
        else if (_keptSnapshot is not null)
        {
            (_keptSnapshot, _keptShape) = (null, null);
            _journal.Clear(); // typed back to what is stored
        }
    }

    /// <summary>
    /// What the browser kept: when the page opens, the draft of an earlier visit (a reload, a closed tab, a lost session);
    /// after a reconnect, the fields typed while the connection was down (the boxes show them, the form does not have them yet).
    /// </summary>
    private Task OnDraftAsync(IReadOnlyList<JournalEdit> edits)
    {
        if (_form is null || !_canEdit)
        {
            return Task.CompletedTask;
        }
        var form = _form;
        var restored = false;
        if (!_draftChecked && JournalDraft.FromSnapshot<MeetingForm>(edits) is { } snapshot && JournalDraft.Snapshot(snapshot) != JournalDraft.Snapshot(_form))
        {
            form = snapshot;
            restored = true;
        }
        _draftChecked = true;
        form = JournalDraft.WithTyped(form, edits, out var typed);
        if (!restored && typed == 0)
        {
            return Task.CompletedTask;
        }
        _form = form;
        if (_restoredAt is null || restored)
        {
            _restoredAt = DateTimeOffset.FromUnixTimeMilliseconds(edits.Max(e => e.Seq) / 1000);
        }
        _restored = true;
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Before a save: whatever the boxes hold that the form has not received yet (typed during an outage).</summary>
    private async Task TakeTypedFromJournalAsync()
    {
        if (_journal is null || _form is null)
        {
            return;
        }
        var form = JournalDraft.WithTyped(_form, await _journal.PendingAsync(), out var typed);
        if (typed > 0)
        {
            _form = form;
        }
    }

    private void ForgetDraft()
    {
        (_keptSnapshot, _keptShape, _restored, _restoredAt) = (null, null, false, null);
        if (_journal is not null)
        {
            _journal.Clear();
        }
    }

    private async Task DiscardDraftAsync()
    {
        ForgetDraft();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _actor ??= await CurrentUser.GetAsync();
        _form = null;
        _details = null;
        _notFound = false;
        _needsRegion = false;
        ClearErrors();

        if (Id is { } id)
        {
            var details = await Meetings.GetAsync(_actor, id);
            if (details is null)
            {
                _notFound = true;
                return;
            }
            await LoadLookupsAsync(details.DistrictCode);
            Apply(details);
            await LoadActionsAsync();
            return;
        }

        var region = Wilayah?.Trim();
        if (string.IsNullOrEmpty(region))
        {
            // A camat holds meetings of their own kecamatan only: no need to ask.
            region = _actor.Role == Role.OperatorKecamatan ? _actor.RegionCode : null;
        }
        if (region is null)
        {
            _needsRegion = true;
            return;
        }
        var form = await Meetings.NewFormAsync(_actor, region);
        _district = MeetingService.DistrictOf(region);
        await LoadLookupsAsync(_district);
        var names = await Regions.NamesAsync(_actor, [region]);
        _regionCode = region;
        _regionName = names.TryGetValue(region, out var name)
            ? RegionCode.TryParse(region, out var level, out _) && level == RegionLevel.Kecamatan ? $"Kecamatan {name}" : name
            : region;
        _status = MeetingStatus.Direncanakan;
        _canEdit = true;
        _savedTitle = null;
        _savedDate = null;
        _savedDecisions = [];
        _actions = [];
        _carried = [];
        _form = form;
        MarkClean();
    }

    private async Task LoadLookupsAsync(string district)
    {
        _agencies = await AgencyChoices.LoadAsync(AgencyService, _actor!, district);
        _bidang = await Teams.BidangAsync(_actor!, district, includeInactive: true);
        _defaultSigningPlace = await Meetings.DefaultSigningPlaceAsync(_actor!, district);
        _teamChair = null;
        var current = (await Teams.DecreesAsync(_actor!, district)).FirstOrDefault(d => d.IsCurrent);
        if (current is not null && await Teams.GetDecreeAsync(_actor!, current.Id) is { } decree)
        {
            _teamChair = decree.Members.FirstOrDefault(m => m.Role == TeamRole.Ketua);
        }
    }

    private void Apply(MeetingDetails details)
    {
        _details = details;
        _form = details.Form;
        _status = details.Status;
        _canEdit = details.CanEdit;
        _regionCode = details.Form.RegionCode;
        _regionName = details.RegionName;
        _district = details.DistrictCode;
        _savedTitle = details.Form.Title;
        _savedDate = details.Form.Date;
        _savedDecisions = details.Form.Decisions.Select(d => new DecisionForm { Id = d.Id, Text = d.Text, BidangId = d.BidangId }).ToList();
        MarkClean();
    }

    private async Task ReloadMeetingAsync()
    {
        var details = await Meetings.GetAsync(_actor!, Id!.Value);
        if (details is null)
        {
            _notFound = true;
            return;
        }
        Apply(details);
        await LoadActionsAsync();
    }

    private async Task LoadActionsAsync()
    {
        if (Id is not { } id)
        {
            return;
        }
        _actions = await Actions.ForMeetingAsync(_actor!, id);
        _carried = await Actions.CarriedOverAsync(_actor!, id);
        _versions = await Minutes.ListVersionsAsync(_actor!, id);
    }

    // ----- saving -----

    private Task SaveAsync() => SaveCoreAsync();

    private async Task<bool> SaveCoreAsync()
    {
        if (_saving || _form is null)
        {
            return false;
        }
        if (_status == MeetingStatus.NotulenFinal)
        {
            var reason = await AskAmendmentReasonAsync();
            if (reason is null)
            {
                return false;
            }
            _form.AmendmentReason = reason;
            _lastReason = reason;
        }

        await TakeTypedFromJournalAsync();
        _saving = true;
        ClearErrors();
        StateHasChanged();
        try
        {
            if (Id is null)
            {
                var created = await Meetings.CreateAsync(_actor!, _form);
                if (!created.Succeeded)
                {
                    ShowErrors(created.Outcome);
                    return false;
                }
                MarkClean();
                ForgetDraft();
                Snackbar.Add("Rapat tersimpan. Sekarang tindak lanjut dapat ditambahkan.", Severity.Success);
                Navigation.NavigateTo($"/rapat/{created.Value}" + (_openActionOnLoad ? "?tambah=tindak-lanjut" : ""), replace: true);
                return true;
            }

            var result = await Meetings.UpdateAsync(_actor!, Id.Value, _form);
            if (!result.Succeeded)
            {
                ShowErrors(result);
                return false;
            }
            _lastReason = null;
            ForgetDraft();
            Snackbar.Add(_status == MeetingStatus.NotulenFinal ? "Perubahan notulen tersimpan dan dicatat dalam riwayat perubahan." : "Perubahan tersimpan.", Severity.Success);
        }
        catch (Exception ex)
        {
            // Nothing here may take the page down: the form keeps exactly what was typed.
            ShowFailure(ex, "Saving", SaveFailedMessage);
            return false;
        }
        finally
        {
            _saving = false;
        }
        await ReloadAfterSaveAsync();
        _saves++;
        return true;
    }

    /// <summary>After a successful save: the stored meeting, with its new row version. The save itself is done either way.</summary>
    private async Task ReloadAfterSaveAsync()
    {
        try
        {
            await ReloadMeetingAsync();
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Reloading meeting {MeetingId} after a save failed", Id);
            Snackbar.Add("Tersimpan, tetapi halaman belum dapat memuat data terbaru. Muat ulang halaman sebelum mengubah lagi.", Severity.Warning);
        }
    }

    private async Task<string?> AskAmendmentReasonAsync()
    {
        var dialog = await Dialogs.ShowAsync<AmendmentReasonDialog>("Alasan perubahan",
            new DialogParameters<AmendmentReasonDialog> { { d => d.Initial, _lastReason } }, MeetingUi.DialogOptions);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }

    private async Task MarkHeldAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Tandai sudah dilaksanakan?",
            "Status rapat berubah menjadi Selesai. Setelah itu daftar hadir dan notulen dilengkapi, lalu notulen dapat difinalkan." +
            (IsDirty ? " Perubahan yang belum disimpan akan disimpan lebih dulu." : ""),
            yesText: "Ya, sudah dilaksanakan", cancelText: "Batal");
        if (confirmed == true)
        {
            await TransitionAsync(() => Meetings.MarkHeldAsync(_actor!, Id!.Value, _form!.Version), "Rapat ditandai sudah dilaksanakan.");
        }
    }

    private async Task FinalizeAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Finalkan notulen?",
            "Notulen menjadi final dan siap ditandatangani pimpinan rapat dan notulis. Perubahan sesudahnya tetap dapat dilakukan, " +
            "tetapi setiap perubahan wajib diberi alasan dan dicatat." + (IsDirty ? " Perubahan yang belum disimpan akan disimpan lebih dulu." : ""),
            yesText: "Ya, finalkan", cancelText: "Batal");
        if (confirmed == true)
        {
            await TransitionAsync(() => Meetings.FinalizeAsync(_actor!, Id!.Value, _form!.Version, Navigation.BaseUri), "Notulen sudah final.");
        }
    }

    private async Task TransitionAsync(Func<Task<Result>> step, string done)
    {
        if (IsDirty && !await SaveCoreAsync())
        {
            return;
        }
        _saving = true;
        ClearErrors();
        try
        {
            var result = await step();
            if (!result.Succeeded)
            {
                ShowErrors(result, statusChange: true);
                return;
            }
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex)
        {
            ShowFailure(ex, "Changing the status", StatusFailedMessage);
            return;
        }
        finally
        {
            _saving = false;
        }
        await ReloadAfterSaveAsync();
    }

    private async Task ReloadAfterConflictAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Muat ulang data terbaru?",
            "Isian yang belum tersimpan di halaman ini akan diganti dengan data terbaru dari server.",
            yesText: "Muat ulang", cancelText: "Batal");
        if (confirmed == true)
        {
            await ReloadMeetingAsync();
            ClearErrors();
        }
    }

    private void ShowErrors(Result result, bool statusChange = false)
    {
        _statusRefused = statusChange;
        _errors.Set(result);
        _errorMessages = result.Errors.OrderBy(e => e.Key.Length == 0 ? 0 : 1).SelectMany(e => e.Value).Distinct().ToList();
        foreach (var key in result.Errors.Keys)
        {
            if (PanelOf(key) is { } panel)
            {
                _open[panel] = true;
            }
        }
        _scrollToErrors = true;
        Snackbar.Add(result.IsConflict ? "Belum tersimpan: data ini baru saja diubah pengguna lain."
            : statusChange ? "Status rapat belum diubah. Isian rapat sudah tersimpan."
            : "Belum tersimpan. Periksa isian yang ditandai.", Severity.Error);
    }

    /// <summary>
    /// An unexpected failure (the database refused, the connection dropped, a bug): logged with its cause, told
    /// in one sentence at the top of the page. Access denied is said as such; the form is never touched.
    /// </summary>
    private void ShowFailure(Exception ex, string action, string message)
    {
        if (ex is AccessDeniedException denied)
        {
            ShowErrors(Result.Fail("", denied.Message));
            return;
        }
        Logger.LogError(ex, "{Action} of meeting {MeetingId} failed for {UserName}; the form is kept on the page", action, Id, _actor?.UserName);
        _errors.Set(Result.Fail("", message));
        _errorMessages = [message];
        _saveFailed = true;
        _scrollToErrors = true;
        Snackbar.Add(message, Severity.Error);
    }

    private void ClearErrors()
    {
        _errors.Clear();
        _errorMessages = [];
        _saveFailed = false;
    }

    private bool HasErrors(string panel) => _errors.Fields.Any(k => PanelOf(k) == panel);

    /// <summary>The section a server error key belongs to; null for errors about the whole form.</summary>
    private static string? PanelOf(string key) => key switch
    {
        "" or nameof(MeetingForm.AmendmentReason) or nameof(MeetingForm.RegionCode) => null,
        nameof(MeetingForm.GeneralNotes) => Acara,
        _ when key.StartsWith("Agenda", StringComparison.Ordinal) => Acara,
        _ when key.StartsWith("Speakers", StringComparison.Ordinal) => Narasumber,
        _ when key.StartsWith("Invitations", StringComparison.Ordinal) => Undangan,
        _ when key.StartsWith("Attendees", StringComparison.Ordinal) => DaftarHadir,
        _ when key.StartsWith("Decisions", StringComparison.Ordinal) => Kesepakatan,
        _ when key.StartsWith("Chair", StringComparison.Ordinal) || key.StartsWith("NoteTaker", StringComparison.Ordinal) || key.StartsWith("Signing", StringComparison.Ordinal) => Pimpinan,
        nameof(MeetingForm.OnlineParticipants) => DaftarHadir,
        _ => Informasi,
    };

    /// <summary>The column limit for an input's counter once the text is three quarters of the way there; quiet before.</summary>
    private static int? Near(string? text, int max) => MeetingFormRules.Length(text) * 4 >= max * 3 ? max : null;

    // ----- unsaved changes -----

    private void MarkClean() => _cleanKey = _form is null ? "" : ContentKey(_form);

    /// <summary>The form's content as text, without the row version and the amendment reason.</summary>
    private static string ContentKey(MeetingForm form)
    {
        var (version, reason) = (form.Version, form.AmendmentReason);
        form.Version = 0;
        form.AmendmentReason = null;
        try
        {
            return JsonSerializer.Serialize(form);
        }
        finally
        {
            form.Version = version;
            form.AmendmentReason = reason;
        }
    }

    private async Task OnBeforeNavigationAsync(LocationChangingContext context)
    {
        if (!IsDirty)
        {
            return;
        }
        var leave = await Dialogs.ShowMessageBoxAsync("Perubahan belum disimpan",
            "Ada perubahan pada rapat ini yang belum disimpan. Perubahan itu tetap tersimpan di perangkat ini dan dipulihkan saat rapat ini dibuka lagi. Tinggalkan halaman?",
            yesText: "Tinggalkan halaman", cancelText: "Tetap di sini");
        if (leave != true)
        {
            context.PreventNavigation();
        }
    }

    // ----- sections -----

    private void Move<T>(List<T> list, int index, int delta)
    {
        _rowsMoved = true; // the draft's field paths shift: fields typed before the move no longer name their rows
        var target = index + delta;
        if (target < 0 || target >= list.Count)
        {
            return;
        }
        (list[index], list[target]) = (list[target], list[index]);
    }

    private void UseTeamChair()
    {
        if (_teamChair is null || _form is null)
        {
            return;
        }
        _form.ChairName = _teamChair.Name;
        _form.ChairPosition = _teamChair.Position;
        _form.ChairNip = _teamChair.Nip;
    }

    private void Invite()
    {
        if (_form is null || _inviteAgencyId is not { } id)
        {
            return;
        }
        if (_form.Invitations.All(i => i.AgencyId != id))
        {
            _form.Invitations.Add(new InvitationForm { AgencyId = id });
        }
        _inviteAgencyId = null;
    }

    /// <summary>The district's kecamatan offices not invited yet (a new meeting does not invite every camat by default).</summary>
    private IReadOnlyList<int> UninvitedCamat => _form is null || _regionCode != _district ? []
        : _agencies.Offered().Where(a => a.Kind == AgencyKind.KantorKecamatan && _form.Invitations.All(i => i.AgencyId != a.Id))
            .OrderBy(a => a.Name).Select(a => a.Id).ToList();

    private void InviteAllCamat()
    {
        foreach (var id in UninvitedCamat)
        {
            _form!.Invitations.Add(new InvitationForm { AgencyId = id });
        }
    }

    private void AddAttendee()
    {
        if (_form is null)
        {
            return;
        }
        // The same rules as the save: a person who would not fit the attendance list is not added to it.
        var errors = new ErrorBag();
        MeetingFormRules.CheckAttendee(_newAttendee, "", "", errors);
        if (errors.Any)
        {
            _newAttendeeErrors.Set(errors.ToResult());
            return;
        }
        _newAttendeeErrors.Clear();
        _form.Attendees.Add(_newAttendee);
        // Someone of an invited agency signed the list: the agency came.
        if (_newAttendee.AgencyId is { } agency &&
            _form.Invitations.FirstOrDefault(i => i.AgencyId == agency) is { Attendance: AttendanceStatus.BelumDicatat } invitation)
        {
            invitation.Attendance = AttendanceStatus.Hadir;
        }
        _newAttendee = new AttendeeForm();
    }

    /// <summary>The columns chosen in the last paste, offered again for the next one.</summary>
    private IReadOnlyList<AttendanceColumn>? _attendanceMapping;

    private async Task OnAttendanceCsvChosenAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        var (bytes, error) = await AttendancePasteDialog.ReadUploadAsync(file, Logger);
        if (bytes is null)
        {
            Snackbar.Add(error!, Severity.Error);
            return;
        }
        await OpenAttendancePasteAsync(bytes, file.Name);
    }

    /// <summary>
    /// A whole list from a spreadsheet or CSV: appended as if each person had been added with "Tambah peserta"
    /// (invited agencies whose people signed count as present); the save checks them again.
    /// </summary>
    private async Task OpenAttendancePasteAsync(byte[]? csv, string? fileName)
    {
        if (_form is null)
        {
            return;
        }
        var parameters = new DialogParameters<AttendancePasteDialog>
        {
            { d => d.Agencies, _agencies },
            { d => d.Mapping, _attendanceMapping },
            { d => d.CsvFile, csv },
            { d => d.CsvFileName, fileName },
            { d => d.Text, csv is null ? _attendancePasteText : null },
            { d => d.TextChanged, EventCallback.Factory.Create<string>(this, text => _attendancePasteText = text) },
        };
        var dialog = await Dialogs.ShowAsync<AttendancePasteDialog>("Tambah peserta dari spreadsheet", parameters, MeetingUi.WideDialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: AttendancePasteDialog.Outcome outcome })
        {
            return;
        }
        _attendanceMapping = outcome.Mapping;
        _attendancePasteText = "";
        _form.Attendees.AddRange(outcome.Attendees);
        foreach (var agency in outcome.Attendees.Select(a => a.AgencyId).OfType<int>().Distinct())
        {
            if (_form.Invitations.FirstOrDefault(i => i.AgencyId == agency) is { Attendance: AttendanceStatus.BelumDicatat } invitation)
            {
                invitation.Attendance = AttendanceStatus.Hadir;
            }
        }
        Snackbar.Add($"{IndonesianFormat.Number(outcome.Attendees.Count)} peserta ditambahkan ke daftar hadir. Tekan Simpan untuk menyimpan.", Severity.Success);
    }

    private async Task RemoveDecisionAsync(DecisionForm decision)
    {
        if (_form is null)
        {
            return;
        }
        var savedNumber = decision.Id == 0 ? -1 : _savedDecisions.ToList().FindIndex(d => d.Id == decision.Id) + 1;
        var linked = _actions.Where(a => a.DecisionNumber == savedNumber).Select(a => a.Number).ToList();
        if (linked.Count > 0)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Hapus kesepakatan?",
                $"Tindak lanjut nomor {string.Join(", ", linked)} terkait kesepakatan ini. Bila kesepakatan dihapus dan rapat disimpan, " +
                "tindak lanjut itu tetap ada tetapi tidak lagi terkait kesepakatan mana pun.",
                yesText: "Hapus kesepakatan", cancelText: "Batal");
            if (confirmed != true)
            {
                return;
            }
        }
        _form.Decisions.Remove(decision);
    }

    private string BidangName(int id) => id == 0 ? "Tanpa bidang" : _bidang.FirstOrDefault(b => b.Id == id)?.Name ?? "";

    // ----- actions -----

    /// <summary>
    /// "Tambah tindak lanjut": on a new meeting, save it first (the action belongs to it) and open the dialog on the saved
    /// meeting's page; with unsaved changes, save them first so that the decisions just typed can be chosen.
    /// </summary>
    private async Task AddActionAsync()
    {
        if (Id is null)
        {
            _openActionOnLoad = true;
            if (!await SaveCoreAsync())
            {
                _openActionOnLoad = false;
            }
            return;
        }
        if (IsDirty && _status != MeetingStatus.NotulenFinal && !await SaveCoreAsync())
        {
            return;
        }
        await OpenActionDialogAsync(null);
    }

    private async Task OpenActionDialogAsync(ActionRow? existing)
    {
        if (Id is not { } id)
        {
            return;
        }
        var parameters = new DialogParameters<ActionDialog>
        {
            { d => d.MeetingId, id },
            { d => d.MeetingDate, _savedDate ?? DateOnly.MinValue },
            { d => d.DistrictCode, _district },
            { d => d.Agencies, _agencies },
            { d => d.Bidang, _bidang },
            { d => d.Decisions, _savedDecisions },
            { d => d.IsFinal, _status == MeetingStatus.NotulenFinal },
            { d => d.Existing, existing },
        };
        var dialog = await Dialogs.ShowAsync<ActionDialog>(existing is null ? "Tambah tindak lanjut" : "Ubah tindak lanjut", parameters, MeetingUi.DialogOptions);
        var result = await dialog.Result;
        if (result is not { Canceled: false })
        {
            return;
        }
        Snackbar.Add("Tindak lanjut tersimpan.", Severity.Success);
        await RefreshActionsAsync(alsoAmendment: _status == MeetingStatus.NotulenFinal);
    }

    /// <summary>
    /// After a dialog saved an action: its list again (and the meeting's new version on final minutes). The action is
    /// saved whatever happens here; a failure to show it must not take the page and the typed form with it.
    /// </summary>
    private async Task RefreshActionsAsync(bool alsoAmendment)
    {
        try
        {
            await LoadActionsAsync();
            if (alsoAmendment)
            {
                await RefreshAfterAmendmentAsync();
            }
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Reloading the actions of meeting {MeetingId} failed", Id);
            Snackbar.Add("Tindak lanjut tersimpan, tetapi daftarnya belum dapat dimuat ulang. Muat ulang halaman untuk melihatnya.", Severity.Warning);
        }
    }

    /// <summary>
    /// An action changed on final minutes is an amendment, which touches the meeting's row version. Take the new
    /// version (and the amendment) without losing what is typed, unless someone else changed the meeting meanwhile.
    /// </summary>
    private async Task RefreshAfterAmendmentAsync()
    {
        var details = await Meetings.GetAsync(_actor!, Id!.Value);
        if (details is null || _form is null)
        {
            return;
        }
        if (!IsDirty)
        {
            Apply(details);
            return;
        }
        if (ContentKey(details.Form) == _cleanKey)
        {
            _form.Version = details.Form.Version;
        }
        _details = details with { Form = _form };
    }

    private async Task UpdateStatusAsync(ActionRow row)
    {
        var dialog = await Dialogs.ShowAsync<ActionProgressDialog>("Perbarui status",
            new DialogParameters<ActionProgressDialog> { { d => d.Row, row } }, MeetingUi.DialogOptions);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add("Status tindak lanjut tersimpan.", Severity.Success);
            await RefreshActionsAsync(alsoAmendment: false);
        }
    }
}
