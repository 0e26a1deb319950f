using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ingestion.Engine;
using Quantify.Web.Features.Ledger;
using static Quantify.Tests.Ingestion.ReadingWorld;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>
/// The engine writes what EF Core writes: the same stream of readings through the engine in one database and through
/// the EF path (reading insert, biller, <see cref="LedgerService"/>) in an identical one leaves the same rows, column
/// by column, down to each value's SQLite storage class and text (ticks, enum strings, decimal text, dates).
/// </summary>
public sealed class EngineEquivalenceTests
{
    private const string EuiA = "70b3d57ed00e0001";
    private const string EuiB = "70b3d57ed00e0002";

    private static IReadOnlyList<IReadOnlyList<IncomingMessage>> Stream()
    {
        var t = T0;
        IncomingMessage Up(string eui, decimal reg, int minutes, string id, int lateBy = 1) =>
            Uplink(eui, MeterProfile.Electricity, reg, t.AddMinutes(minutes), t.AddMinutes(minutes).AddSeconds(lateBy), id);
        return
        [
            [Up(EuiA, 100.000m, 0, "a0"), Up(EuiB, 50.000m, 0, "b0")],
            [Up(EuiA, 100.125m, 15, "a1"), Up(EuiB, 51.500m, 15, "b1"), Up(EuiA, 100.125m, 15, "a1")],
            // Out of order within a batch, a duplicate of an earlier batch, and one from the future (held).
            [Up(EuiA, 100.900m, 45, "a3"), Up(EuiA, 100.400m, 30, "a2"), Up(EuiB, 51.500m, 15, "b1"), Up(EuiB, 52.000m, 24 * 60, "b9", lateBy: -24 * 3600)],
            // A late reading (older than the last accepted one) and a normal one.
            [Up(EuiA, 100.700m, 40, "a2b"), Up(EuiB, 53.250m, 60, "b4")],
        ];
    }

    private static async Task<ReadingWorld> RunAsync(bool withEngine)
    {
        var w = await CreateAsync();
        await w.World.MeterAsync(w.EstateId, w.UnitId, "SN-EQ-A", MeterType.Electricity, EuiA);
        var second = await w.World.UnitAsync(w.EstateId, "A102");
        await w.Ledger.EnsureWalletAsync(second);
        await w.World.MeterAsync(w.EstateId, second, "SN-EQ-B", MeterType.Electricity, EuiB);
        var pipeline = withEngine ? w.Pipeline : new ReadingPipeline(w.World.Db.Factory, new MessageDecoder(), new MeterDirectory(),
            [new ConsumptionBiller(w.Ledger, w.Tariffs, NullLogger<ConsumptionBiller>.Instance)], [], w.Clock, NullLogger<ReadingPipeline>.Instance,
            new IngestionOptions { FutureReadingTolerance = TimeSpan.FromMinutes(10) });
        foreach (var batch in Stream())
        {
            w.Clock.Set(batch.Max(m => m.ReceivedAt));
            await pipeline.ProcessAsync(batch, default);
        }
        return w;
    }

    [Fact]
    public async Task SameReadings_ThroughEngineAndThroughEf_LeaveIdenticalRows()
    {
        await using var engine = await RunAsync(withEngine: true);
        await using var ef = await RunAsync(withEngine: false);
        foreach (var table in new[] { "MeterReadings", "LedgerTransactions", "LedgerLines", "LedgerAccounts", "WalletChains", "MeterStates", "MeterAlerts" })
        {
            var expected = await DumpAsync(ef, table);
            var actual = await DumpAsync(engine, table);
            Assert.Equal(expected, actual);
        }
        // The stream did bill something, and held and late readings are among the rows compared.
        var rows = await DumpAsync(engine, "MeterReadings");
        Assert.Contains(rows, r => r.Contains("Status=text:'Billed'", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Status=text:'Held'", StringComparison.Ordinal));
        Assert.True((await new LedgerVerifier(engine.World.Db.Factory).VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task ARowWrittenByTheEngine_ReadsBackThroughEf_AsTheEfWrittenOne()
    {
        await using var engine = await RunAsync(withEngine: true);
        await using var ef = await RunAsync(withEngine: false);
        await using var a = engine.World.Db.Create();
        await using var b = ef.World.Db.Create();
        var fromEngine = await a.MeterReadings.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var fromEf = await b.MeterReadings.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(fromEf.Select(Describe), fromEngine.Select(Describe));
        var txA = await a.LedgerTransactions.AsNoTracking().Include(t => t.Lines).OrderBy(t => t.Id).ToListAsync();
        var txB = await b.LedgerTransactions.AsNoTracking().Include(t => t.Lines).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(txB.Select(Describe), txA.Select(Describe));
        Assert.Contains(txA, t => t.Type == TransactionType.Consumption);
    }

    private static string Describe(MeterReading r) =>
        $"{r.Id} {r.MeterId} {r.ReadAt:O} {r.ReceivedAt:O} {r.Register} {r.Consumption} {r.DedupeKey} {r.Source} {r.Status} {r.Amount} {r.RelayClosed} {r.TemperatureC} {r.Leak} {r.Tamper} {r.HoldReason} {r.DeviceReadAt:O} {r.ResolvedAt:O}";

    private static string Describe(LedgerTransaction t) =>
        $"{t.Id} {t.Number} {t.Type} {t.ValueDate} {t.PostedAt:O} {t.Description} {t.IdempotencyKey} {t.ContentHash} {t.EstateId} {t.OriginalValueDate} | " +
        string.Join("; ", t.Lines.OrderBy(l => l.Id).Select(l => $"{l.AccountId} {l.Amount} {l.WalletId} {l.Sequence} {l.PreviousHash} {l.Hash}"));

    /// <summary>Every row of the table, each column as name=storage class:quoted value, in key order.</summary>
    internal static async Task<List<string>> DumpAsync(ReadingWorld w, string table)
    {
        await using var connection = new SqliteConnection(w.World.Db.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{table}\")";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add(reader.GetString(1));
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(" || ' ' || ", columns.Select(c => $"'{c}=' || typeof(\"{c}\") || ':' || quote(\"{c}\")"))} FROM \"{table}\" ORDER BY rowid";
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
