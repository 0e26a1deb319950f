using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Ledger;

/// <param name="PaidBy">For a payment: the name of the person who paid (shared wallets show "paid by").</param>
public sealed record WalletEntry(DateTimeOffset PostedAt, DateOnly ValueDate, string Number, TransactionType Type, Pocket Pocket, decimal Amount, string Description, string? PaidBy = null);

/// <summary>A resident's view of their wallet: history per pocket, filtered and paged in the database, and CSV export.</summary>
public sealed class WalletQueries(IDbContextFactory<QuantifyDbContext> factory)
{
    /// <summary>The unit whose wallet this user may see (tenant, family member or owner of it), or null.</summary>
    public static int? UnitFor(UserScope scope, int? requested = null)
    {
        var units = UnitsOf(scope);
        if (requested is int r) return units.Contains(r) ? r : null;
        return units.Count > 0 ? units[0] : null;
    }

    /// <summary>Every unit whose wallet the user can see (tenant, family grant, owner), in a stable order.</summary>
    public static IReadOnlyList<int> UnitsOf(UserScope scope) => scope.TenantUnits.Concat(scope.FamilyUnits).Concat(scope.OwnerUnits).Distinct().Order().ToList();

    /// <summary>"Estate · unit" labels for the wallet page's unit picker, in the order given.</summary>
    public async Task<IReadOnlyList<(int Id, string Label)>> UnitLabelsAsync(IReadOnlyList<int> unitIds, CancellationToken ct = default)
    {
        if (unitIds.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var labels = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.UnitNumber, Estate = u.Estate.Name }).ToDictionaryAsync(u => u.Id, ct);
        return unitIds.Where(labels.ContainsKey).Select(id => (id, $"{labels[id].Estate} · {labels[id].UnitNumber}")).ToList();
    }

    public async Task<(IReadOnlyList<WalletEntry> Items, int Total)> HistoryAsync(int unitId, Pocket? pocket, DateOnly? from, DateOnly? to, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from l in db.LedgerLines.AsNoTracking()
                join a in db.LedgerAccounts on l.AccountId equals a.Id
                join w in db.Wallets on a.WalletId equals w.Id
                join t in db.LedgerTransactions on l.TransactionId equals t.Id
                where w.UnitId == unitId
                from pay in db.Payments.Where(x => x.LedgerTransactionId == t.Id).DefaultIfEmpty()
                from payer in db.Users.Where(x => pay != null && x.Id == pay.CreatedById).DefaultIfEmpty()
                select new { t.PostedAt, t.ValueDate, t.Number, t.Type, Pocket = a.Pocket!.Value, l.Amount, t.Description, l.Id, PaidBy = payer == null ? null : payer.DisplayName };
        if (pocket is Pocket p) q = q.Where(x => x.Pocket == p);
        if (from is DateOnly f) q = q.Where(x => x.ValueDate >= f);
        if (to is DateOnly t2) q = q.Where(x => x.ValueDate <= t2);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows.Select(x => new WalletEntry(x.PostedAt, x.ValueDate, x.Number, x.Type, x.Pocket, x.Amount, x.Description, x.PaidBy)).ToList(), total);
    }

    public async Task<string> CsvAsync(int unitId, Pocket? pocket, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var (items, _) = await HistoryAsync(unitId, pocket, from, to, 0, int.MaxValue, ct);
        var sb = new StringBuilder("Posted (UTC),Value date,Number,Type,Pocket,Amount (ZAR),Description\n");
        foreach (var e in items)
            sb.Append(CultureInfo.InvariantCulture, $"{e.PostedAt:yyyy-MM-dd HH:mm:ss},{e.ValueDate:yyyy-MM-dd},{e.Number},{e.Type},{e.Pocket},{e.Amount.ToString("0.00", CultureInfo.InvariantCulture)},\"{e.Description.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        return sb.ToString();
    }

    public async Task<int?> EstateOfWalletAsync(int walletId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where w.Id == walletId select (int?)u.EstateId).FirstOrDefaultAsync(ct);
    }

    public async Task<int?> EstateOfUnitAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Units.Where(u => u.Id == unitId).Select(u => (int?)u.EstateId).FirstOrDefaultAsync(ct);
    }
}
