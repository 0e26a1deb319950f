using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Components.Pages.Admin.Metering;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Identity;

namespace Quantify.Tests.CreditControl;

/// <summary>The command page and the unit page show a held relay (who, when, why) and let an admin release it with a reason.</summary>
public sealed class RelayHoldPageTests : IAsyncLifetime
{
    private readonly BunitContext ctx = new();
    private MasterDataWorld w = null!;
    private CommandQueries commands = null!;
    private int unitId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        unitId = await w.UnitAsync(estate);
        await w.MeterAsync(estate, unitId, "SN-HELD");
        await using (var db = w.Db.Create())
        {
            db.Users.Add(new ApplicationUser { Id = "admin-page", UserName = "lindiwe@test", Email = "lindiwe@test", DisplayName = "Lindiwe", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        commands = new CommandQueries(w.Db.Factory, new CommandSignal(), w.Db.Clock);
        using (UserContext.Begin("admin-page", null))
            Assert.True((await commands.QueueManualAsync("SN-HELD", CommandKind.RelayOff, "Illegal connection found")).IsSuccess);
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(commands);
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await w.DisposeAsync();
    }

    [Fact]
    public void TheCommandPage_ShowsWhoHeldTheRelay_WhenAndWhy()
    {
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudDialogProvider>();
        var page = ctx.Render<CommandAdmin>();
        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-testid=relay-hold]").TextContent;
            Assert.Contains("SN-HELD", row, StringComparison.Ordinal);
            Assert.Contains("Off", row, StringComparison.Ordinal);
            Assert.Contains("lindiwe@test", row, StringComparison.Ordinal);
            Assert.Contains("Illegal connection found", row, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheUnitsHoldList_ReleasesTheHold_WithAReason()
    {
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var list = ctx.Render<RelayHoldList>(p => p.Add(x => x.UnitId, unitId));
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=relay-hold]")));

        list.Find("[data-testid=release-reason] input, input[data-testid=release-reason]").Change("Meter replaced, tenant cleared");
        list.Find("[data-testid=release-hold]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Credit control takes meter SN-HELD back", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Release").Click();

        list.WaitForAssertion(() => Assert.Empty(list.FindAll("[data-testid=relay-hold]")));
        await using var db = w.Db.Create();
        var hold = await db.RelayHolds.AsNoTracking().SingleAsync();
        Assert.Equal("Meter replaced, tenant cleared", hold.ReleaseReason);
    }
}
