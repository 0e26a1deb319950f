using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ledger;

/// <summary>An estate's ledger lines for a period: how many, and their <see cref="LedgerPeriodHash"/>.</summary>
public sealed record PeriodFingerprint(int EstateId, DateOnly From, DateOnly To, int Transactions, int Lines, string Hash);

public sealed record LedgerProblem(int? WalletId, string? TransactionNumber, long? Sequence, string? AccountCode, string Message);

public sealed record LedgerVerification(int WalletsChecked, int AccountsChecked, long LinesChecked, IReadOnlyList<LedgerProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public string Summary => IsValid
        ? $"Ledger verified: {Quantify.Domain.Common.Plural.Count(WalletsChecked, "wallet chain")}, {Quantify.Domain.Common.Plural.Count(LinesChecked, "chained line")}, {Quantify.Domain.Common.Plural.Count(AccountsChecked, "account balance")}, no problems."
        : $"Ledger NOT valid: {Quantify.Domain.Common.Plural.Count(Problems.Count, "problem")}; first: {Problems[0].Message}";
}

/// <summary>
/// Recomputes every wallet's hash chain from the stored lines and every cached account balance from the sum of its
/// lines, and names the first entry that does not match. Detects rows changed behind the application's back.
/// </summary>
public sealed class LedgerVerifier(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<LedgerVerification> VerifyAsync(int? walletId = null, int? estateId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var wallets = db.Wallets.AsNoTracking();
        if (walletId is int w) wallets = wallets.Where(x => x.Id == w);
        if (estateId is int e) wallets = wallets.Where(x => db.Units.Any(u => u.Id == x.UnitId && u.EstateId == e));
        var walletIds = await wallets.Select(x => x.Id).ToListAsync(ct);
        var problems = new List<LedgerProblem>();
        long lines = 0;

        foreach (var id in walletIds)
        {
            var chain = await db.WalletChains.AsNoTracking().SingleAsync(c => c.WalletId == id, ct);
            var rows = await (from l in db.LedgerLines.AsNoTracking()
                              join t in db.LedgerTransactions.AsNoTracking() on l.TransactionId equals t.Id
                              join a in db.LedgerAccounts.AsNoTracking() on l.AccountId equals a.Id
                              where l.WalletId == id
                              orderby l.Sequence
                              select new { l.Sequence, l.PreviousHash, l.Hash, l.Amount, t.Number, t.Type, t.ValueDate, t.IdempotencyKey, a.Code, a.WalletId }).ToListAsync(ct);
            var previous = LedgerHash.Genesis;
            long expected = 1;
            foreach (var r in rows)
            {
                lines++;
                if (r.WalletId != id) { problems.Add(new(id, r.Number, r.Sequence, r.Code, $"{r.Number} line {r.Sequence} is chained to wallet {id} but books to another wallet's account {r.Code}.")); break; }
                if (r.Sequence != expected) { problems.Add(new(id, r.Number, r.Sequence, r.Code, $"Wallet {id}: expected chain position {expected}, found {r.Sequence} ({r.Number}): an entry is missing or was inserted.")); break; }
                var hash = LedgerHash.Next(previous, LedgerHash.Canonical(r.Sequence!.Value, id, r.Number, r.Type, r.ValueDate, r.Code, r.Amount, r.IdempotencyKey));
                if (r.PreviousHash != previous || r.Hash != hash)
                {
                    problems.Add(new(id, r.Number, r.Sequence, r.Code, $"Wallet {id}: entry {r.Number} (position {r.Sequence}, {r.Code}, {Quantify.Domain.Common.Money.Format(r.Amount)}) does not match its hash: it was changed after posting."));
                    break;
                }
                previous = hash;
                expected++;
            }
            if (problems.All(p => p.WalletId != id) && (chain.Length != expected - 1 || chain.Head != previous))
                problems.Add(new(id, null, chain.Length, null, $"Wallet {id}: the chain head says {chain.Length} entries but {expected - 1} were found."));
        }

        var accounts = db.LedgerAccounts.AsNoTracking();
        if (walletId is not null || estateId is not null) accounts = accounts.Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value));
        var cached = await accounts.Select(a => new { a.Id, a.Code, a.Balance, a.WalletId }).ToListAsync(ct);
        var ids = cached.Select(a => a.Id).ToList();
        var sums = (await db.LedgerLines.AsNoTracking().Where(l => ids.Contains(l.AccountId)).Select(l => new { l.AccountId, l.Amount }).ToListAsync(ct))
            .GroupBy(l => l.AccountId).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        foreach (var a in cached)
        {
            var actual = sums.GetValueOrDefault(a.Id);
            if (actual != a.Balance)
                problems.Add(new(a.WalletId, null, null, a.Code, $"Account {a.Code}: cached balance {Quantify.Domain.Common.Money.Format(a.Balance)} but its lines sum to {Quantify.Domain.Common.Money.Format(actual)}."));
        }
        if (walletId is null && estateId is null)
        {
            var unbalanced = (await db.LedgerLines.AsNoTracking().Select(l => new { l.TransactionId, l.Amount }).ToListAsync(ct))
                .GroupBy(l => l.TransactionId).Where(g => g.Sum(x => x.Amount) != 0).Select(g => g.Key).Take(5).ToList();
            foreach (var t in unbalanced)
                problems.Add(new(null, await db.LedgerTransactions.Where(x => x.Id == t).Select(x => x.Number).FirstAsync(ct), null, null, $"Transaction #{t} does not sum to zero."));
        }
        return new LedgerVerification(walletIds.Count, cached.Count, lines, problems);
    }

    /// <summary>
    /// The fingerprint the audit pack prints: every line of the estate's transactions (the estate whose books each
    /// touches) with a value date from <paramref name="from"/> to <paramref name="to"/>, both included.
    /// </summary>
    public async Task<PeriodFingerprint> PeriodAsync(int estateId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (first, last) = (from, to);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from l in db.LedgerLines.AsNoTracking()
                          join t in db.LedgerTransactions.AsNoTracking() on l.TransactionId equals t.Id
                          join a in db.LedgerAccounts.AsNoTracking() on l.AccountId equals a.Id
                          where t.EstateId == estateId && t.ValueDate >= first && t.ValueDate <= last
                          orderby t.Id, l.Id
                          select new { t.Id, t.Number, t.ValueDate, t.Type, a.Code, l.Amount, t.IdempotencyKey }).ToListAsync(ct);
        var hash = LedgerPeriodHash.Compute(rows.Select(r => LedgerPeriodHash.Canonical(r.Number, r.ValueDate, r.Type, r.Code, r.Amount, r.IdempotencyKey)));
        return new PeriodFingerprint(estateId, from, to, rows.Select(r => r.Id).Distinct().Count(), rows.Count, hash);
    }
}
