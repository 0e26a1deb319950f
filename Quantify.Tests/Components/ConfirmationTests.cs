using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Components.Pages.Admin.Metering;
using Quantify.Web.Features.CreditControl;

namespace Quantify.Tests.Components;

/// <summary>Destructive actions ask first: switching a meter off by hand queues nothing until the admin confirms.</summary>
public class ConfirmationTests : IAsyncLifetime
{
    private readonly BunitContext ctx = new();
    private MasterDataWorld w = null!;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        await w.MeterAsync(estate, await w.UnitAsync(estate), "SN-RELAY");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(new CommandQueries(w.Db.Factory, new CommandSignal(), w.Db.Clock));
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await w.DisposeAsync();
    }

    private async Task<int> CommandsAsync()
    {
        await using var db = w.Db.Create();
        return await db.DeviceCommands.CountAsync(c => c.Kind == CommandKind.RelayOff);
    }

    [Fact]
    public async Task ManualSwitchOff_CancelQueuesNothing_ConfirmQueuesTheCommand()
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<CommandAdmin>();
        page.Find("input[data-testid=manual-serial], [data-testid=manual-serial] input").Change("SN-RELAY");
        page.Find("input[data-testid=manual-reason], [data-testid=manual-reason] input").Change("Tamper inspection");

        page.Find("[data-testid=manual-off]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will be disconnected now", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("will be disconnected now", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await CommandsAsync());

        page.Find("[data-testid=manual-off]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will be disconnected now", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Switch off").Click();
        page.WaitForAssertion(() => Assert.Equal(1, CommandsAsync().GetAwaiter().GetResult()));
    }
}
