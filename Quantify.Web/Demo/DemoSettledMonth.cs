using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;
using Quantify.Web.Features;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reconciliation;
using Quantify.Web.Features.Settlement;
using Quantify.Web.Identity;

namespace Quantify.Web.Demo;

/// <summary>
/// The demo's closed and settled month (docs/settlement.md, "The demo"): last month every occupied unit with a LoRa
/// meter tops up on the 1st and uses electricity and water (read on the 2nd and the 26th through the real reading
/// pipeline, so it is billed as in production), the bulk meters read a little more than the units; then last month is
/// closed for both estates, settled (run posted, statements available), its payout batch drafted by admin@, approved by
/// finance@ and marked paid. Finally the daily reconciliation runs for yesterday and today, so /admin/reconciliation
/// starts clean with a day that includes these postings.
/// </summary>
public static class DemoSettledMonth
{
    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, int silverleafId, int harbourId, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        var ledger = services.GetRequiredService<LedgerService>();
        var today = EstateToday.In(clock, null);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var start = new DateTimeOffset(month.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var end = new DateTimeOffset(month.AddDays(25).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);

        var first = new List<(string, decimal, DateTimeOffset)>();
        var second = new List<(string, decimal, DateTimeOffset)>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            foreach (var (estateId, prefix) in new[] { (silverleafId, "SLF"), (harbourId, "HVR") })
            {
                var meters = await (from m in db.Meters.AsNoTracking()
                                    join u in db.Units on m.UnitId equals u.Id
                                    where m.EstateId == estateId && m.IsActive && m.Comms == CommsType.Lora && u.Occupancy == Occupancy.Occupied
                                          && (m.Type == MeterType.Electricity || m.Type == MeterType.Water)
                                    orderby m.Id
                                    select new { m.SerialNumber, m.Type }).ToListAsync(ct);
                decimal kwh = 0, kl = 0;
                for (var i = 0; i < meters.Count; i++)
                {
                    var m = meters[i];
                    // 120-230 kWh and 4-8 kL a month; registers of a meter installed a while ago.
                    var (from, used) = m.Type == MeterType.Electricity ? (4_000m + i * 37, 120m + i * 7 % 110) : (300m + i * 3, 4m + i % 5);
                    first.Add((m.SerialNumber, from, start));
                    second.Add((m.SerialNumber, from + used, end));
                    if (m.Type == MeterType.Electricity) kwh += used; else kl += used;
                }
                // The bulk meters see the units' use and 4 % more (common property and losses, under the estate's threshold).
                first.Add(($"{prefix}-BULK-E", 250_000m, start));
                second.Add(($"{prefix}-BULK-E", 250_000m + Math.Round(kwh * 1.04m), end));
                first.Add(($"{prefix}-BULK-W", 12_000m, start));
                second.Add(($"{prefix}-BULK-W", 12_000m + Math.Round(kl * 1.04m), end));

                // Each occupied unit topped up on the 1st for the month's use.
                var wallets = await db.Wallets.AsNoTracking().Where(w => db.Units.Any(u => u.Id == w.UnitId && u.EstateId == estateId && u.Occupancy == Occupancy.Occupied))
                    .Select(w => w.Id).ToListAsync(ct);
                foreach (var walletId in wallets)
                {
                    var posted = await ledger.PostAsync(Postings.TopUp($"demo-month-{walletId}-{month:yyyyMM}", month, "Monthly top-up (demo)", walletId,
                        new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 800m, [Pocket.Water] = 300m }, AccountCode.PayFastClearing), ct);
                    if (posted.IsFailure) throw new InvalidOperationException("Demo monthly top-up: " + posted.Describe());
                }
            }
        }
        var pipeline = services.GetRequiredService<ReadingPipeline>();
        await pipeline.ProcessAsync([Readings(first)], ct);
        await pipeline.ProcessAsync([Readings(second)], ct);

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var maker = (await users.FindByEmailAsync($"admin@{DemoSeeder.Domain}"))?.Id ?? throw new InvalidOperationException("Demo admin missing.");
        var checker = (await users.FindByEmailAsync($"{DemoSettlement.FinanceAdminLocal}@{DemoSeeder.Domain}"))?.Id ?? throw new InvalidOperationException("Demo finance admin missing.");
        var periods = services.GetRequiredService<PeriodService>();
        var settlement = services.GetRequiredService<SettlementService>();
        foreach (var estateId in new[] { silverleafId, harbourId })
        {
            Check(await periods.CloseAsync(estateId, month.Year, month.Month, ct), "close");
            var run = await settlement.RunAsync(estateId, month.Year, month.Month, maker, ct);
            if (run.IsFailure) throw new InvalidOperationException("Demo settlement run: " + run.Describe());
            var batch = await settlement.DraftBatchAsync(run.Value.RunId, maker, ct);
            if (batch.IsFailure) throw new InvalidOperationException("Demo payout batch: " + batch.Describe());
            Check(await settlement.ApproveBatchAsync(batch.Value.Id, checker, ct), "approve");
            foreach (var line in batch.Value.Lines)
                Check(await settlement.MarkPaidAsync(batch.Value.Id, line.Id, $"DEMO-EFT-{batch.Value.Id}-{line.Id}", checker, ct), "mark paid");
        }

        var reconciliation = services.GetRequiredService<ReconciliationService>();
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var report = await reconciliation.RunAsync(day, notify: false, ct);
            if (!report.Passed)
                services.GetRequiredService<ILogger<ReconciliationService>>().LogWarning("Demo reconciliation of {Day}: {Summary}", day, report.Summary);
        }
    }

    private static IncomingMessage Readings(IEnumerable<(string Serial, decimal Register, DateTimeOffset At)> rows) => new(MessageSource.Http, "quantify/gateways/demo/readings",
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = r.At.ToString("O") }) })),
        DateTimeOffset.UtcNow);

    private static void Check(Domain.Common.Result r, string what)
    {
        if (r.IsFailure) throw new InvalidOperationException($"Demo settled month ({what}): {r.Describe()}");
    }
}
