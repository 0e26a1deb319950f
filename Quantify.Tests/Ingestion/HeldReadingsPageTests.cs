using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Web.Components.Pages.Admin;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion;

/// <summary>The admin page shows held readings by reason and count, and its release needs a reason and bills the reading.</summary>
public class HeldReadingsPageTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed0000e01";
    private readonly BunitContext ctx = new();
    private ReadingWorld w = null!;

    public async Task InitializeAsync()
    {
        w = await ReadingWorld.CreateAsync();
        await w.MeterAsync("SN-PAGE-1", MeterType.Electricity, Eui);
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(w.Held);
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await w.DisposeAsync();
    }

    [Fact]
    public async Task AnAdminSeesTheCountAndReason_AndReleasesWithACorrectedTimeAndAReason()
    {
        var year2099 = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await w.Pipeline.ProcessAsync([Uplink(Eui, MeterProfile.Electricity, 100m, T0, T0, "base")], default);
        w.Clock.Set(T0.AddHours(1));
        await w.Pipeline.ProcessAsync([Uplink(Eui, MeterProfile.Electricity, 104m, year2099, T0.AddHours(1), "skewed-1"),
            Uplink(Eui, MeterProfile.Electricity, 104.5m, year2099.AddMinutes(1), T0.AddHours(1).AddSeconds(30), "skewed-2")], default);
        var held = (await w.ReadingsAsync(await MeterIdAsync())).Where(r => r.IsHeld).OrderBy(r => r.Id).ToList();

        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();
        var page = ctx.Render<HeldReadings>();
        page.WaitForAssertion(() => Assert.Contains("Stamped in the future: 2 on 1 meter", page.Find("[data-testid=held-counts]").TextContent, StringComparison.Ordinal));
        Assert.Contains("SN-PAGE-1", page.Find("[data-testid=held-readings]").TextContent, StringComparison.Ordinal);

        // Without a reason nothing happens.
        page.Find($"[data-testid=release-{held[0].Id}]").Click();
        Assert.Equal(0m, await w.BalanceAsync(Pocket.Electricity));

        page.Find("input[data-testid=held-reason], [data-testid=held-reason] input").Change("RTC reset after a power cut");
        page.Find($"input[data-testid=corrected-{held[0].Id}], [data-testid=corrected-{held[0].Id}] input").Change("2026-11-02 09:00:00"); // 07:00 UTC
        page.Find($"[data-testid=release-{held[0].Id}]").Click();
        page.WaitForAssertion(() => Assert.Contains("Stamped in the future: 1 on 1 meter", page.Find("[data-testid=held-counts]").TextContent, StringComparison.Ordinal));
        Assert.Equal(-9.20m, await w.BalanceAsync(Pocket.Electricity)); // 4 kWh × R2,00 + VAT
        var released = (await w.ReadingsAsync(await MeterIdAsync())).Single(r => r.Id == held[0].Id);
        Assert.Equal(T0.AddHours(1), released.ReadAt);
    }

    private async Task<int> MeterIdAsync()
    {
        await using var db = w.World.Db.Create();
        return db.Meters.Single(m => m.DeviceEui == Eui).Id;
    }
}
