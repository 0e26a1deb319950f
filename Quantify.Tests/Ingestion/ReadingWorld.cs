using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ingestion.Engine;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// One estate, one unit, flat tariffs (electricity R2,00/kWh, water R20,00/kL, VAT 15% on top) and the real pipeline,
/// decoders, biller and ledger on a SQLite file. Messages are built the way each transport hands them over.
/// </summary>
public sealed class ReadingWorld : IAsyncDisposable
{
    public const decimal ElectricityRate = 2.00m;
    public const decimal WaterRate = 20.00m;
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private const string AppId = "8a1c2e7e-0d8a-4d8b-9d6a-1f1d5f6b2a11";

    private ReadingWorld(MasterDataWorld w) => World = w;

    public MasterDataWorld World { get; }
    public int EstateId { get; private set; }
    public int UnitId { get; private set; }
    public LedgerService Ledger { get; private set; } = null!;
    public TariffDirectory Tariffs { get; } = new();
    /// <summary>The single writer the application runs the hot path on (every pipeline of this world uses it).</summary>
    public IngestionEngine Engine { get; private set; } = null!;
    public ReadingPipeline Pipeline { get; private set; } = null!;
    public HeldReadingService Held { get; private set; } = null!;
    public ManualClock Clock => World.Db.Clock;

    public static async Task<ReadingWorld> CreateAsync()
    {
        var w = new ReadingWorld(await MasterDataWorld.CreateAsync());
        w.Clock.Set(T0);
        w.EstateId = await w.World.EstateAsync();
        w.UnitId = await w.World.UnitAsync(w.EstateId);
        w.Engine = new IngestionEngine(w.Tariffs, w.Clock, NullLogger<IngestionEngine>.Instance);
        w.Ledger = new LedgerService(w.World.Db.Factory, w.Clock, new WalletLocks(), [w.Engine]);
        await w.Ledger.EnsureWalletAsync(w.UnitId);
        await using (var db = w.World.Db.Create())
        {
            db.Tariffs.Add(Tariff.Create(w.EstateId, null, Utility.Electricity, "Flat electricity", new DateOnly(2026, 1, 1), TariffRules.Flat(ElectricityRate)).Value);
            db.Tariffs.Add(Tariff.Create(w.EstateId, null, Utility.Water, "Flat water", new DateOnly(2026, 1, 1), TariffRules.Flat(WaterRate)).Value);
            await db.SaveChangesAsync();
        }
        w.Pipeline = w.NewPipeline();
        w.Held = new HeldReadingService(w.World.Db.Factory, w.Pipeline, w.Ledger, w.Tariffs, w.Clock);
        return w;
    }

    /// <summary>A pipeline as the application builds it; <paramref name="futureTolerance"/> overrides Ingestion:FutureReadingTolerance.</summary>
    public ReadingPipeline NewPipeline(TimeSpan? futureTolerance = null) =>
        new(World.Db.Factory, new MessageDecoder(), new MeterDirectory(),
            [new ConsumptionBiller(Ledger, Tariffs, NullLogger<ConsumptionBiller>.Instance)], [], Clock, NullLogger<ReadingPipeline>.Instance,
            new IngestionOptions { FutureReadingTolerance = futureTolerance ?? TimeSpan.FromMinutes(10) }, engine: Engine);

    public Task<int> MeterAsync(string serial, MeterType type = MeterType.Electricity, string? eui = null) => World.MeterAsync(EstateId, UnitId, serial, type, eui);

    /// <summary>
    /// A ChirpStack v4 "up" event as its MQTT integration publishes it (JSON encoding, fields as in ChirpStack's
    /// integration docs), with the meter's raw frame in <c>data</c>. <paramref name="time"/> is the device/gateway time.
    /// </summary>
    public static IncomingMessage Uplink(string eui, MeterProfile profile, decimal register, DateTimeOffset time, DateTimeOffset receivedAt, string dedup)
    {
        var data = Convert.ToBase64String(MeterPayloads.Encode(new MeterFrame(profile, register, RelayClosed: profile == MeterProfile.Electricity ? true : null)));
        var json = $$"""
            {"deduplicationId":"{{dedup}}","time":"{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}",
             "deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","applicationId":"{{AppId}}","deviceName":"m","devEui":"{{eui}}"},
             "devAddr":"01fa2b3c","adr":true,"dr":5,"fCnt":412,"fPort":{{(int)profile}},"confirmed":false,"data":"{{data}}",
             "rxInfo":[{"gatewayId":"0016c001f153a14c","rssi":-87,"snr":9.5}]}
            """;
        return new IncomingMessage(MessageSource.Mqtt, $"application/{AppId}/device/{eui}/event/up", Encoding.UTF8.GetBytes(json), receivedAt);
    }

    /// <summary>A 4G gateway batch as <c>POST /api/v1/gateways/{code}/readings</c> hands it to the pipeline after the signature check.</summary>
    public static IncomingMessage GatewayBatch(string gatewayCode, IEnumerable<(string Serial, decimal Register, DateTimeOffset At)> rows, DateTimeOffset receivedAt)
    {
        var readings = string.Join(",", rows.Select(r =>
            $$"""{"serial":"{{r.Serial}}","register":{{r.Register.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"timestamp":"{{r.At:yyyy-MM-ddTHH:mm:ssZ}}"}"""));
        var json = $$"""{"gatewayId":"{{gatewayCode}}","messageId":"{{Guid.NewGuid()}}","readings":[{{readings}}]}""";
        return new IncomingMessage(MessageSource.Http, $"quantify/gateways/{gatewayCode}/readings", Encoding.UTF8.GetBytes(json), receivedAt);
    }

    public async Task<decimal> BalanceAsync(Pocket pocket) => (await Ledger.BalancesAsync(UnitId)).Single(b => b.Pocket == pocket).Balance;

    public async Task<List<MeterReading>> ReadingsAsync(int meterId)
    {
        await using var db = World.Db.Create();
        return await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId).OrderBy(r => r.Id).ToListAsync();
    }

    public async Task<List<LedgerTransaction>> ConsumptionPostingsAsync()
    {
        await using var db = World.Db.Create();
        return await db.LedgerTransactions.AsNoTracking().Where(t => t.Type == TransactionType.Consumption).ToListAsync();
    }

    public async Task<MeterState> StateAsync(int meterId)
    {
        await using var db = World.Db.Create();
        return await db.MeterStates.AsNoTracking().SingleAsync(s => s.MeterId == meterId);
    }

    public async Task<List<MeterAlert>> AlertsAsync(int meterId)
    {
        await using var db = World.Db.Create();
        return await db.MeterAlerts.AsNoTracking().Where(a => a.MeterId == meterId).ToListAsync();
    }

    public async Task AssertLedgerVerifiesAsync()
    {
        var verification = await new LedgerVerifier(World.Db.Factory).VerifyAsync();
        Assert.True(verification.IsValid, verification.Summary);
    }

    public ValueTask DisposeAsync()
    {
        Engine.Dispose(); // closes the writer's kept connection
        return World.DisposeAsync();
    }
}
