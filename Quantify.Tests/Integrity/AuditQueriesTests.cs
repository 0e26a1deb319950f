using Quantify.Tests.MasterData;
using Quantify.Web.Data.Temporal;
using Quantify.Web.Features.Integrity;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.Integrity;

public class AuditQueriesTests
{
    [Fact]
    public async Task AUnitCanBeSeenAsItWas_AndTheTrailShowsOldAndNewValues()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate, "A101");
        var before = w.Db.Clock.GetUtcNow();
        w.Db.Clock.Advance(TimeSpan.FromDays(3));
        Assert.True((await w.Units.UpdateAsync(unit, new UnitInput(estate, "A101-B", "1", "A", 60m, 2.5m, 2, 1))).IsSuccess);
        var audit = new AuditQueries(w.Db.Factory, new HistoryService(w.Db.Factory));

        var then = await audit.AsAtAsync("Unit", unit, before.AddHours(1));
        Assert.Equal("A101", then!.Single(p => p.Property == "UnitNumber").Value);
        var now = await audit.AsAtAsync("Unit", unit, w.Db.Clock.GetUtcNow());
        Assert.Equal("A101-B", now!.Single(p => p.Property == "UnitNumber").Value);
        Assert.Null(await audit.AsAtAsync("Unit", unit, before.AddDays(-1)));

        var (rows, total) = await audit.ListAsync("Unit", unit.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 10);
        Assert.Equal(2, total);
        Assert.Contains("UnitNumber: A101 → A101-B", AuditQueries.Describe(rows[0].Changes), StringComparison.Ordinal);
    }
}
