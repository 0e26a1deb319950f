using MudBlazor;

namespace Quantify.Web.Components.Layout;

public static class QuantifyTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1b5e20", Secondary = "#f9a825", AppbarBackground = "#1b5e20" },
        PaletteDark = new PaletteDark { Primary = "#66bb6a", Secondary = "#ffca28" },
    };
}
