using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace TppsPortal.Web.Components.Shared;

/// <summary>
/// MudBlazor's markup for pieces that only show something (an icon, a display-only chip), written into the page's own
/// render tree instead of as components (issue 18, docs/memory.md). Every component an open page keeps costs its
/// session 3-5 KB for as long as the page is open (two render-tree builders of at least 32 frames, its state, its
/// parameters); these fragments cost the frames they add to the page and nothing else. They write exactly what the
/// MudBlazor 9 components write (classes, attributes, order), so the page looks and reads the same.
/// </summary>
public static class MudMarkup
{
    /// <summary>
    /// What <c>&lt;MudIcon Icon="@svg" Size=".." Color=".." Class=".." Style=".." /&gt;</c> renders for an SVG icon
    /// without a title: hidden from screen readers (the text beside it says it).
    /// </summary>
    public static RenderFragment Icon(string svg, Size size = Size.Medium, Color color = Color.Inherit, string? @class = null, string? style = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", IconClass(size, color, @class));
        builder.AddAttribute(2, "style", style);
        builder.AddAttribute(3, "focusable", "false");
        builder.AddAttribute(4, "viewBox", "0 0 24 24");
        builder.AddAttribute(5, "aria-hidden", "true");
        builder.AddAttribute(6, "role", "img");
        builder.AddMarkupContent(7, svg);
        builder.CloseElement();
    };

    /// <summary>MudIcon's classes: mud-icon-root, mud-svg-icon, the color, the size, then the caller's.</summary>
    public static string IconClass(Size size, Color color = Color.Inherit, string? @class = null) =>
        "mud-icon-root"
        + (color == Color.Default ? " mud-icon-default" : "")
        + " mud-svg-icon"
        + (color is Color.Default or Color.Inherit ? "" : $" mud-{Name(color)}-text")
        + $" mud-icon-size-{Name(size)}"
        + (string.IsNullOrEmpty(@class) ? "" : " " + @class);

    /// <summary>
    /// What a display-only <c>&lt;MudChip T="string" Size=".." Variant=".." Color=".." Icon=".."&gt;text&lt;/MudChip&gt;</c>
    /// (no click, no close, not in a chip set) renders, less the container's random id that nothing refers to.
    /// </summary>
    public static RenderFragment Chip(string text, Size size = Size.Medium, Variant variant = Variant.Filled, Color color = Color.Default,
        string? icon = null, string? @class = null, string? title = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", ChipClass(size, variant, color, @class));
        builder.AddAttribute(4, "tabindex", "-1");
        builder.AddAttribute(5, "title", title);
        builder.AddAttribute(6, "data-testid", testId);
        if (!string.IsNullOrEmpty(icon))
        {
            builder.AddContent(7, Icon(icon, Size.Small, Color.Inherit, "mud-chip-icon"));
        }
        builder.OpenElement(8, "span");
        builder.AddAttribute(9, "class", "mud-chip-content");
        builder.AddContent(10, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>MudChip's classes for a chip that is neither a button, a link nor selected.</summary>
    public static string ChipClass(Size size, Variant variant, Color color, string? @class = null) =>
        $"mud-chip mud-chip-{(variant == Variant.Outlined ? "outlined" : variant == Variant.Text ? "text" : "filled")} mud-chip-size-{Name(size)} mud-chip-color-{Name(color)}"
        + (string.IsNullOrEmpty(@class) ? "" : " " + @class);

    /// <summary>The "Contoh" mark of an example figure (what ExampleMark shows), for a figure that is an example; nothing otherwise.</summary>
    public static RenderFragment? Example(bool isExample) => isExample ? ExampleMark : null;

    private static readonly RenderFragment ExampleMark =
        Chip("Contoh", Size.Small, Variant.Outlined, Color.Warning, @class: "ml-1 my-0", title: "Angka contoh untuk demo, bukan angka yang dipublikasikan");

    private static string Name(Size size) => size switch
    {
        Size.Small => "small",
        Size.Large => "large",
        _ => "medium",
    };

    private static string Name(Color color) => color.ToString().ToLowerInvariant();
}
