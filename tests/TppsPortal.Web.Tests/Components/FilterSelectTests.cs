using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;
using TppsPortal.Web.Components.Shared;

namespace TppsPortal.Web.Tests.Components;

/// <summary>
/// The dashboard's filters are MudSelect's closed markup until used (docs/memory.md, decision 5): the markup must be
/// what MudSelect renders, and using it must give the real MudSelect.
/// </summary>
public sealed partial class FilterSelectTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    private static readonly IReadOnlyList<SelectChoice<string>> Choices =
        [new("stunting", "Stunting (pendek dan sangat pendek)"), new("wasting", "Gizi kurang (wasting)"), new("underweight", "Berat badan kurang")];

    public FilterSelectTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover services can only be disposed asynchronously.
    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Theory]
    [InlineData("wasting", null, false, null, false)]
    [InlineData("wasting", "Pilih indikator.", false, null, false)]
    [InlineData("wasting", "Belum ada formulir kecamatan yang disetujui untuk wilayah ini.", true, null, false)]
    [InlineData("", null, false, null, false)]
    [InlineData(null, null, false, "mb-3", true)]
    public void ClosedMarkup_IsWhatMudSelectRenders(string? value, string? helper, bool disabled, string? @class, bool dense)
    {
        var mud = _bunit.Render<MudSelect<string>>(p => p
            .Add(s => s.Label, "Indikator").Add(s => s.Value, value).Add(s => s.Variant, Variant.Outlined).Add(s => s.Margin, Margin.Dense)
            .Add(s => s.HelperText, helper).Add(s => s.Disabled, disabled).Add(s => s.Class, @class).Add(s => s.Dense, dense)
            .Add(s => s.ToStringFunc, v => Choices.FirstOrDefault(c => c.Value == v)?.Text ?? "")
            .AddUnmatched("data-testid", "filter-indicator")
            .Add(s => s.ChildContent, Items()));
        var ours = _bunit.Render<FilterSelect<string>>(p => p
            .Add(s => s.Label, "Indikator").Add(s => s.Value, value).Add(s => s.Choices, Choices)
            .Add(s => s.HelperText, helper).Add(s => s.Disabled, disabled).Add(s => s.Class, @class).Add(s => s.Dense, dense)
            .Add(s => s.TestId, "filter-indicator"));

        Assert.Equal(Normalise(mud.Markup), Normalise(ours.Markup));
        Assert.Contains(string.IsNullOrEmpty(value) ? "value=\"\"" : "value=\"Gizi kurang (wasting)\"", ours.Markup, StringComparison.Ordinal);
        Assert.Empty(ours.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public void AClick_PutsTheRealSelectInPlace_OpenAndWithEveryChoice()
    {
        var cut = RenderWithPopovers("stunting", _ => { });

        cut.Find("[data-testid=filter-indicator]").ParentElement!.ParentElement!.ParentElement!.Click();

        Assert.Single(cut.FindComponents<MudSelect<string>>());
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("input[data-testid=filter-indicator]").GetAttribute("aria-expanded")));
        Assert.Equal(3, cut.FindAll(".mud-list-item").Count);
        Assert.Equal("Stunting (pendek dan sangat pendek)", cut.Find("input[data-testid=filter-indicator]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("Enter")]
    [InlineData(" ")]
    [InlineData("ArrowDown")]
    public void TheKeysThatOpenASelect_OpenIt(string key)
    {
        var cut = RenderWithPopovers("stunting", _ => { });

        cut.Find("input[data-testid=filter-indicator]").KeyDown(key);

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("input[data-testid=filter-indicator]").GetAttribute("aria-expanded")));
    }

    [Fact]
    public void Tab_LeavesItClosedMarkup()
    {
        var cut = RenderWithPopovers("stunting", _ => { });

        cut.Find("input[data-testid=filter-indicator]").KeyDown("Tab");

        Assert.Empty(cut.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public void AChoice_ReachesThePage_AndLeavingTheClosedSelectBringsTheMarkupBack()
    {
        string? picked = null;
        var cut = RenderWithPopovers("stunting", v => picked = v);
        cut.Find("input[data-testid=filter-indicator]").KeyDown("Enter");
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".mud-list-item").Count));

        cut.FindAll(".mud-list-item")[1].Click();

        Assert.Equal("wasting", picked);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("input[data-testid=filter-indicator]").GetAttribute("aria-expanded")));
        Assert.Single(cut.FindComponents<MudSelect<string>>());

        cut.Find("input[data-testid=filter-indicator]").FocusOut();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindComponents<MudSelect<string>>()));
        // The page owns the value: this one did not change it (the dashboard navigates, and gives the new value).
        Assert.Equal("Stunting (pendek dan sangat pendek)", cut.Find("input[data-testid=filter-indicator]").GetAttribute("value"));
    }

    [Fact]
    public void WhileTheListIsOpen_LeavingTheInputKeepsTheSelect()
    {
        var cut = RenderWithPopovers("stunting", _ => { });
        cut.Find("input[data-testid=filter-indicator]").KeyDown("Enter");
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".mud-list-item").Count));

        cut.Find("input[data-testid=filter-indicator]").FocusOut();

        Assert.Single(cut.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public void ADisabledFilter_DoesNotOpen()
    {
        var cut = _bunit.Render<FilterSelect<string>>(p => p.Add(s => s.Label, "Periode").Add(s => s.Value, "").Add(s => s.Choices, Choices)
            .Add(s => s.Disabled, true).Add(s => s.TestId, "filter-period"));

        cut.Find(".mud-input-control").Click();

        Assert.Empty(cut.FindComponents<MudSelect<string>>());
        Assert.True(cut.Find("input[data-testid=filter-period]").HasAttribute("disabled"));
    }

    private IRenderedComponent<IComponent> RenderWithPopovers(string value, Action<string> changed) =>
        _bunit.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<FilterSelect<string>>(1);
            b.AddAttribute(2, nameof(FilterSelect<string>.Label), "Indikator");
            b.AddAttribute(3, nameof(FilterSelect<string>.Value), value);
            b.AddAttribute(4, nameof(FilterSelect<string>.ValueChanged), EventCallback.Factory.Create(this, changed));
            b.AddAttribute(5, nameof(FilterSelect<string>.Choices), Choices);
            b.AddAttribute(6, nameof(FilterSelect<string>.TestId), "filter-indicator");
            b.CloseComponent();
        });

    private static RenderFragment Items() => b =>
    {
        foreach (var c in Choices)
        {
            b.OpenComponent<MudSelectItem<string>>(0);
            b.AddAttribute(1, "Value", c.Value);
            b.AddAttribute(2, "ChildContent", (RenderFragment)(i => i.AddContent(0, c.Text)));
            b.CloseComponent();
        }
    };

    /// <summary>
    /// The markup without what differs by design: Blazor's event and reference marks (bUnit writes them as attributes),
    /// the random ids (the same id the same placeholder), the empty popover anchor's id, whitespace between tags.
    /// </summary>
    private static string Normalise(string html)
    {
        html = MudMarkupText.WithoutBlazorMarks(html);
        var ids = new Dictionary<string, string>();
        html = RandomId().Replace(html, m =>
        {
            if (!ids.TryGetValue(m.Groups[2].Value, out var id))
            {
                ids[m.Groups[2].Value] = id = $"id{ids.Count}";
            }
            return m.Groups[1].Value + id + m.Groups[3].Value;
        });
        html = PopoverId().Replace(html, "<div class=\"mud-popover-cascading-value\">");
        html = html.Replace("></input>", " />", StringComparison.Ordinal);
        return MudMarkupText.WithoutWhitespaceBetweenTags(html);
    }

    [GeneratedRegex(@"((?:id|for|aria-describedby)="")((?:select|mudinput)[a-z0-9]+)((?:-helper-text)?"")")]
    private static partial Regex RandomId();

    [GeneratedRegex(@"<div id=""popover-[0-9a-f-]+"" class=""mud-popover-cascading-value"">")]
    private static partial Regex PopoverId();
}
