using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features.Integrity;

namespace Quantify.Tests.Security;

public class DemoDataTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Demo_HasTwoEstates_FortyUnits_AndMetersOfEveryTypeIncludingBulk()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Estates.CountAsync() >= 2);
        Assert.True(await db.Units.CountAsync() >= 40);
        var types = await db.Meters.Select(m => m.Type).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<MeterType>().OrderBy(t => t), types.OrderBy(t => t));
        Assert.True(await db.Meters.AnyAsync(m => m.Type == MeterType.BulkElectricity && m.UnitId == null));
    }

    [Fact]
    public async Task Demo_HasNoOrphans()
    {
        var report = await fixture.App.Services.GetRequiredService<OrphanScanService>().ScanAsync();
        Assert.True(report.TotalOrphans == 0, report.Summary);
    }

    [Fact]
    public async Task Demo_IsCreatedOnlyOnAnEmptyDatabase()
    {
        var again = await fixture.App.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        Assert.Empty(again);
    }
}
