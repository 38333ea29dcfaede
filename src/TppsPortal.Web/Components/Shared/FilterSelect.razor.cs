using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace TppsPortal.Web.Components.Shared;

/// <summary>One choice of a <see cref="FilterSelect{T}"/>: the value and the text a person reads.</summary>
public sealed record SelectChoice<T>(T Value, string Text);

/// <summary>
/// A filter on a page that stays open for a long time (the dashboards): an outlined, dense <see cref="MudSelect{T}"/>
/// that exists only while a person uses it.
/// </summary>
/// <remarks>
/// A closed MudSelect keeps about 13 components (input control, input, label, adornment, icon, popover, the popover
/// provider's render of it, overlay, cascading values) and one <see cref="MudSelectItem{T}"/> per choice alive for as long
/// as the page is open: on a dashboard with three or four filters about 80 components, a third of what the session holds
/// (docs/memory.md, decision 5). Closed, this renders the same markup as plain elements; a click on it, or Enter, Space or
/// an arrow key on it, puts the real MudSelect in its place, focused and open; once the list is closed and the focus has
/// left the filter, the markup comes back. What a person sees and can do is the same; the list opens one round trip later.
/// </remarks>
public partial class FilterSelect<T>
{
    private readonly string _selectId = "select" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _inputId = "mudinput" + Guid.NewGuid().ToString("N")[..8];
    private MudSelect<T>? _select;
    private bool _active;
    private bool _open;
    private bool _openAfterRender;

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    [Parameter] public T? Value { get; set; }

    [Parameter] public EventCallback<T> ValueChanged { get; set; }

    [Parameter, EditorRequired] public IReadOnlyList<SelectChoice<T>> Choices { get; set; } = [];

    /// <summary>The text shown for a value; by default the text of its choice, or nothing.</summary>
    [Parameter] public Func<T?, string>? ToStringFunc { get; set; }

    [Parameter] public string? HelperText { get; set; }

    /// <summary>MudSelect's Class: classes of the input control.</summary>
    [Parameter] public string? Class { get; set; }

    /// <summary>MudSelect's Dense: a denser list.</summary>
    [Parameter] public bool Dense { get; set; }

    [Parameter] public bool Disabled { get; set; }

    /// <summary>The <c>data-testid</c> of the combobox, as on MudSelect's input.</summary>
    [Parameter] public string? TestId { get; set; }

    /// <summary>The text a value shows as, the same for the markup and the MudSelect.</summary>
    private string TextOf(T? value)
    {
        if (ToStringFunc is not null)
        {
            return ToStringFunc(value) ?? "";
        }
        foreach (var choice in Choices)
        {
            if (EqualityComparer<T?>.Default.Equals(choice.Value, value))
            {
                return choice.Text;
            }
        }
        return "";
    }

    /// <summary>Puts the real MudSelect in place, focused and open.</summary>
    private void Activate()
    {
        if (Disabled || _active)
        {
            return;
        }
        _active = true;
        _openAfterRender = true;
        StateHasChanged();
    }

    private void OnDormantKey(KeyboardEventArgs e)
    {
        // The keys MudSelect opens its list with; Tab and the rest pass by as they do on a closed MudSelect.
        if (e.Key is "Enter" or " " or "ArrowDown" or "ArrowUp" or "NumpadEnter")
        {
            Activate();
        }
    }

    // The page owns the value: it gives the new one back (the dashboard by navigating), or keeps its own (the form's
    // "Ke desa/kelurahan" stays empty and only scrolls).
    private Task PickAsync(T value) => ValueChanged.InvokeAsync(value);

    private void OpenChanged(bool open) => _open = open;

    private void OnActiveFocusOut()
    {
        // The person has left the filter (the list is closed): the markup takes its place again. Nothing is focused
        // in it any more, so nothing moves the focus.
        if (_active && !_open && !_openAfterRender)
        {
            _active = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_openAfterRender && _select is not null)
        {
            _openAfterRender = false;
            // Open it as a person's Enter would, once the new MudSelect has set itself up: Blazor calls this method
            // before the child's own OnAfterRenderAsync (which subscribes to its keys), so yield to it first.
            await Task.Yield();
            await _select.FocusAsync();
            await _select.OpenMenu();
            // A MudSelect marks the current value in its list after the render that opens it, among the items of the
            // list that have registered by then. A new MudSelect's popover shows its items a little later (its popover
            // is new to the browser too), so that mark can miss them: the list then shows nothing marked and the arrow
            // keys start from the top. Once the items are there, ask again; for an open list that only marks the value.
            for (var wait = 0; wait < 100 && _select is { Items.Count: 0 } && _active; wait++)
            {
                await Task.Delay(20);
            }
            if (_select is { Items.Count: > 0 } && _active && _open)
            {
                await _select.OpenMenu();
            }
        }
    }

    private string ControlClass =>
        "mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-select" + (string.IsNullOrEmpty(Class) ? "" : " " + Class);

    private string InputClass(string text) =>
        "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-adorned-end mud-input-margin-dense"
        + (text.Length > 0 ? " mud-shrink" : "")
        + (Disabled ? " mud-disabled" : "")
        + " mud-typography-subtitle1 mud-select-input mud-input-sizing-fixed";

    private string LabelClass =>
        "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense"
        + (Disabled ? " mud-disabled" : "")
        + " mud-input-label-inputcontrol";
}
