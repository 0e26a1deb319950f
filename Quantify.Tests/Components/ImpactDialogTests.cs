using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Components.Shared;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.Components;

public class ImpactDialogTests : IAsyncLifetime
{
    private readonly BunitContext ctx = new();
    private TestDatabase db = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(new LifecycleService(db.Factory, db.Clock));
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await db.DisposeAsync();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> Show(ImpactReport report)
    {
        var provider = ctx.Render<MudDialogProvider>();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ImpactDialog>
        {
            { x => x.Kind, report.Kind }, { x => x.EntityId, report.Id }, { x => x.Action, report.Action }, { x => x.Report, report },
        };
        await provider.InvokeAsync(() => dialogs.ShowAsync<ImpactDialog>("impact", parameters));
        return provider;
    }

    [Fact]
    public async Task Blocked_ShowsEveryBlockerAndDisablesConfirm()
    {
        var report = new ImpactReport(EntityKind.Unit, 7, "unit A101 (Silverleaf)", LifecycleAction.Archive,
            ["ends 2 current tenanc(ies)"], ["keeps 14 210 reading(s)"], ["Blocked by 3 open ticket(s): close them first."]);
        var cut = await Show(report);
        cut.WaitForAssertion(() => Assert.Contains("Blocked by 3 open ticket(s): close them first.", cut.Find("[data-testid=impact-blockers]").TextContent, StringComparison.Ordinal));
        Assert.Contains("ends 2 current tenanc(ies)", cut.Find("[data-testid=impact-changes]").TextContent, StringComparison.Ordinal);
        Assert.Contains("keeps 14 210 reading(s)", cut.Find("[data-testid=impact-keeps]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=impact-confirm]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=impact-reason]"));
    }

    [Fact]
    public async Task Allowed_EnablesConfirmAndAsksForAReason()
    {
        var report = new ImpactReport(EntityKind.Meter, 3, "meter SN-1", LifecycleAction.Decommission, ["stops billing its readings"], ["keeps 3 alert(s)"], []);
        var cut = await Show(report);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=impact-confirm]").HasAttribute("disabled")));
        Assert.Single(cut.FindAll("[data-testid=impact-reason]"));
        Assert.Empty(cut.FindAll("[data-testid=impact-blockers]"));
    }
}
