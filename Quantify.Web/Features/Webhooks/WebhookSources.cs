using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// <c>wallet.topup</c>: told by the ledger after a posting commits; publishes every top-up transaction (PayFast, EFT,
/// manual) on those wallets from the last hour that has not been published yet (the dedupe key is the transaction,
/// so a repeated call publishes nothing twice). Nothing is asked of the database when no estate subscribes.
/// </summary>
public sealed class WalletTopUpWebhooks(IDbContextFactory<QuantifyDbContext> factory, WebhookPublisher publisher, TimeProvider clock,
    ILogger<WalletTopUpWebhooks> log) : IWalletPostingListener
{
    private static readonly TimeSpan LookBack = TimeSpan.FromHours(1);

    public void WalletsPosted(IReadOnlyCollection<int> walletIds) => _ = Task.Run(async () =>
    {
        try { await PublishAsync(walletIds, CancellationToken.None); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogWarning(ex, "Queuing wallet.topup webhooks failed"); }
    });

    public async Task<int> PublishAsync(IReadOnlyCollection<int> walletIds, CancellationToken ct)
    {
        var estates = await publisher.EstatesListeningAsync(WebhookEvents.WalletTopUp, ct);
        if (estates.Count == 0) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow() - LookBack;
        var ids = walletIds.ToList();
        var estateIds = estates.ToList();
        var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Lines)
            .Where(t => t.Type == TransactionType.TopUp && t.PostedAt >= since && t.EstateId != null && estateIds.Contains(t.EstateId.Value)
                        && t.Lines.Any(l => l.WalletId != null && ids.Contains(l.WalletId.Value)))
            .ToListAsync(ct);
        if (transactions.Count == 0) return 0;
        var accountIds = transactions.SelectMany(t => t.Lines).Where(l => l.WalletId != null).Select(l => l.AccountId).Distinct().ToList();
        var pockets = await db.LedgerAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Pocket, ct);
        var touched = transactions.SelectMany(t => t.Lines).Where(l => l.WalletId != null).Select(l => l.WalletId!.Value).Distinct().ToList();
        var units = await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where touched.Contains(w.Id) select new { w.Id, UnitId = u.Id, u.UnitNumber })
            .ToDictionaryAsync(x => x.Id, ct);
        var balances = (await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && touched.Contains(a.WalletId.Value) && a.Pocket != null)
            .Select(a => new { WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct)).ToLookup(a => a.WalletId);
        var events = new List<WebhookEvent>();
        foreach (var t in transactions)
            foreach (var byWallet in t.Lines.Where(l => l.WalletId != null).GroupBy(l => l.WalletId!.Value))
            {
                var unit = units.GetValueOrDefault(byWallet.Key);
                events.Add(new WebhookEvent(t.EstateId!.Value, WebhookEvents.WalletTopUp, $"{WebhookEvents.WalletTopUp}:{t.Id}:{byWallet.Key}", new
                {
                    transactionId = t.Id,
                    number = t.Number,
                    source = SourceOf(t.IdempotencyKey),
                    unitId = unit?.UnitId,
                    unitNumber = unit?.UnitNumber,
                    walletId = byWallet.Key,
                    amount = byWallet.Sum(l => l.Amount),
                    currency = "ZAR",
                    pockets = byWallet.Select(l => new { pocket = PocketName(pockets.GetValueOrDefault(l.AccountId)), amount = l.Amount }).ToList(),
                    balances = balances[byWallet.Key].OrderBy(b => b.Pocket).Select(b => new { pocket = PocketName(b.Pocket), balance = b.Balance }).ToList(),
                    valueDate = t.ValueDate,
                    postedAt = t.PostedAt,
                    description = t.Description,
                }));
            }
        return await publisher.PublishAsync(events, ct);
    }

    /// <summary>payfast, eft, or what the idempotency key names (manual postings: their key's prefix).</summary>
    private static string SourceOf(string key) => key.Split(':')[0] is { Length: > 0 } p ? p : "manual";

    internal static string PocketName(Pocket? p) => p switch
    {
        Pocket.HotWater => "hot_water",
        null => "unknown",
        _ => p.Value.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// <c>wallet.low_balance</c>: credit control finds a pocket below its low-balance threshold (the same point that sends
/// the resident's low or critical notice) and hands it here inside its own unit of work, so the event commits with the
/// notice. Once per low spell: the key is the pocket's last credit, so it fires again only after a top-up.
/// </summary>
public sealed class LowBalanceWebhooks(WebhookPublisher publisher) : ILowBalanceListener
{
    public async Task OnLowBalanceAsync(QuantifyDbContext db, IReadOnlyList<LowBalance> pockets, CancellationToken ct)
    {
        var estates = await publisher.EstatesListeningAsync(WebhookEvents.WalletLowBalance, ct);
        var wanted = pockets.Where(p => estates.Contains(p.EstateId)).ToList();
        if (wanted.Count == 0) return;
        var codes = wanted.Select(p => AccountCode.Wallet(p.WalletId, p.Pocket).ToString()).ToList();
        var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var accountIds = accounts.Values.ToList();
        var lastCredit = await db.LedgerLines.AsNoTracking().Where(l => accountIds.Contains(l.AccountId) && l.Amount > 0)
            .GroupBy(l => l.AccountId).Select(g => new { g.Key, Last = g.Max(l => l.Id) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var unitIds = wanted.Select(w => w.UnitId).Distinct().ToList();
        var unitNumbers = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UnitNumber, ct);
        var events = wanted.Select(p =>
        {
            var account = accounts.GetValueOrDefault(AccountCode.Wallet(p.WalletId, p.Pocket).ToString());
            var spell = lastCredit.GetValueOrDefault(account);
            return new WebhookEvent(p.EstateId, WebhookEvents.WalletLowBalance, $"{WebhookEvents.WalletLowBalance}:{p.WalletId}:{p.Pocket}:{spell}", new
            {
                unitId = p.UnitId,
                unitNumber = unitNumbers.GetValueOrDefault(p.UnitId),
                walletId = p.WalletId,
                pocket = WalletTopUpWebhooks.PocketName(p.Pocket),
                balance = p.Balance,
                threshold = p.Threshold,
                level = p.Critical ? "critical" : "low",
                currency = "ZAR",
            });
        }).ToList();
        await publisher.EnqueueInAsync(db, events, ct);
    }
}

/// <summary>
/// <c>meter.reading</c>: one event per stored reading, queued in the batch's own transaction (so a crash after the
/// commit loses none); the delivery worker is woken once the batch has committed. A batch whose estates nobody
/// subscribes to costs one dictionary look-up (the subscription cache), so ingestion is not slowed for them.
/// </summary>
public sealed class MeterReadingWebhooks(WebhookPublisher publisher) : IBatchOutbox
{
    private int queued;

    public async Task AddInBatchAsync(QuantifyDbContext db, BatchCommitted batch, CancellationToken ct)
    {
        var estates = await publisher.EstatesListeningAsync(WebhookEvents.MeterReading, ct);
        if (estates.Count == 0) return;
        var wanted = batch.Readings.Where(r => estates.Contains(r.Meter.EstateId)).ToList();
        if (wanted.Count == 0) return;
        var meterIds = wanted.Select(r => r.Meter.Id).Distinct().ToList();
        var meters = await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id)).Select(m => new { m.Id, m.SerialNumber, m.DeviceEui })
            .ToDictionaryAsync(m => m.Id, ct);
        var events = wanted.Select(r => new WebhookEvent(r.Meter.EstateId, WebhookEvents.MeterReading, $"{WebhookEvents.MeterReading}:{r.Reading.Id}", new
        {
            readingId = r.Reading.Id,
            meterId = r.Meter.Id,
            serialNumber = meters.GetValueOrDefault(r.Meter.Id)?.SerialNumber,
            deviceEui = meters.GetValueOrDefault(r.Meter.Id)?.DeviceEui,
            meterType = r.Meter.Type.ToString(),
            unitId = r.Meter.UnitId,
            readAt = r.Reading.ReadAt,
            register = r.Reading.Register,
            consumption = r.Reading.Consumption,
            amount = r.Reading.Amount,
            status = r.Reading.Status.ToString(),
        })).ToList();
        Interlocked.Add(ref queued, await publisher.EnqueueInAsync(db, events, ct));
    }

    /// <summary>Wakes the delivery worker if the batch queued anything (otherwise its next poll finds the rows).</summary>
    public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref queued, 0) > 0) publisher.WakeDelivery();
        return Task.CompletedTask;
    }
}
