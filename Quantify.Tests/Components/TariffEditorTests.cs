using Bunit;
using MudBlazor.Services;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Components.Pages.Admin.Tariffs;

namespace Quantify.Tests.Components;

/// <summary>The tariff editor's "what would this unit pay" preview, and its refusal to save invalid rules.</summary>
public class TariffEditorTests : IAsyncDisposable
{
    private readonly BunitContext ctx = new();

    public TariffEditorTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
    }

    public async ValueTask DisposeAsync() => await ctx.DisposeAsync();

    private IRenderedComponent<TariffEditor> Render(TariffRules rules, Action<(string, DateOnly, TariffRules)>? saved = null) =>
        ctx.Render<TariffEditor>(p => p
            .Add(x => x.Utility, Utility.Electricity)
            .Add(x => x.Initial, rules)
            .Add(x => x.Name, "Test")
            .Add(x => x.EffectiveFrom, new DateOnly(2026, 12, 1))
            .Add(x => x.OnSave, v => saved?.Invoke(v)));

    [Fact]
    public void Preview_ShowsTheMonthsBill_ForTheDefaultQuantity_SplitAcrossBlocks()
    {
        var cut = Render(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }] });
        // 350 kWh all in block 1: R875,00 + 15% VAT = R1 006,25.
        Assert.Equal("R 1 006,25", cut.Find("[data-testid=preview-total]").TextContent.Trim());
        Assert.Contains("Block 1", cut.Find("[data-testid=tariff-preview]").TextContent);
    }

    [Fact]
    public void ChangingTheQuantity_UpdatesThePreview()
    {
        var cut = Render(TariffRules.Flat(2.00m));
        cut.Find("input[data-testid=preview-quantity]").Change("100");
        Assert.Equal("R 230,00", cut.Find("[data-testid=preview-total]").TextContent.Trim());
    }

    [Fact]
    public void InvalidRules_AreNotSaved_AndEachProblemIsShown()
    {
        var saved = false;
        var cut = Render(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = 100m, Rate = -1m }] }, _ => saved = true);
        cut.Find("[data-testid=tariff-save]").Click();
        Assert.False(saved);
        var problems = cut.Find("[data-testid=tariff-problems]").TextContent;
        Assert.Contains("Block", problems);
    }
}
