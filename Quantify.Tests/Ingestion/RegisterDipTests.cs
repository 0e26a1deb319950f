using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// A register that glitches low for two polls and recovers must bill exactly the register's true advance: the dip is
/// held and never becomes the baseline, and consumption resumes from the highest register. The same walk through every
/// transport's real decoder: a ChirpStack uplink, a Modbus poll of an independent SDM120 slave, a 4G gateway batch.
/// The meter really advances 1000 → 1010 → 1010.5 → 1011 → 1015 → 1022.5 kWh (22.5 kWh), but polls 3 and 4 read
/// 2 kWh low (1008.5, 1009). Before holding, the dip became the baseline and the recovery billed the 2 kWh again.
/// </summary>
public class RegisterDipTests : IAsyncLifetime
{
    private static readonly (decimal Shown, TimeSpan At)[] Walk =
    [
        (1000m, TimeSpan.Zero),
        (1010m, TimeSpan.FromMinutes(30)),
        (1008.5m, TimeSpan.FromMinutes(30.33)),
        (1009m, TimeSpan.FromMinutes(30.66)),
        (1015m, TimeSpan.FromMinutes(60)),
        (1022.5m, TimeSpan.FromMinutes(90)),
    ];
    private const decimal TrueAdvance = 22.5m;
    private const decimal TrueCharge = 51.75m; // 22,5 kWh × R2,00 = R45,00 + VAT R6,75

    private ReadingWorld w = null!;

    public async Task InitializeAsync() => w = await ReadingWorld.CreateAsync();

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task AssertBilledTheTrueAdvanceAsync(int meterId)
    {
        var readings = await w.ReadingsAsync(meterId);
        Assert.Equal(6, readings.Count);
        Assert.Equal(TrueAdvance, readings.Where(r => r.Status == ReadingStatus.Billed).Sum(r => r.Consumption));
        Assert.Equal(2, readings.Count(r => r is { Status: ReadingStatus.Held, HoldReason: HoldReason.RegisterBelowHighest }));
        Assert.Equal(-TrueCharge, await w.BalanceAsync(Pocket.Electricity));
        Assert.Equal(1022.5m, (await w.StateAsync(meterId)).LastReading);
        await w.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task ChirpStackUplinks_WithATwoUplinkDip_BillTheTrueAdvance()
    {
        const string eui = "70b3d57ed0000d01";
        var meterId = await w.MeterAsync("SN-DIP-LORA", MeterType.Electricity, eui);
        var i = 0;
        foreach (var (shown, at) in Walk)
        {
            var time = T0 + at;
            w.Clock.Set(time.AddSeconds(1));
            await w.Pipeline.ProcessAsync([Uplink(eui, MeterProfile.Electricity, shown, time, time.AddSeconds(1), $"up-{i++}")], default);
        }
        await AssertBilledTheTrueAdvanceAsync(meterId);
    }

    [Fact]
    public async Task ModbusPollsOfAnIndependentSdm120_WithATwoPollDip_BillTheTrueAdvance()
    {
        var meterId = await w.MeterAsync("SN-DIP-SDM", MeterType.Electricity);
        await using var slave = new Sdm120TcpSlave(unitId: 3, kwh: 1000f);
        var target = new ModbusPollTarget("SN-DIP-SDM", "127.0.0.1", slave.Port, ModbusTransportKind.Tcp, 3, "SDM120", TimeSpan.FromSeconds(10));
        await using var poller = new ModbusPoller([target], new PipelineSink(w.Pipeline), w.Clock);
        foreach (var (shown, at) in Walk)
        {
            slave.Kwh = (float)shown;
            w.Clock.Set(T0 + at);
            Assert.True(await poller.PollOnceAsync(target, default), $"poll at {at} failed");
        }
        await AssertBilledTheTrueAdvanceAsync(meterId);
    }

    [Fact]
    public async Task AGatewayBatch_WithATwoReadingDip_BillsTheTrueAdvance()
    {
        var meterId = await w.MeterAsync("SN-DIP-4G", MeterType.Electricity);
        // A 4G gateway buffers: the first two readings in one batch, the dip and recovery in the next.
        w.Clock.Set(T0.AddMinutes(31));
        await w.Pipeline.ProcessAsync([GatewayBatch("gw-dip", Walk[..2].Select(x => ("SN-DIP-4G", x.Shown, T0 + x.At)), T0.AddMinutes(31))], default);
        w.Clock.Set(T0.AddMinutes(91));
        await w.Pipeline.ProcessAsync([GatewayBatch("gw-dip", Walk[2..].Select(x => ("SN-DIP-4G", x.Shown, T0 + x.At)), T0.AddMinutes(91))], default);
        await AssertBilledTheTrueAdvanceAsync(meterId);
    }

    [Fact]
    public async Task AfterARestart_TheHighestRegisterIsStillTheBaseline_NotTheDip()
    {
        const string eui = "70b3d57ed0000d02";
        var meterId = await w.MeterAsync("SN-DIP-RESTART", MeterType.Electricity, eui);
        for (var i = 0; i < 4; i++)
            await w.Pipeline.ProcessAsync([Uplink(eui, MeterProfile.Electricity, Walk[i].Shown, T0 + Walk[i].At, T0 + Walk[i].At, $"r-{i}")], default);
        var restarted = w.NewPipeline();
        for (var i = 4; i < Walk.Length; i++)
            await restarted.ProcessAsync([Uplink(eui, MeterProfile.Electricity, Walk[i].Shown, T0 + Walk[i].At, T0 + Walk[i].At, $"r-{i}")], default);
        await AssertBilledTheTrueAdvanceAsync(meterId);
    }

    private sealed class PipelineSink(Quantify.Web.Features.Ingestion.ReadingPipeline pipeline) : IIngestionSink
    {
        public Task AcceptAsync(IncomingMessage message, CancellationToken ct) => pipeline.ProcessAsync([message], ct);
    }
}
