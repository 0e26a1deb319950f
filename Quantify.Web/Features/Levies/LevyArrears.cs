using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Arrears;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Features.Arrears;

namespace Quantify.Web.Features.Levies;

/// <summary>
/// Levy receivables in arrears, as rows of the arrears report (so they are aged, reported and escalated with the
/// wallet pockets). Levies deducted from wallets need nothing here: a Levy pocket below zero is already a pocket in
/// arrears. A receivable's lines are replayed in posting order (value date, then transaction); its episode is keyed by
/// the transaction that took it below zero and recorded against the unit's wallet with <see cref="Pocket.Levy"/>.
/// </summary>
public static class LevyArrears
{
    public static async Task<List<ArrearsRow>> ReceivableRowsAsync(QuantifyDbContext db, int estateId, DateOnly today, CancellationToken ct)
    {
        var owing = (await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estateId && a.Kind == AccountKind.LevyReceivable)
                .Select(a => new { a.Id, a.Code, a.Balance }).ToListAsync(ct))
            .Where(a => a.Balance < 0).Select(a => (a.Id, UnitId: AccountCode.Parse(a.Code).UnitId!.Value, a.Balance)).ToList();
        if (owing.Count == 0) return [];
        var accountIds = owing.Select(a => a.Id).ToList();
        var lines = (await (from l in db.LedgerLines.AsNoTracking()
                            join t in db.LedgerTransactions on l.TransactionId equals t.Id
                            where accountIds.Contains(l.AccountId)
                            select new { l.AccountId, t.Id, t.ValueDate, l.Amount }).ToListAsync(ct)).ToLookup(l => l.AccountId);
        var unitIds = owing.Select(a => a.UnitId).ToList();
        var units = await (from u in db.Units.AsNoTracking()
                           join w in db.Wallets on u.Id equals w.UnitId
                           where unitIds.Contains(u.Id)
                           select new { u.Id, u.UnitNumber, WalletId = w.Id }).ToDictionaryAsync(u => u.Id, ct);
        var tenants = (await db.Tenancies.AsNoTracking()
                .Where(t => unitIds.Contains(t.UnitId) && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
                .OrderBy(t => t.StartDate).Select(t => new { t.UnitId, t.Person.FirstName, t.Person.LastName }).ToListAsync(ct))
            .GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => $"{t.FirstName} {t.LastName}")));
        var walletIds = units.Values.Select(u => u.WalletId).ToList();
        var steps = (await db.ArrearsEscalations.AsNoTracking().Where(e => walletIds.Contains(e.WalletId) && e.Pocket == Pocket.Levy)
                .Select(e => new { e.WalletId, e.EpisodeStartSequence, e.Step }).ToListAsync(ct))
            .GroupBy(e => (e.WalletId, e.EpisodeStartSequence)).ToDictionary(g => g.Key, g => g.Max(e => e.Step));

        var rows = new List<ArrearsRow>();
        foreach (var account in owing)
        {
            if (!units.TryGetValue(account.UnitId, out var unit)) continue;
            var ordered = lines[account.Id].OrderBy(l => l.ValueDate).ThenBy(l => l.Id).ToList();
            var episode = ArrearsAgeing.CurrentEpisode(ordered.Select(l => new PocketLine(l.Id, l.Amount, l.ValueDate)));
            if (episode is null) continue;
            var days = ArrearsAgeing.DaysInArrears(episode.Since, today);
            var bucket = ArrearsAgeing.Bucket(days);
            var paid = ordered.LastOrDefault(l => l.Amount > 0);
            rows.Add(new ArrearsRow(unit.Id, unit.UnitNumber, tenants.GetValueOrDefault(unit.Id), unit.WalletId, Pocket.Levy, account.Balance, -account.Balance,
                0m, false, episode.Since, days, bucket, ArrearsAgeing.Label(bucket), episode.StartSequence, false,
                steps.TryGetValue((unit.WalletId, episode.StartSequence), out var s) ? s : null, paid?.ValueDate, paid?.Amount));
        }
        return rows;
    }
}
