using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Ingestion;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// The one-off check (`readings check-future`) for rows stored before readings were held: a meter whose clock jumped to
/// 2099 had those uplinks billed (ledger entries dated 2099) and every genuine reading after them stored as late and
/// unbilled. The check holds them, reverses their charges with new chained transactions, and puts the meter's last
/// reading and month-to-date back, so the next genuine reading bills the whole gap once.
/// </summary>
public class ReadingsCheckTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed0000c01";
    private static readonly DateTimeOffset Year2099 = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ReadingWorld w = null!;
    private int meterId;

    public async Task InitializeAsync()
    {
        w = await ReadingWorld.CreateAsync();
        meterId = await w.MeterAsync("SN-CHECK-1", MeterType.Water, Eui);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    /// <summary>What the pipeline did before readings were held: no future tolerance at all.</summary>
    private async Task StoreTheOldWayAsync()
    {
        var legacy = w.NewPipeline(futureTolerance: TimeSpan.MaxValue);
        await legacy.ProcessAsync([Uplink(Eui, MeterProfile.Water, 100.000m, T0, T0, "base"), Uplink(Eui, MeterProfile.Water, 100.200m, T0.AddHours(1), T0.AddHours(1), "genuine-1")], default);
        for (var i = 1; i <= 3; i++)
        {
            w.Clock.Set(T0.AddHours(1).AddMinutes(i));
            await legacy.ProcessAsync([Uplink(Eui, MeterProfile.Water, 100.200m + i * 0.100m, Year2099.AddMinutes(i), T0.AddHours(1).AddMinutes(i), $"bad-{i}")], default);
        }
        w.Clock.Set(T0.AddHours(2));
        await legacy.ProcessAsync([Uplink(Eui, MeterProfile.Water, 100.600m, T0.AddHours(2), T0.AddHours(2), "genuine-late")], default);
    }

    [Fact]
    public async Task TheOldWay_Billed2099_AndLeftTheGenuineReadingUnbilled()
    {
        await StoreTheOldWayAsync();
        // 0,2 kL genuine (R4,60) and 3 × 0,1 kL dated 2099 (R2,30 each, but the first spreads over 73 years of months
        // and rounds to R0,00 a month, so it posts nothing).
        Assert.Equal(-9.20m, await w.BalanceAsync(Pocket.Water));
        Assert.Contains(await w.ConsumptionPostingsAsync(), t => t.ValueDate.Year == 2099);
        var late = (await w.ReadingsAsync(meterId)).Single(r => r.DedupeKey == "genuine-late");
        Assert.Equal((ReadingStatus.NotBilled, (decimal?)null), (late.Status, late.Consumption));
    }

    [Fact]
    public async Task TheCheck_ListsWithoutChanging_ThenHoldsAndReverses_AndTheNextGenuineReadingBillsTheGapOnce()
    {
        await StoreTheOldWayAsync();
        var listed = await w.Held.CheckAsync(hold: false);
        Assert.Equal(3, listed.Count);
        Assert.All(listed, f => Assert.Equal((HoldReason.FutureTimestamp, ReadingStatus.Billed), (f.Reason, f.WasStatus)));
        Assert.Equal(-9.20m, await w.BalanceAsync(Pocket.Water));

        w.Clock.Set(T0.AddHours(3));
        var held = await w.Held.CheckAsync(hold: true);
        Assert.Equal(3, held.Count);
        Assert.Equal(4.60m, held.Sum(h => h.Reversed ?? 0m));
        Assert.Equal(-4.60m, await w.BalanceAsync(Pocket.Water)); // only the genuine 0,2 kL stays charged
        Assert.Empty(await w.Held.CheckAsync(hold: true)); // a second run finds nothing and reverses nothing twice
        Assert.Equal(-4.60m, await w.BalanceAsync(Pocket.Water));
        var state = await w.StateAsync(meterId);
        Assert.Equal((100.600m, T0.AddHours(2)), (state.LastReading, state.LastReadingAt)); // what the meter last really said
        Assert.Equal((new DateOnly(2026, 11, 1), 0.200m), (state.BillingMonth, state.BillingMonthQuantity));

        // The running pipeline forgot the meter: the next genuine reading bills from 100,2 kL (the last reading that
        // was billed; the late one in between never was), the whole gap once.
        await w.Pipeline.ProcessAsync([Uplink(Eui, MeterProfile.Water, 100.900m, T0.AddHours(3), T0.AddHours(3), "genuine-next")], default);
        Assert.Equal(-20.70m, await w.BalanceAsync(Pocket.Water)); // 0,9 kL of advance, R20,70 incl VAT
        var next = (await w.ReadingsAsync(meterId)).Single(r => r.DedupeKey == "genuine-next");
        Assert.Equal((ReadingStatus.Billed, 0.700m), (next.Status, next.Consumption));
        await w.AssertLedgerVerifiesAsync();

        // A reading billed before it was held cannot be released (its charge was reversed; the gap is billed): discard it.
        var release = await w.Held.ReleaseAsync(held[0].Id, T0.AddHours(1).AddMinutes(1), "clock fixed");
        Assert.Equal("billed_before_hold", release.Errors[0].Code);
        await using var db = w.World.Db.Create();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "HeldByCheck"));
        Assert.Equal(2, await db.LedgerTransactions.CountAsync(t => t.Type == TransactionType.Reversal));
    }

    [Fact]
    public async Task TheCheck_AlsoHoldsReadingsStampedBeforeInstallation()
    {
        var legacy = w.NewPipeline(futureTolerance: TimeSpan.MaxValue);
        await legacy.ProcessAsync([Uplink(Eui, MeterProfile.Water, 100.000m, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), T0, "from-2020")], default);
        await using (var db = w.World.Db.Create())
        {
            var meter = await db.Meters.SingleAsync(m => m.Id == meterId);
            Assert.True(meter.Update(meter.SerialNumber, meter.Comms, meter.DeviceEui, null, null, new DateOnly(2026, 10, 1), null).IsSuccess);
            await db.SaveChangesAsync();
        }
        var found = Assert.Single(await w.Held.CheckAsync(hold: true));
        Assert.Equal((HoldReason.BeforeInstallation, ReadingStatus.Baseline, (decimal?)null), (found.Reason, found.WasStatus, found.Reversed));
        var state = await w.StateAsync(meterId);
        Assert.Null(state.LastReading);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    [InlineData("2.00:00:00")]
    public void AnUnusableFutureTolerance_StopsStartUp_NamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:FutureReadingTolerance"] = value }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddIngestion(configuration, Path.GetTempPath()));
        Assert.Contains("Ingestion:FutureReadingTolerance", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxBatchSize", "0", "Ingestion:Batching:MaxBatchSize")]
    [InlineData("MaxBatchSize", "100001", "Ingestion:Batching:MaxBatchSize")]
    [InlineData("MaxDelay", "-00:00:00.010", "Ingestion:Batching:MaxDelay")]
    [InlineData("MaxDelay", "00:00:06", "Ingestion:Batching:MaxDelay")]
    [InlineData("Capacity", "999", "Ingestion:Batching:Capacity")]
    public void UnusableBatchingSettings_StopStartUp_NamingTheSetting(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:Batching:" + key] = value }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddIngestion(configuration, Path.GetTempPath()));
        Assert.StartsWith(named + " must", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxBatchSize", "1")]
    [InlineData("MaxBatchSize", "100000")]
    [InlineData("MaxDelay", "00:00:00")]
    [InlineData("MaxDelay", "00:00:05")]
    [InlineData("Capacity", "1000")]
    public void BatchingSettingsAtTheirLimits_AreAccepted(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["Ingestion:Batching:" + key] = value };
        if (key == "MaxBatchSize") settings["Ingestion:Batching:Capacity"] = "100000";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Development, so the broker's default password (refused elsewhere, tested with the broker) does not stop it first.
        var services = new ServiceCollection().AddIngestion(configuration, Path.GetTempPath(), isDevelopment: true);
        var bound = (BatchingOptions)services.Single(d => d.ServiceType == typeof(BatchingOptions)).ImplementationInstance!;
        Assert.Equal(value, key switch
        {
            "MaxBatchSize" => bound.MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "MaxDelay" => bound.MaxDelay.ToString(),
            _ => bound.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
