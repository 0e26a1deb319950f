using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Tests.Live;

/// <summary>Loss figures that can be trusted: the same interval for bulk and units, "incomplete" when a bulk meter is silent.</summary>
public class LossFigureTests
{
    private static IncomingMessage Batch(params (string Serial, decimal Register, string At)[] rows) => new(MessageSource.Http, "quantify/gateways/g/readings",
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = r.At }) })),
        DateTimeOffset.UtcNow);

    private static async Task<(MasterDataWorld World, int Estate, ReadingPipeline Pipeline)> EstateAsync()
    {
        var w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        var estate = await w.EstateAsync();
        await w.MeterAsync(estate, await w.UnitAsync(estate, "A1"), "E-1");
        await w.MeterAsync(estate, await w.UnitAsync(estate, "A2"), "E-2");
        await w.MeterAsync(estate, null, "BULK-E", MeterType.BulkElectricity);
        return (w, estate, new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance));
    }

    [Fact]
    public async Task UnitsAreCountedOnlyUpToTheBulkMetersLastReading_SoALaggingBulkMeterGivesNoFalseNegativeLoss()
    {
        var (w, estate, pipeline) = await EstateAsync();
        await using var world = w;
        await pipeline.ProcessAsync([Batch(("E-1", 0m, "2026-11-19T06:00:00Z"), ("E-2", 0m, "2026-11-19T06:00:00Z"), ("BULK-E", 0m, "2026-11-19T06:00:00Z"))], default);
        await pipeline.ProcessAsync([Batch(("E-1", 10m, "2026-11-19T08:00:00Z"), ("E-2", 20m, "2026-11-19T08:00:00Z"), ("BULK-E", 40m, "2026-11-19T08:00:00Z"))], default);
        // The units report again; the bulk meter's next reading has not arrived yet.
        await pipeline.ProcessAsync([Batch(("E-1", 18m, "2026-11-19T09:30:00Z"), ("E-2", 35m, "2026-11-19T09:30:00Z"))], default);

        var electricity = (await new ReconciliationQueries(w.Db.Factory, w.Db.Clock).KpisAsync(estate))!.Bulk.Single(b => b.Utility == Utility.Electricity);
        Assert.Null(electricity.Incomplete);
        Assert.Equal((40m, 30m, 25.0m), (electricity.Bulk, electricity.Units, electricity.LossPercent));
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero), electricity.Until);
    }

    [Fact]
    public async Task ABulkMeterWithoutAReadingInThePeriod_MakesTheFigureIncomplete_WithNoPercentage()
    {
        var (w, estate, pipeline) = await EstateAsync();
        await using var world = w;
        await pipeline.ProcessAsync([Batch(("E-1", 0m, "2026-11-19T06:00:00Z"), ("E-1", 5m, "2026-11-19T08:00:00Z"))], default);

        var kpis = (await new ReconciliationQueries(w.Db.Factory, w.Db.Clock).KpisAsync(estate))!;
        var electricity = kpis.Bulk.Single(b => b.Utility == Utility.Electricity);
        Assert.Null(electricity.LossPercent);
        Assert.Equal("incomplete: bulk meter BULK-E has no reading yet", electricity.Incomplete);
        Assert.Equal("incomplete: no bulk meter", kpis.Bulk.Single(b => b.Utility == Utility.Water).Incomplete);
    }

    [Fact]
    public async Task UnitsUsingMoreThanTheBulkMeter_BeyondTheTolerance_AreFlagged()
    {
        var (w, estate, pipeline) = await EstateAsync();
        await using var world = w;
        await pipeline.ProcessAsync([Batch(("E-1", 0m, "2026-11-19T06:00:00Z"), ("E-2", 0m, "2026-11-19T06:00:00Z"), ("BULK-E", 0m, "2026-11-19T06:00:00Z"))], default);
        await pipeline.ProcessAsync([Batch(("E-1", 10m, "2026-11-19T08:00:00Z"), ("E-2", 20m, "2026-11-19T08:00:00Z"), ("BULK-E", 20m, "2026-11-19T08:00:00Z"))], default);

        var electricity = (await new ReconciliationQueries(w.Db.Factory, w.Db.Clock).KpisAsync(estate))!.Bulk.Single(b => b.Utility == Utility.Electricity);
        Assert.Equal(-50.0m, electricity.LossPercent);
        Assert.True(electricity.NegativeBeyondTolerance);
        Assert.False(electricity.OverThreshold);
    }
}
