using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data.Temporal;

namespace Quantify.Tests.Schema;

public class HistoryTests
{
    [Fact]
    public async Task AsOf_ReturnsTheRowAsItWasAtEachMoment_OnSqliteHistoryTables()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        int estateId;
        await using (var db = tdb.Create())
        {
            var estate = Estate.Create("Old Name", EstateKind.Complex, city: "Pretoria").Value;
            db.Estates.Add(estate);
            await db.SaveChangesAsync();
            estateId = estate.Id;
        }
        var t1 = tdb.Clock.GetUtcNow();
        tdb.Clock.Advance(TimeSpan.FromDays(1));
        await using (var db = tdb.Create())
        {
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId);
            Assert.True(estate.Update("New Name", EstateKind.Complex, null, "Cape Town", null, null).IsSuccess);
            await db.SaveChangesAsync();
        }
        var t2 = tdb.Clock.GetUtcNow();
        tdb.Clock.Advance(TimeSpan.FromDays(1));

        var history = new HistoryService(tdb.Factory);
        Assert.Null(await history.AsOfAsync<Estate>(estateId, t1.AddMinutes(-1)));
        Assert.Equal("Old Name", (await history.AsOfAsync<Estate>(estateId, t1.AddHours(12)))!.Name);
        Assert.Equal("Pretoria", (await history.AsOfAsync<Estate>(estateId, t1.AddHours(12)))!.City);
        Assert.Equal("New Name", (await history.AsOfAsync<Estate>(estateId, t2.AddHours(1)))!.Name);

        var versions = await history.VersionsAsync<Estate>(estateId);
        Assert.Equal(["Old Name", "New Name"], versions.Select(v => v.Row.Name));
        Assert.Equal(t2, versions[0].ValidTo);
        Assert.Null(versions[1].ValidTo);
    }

    [Fact]
    public async Task EveryChange_IsAudited_WithOldAndNewValues()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        await using (var db = tdb.Create())
        {
            db.Estates.Add(Estate.Create("Audit Estate", EstateKind.Complex).Value);
            await db.SaveChangesAsync();
        }
        await using (var db = tdb.Create())
        {
            var e = await db.Estates.SingleAsync();
            e.Update("Audit Estate 2", EstateKind.Complex, null, null, null, null);
            await db.SaveChangesAsync();
        }
        await using var read = tdb.Create();
        var entries = await read.AuditEntries.Where(a => a.EntityType == nameof(Estate)).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Added", "Modified"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.NotEqual("", e.EntityId));
        Assert.Contains("\"Old\":\"Audit Estate\"", entries[1].ChangesJson, StringComparison.Ordinal);
        Assert.Contains("\"New\":\"Audit Estate 2\"", entries[1].ChangesJson, StringComparison.Ordinal);
    }
}
