using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Cli.Bench;

/// <summary>One simulated meter: its EUI and where its register and clock start (the baseline reading already stored).</summary>
public sealed record BenchMeter(int MeterId, string DeviceEui, string SerialNumber, decimal BaselineRegister, DateTimeOffset BaselineAt, decimal StepKwh);

/// <summary>
/// Seeds the benchmark estate through the domain model: one estate with an inclining-block electricity tariff, N units
/// each with a LoRaWAN electricity meter, a wallet (chained, through the ledger) with a large opening balance, and one
/// baseline reading per meter, so that every reading the publishers send has consumption and is priced and posted.
/// </summary>
public static class BenchSeeder
{
    /// <summary>Readings are stamped 15 minutes apart, as a meter on a 15-minute schedule would send them.</summary>
    public static readonly TimeSpan ReadingInterval = TimeSpan.FromMinutes(15);
    public const decimal OpeningBalance = 1_000_000m;

    public static async Task<IReadOnlyList<BenchMeter>> SeedAsync(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, int meterCount,
        DateTimeOffset baselineAt, DateOnly today, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var estate = Ok(Estate.Create("Benchmark Estate", EstateKind.SectionalTitle, "1 Loopback Road", "Pretoria", "Gauteng", "0001"));
        db.Estates.Add(estate);
        await db.SaveChangesAsync(ct);
        var tariffFrom = new DateOnly(baselineAt.Year - 1, 1, 1);
        db.Tariffs.Add(Ok(Tariff.Create(estate.Id, null, Utility.Electricity, "Residential inclining block (benchmark)", tariffFrom, TariffRules.SampleElectricityBlocks())));

        var units = Enumerable.Range(1, meterCount).Select(i =>
        {
            var unit = Ok(Unit.Create(estate.Id, $"B{i:00000}", building: "Bench"));
            unit.AssignPaymentReference($"BENCH-{i:00000}");
            return unit;
        }).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);

        // Installed before the first reading it will send (readings stamped before installation are held, not billed).
        var installed = DateOnly.FromDateTime(baselineAt.UtcDateTime).AddDays(-1);
        var meters = new List<Meter>(meterCount);
        for (var i = 0; i < meterCount; i++)
        {
            var meter = Ok(Meter.Create(estate.Id, $"BENCH-E-{i + 1:00000}", MeterType.Electricity, CommsType.Lora, (0x70B3D57EBE000000L + i).ToString("x16"),
                "Simulated", "LoRa electricity (benchmark)", installed));
            Ok(meter.AssignToUnit(units[i].Id));
            meters.Add(meter);
        }
        db.Meters.AddRange(meters);
        await db.SaveChangesAsync(ct);

        // LedgerService.EnsureWalletInAsync, in bulk: a wallet (five pockets), an empty chain and an account per pocket.
        var wallets = units.Select(u => Wallet.Open(u.Id)).ToList();
        db.Wallets.AddRange(wallets);
        await db.SaveChangesAsync(ct);
        foreach (var wallet in wallets)
        {
            db.WalletChains.Add(new WalletChain(wallet.Id));
            foreach (var pocket in Enum.GetValues<Pocket>())
                db.LedgerAccounts.Add(LedgerAccount.Open(AccountCode.Wallet(wallet.Id, pocket)));
        }
        await db.SaveChangesAsync(ct);

        // Opening balances through the real ledger (validated, hashed and chained), all in this transaction.
        var openings = wallets.Select(w => Postings.TopUp($"bench-opening-{w.UnitId}", today, "Opening balance (benchmark)", w.Id,
            new Dictionary<Pocket, decimal> { [Pocket.Electricity] = OpeningBalance }, AccountCode.PayFastClearing)).ToList();
        var posted = await ledger.PostBatchInAsync(db, openings, ct);
        if (posted.FirstOrDefault(r => r.IsFailure) is { } failed) throw new InvalidOperationException("Benchmark opening balance: " + failed.Describe());
        await db.SaveChangesAsync(ct);

        // A baseline reading per meter, so the first published reading already has consumption to bill.
        var result = new List<BenchMeter>(meterCount);
        for (var i = 0; i < meterCount; i++)
        {
            var meter = meters[i];
            var register = 1000m + i;
            var baseline = new MeterReading(meter.Id, baselineAt, register, $"bench-baseline-{meter.Id}", "Bench", baselineAt);
            baseline.SetConsumption(null, ReadingStatus.Baseline);
            db.MeterReadings.Add(baseline);
            meter.State.RecordReading(register, baselineAt);
            // 0.2 to 0.8 kWh a quarter hour: an ordinary household, well under the anomaly ceiling.
            result.Add(new BenchMeter(meter.Id, meter.DeviceEui!, meter.SerialNumber, register, baselineAt, 0.2m + (i % 7 * 0.1m)));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private static T Ok<T>(Result<T> r) => r.IsSuccess ? r.Value : throw new InvalidOperationException("Benchmark data is invalid: " + r.Describe());

    private static void Ok(Result r)
    {
        if (r.IsFailure) throw new InvalidOperationException("Benchmark data is invalid: " + r.Describe());
    }
}
