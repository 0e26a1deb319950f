using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Domain.Support;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.Wall;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Areas;

/// <summary>
/// Issue 13 item 6: every page that counts open alerts or tickets shows the same number, because they all count with
/// <see cref="OpenIssues"/>: the admin overview, the agent's estate cards, the wall display and the unit pages.
/// Silverleaf has two units with open, resolved and decommissioned-meter alerts and tickets; Oakridge one of each.
/// </summary>
public class OpenCountsAgreeTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private AreaQueries areas = null!;
    private int silverleaf, oakridge, a101, a102, b1;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        areas = new AreaQueries(w.Db.Factory, w.Db.Clock);
        silverleaf = await w.EstateAsync("Silverleaf");
        oakridge = await w.EstateAsync("Oakridge");
        a101 = await w.UnitAsync(silverleaf, "A101");
        a102 = await w.UnitAsync(silverleaf, "A102");
        b1 = await w.UnitAsync(oakridge, "B1");
        var m1 = await w.MeterAsync(silverleaf, a101, "SN-1");
        var m2 = await w.MeterAsync(silverleaf, a101, "SN-2", MeterType.Water, "70b3d57ed00000e2");
        var m3 = await w.MeterAsync(silverleaf, a102, "SN-3", MeterType.Electricity, "70b3d57ed00000e3");
        var gone = await w.MeterAsync(silverleaf, a102, "SN-4", MeterType.Water, "70b3d57ed00000e4");
        var m5 = await w.MeterAsync(oakridge, b1, "SN-5", MeterType.Electricity, "70b3d57ed00000e5");
        var now = w.Db.Clock.GetUtcNow();
        await using var db = w.Db.Create();
        MeterAlert Alert(int meter, AlertKind kind) { var a = new MeterAlert(meter, kind, AlertSeverity.Warning, "test", now); db.MeterAlerts.Add(a); return a; }
        Alert(m1, AlertKind.Tamper);
        Alert(m2, AlertKind.Leak);
        Alert(m1, AlertKind.Leak).Resolve(now);  // resolved: counted nowhere
        Alert(m3, AlertKind.LowBattery);
        Alert(gone, AlertKind.Leak);             // its meter is decommissioned below: counted nowhere
        Alert(m5, AlertKind.Tamper);
        Ticket Open(int estate, int? unit) { var t = Ticket.Create(estate, unit, null, "Something is wrong", null).Value; db.Tickets.Add(t); return t; }
        Open(silverleaf, a101);
        Open(silverleaf, null);
        Open(silverleaf, a102).Close(now);       // closed: counted nowhere
        Open(oakridge, b1);
        (await db.Meters.Include(m => m.State).SingleAsync(m => m.Id == gone)).Decommission(now, "replaced");
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static UserScope Admin() => new("admin", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    private UserScope Agent(params int[] estates) => new("agent", new HashSet<string> { Roles.ManagingAgent },
        new Dictionary<string, IReadOnlySet<int>> { [Roles.ManagingAgent] = estates.ToHashSet() },
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    [Fact]
    public async Task AdminOverview_AgentCards_Wall_AndUnitPages_CountTheSameOpenAlertsAndTickets()
    {
        var overview = await areas.AdminOverviewAsync();
        var cards = await areas.EstatesForAsync(Agent(silverleaf, oakridge), Roles.ManagingAgent);
        var adminCards = await areas.EstatesForAsync(Admin(), Roles.Admin);
        var wall = new WallQueries(w.Db.Factory, w.Db.Clock);

        Assert.Equal((4, 3), (overview.OpenAlerts, overview.OpenTickets));
        Assert.Equal((overview.OpenAlerts, overview.OpenTickets), (cards.Sum(c => c.OpenAlerts), cards.Sum(c => c.OpenTickets)));
        Assert.Equal(cards.Select(c => (c.Id, c.OpenAlerts, c.OpenTickets)), adminCards.Select(c => (c.Id, c.OpenAlerts, c.OpenTickets)));
        foreach (var card in cards)
            Assert.Equal(card.OpenAlerts, (await wall.ForEstateAsync(card.Id))!.OpenAlerts);
        Assert.Equal((3, 2), (cards.Single(c => c.Id == silverleaf).OpenAlerts, cards.Single(c => c.Id == silverleaf).OpenTickets));

        var unitAlerts = 0;
        foreach (var unit in new[] { a101, a102, b1 })
        {
            var counts = await areas.OpenCountsAsync(unit);
            Assert.Equal(counts.Alerts, (await areas.OpenAlertsAsync(unit)).Count);
            unitAlerts += counts.Alerts;
        }
        Assert.Equal(overview.OpenAlerts, unitAlerts); // every meter here belongs to a unit
        Assert.Equal(new OpenCounts(2, 1), await areas.OpenCountsAsync(a101));
    }
}
