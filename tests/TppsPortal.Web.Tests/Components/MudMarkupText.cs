using System.Text.RegularExpressions;

namespace TppsPortal.Web.Tests.Components;

/// <summary>Markup from bUnit, made comparable with what a MudBlazor component renders.</summary>
internal static partial class MudMarkupText
{
    /// <summary>bUnit writes Blazor's event and element-reference marks as attributes (blazor:onclick="1"); a browser never sees them.</summary>
    public static string WithoutBlazorMarks(string html) => BlazorAttribute().Replace(html, "");

    /// <summary>Whitespace between tags: Razor keeps some where MudBlazor's builder code writes none; the page looks the same.</summary>
    public static string WithoutWhitespaceBetweenTags(string html) => Between().Replace(html, "><").Trim();

    [GeneratedRegex(@"\s+blazor:[a-zA-Z:]+(=""[^""]*"")?")]
    private static partial Regex BlazorAttribute();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Between();
}
