using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.Integrity;

namespace Quantify.Tests.Integrity;

public class OrphanScanTests
{
    [Fact]
    public async Task CleanDatabase_HasNoOrphans_AndEveryForeignKeyIsChecked()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        var scan = new OrphanScanService(tdb.Factory, OrphanScanService.FoundationSoftReferences());
        var report = await scan.ScanAsync();
        Assert.Equal(0, report.TotalOrphans);
        await using var db = tdb.Create();
        var fkCount = db.Model.GetEntityTypes().Sum(e => e.GetForeignKeys().Count());
        Assert.True(report.ChecksRun >= fkCount, $"ran {report.ChecksRun} checks for {fkCount} foreign keys");
    }

    [Fact]
    public async Task RowWrittenBehindTheAppsBack_WithForeignKeysOff_IsReportedAsAnOrphan()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        await using (var db = tdb.Create())
        {
            db.Estates.Add(Estate.Create("Orphanage", EstateKind.Complex).Value);
            await db.SaveChangesAsync();
        }
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={tdb.Path};Foreign Keys=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO Units (EstateId, UnitNumber, Occupancy, PaymentReference, IsActive, FreeBasicRegistered, CreatedAt, UpdatedAt) VALUES (999, 'X1', 'Vacant', 'REF-X1', 1, 0, 0, 0)";
            await cmd.ExecuteNonQueryAsync();
        }
        var report = await new OrphanScanService(tdb.Factory, OrphanScanService.FoundationSoftReferences()).ScanAsync();
        var finding = Assert.Single(report.Findings);
        Assert.Equal("Units.EstateId -> Estates", finding.Check);
        Assert.Equal(1, finding.Count);
        Assert.Contains("1 orphan", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoftReference_MeterInAnotherEstateThanItsUnit_IsReported()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        await using (var db = tdb.Create())
        {
            var a = Estate.Create("A", EstateKind.Complex).Value;
            var b = Estate.Create("B", EstateKind.Complex).Value;
            db.Estates.AddRange(a, b);
            await db.SaveChangesAsync();
            var unit = Unit.Create(a.Id, "1").Value;
            unit.AssignPaymentReference("A-1");
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var meter = Quantify.Domain.Metering.Meter.Create(b.Id, "SN-1", Quantify.Domain.Metering.MeterType.Water, Quantify.Domain.Metering.CommsType.Manual, null).Value;
            meter.AssignToUnit(unit.Id);
            db.Meters.Add(meter);
            await db.SaveChangesAsync();
        }
        var report = await new OrphanScanService(tdb.Factory, OrphanScanService.FoundationSoftReferences()).ScanAsync();
        Assert.Contains(report.Findings, f => f.Check.Contains("estate differs", StringComparison.Ordinal) && f.Count == 1);
    }
}
