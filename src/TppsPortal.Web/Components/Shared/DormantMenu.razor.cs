using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// A menu in the app bar (the bell, the account menu): a <see cref="MudMenu"/> anchored below its right edge that
/// exists only once a person has opened it.
/// </summary>
/// <remarks>
/// A closed MudMenu keeps its popover, the popover provider's render of it, its overlay and a cascading value alive in
/// every open page, with what its activator holds: for the two app-bar menus about 15 components in each session
/// (docs/memory.md, decision 6). Until it is first opened this renders the same markup as plain elements; a click on the
/// activator, or Enter or Space on its box, puts the real MudMenu in place and opens it (from the keyboard by pressing the
/// same key on the real activator, so the focus lands on the first item as MudMenu does). From then on it stays a
/// MudMenu for as long as the page is open (a menu closing hands the focus back to its activator, which must stay the
/// same element), so a session pays for a menu only once somebody has used it.
/// </remarks>
public partial class DormantMenu
{
    private readonly string _id = "mudinput" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _popoverId = "popover-" + Guid.NewGuid().ToString("D");
    private MudMenu? _menu;
    private bool _active;
    private bool _openAfterRender;
    private string? _keyToReplay;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";

    [Parameter] public string? TestId { get; set; }

    /// <summary>What opens the menu, given the toggle to call on a click.</summary>
    [Parameter, EditorRequired] public RenderFragment<Func<MouseEventArgs, Task>> Activator { get; set; } = default!;

    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>The menu opened or closed, as MudMenu's OpenChanged.</summary>
    [Parameter] public EventCallback<bool> OpenChanged { get; set; }

    private Task OpenAsync(MouseEventArgs _)
    {
        if (!_active)
        {
            _active = true;
            _openAfterRender = true;
            StateHasChanged();
        }
        return Task.CompletedTask;
    }

    private Task OnDormantKey(KeyboardEventArgs e)
    {
        // The keys MudMenu's activator opens on; the rest (Tab) pass by.
        if (e.Key is not ("Enter" or " ") || _active)
        {
            return Task.CompletedTask;
        }
        _keyToReplay = TestId is null ? null : e.Key;
        return OpenAsync(new MouseEventArgs());
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_openAfterRender && _menu is not null)
        {
            _openAfterRender = false;
            // As FilterSelect: let the new MudMenu's own after-render work go first (Blazor calls the parent's before
            // the child's), then open it as its activator's click would.
            await Task.Yield();
            if (_keyToReplay is { } key)
            {
                // Opened from the keyboard: the same key on the real activator, so MudMenu opens as from the keyboard
                // (the focus on its first item).
                _keyToReplay = null;
                await JS.InvokeVoidAsync("tppsPressKey", $"[data-testid=\"{TestId}\"] > .mud-menu-activator", key);
            }
            else
            {
                await _menu.OpenMenuAsync(EventArgs.Empty);
            }
        }
    }
}
