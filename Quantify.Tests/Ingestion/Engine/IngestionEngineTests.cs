using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ingestion.Engine;
using Quantify.Web.Features.Ledger;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>The engine's in-memory wallet state against every other writer of the ledger, and across a restart.</summary>
public sealed class IngestionEngineTests
{
    private const string Eui = "70b3d57ed00e0101";

    private static IncomingMessage Up(decimal register, int minutes, string id) =>
        Uplink(Eui, MeterProfile.Electricity, register, T0.AddMinutes(minutes), T0.AddMinutes(minutes).AddSeconds(1), id);

    private static async Task<(decimal Charged, decimal Debited, decimal Balance, int Billed)> TotalsAsync(ReadingWorld w)
    {
        await using var db = w.World.Db.Create();
        var charged = (await db.MeterReadings.AsNoTracking().Where(r => r.Amount != null).Select(r => r.Amount!.Value).ToListAsync()).Sum();
        var billed = await db.MeterReadings.CountAsync(r => r.Status == ReadingStatus.Billed);
        var walletId = await db.Wallets.Where(x => x.UnitId == w.UnitId).Select(x => x.Id).SingleAsync();
        var debited = -(await (from l in db.LedgerLines
                               join t in db.LedgerTransactions on l.TransactionId equals t.Id
                               where l.WalletId == walletId && t.Type == TransactionType.Consumption
                               select l.Amount).ToListAsync()).Sum();
        var balance = (await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId == walletId).Select(a => a.Balance).ToListAsync()).Sum();
        return (charged, debited, balance, billed);
    }

    private static async Task<int> WalletAsync(ReadingWorld w)
    {
        await using var db = w.World.Db.Create();
        return await db.Wallets.Where(x => x.UnitId == w.UnitId).Select(x => x.Id).SingleAsync();
    }

    [Fact]
    public async Task TopUpBetweenBatches_ThroughTheLedger_IsSeenByTheNextBatch()
    {
        await using var w = await CreateAsync();
        await w.MeterAsync("SN-ENG-1", MeterType.Electricity, Eui);
        await w.Pipeline.ProcessAsync([Up(10m, 0, "u0")], default);
        await w.Pipeline.ProcessAsync([Up(11m, 15, "u1")], default);
        var walletId = await WalletAsync(w);
        Assert.True(w.Engine.IsCached(walletId));

        var topUp = await w.Ledger.PostAsync(Postings.TopUp("cash:1", DateOnly.FromDateTime(T0.UtcDateTime), "Cash", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 100m },
            AccountCode.TrustBank(w.EstateId)));
        Assert.True(topUp.IsSuccess);
        Assert.False(w.Engine.IsCached(walletId)); // the ledger told the engine, which dropped the wallet

        await w.Pipeline.ProcessAsync([Up(12.5m, 30, "u2")], default);
        var (charged, debited, balance, billed) = await TotalsAsync(w);
        Assert.Equal(2, billed);
        Assert.Equal(charged, debited);
        Assert.Equal(100m - debited, balance); // 1 kWh + 1.5 kWh at R2 + 15% VAT = R5.75 debited
        Assert.Equal(5.75m, debited);
        Assert.True((await new LedgerVerifier(w.World.Db.Factory).VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task PostingByAWriterTheEngineWasNotToldOf_FailsTheBatchOnce_ThenItBillsFromTheTrueChain()
    {
        await using var w = await CreateAsync();
        await w.MeterAsync("SN-ENG-2", MeterType.Electricity, Eui);
        await w.Pipeline.ProcessAsync([Up(10m, 0, "v0"), Up(11m, 15, "v1")], default);
        var walletId = await WalletAsync(w);
        // Another instance's ledger (no listener here): the engine's cached chain head is now stale.
        var other = new LedgerService(w.World.Db.Factory, w.Clock, new WalletLocks());
        Assert.True((await other.PostAsync(Postings.TopUp("cash:2", DateOnly.FromDateTime(T0.UtcDateTime), "Cash", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 50m },
            AccountCode.TrustBank(w.EstateId)))).IsSuccess);
        Assert.True(w.Engine.IsCached(walletId));

        await w.Pipeline.ProcessAsync([Up(13m, 30, "v2")], default);
        var (charged, debited, balance, billed) = await TotalsAsync(w);
        Assert.Equal(2, billed);
        Assert.Equal(charged, debited);
        Assert.Equal(50m - debited, balance);
        var verification = await new LedgerVerifier(w.World.Db.Factory).VerifyAsync();
        Assert.True(verification.IsValid, verification.Summary);
    }

    [Fact]
    public async Task RedeliveryAfterARestart_IsNeverBilledTwice()
    {
        await using var w = await CreateAsync();
        await w.MeterAsync("SN-ENG-3", MeterType.Electricity, Eui);
        IncomingMessage[] stream = [Up(10m, 0, "r0"), Up(11m, 15, "r1"), Up(12m, 30, "r2")];
        await w.Pipeline.ProcessAsync(stream, default);
        // A new process: a fresh engine and pipeline, the broker redelivers everything plus one new reading.
        using var engine = new IngestionEngine(w.Tariffs, w.Clock, NullLogger<IngestionEngine>.Instance);
        var restarted = new ReadingPipeline(w.World.Db.Factory, new MessageDecoder(), new MeterDirectory(), [], [], w.Clock, NullLogger<ReadingPipeline>.Instance,
            new IngestionOptions { FutureReadingTolerance = TimeSpan.FromMinutes(10) }, engine: engine);
        await restarted.ProcessAsync([.. stream, Up(12.5m, 45, "r3")], default);
        var (charged, debited, _, billed) = await TotalsAsync(w);
        Assert.Equal(3, billed);
        Assert.Equal(charged, debited);
        Assert.Equal(2.5m * 2m * 1.15m, debited);
        await using var db = w.World.Db.Create();
        Assert.Equal(4, await db.MeterReadings.CountAsync());
        Assert.True((await new LedgerVerifier(w.World.Db.Factory).VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task KeptStatements_AreNeitherPreparedNorReprepared_InLaterBatches()
    {
        await using var w = await CreateAsync();
        await w.MeterAsync("SN-ENG-6", MeterType.Electricity, Eui);
        await w.Pipeline.ProcessAsync([Up(10m, 0, "s0")], default);
        await w.Pipeline.ProcessAsync([Up(11m, 15, "s1")], default);
        var (prepared, reprepared) = w.Engine.StatementCounts;
        Assert.True(prepared > 0);

        // Batches of the same shape run the statements kept from the second batch: none is prepared from its text, and
        // SQLite never has to prepare one again because the connection changed under it (EF Core re-registers its SQL
        // functions on every connection it opens, which expires every statement prepared on it).
        for (var i = 2; i < 7; i++) await w.Pipeline.ProcessAsync([Up(10m + i, 15 * i, $"s{i}")], default);
        Assert.Equal((prepared, reprepared), w.Engine.StatementCounts);
        Assert.Equal(0, reprepared);
        var (charged, debited, _, billed) = await TotalsAsync(w);
        Assert.Equal(6, billed);
        Assert.Equal(charged, debited);
        await w.AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task StoredKeys_FindsExactlyTheStoredReadings_InEveryChunkOfALongBatch()
    {
        await using var w = await CreateAsync();
        var meterId = await w.MeterAsync("SN-ENG-5", MeterType.Electricity, Eui);
        await w.Pipeline.ProcessAsync([Up(10m, 0, "k0"), Up(11m, 15, "k1"), Up(12m, 30, "k2")], default);
        await using var db = w.World.Db.Create();
        var stored = await db.MeterReadings.Where(r => r.MeterId == meterId).OrderBy(r => r.Id).Select(r => r.DedupeKey).ToListAsync();
        Assert.Equal(3, stored.Count);
        // 1,203 keys: two full chunks of 500 and a remainder of 203, one stored key in each; the others are near misses
        // (the same key on another meter, another key on this meter).
        var keys = new List<(int, string)>();
        keys.AddRange(Enumerable.Range(0, 300).Select(i => (meterId, $"other-{i}")));
        keys.AddRange(Enumerable.Range(0, 300).Select(i => (meterId + 1 + i, stored[0])));
        keys.Add((meterId, stored[0]));
        keys.AddRange(Enumerable.Range(0, 500).Select(i => (meterId, stored[1] + "x" + i)));
        keys.Add((meterId, stored[1]));
        keys.AddRange(Enumerable.Range(0, 100).Select(i => (meterId, $"late-{i}")));
        keys.Add((meterId, stored[2]));
        Assert.Equal(1203, keys.Count);
        await using var tx = await db.Database.BeginTransactionAsync();
        using var engine = new IngestionEngine(w.Tariffs, w.Clock, NullLogger<IngestionEngine>.Instance);
        var found = await engine.StoredKeysAsync(db, keys, default);
        Assert.Equal(stored.Select(k => (meterId, k)).ToHashSet(), found);
        Assert.Empty(await engine.StoredKeysAsync(db, [], default));
    }

    [Fact]
    public async Task OnlyUnitsWhosePocketCrossedAThreshold_AreHandedToCreditControl()
    {
        await using var w = await CreateAsync();
        await w.MeterAsync("SN-ENG-4", MeterType.Electricity, Eui);
        var walletId = await WalletAsync(w);
        Assert.True((await w.Ledger.PostAsync(Postings.TopUp("cash:4", DateOnly.FromDateTime(T0.UtcDateTime), "Cash", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 60m },
            AccountCode.TrustBank(w.EstateId)))).IsSuccess);
        var seen = new List<BatchCommitted>();
        var pipeline = new ReadingPipeline(w.World.Db.Factory, new MessageDecoder(), new MeterDirectory(), [], [new Recorder(seen)], w.Clock,
            NullLogger<ReadingPipeline>.Instance, new IngestionOptions { FutureReadingTolerance = TimeSpan.FromMinutes(10) }, engine: w.Engine);
        await pipeline.ProcessAsync([Up(10m, 0, "c0")], default);
        await pipeline.ProcessAsync([Up(11m, 15, "c1")], default); // R60 -> R57.70: above the R50 warning line
        await pipeline.ProcessAsync([Up(15m, 30, "c2")], default); // R57.70 -> R48.50: crosses it
        Assert.Equal(3, seen.Count);
        Assert.Empty(seen[1].CreditUnits!);
        Assert.Equal([w.UnitId], seen[2].CreditUnits!);
    }

    [Theory]
    [InlineData(60, 57.7, false)]
    [InlineData(57.7, 48.5, true)]   // the low-balance warning (R50)
    [InlineData(0.5, -0.5, true)]    // zero
    [InlineData(-5, -6, false)]
    [InlineData(10, 25, true)]       // the minimum activation amount (R20), after a top-up
    [InlineData(50, 49.99, true)]    // at the line counts as low
    public void Crossed_IsTrueOnlyWhenABalanceMovesOverALine(double before, double after, bool crossed)
    {
        var pocket = Wallet.Open(1).PocketFor(Pocket.Electricity);
        Assert.Equal(crossed, IngestionEngine.Crossed((decimal)before, (decimal)after, pocket));
    }

    private sealed class Recorder(List<BatchCommitted> seen) : IBatchObserver
    {
        public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
        {
            seen.Add(batch);
            return Task.CompletedTask;
        }
    }
}
