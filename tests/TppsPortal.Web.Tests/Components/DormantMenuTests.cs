using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Services;
using TppsPortal.Web.Components.Shared;

namespace TppsPortal.Web.Tests.Components;

/// <summary>
/// The app bar's menus are MudMenu's closed markup until first opened (docs/memory.md, decision 6): the markup must be
/// what MudMenu renders, and opening it must give the real MudMenu, open.
/// </summary>
public sealed partial class DormantMenuTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    public DormantMenuTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover services can only be disposed asynchronously.
    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public void ClosedMarkup_IsWhatMudMenuRenders()
    {
        var mud = _bunit.Render<MudMenu>(p => p
            .Add(m => m.AnchorOrigin, Origin.BottomRight).Add(m => m.TransformOrigin, Origin.TopRight)
            .AddUnmatched("aria-label", "Menu akun").AddUnmatched("data-testid", "account-menu")
            .Add(m => m.ActivatorContent, context => Button(e => context.ToggleAsync(e)))
            .Add(m => m.ChildContent, Items()));
        var ours = _bunit.Render<DormantMenu>(p => p
            .Add(m => m.AriaLabel, "Menu akun").Add(m => m.TestId, "account-menu")
            .Add(m => m.Activator, toggle => Button(toggle))
            .Add(m => m.ChildContent, Items()));

        Assert.Equal(Normalise(mud.Markup), Normalise(ours.Markup));
        Assert.Empty(ours.FindComponents<MudMenu>());
        Assert.DoesNotContain("Keluar", ours.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AClickOnTheActivator_PutsTheRealMenuInPlace_Open()
    {
        var opened = new List<bool>();
        var cut = RenderWithPopovers(opened);

        cut.Find("button.activator").Click();

        Assert.Single(cut.FindComponents<MudMenu>());
        cut.WaitForAssertion(() => Assert.Contains("Keluar", cut.Markup, StringComparison.Ordinal));
        Assert.Equal([true], opened);
        Assert.Equal("true", cut.Find(".mud-menu-activator").GetAttribute("aria-expanded"));
    }

    [Theory]
    [InlineData("Enter")]
    [InlineData(" ")]
    public void TheKeysThatOpenAMenu_PutTheRealMenuInPlace_AndPressTheKeyAgainOnIt(string key)
    {
        var cut = RenderWithPopovers([]);

        cut.Find(".mud-menu-activator").KeyDown(key);

        Assert.Single(cut.FindComponents<MudMenu>());
        // MudMenu opens from its activator's own key handler, which puts the focus on the first item (a browser test
        // checks that: DashboardFlowTests.TheAccountMenu_OpensFromTheKeyboard_WithTheFocusOnItsFirstItem).
        cut.WaitForAssertion(() => _bunit.JSInterop.VerifyInvoke("tppsPressKey"));
        var press = _bunit.JSInterop.VerifyInvoke("tppsPressKey");
        Assert.Equal(new object?[] { "[data-testid=\"account-menu\"] > .mud-menu-activator", key }, press.Arguments);
    }

    [Fact]
    public void ArrowDown_OnTheActivator_DoesNotOpen_AsOnMudMenu()
    {
        var cut = RenderWithPopovers([]);

        cut.Find(".mud-menu-activator").KeyDown("ArrowDown");

        Assert.Empty(cut.FindComponents<MudMenu>());
    }

    [Fact]
    public void Tab_LeavesItMarkup()
    {
        var cut = RenderWithPopovers([]);

        cut.Find(".mud-menu-activator").KeyDown("Tab");

        Assert.Empty(cut.FindComponents<MudMenu>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(120)]
    public void TheBellsButton_IsWhatMudBadgeAroundMudIconButtonRenders(int unread)
    {
        var label = unread > 0 ? $"Pemberitahuan: {unread} belum dibaca" : "Pemberitahuan";
        var mud = _bunit.Render(b =>
        {
            b.OpenComponent<MudBadge>(0);
            b.AddAttribute(1, nameof(MudBadge.Content), (object)(unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            b.AddAttribute(2, nameof(MudBadge.Visible), unread > 0);
            b.AddAttribute(3, nameof(MudBadge.Color), Color.Error);
            b.AddAttribute(4, nameof(MudBadge.Overlap), true);
            b.AddAttribute(5, nameof(MudBadge.Bordered), true);
            b.AddAttribute(6, "data-testid", "bell-badge");
            b.AddAttribute(7, nameof(MudBadge.ChildContent), (RenderFragment)(c =>
            {
                c.OpenComponent<MudIconButton>(0);
                c.AddAttribute(1, nameof(MudIconButton.Icon), unread > 0 ? Icons.Material.Filled.Notifications : Icons.Material.Outlined.Notifications);
                c.AddAttribute(2, nameof(MudIconButton.Color), Color.Inherit);
                c.AddAttribute(3, nameof(MudIconButton.OnClick), EventCallback.Factory.Create<MouseEventArgs>(this, () => { }));
                c.AddAttribute(4, "aria-label", label);
                c.AddAttribute(5, "data-testid", "bell-button");
                c.CloseComponent();
            }));
            b.CloseComponent();
        });
        var bell = TppsPortal.Web.Notifications.NotificationBell.ButtonMarkup(unread, _ => Task.CompletedTask);
        var ours = _bunit.Render(bell);

        Assert.Equal(Normalise(mud.Markup), Normalise(ours.Markup));
    }

    private IRenderedComponent<IComponent> RenderWithPopovers(List<bool> opened) =>
        _bunit.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<DormantMenu>(1);
            b.AddAttribute(2, nameof(DormantMenu.AriaLabel), "Menu akun");
            b.AddAttribute(3, nameof(DormantMenu.TestId), "account-menu");
            b.AddAttribute(4, nameof(DormantMenu.Activator), (RenderFragment<Func<MouseEventArgs, Task>>)(toggle => Button(toggle)));
            b.AddAttribute(5, nameof(DormantMenu.ChildContent), Items());
            b.AddAttribute(6, nameof(DormantMenu.OpenChanged), EventCallback.Factory.Create<bool>(this, opened.Add));
            b.CloseComponent();
        });

    private static RenderFragment Button(Func<MouseEventArgs, Task> toggle) => b =>
    {
        b.OpenElement(0, "button");
        b.AddAttribute(1, "class", "activator");
        b.AddAttribute(2, "type", "button");
        b.AddAttribute(3, "onclick", EventCallback.Factory.Create<MouseEventArgs>(new object(), toggle));
        b.AddContent(4, "Akun");
        b.CloseElement();
    };

    private static RenderFragment Items() => b =>
    {
        b.OpenComponent<MudMenuItem>(0);
        b.AddAttribute(1, nameof(MudMenuItem.ChildContent), (RenderFragment)(c => c.AddContent(0, "Keluar")));
        b.CloseComponent();
    };

    /// <summary>The markup without bUnit's marks of Blazor's events and references, the random ids, whitespace between tags.</summary>
    private static string Normalise(string html)
    {
        html = MudMarkupText.WithoutBlazorMarks(html);
        html = RandomId().Replace(html, "id=\"id\"");
        return MudMarkupText.WithoutWhitespaceBetweenTags(html);
    }

    [GeneratedRegex(@"id=""(mudinput[a-z0-9]+|popover-[0-9a-f-]+)""")]
    private static partial Regex RandomId();
}
