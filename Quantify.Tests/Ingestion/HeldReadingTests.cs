using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Ingestion;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// Readings that cannot be trusted are held: stored, not billed, never the meter's baseline or month-to-date, never in
/// the way of later genuine readings; an admin releases them with a corrected time (billed once, through the ledger),
/// starts a new baseline after a real reset, or discards them. Driven through the real ChirpStack decoder.
/// </summary>
public class HeldReadingTests : IAsyncLifetime
{
    private const string WaterEui = "70b3d57ed0000a01";
    private const string PowerEui = "70b3d57ed0000a02";
    private ReadingWorld w = null!;
    private int water, power;

    public async Task InitializeAsync()
    {
        w = await ReadingWorld.CreateAsync();
        water = await w.MeterAsync("SN-WATER-1", MeterType.Water, WaterEui);
        power = await w.MeterAsync("SN-POWER-1", MeterType.Electricity, PowerEui);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static IncomingMessage Water(decimal kl, DateTimeOffset stamped, DateTimeOffset received, string id) => Uplink(WaterEui, MeterProfile.Water, kl, stamped, received, id);
    private static IncomingMessage Power(decimal kwh, DateTimeOffset stamped, DateTimeOffset received, string id) => Uplink(PowerEui, MeterProfile.Electricity, kwh, stamped, received, id);
    private static readonly DateTimeOffset Year2099 = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HundredUplinksStamped2099_ThenAGenuineReading_BillExactlyTheGenuineReading()
    {
        await w.Pipeline.ProcessAsync([Water(100.000m, T0, T0.AddSeconds(2), "base")], default);
        for (var i = 1; i <= 100; i++)
        {
            var received = T0.AddMinutes(i);
            w.Clock.Set(received);
            await w.Pipeline.ProcessAsync([Water(100.000m + i * 0.010m, Year2099, received, $"bad-{i}")], default);
        }
        var now = T0.AddHours(3);
        w.Clock.Set(now);
        await w.Pipeline.ProcessAsync([Water(101.500m, now.AddSeconds(-3), now, "genuine")], default);

        var readings = await w.ReadingsAsync(water);
        Assert.Equal(100, readings.Count(r => r.Status == ReadingStatus.Held && r.HoldReason == HoldReason.FutureTimestamp));
        var genuine = readings.Single(r => r.DedupeKey == "genuine");
        Assert.Equal((ReadingStatus.Billed, 1.500m), (genuine.Status, genuine.Consumption));
        Assert.Equal(-34.50m, await w.BalanceAsync(Pocket.Water)); // 1,5 kL × R20,00 = R30,00 + VAT R4,50
        var posting = Assert.Single(await w.ConsumptionPostingsAsync());
        Assert.Equal(DateOnly.FromDateTime(now.UtcDateTime), posting.ValueDate); // nothing dated 2099
        var state = await w.StateAsync(water);
        Assert.Equal((101.500m, now.AddSeconds(-3)), (state.LastReading, state.LastReadingAt));
        Assert.Equal(new DateOnly(2026, 11, 1), state.BillingMonth);
        Assert.Equal(1.500m, state.BillingMonthQuantity);
        var alert = Assert.Single(await w.AlertsAsync(water), a => a.Kind == AlertKind.ClockSkew);
        Assert.StartsWith("Held: ", alert.Message, StringComparison.Ordinal);
        var counts = await w.Held.CountsAsync();
        Assert.Equal(new HeldReadingCount(HoldReason.FutureTimestamp, 100, 1), Assert.Single(counts));
        await w.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task AReadingStampedJustInsideTheTolerance_IsBilled_AndJustOutside_IsHeld()
    {
        await w.Pipeline.ProcessAsync([Power(100m, T0, T0, "a")], default);
        var received = T0.AddHours(1);
        await w.Pipeline.ProcessAsync([Power(101m, received.AddMinutes(10), received, "inside")], default);
        await w.Pipeline.ProcessAsync([Power(102m, received.AddMinutes(70).AddSeconds(1), received.AddHours(1), "outside")], default);
        var r = await w.ReadingsAsync(power);
        Assert.Equal([ReadingStatus.Baseline, ReadingStatus.Billed, ReadingStatus.Held], r.Select(x => x.Status));
    }

    [Fact]
    public async Task ReleasingAHeldReadingWithTheRightTime_BillsItOnce_ThroughTheLedger_AndIsAudited()
    {
        await w.Pipeline.ProcessAsync([Power(100m, T0, T0, "base")], default);
        var arrived = T0.AddHours(1);
        w.Clock.Set(arrived);
        await w.Pipeline.ProcessAsync([Power(102m, Year2099, arrived, "skewed")], default);
        var held = (await w.ReadingsAsync(power)).Single(r => r.DedupeKey == "skewed");
        Assert.Equal(0m, await w.BalanceAsync(Pocket.Electricity));

        w.Clock.Set(T0.AddHours(2));
        await using (var users = w.World.Db.Create())
        {
            users.Users.Add(new ApplicationUser { Id = "admin-user-1", UserName = "admin1", Email = "admin1@x.co.za", DisplayName = "Admin One", SecurityStamp = "s" });
            await users.SaveChangesAsync();
        }
        Result release;
        using (UserContext.Begin("admin-user-1", "10.0.0.9"))
            release = await w.Held.ReleaseAsync(held.Id, arrived.AddSeconds(-5), "Device clock reset to 2099 after a power cut");
        Assert.True(release.IsSuccess, release.Describe());
        var again = await w.Held.ReleaseAsync(held.Id, arrived.AddSeconds(-5), "twice");
        Assert.False(again.IsSuccess);
        Assert.Equal("not_held", again.Errors[0].Code);

        var released = (await w.ReadingsAsync(power)).Single(r => r.Id == held.Id);
        Assert.Equal((ReadingStatus.Billed, 2m, arrived.AddSeconds(-5), Year2099), (released.Status, released.Consumption, released.ReadAt, released.DeviceReadAt));
        Assert.Equal(-4.60m, await w.BalanceAsync(Pocket.Electricity)); // 2 kWh × R2,00 + VAT
        Assert.Equal($"reading:{held.Id}", Assert.Single(await w.ConsumptionPostingsAsync()).IdempotencyKey);

        // The next genuine reading bills from the released one: 3 kWh in all for 3 kWh of advance.
        await w.Pipeline.ProcessAsync([Power(103m, T0.AddHours(2), T0.AddHours(2), "next")], default);
        Assert.Equal(-6.90m, await w.BalanceAsync(Pocket.Electricity));
        Assert.DoesNotContain(await w.AlertsAsync(power), a => a.IsOpen && a.Message.StartsWith("Held: ", StringComparison.Ordinal));
        await using var db = w.World.Db.Create();
        var audit = Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(MeterReading)).ToListAsync());
        Assert.Equal(("ReleaseHeld", held.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "admin-user-1", "10.0.0.9"), (audit.Action, audit.EntityId, audit.UserId, audit.IpAddress));
        Assert.Contains("Device clock reset to 2099", audit.ChangesJson, StringComparison.Ordinal);
        await w.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task ReleasingWithATimeAfterItArrived_OrOneThatLeavesTheRegisterBelowTheHighest_IsRefused_AndItStaysHeld()
    {
        await w.Pipeline.ProcessAsync([Power(100m, T0, T0, "base"), Power(110m, T0.AddHours(2), T0.AddHours(2), "later")], default);
        var arrived = T0.AddHours(3);
        w.Clock.Set(arrived);
        await w.Pipeline.ProcessAsync([Power(105m, Year2099, arrived, "skewed")], default);
        var held = (await w.ReadingsAsync(power)).Single(r => r.DedupeKey == "skewed");

        var future = await w.Held.ReleaseAsync(held.Id, arrived.AddHours(1), "guess");
        Assert.Equal("still_held", future.Errors[0].Code);
        var below = await w.Held.ReleaseAsync(held.Id, arrived.AddMinutes(-1), "guess");
        Assert.Equal("still_held", below.Errors[0].Code);
        Assert.Contains("below the highest accepted 110", below.Errors[0].Message, StringComparison.Ordinal);
        var noReason = await w.Held.ReleaseAsync(held.Id, T0.AddHours(1), " ");
        Assert.Equal("reason_required", noReason.Errors[0].Code);

        // Before the later reading it fits as a late reading: stored, nothing billed (the later delta covers it).
        var late = await w.Held.ReleaseAsync(held.Id, T0.AddHours(1), "Taken between the two readings");
        Assert.True(late.IsSuccess, late.Describe());
        var r = (await w.ReadingsAsync(power)).Single(x => x.Id == held.Id);
        Assert.Equal((ReadingStatus.NotBilled, (decimal?)null), (r.Status, r.Consumption));
        Assert.Equal(-23.00m, await w.BalanceAsync(Pocket.Electricity)); // only the 10 kWh of the later reading
    }

    [Fact]
    public async Task DiscardingAHeldReading_KeepsItUnbilled_ResolvesTheAlert_AndIsAudited()
    {
        await w.Pipeline.ProcessAsync([Power(100m, T0, T0, "base")], default);
        await w.Pipeline.ProcessAsync([Power(100.5m, Year2099, T0.AddMinutes(30), "skewed")], default);
        var held = (await w.ReadingsAsync(power)).Single(r => r.DedupeKey == "skewed");
        Assert.Contains(await w.AlertsAsync(power), a => a.IsOpen && a.Kind == AlertKind.ClockSkew);

        Assert.True((await w.Held.DiscardAsync(held.Id, "Corrupted payload")).IsSuccess);
        Assert.False((await w.Held.DiscardAsync(held.Id, "again")).IsSuccess);
        Assert.Equal(ReadingStatus.Discarded, (await w.ReadingsAsync(power)).Single(r => r.Id == held.Id).Status);
        Assert.DoesNotContain(await w.AlertsAsync(power), a => a.IsOpen);
        Assert.Empty(await w.ConsumptionPostingsAsync());
        await using var db = w.World.Db.Create();
        Assert.Contains(await db.AuditEntries.AsNoTracking().ToListAsync(), a => a.Action == "DiscardHeld" && a.ChangesJson.Contains("Corrupted payload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReadingStampedBeforeTheMeterWasInstalled_IsHeld_AndTheFirstReadingAfterIsTheBaseline()
    {
        var meterId = await w.World.MeterAsync(w.EstateId, await w.World.UnitAsync(w.EstateId, "A102"), "SN-NEW-1", MeterType.Electricity, "70b3d57ed0000a03");
        await using (var db = w.World.Db.Create())
        {
            var meter = await db.Meters.SingleAsync(m => m.Id == meterId);
            Assert.True(meter.Update(meter.SerialNumber, meter.Comms, meter.DeviceEui, null, null, new DateOnly(2026, 11, 2), null).IsSuccess);
            await db.SaveChangesAsync();
        }
        // 2026-11-01 21:00 UTC is 23:00 on the 1st in Johannesburg: the day before installation.
        await w.Pipeline.ProcessAsync([Uplink("70b3d57ed0000a03", MeterProfile.Electricity, 5m, new DateTimeOffset(2026, 11, 1, 21, 0, 0, TimeSpan.Zero), T0, "old")], default);
        await w.Pipeline.ProcessAsync([Uplink("70b3d57ed0000a03", MeterProfile.Electricity, 6m, T0, T0, "first"),
            Uplink("70b3d57ed0000a03", MeterProfile.Electricity, 7m, T0.AddHours(1), T0.AddHours(1), "second")], default);
        var r = await w.ReadingsAsync(meterId);
        Assert.Equal([(ReadingStatus.Held, (HoldReason?)HoldReason.BeforeInstallation), (ReadingStatus.Baseline, null), (ReadingStatus.Billed, null)],
            r.Select(x => (x.Status, x.HoldReason)));
        Assert.Equal(1m, r[2].Consumption);
    }

    [Fact]
    public async Task ARegisterGoingBackwards_IsHeld_AndOnlyAnAdminsNewBaseline_BillsFromIt()
    {
        await w.Pipeline.ProcessAsync([Power(500m, T0, T0, "a"), Power(3m, T0.AddHours(1), T0.AddHours(1), "b"), Power(5m, T0.AddHours(2), T0.AddHours(2), "c")], default);
        var r = await w.ReadingsAsync(power);
        Assert.Equal([ReadingStatus.Baseline, ReadingStatus.Held, ReadingStatus.Held], r.Select(x => x.Status));
        Assert.Equal(500m, (await w.StateAsync(power)).LastReading);
        Assert.Single(await w.AlertsAsync(power), a => a.Kind == AlertKind.Rollback && a.IsOpen);

        var timeHeld = await w.Held.StartBaselineAsync(r[1].Id, "");
        Assert.Equal("reason_required", timeHeld.Errors[0].Code);
        var rebased = await w.Held.StartBaselineAsync(r[1].Id, "Meter swapped in place on 2 Nov (job card 4411)");
        Assert.True(rebased.IsSuccess, rebased.Describe());

        r = await w.ReadingsAsync(power);
        Assert.Equal([ReadingStatus.Baseline, ReadingStatus.Baseline, ReadingStatus.Billed], r.Select(x => x.Status));
        Assert.Equal(2m, r[2].Consumption);
        Assert.Equal(-4.60m, await w.BalanceAsync(Pocket.Electricity));
        Assert.DoesNotContain(await w.AlertsAsync(power), a => a.IsOpen);
        await w.Pipeline.ProcessAsync([Power(6m, T0.AddHours(3), T0.AddHours(3), "d")], default);
        Assert.Equal(-6.90m, await w.BalanceAsync(Pocket.Electricity));
        await w.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task AHeldReadingDeliveredAgain_IsStillOneRow()
    {
        var skewed = Power(101m, Year2099, T0.AddMinutes(5), "dup");
        await w.Pipeline.ProcessAsync([Power(100m, T0, T0, "base"), skewed], default);
        await w.Pipeline.ProcessAsync([skewed], default);
        Assert.Equal(2, (await w.ReadingsAsync(power)).Count);
    }
}
