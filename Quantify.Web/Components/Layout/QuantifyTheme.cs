using MudBlazor;

namespace Quantify.Web.Components.Layout;

public static class QuantifyTheme
{
    public static readonly MudTheme Theme = new()
    {
        // Status colours dark enough for 4.5:1 contrast against white, as text and as a background for white text (axe-core, WCAG AA).
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e20", Secondary = "#f9a825", AppbarBackground = "#1b5e20",
            Success = "#2e7d32", Error = "#c62828", Warning = "#a15c00", Info = "#1565c0",
            TextDisabled = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark { Primary = "#66bb6a", Secondary = "#ffca28" },
    };
}
