using MudBlazor;

namespace TppsPortal.Web.Components.Layout;

/// <summary>The portal's colours and fonts (local fonts only; nothing is loaded from the internet).</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b6e4f",
            Secondary = "#c77d00",
            AppbarBackground = "#0b6e4f",
            Background = "#f4f6f5",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Segoe UI", "Liberation Sans", "Arial", "sans-serif"],
            },
        },
    };
}
