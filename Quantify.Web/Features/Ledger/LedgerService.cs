using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.Ledger;

/// <summary>The posted (or replayed) transaction and the balances of the accounts it touched, after it.</summary>
public sealed record PostingResult(long TransactionId, string Number, bool Replayed, IReadOnlyDictionary<AccountCode, decimal> Balances);

public sealed record PocketBalance(Pocket Pocket, decimal Balance, decimal LowBalanceThreshold, decimal MinimumActivationAmount, decimal CreditLimit, bool IsSuspended);

/// <summary>One in-process lock per wallet, so postings to a wallet are chained one after the other.</summary>
public sealed class WalletLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> locks = new();

    public async Task<IDisposable> AcquireAsync(IEnumerable<int> walletIds, CancellationToken ct)
    {
        var taken = new List<SemaphoreSlim>();
        foreach (var id in walletIds.Distinct().Order())
        {
            var gate = locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct);
            taken.Add(gate);
        }
        return new Release(taken);
    }

    private sealed class Release(List<SemaphoreSlim> taken) : IDisposable
    {
        public void Dispose()
        {
            foreach (var g in taken) g.Release();
        }
    }
}

/// <summary>
/// The only way money moves. A posting is balanced (lines sum to zero), idempotent on its key, chained per wallet
/// (SHA-256 over the previous hash and the line's canonical bytes) and appended inside one database transaction that
/// also updates the cached account balances. Nothing is ever updated or deleted: corrections are reversals.
/// </summary>
/// <summary>Told after a posting to one or more wallets has committed (credit control listens: a top-up may reconnect supply).</summary>
public interface IWalletPostingListener
{
    void WalletsPosted(IReadOnlyCollection<int> walletIds);
}

public sealed class LedgerService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, WalletLocks locks, IEnumerable<IWalletPostingListener>? listeners = null)
{
    public async Task<Result<PostingResult>> PostAsync(PostingRequest request, CancellationToken ct = default)
    {
        var invalid = Validate(request);
        if (invalid is not null) return Result<PostingResult>.Fail(invalid);
        await using (var peek = await factory.CreateDbContextAsync(ct))
        {
            var replay = await ReplayAsync(peek, request, ct);
            if (replay is not null) return replay;
        }
        var walletIds = request.WalletIds();
        for (var attempt = 1; ; attempt++)
        {
            using var held = await locks.AcquireAsync(walletIds, ct);
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await PostInAsync(db, request, ct);
                if (result.IsFailure) return result;
                await tx.CommitAsync(ct);
                if (!result.Value.Replayed && walletIds.Length > 0)
                    foreach (var listener in listeners ?? []) listener.WalletsPosted(walletIds);
                return result;
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || IsUnique(ex)))
            {
                // Another process chained the same wallet or used the same key: look again.
                await tx.RollbackAsync(ct);
                await using var again = await factory.CreateDbContextAsync(ct);
                var replay = await ReplayAsync(again, request, ct);
                if (replay is not null) return replay;
            }
        }
    }

    /// <summary>Posts inside a unit of work the caller owns (e.g. an ingestion batch). The caller must hold the wallet locks or be the only writer.</summary>
    public async Task<Result<PostingResult>> PostInAsync(QuantifyDbContext db, PostingRequest request, CancellationToken ct)
    {
        var invalid = Validate(request);
        if (invalid is not null) return Result<PostingResult>.Fail(invalid);
        var replay = await ReplayAsync(db, request, ct);
        if (replay is not null) return replay;
        var staged = (await PostBatchInAsync(db, [request], ct))[0];
        if (staged.IsFailure) return staged;
        await db.SaveChangesAsync(ct);
        var transaction = db.LedgerTransactions.Local.Single(t => t.IdempotencyKey == request.IdempotencyKey);
        var codes = request.Lines.Select(l => l.Account.ToString()).ToHashSet();
        return Result<PostingResult>.Ok(new PostingResult(transaction.Id, transaction.Number, false,
            db.LedgerAccounts.Local.Where(a => codes.Contains(a.Code)).ToDictionary(a => a.Account, a => a.Balance)));
    }

    /// <summary>
    /// Posts many requests inside the caller's unit of work with a handful of queries for the lot (the ingestion hot
    /// path): replays found by key in one query, accounts, wallet chains and estates loaded once, period status looked
    /// up once per estate and month. Same rules as <see cref="PostInAsync"/>; nothing is saved: the caller saves and
    /// commits. The caller must be the only writer of these wallets for the duration (a concurrent writer makes the
    /// chain's concurrency check fail the save, and the caller retries).
    /// </summary>
    public async Task<IReadOnlyList<Result<PostingResult>>> PostBatchInAsync(QuantifyDbContext db, IReadOnlyList<PostingRequest> requests, CancellationToken ct)
    {
        var results = new Result<PostingResult>[requests.Count];
        var keys = requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        var existing = (await db.LedgerTransactions.AsNoTracking().Where(t => keys.Contains(t.IdempotencyKey))
            .Select(t => new { t.Id, t.Number, t.ContentHash, t.IdempotencyKey }).ToListAsync(ct)).ToDictionary(t => t.IdempotencyKey);
        var wanted = new HashSet<AccountCode>();
        foreach (var r in requests)
            foreach (var l in r.Lines) wanted.Add(l.Account);
        var texts = wanted.Select(c => c.ToString()).ToList();
        var accounts = (await db.LedgerAccounts.Where(a => texts.Contains(a.Code)).ToListAsync(ct)).ToDictionary(a => a.Account);
        foreach (var code in wanted)
            if (!accounts.ContainsKey(code) && !code.IsWallet)
            {
                // Estate and operator accounts open on first use; wallet accounts only with their wallet.
                var created = LedgerAccount.Open(code);
                db.LedgerAccounts.Add(created);
                accounts[code] = created;
            }
        if (accounts.Values.Any(a => a.Id == 0)) await db.SaveChangesAsync(ct);
        var walletIds = accounts.Values.Where(a => a.WalletId != null).Select(a => a.WalletId!.Value).Distinct().ToList();
        var chains = await db.WalletChains.Where(c => walletIds.Contains(c.WalletId)).ToDictionaryAsync(c => c.WalletId, ct);
        var estateOfWallet = await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where walletIds.Contains(w.Id) select new { w.Id, u.EstateId })
            .ToDictionaryAsync(x => x.Id, x => x.EstateId, ct);
        var periods = new Dictionary<(int, int, int), PeriodStatus>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var seen = new HashSet<string>();
        // Numbers are reserved once per call, for every request that may post (a refused one leaves a gap, never a clash).
        IReadOnlyList<string>? numbers = null;
        var nextNumber = 0;
        var mayPost = requests.Select(r => r.IdempotencyKey).Where(k => !existing.ContainsKey(k)).Distinct().Count();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (request.Validate() is { } invalid) { results[i] = Result<PostingResult>.Fail(invalid); continue; }
            var hash = request.ContentHash();
            if (existing.TryGetValue(request.IdempotencyKey, out var prior))
            {
                results[i] = prior.ContentHash == hash
                    ? Result<PostingResult>.Ok(new PostingResult(prior.Id, prior.Number, true, new Dictionary<AccountCode, decimal>()))
                    : Result<PostingResult>.Fail(new Error("key_reused", $"Idempotency key '{request.IdempotencyKey}' was already used by {prior.Number} for different content; nothing was posted."));
                continue;
            }
            if (!seen.Add(request.IdempotencyKey)) { results[i] = Result<PostingResult>.Fail(new Error("duplicate_in_batch", $"Idempotency key '{request.IdempotencyKey}' appears twice in one batch.")); continue; }
            if (request.Lines.FirstOrDefault(l => !accounts.ContainsKey(l.Account)) is { Account.IsDefined: true } unknown)
            {
                results[i] = Result<PostingResult>.Fail(new Error("unknown_account", $"Ledger account '{unknown.Account}' does not exist."));
                continue;
            }
            var lineAccounts = request.Lines.Select(l => accounts[l.Account]).ToList();
            int? estateId = lineAccounts.Select(a => a.EstateId ?? (a.WalletId is int w && estateOfWallet.TryGetValue(w, out var e) ? e : (int?)null)).FirstOrDefault(e => e is not null);
            var valueDate = request.ValueDate;
            DateOnly? originalDate = null;
            if (estateId is int est && await StatusAsync(est, valueDate) != PeriodStatus.Open)
            {
                if (await StatusAsync(est, today) != PeriodStatus.Open)
                {
                    results[i] = Result<PostingResult>.Fail(new Error("period_closed", $"Both {valueDate:yyyy-MM} and the current month are closed for this estate: reopen a period first."));
                    continue;
                }
                originalDate = valueDate;
                valueDate = today;
            }
            numbers ??= await TransactionNumbers.AllocateAsync(db, now.UtcDateTime.Year, mayPost, ct);
            var transaction = new LedgerTransaction(numbers[nextNumber++], request.Type, valueDate, now,
                originalDate is null ? request.Description : $"{request.Description} (late item dated {originalDate:yyyy-MM-dd})", request.IdempotencyKey,
                hash, request.ReversesId, UserContext.Actor?.UserId) { EstateId = estateId, OriginalValueDate = originalDate };
            for (var l = 0; l < request.Lines.Count; l++)
            {
                var (line, account) = (request.Lines[l], lineAccounts[l]);
                account.Apply(line.Amount);
                if (account.WalletId is int walletId)
                {
                    var chain = chains[walletId];
                    var (sequence, previous) = chain.Next();
                    var lineHash = LedgerHash.Next(previous, LedgerHash.Canonical(sequence, walletId, transaction.Number, request.Type, valueDate, account.Code, line.Amount, request.IdempotencyKey));
                    chain.Append(sequence, lineHash);
                    transaction.Add(new LedgerLine(account.Id, line.Amount, walletId, sequence, previous, lineHash));
                }
                else transaction.Add(new LedgerLine(account.Id, line.Amount, null, null, null, null));
            }
            db.LedgerTransactions.Add(transaction);
            results[i] = Result<PostingResult>.Ok(new PostingResult(0, transaction.Number, false, new Dictionary<AccountCode, decimal>()));
        }
        return results;

        async Task<PeriodStatus> StatusAsync(int estate, DateOnly date)
        {
            var key = (estate, date.Year, date.Month);
            if (!periods.TryGetValue(key, out var status)) periods[key] = status = await PeriodService.StatusOnAsync(db, estate, date, ct);
            return status;
        }
    }

    /// <summary>Opens the unit's wallet (five pockets, their accounts and an empty chain) if it has none. Returns the wallet id.</summary>
    public async Task<int> EnsureWalletAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await EnsureWalletInAsync(db, unitId, ct);
        await db.SaveChangesAsync(ct);
        return id;
    }

    public static async Task<int> EnsureWalletInAsync(QuantifyDbContext db, int unitId, CancellationToken ct)
    {
        var existing = await db.Wallets.Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (existing is int id) return id;
        var wallet = Wallet.Open(unitId);
        db.Wallets.Add(wallet);
        await db.SaveChangesAsync(ct);
        db.WalletChains.Add(new WalletChain(wallet.Id));
        foreach (var pocket in Enum.GetValues<Pocket>())
            db.LedgerAccounts.Add(LedgerAccount.Open(AccountCode.Wallet(wallet.Id, pocket)));
        return wallet.Id;
    }

    /// <summary>
    /// Opens the pockets (and their accounts) a wallet opened before they existed lacks, e.g. <see cref="Pocket.Levy"/>.
    /// Saved by the caller.
    /// </summary>
    public static async Task EnsurePocketsInAsync(QuantifyDbContext db, int walletId, CancellationToken ct)
    {
        var wallet = await db.Wallets.Include(w => w.Pockets).FirstAsync(w => w.Id == walletId, ct);
        wallet.AddMissingPockets();
        var open = (await db.LedgerAccounts.Where(a => a.WalletId == walletId && a.Pocket != null).Select(a => a.Pocket!.Value).ToListAsync(ct)).ToHashSet();
        foreach (var pocket in Enum.GetValues<Pocket>().Where(p => !open.Contains(p) && !db.LedgerAccounts.Local.Any(a => a.WalletId == walletId && a.Pocket == p)))
            db.LedgerAccounts.Add(LedgerAccount.Open(AccountCode.Wallet(walletId, pocket)));
    }

    public async Task<IReadOnlyList<PocketBalance>> BalancesAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var wallet = await db.Wallets.AsNoTracking().Include(w => w.Pockets).FirstOrDefaultAsync(w => w.UnitId == unitId, ct);
        if (wallet is null) return [];
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId == wallet.Id).ToDictionaryAsync(a => a.Pocket!.Value, a => a.Balance, ct);
        return wallet.Pockets.OrderBy(p => p.Pocket)
            .Select(p => new PocketBalance(p.Pocket, balances.GetValueOrDefault(p.Pocket), p.LowBalanceThreshold, p.MinimumActivationAmount, p.CreditLimit, p.IsSuspended)).ToList();
    }

    /// <summary>Corrects a posted transaction by posting its exact opposite, referencing it. A transaction is reversed at most once.</summary>
    public async Task<Result<PostingResult>> ReverseAsync(long transactionId, string reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var original = await db.LedgerTransactions.AsNoTracking().Include(t => t.Lines).FirstOrDefaultAsync(t => t.Id == transactionId, ct);
        if (original is null) return Result<PostingResult>.Fail(new Error("not_found", $"Transaction #{transactionId} does not exist."));
        var accountIds = original.Lines.Select(l => l.AccountId).ToList();
        var codes = await db.LedgerAccounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var reversal = Postings.Reversal(original.Id, original.Number, original.Type,
            original.Lines.Select(l => new PostingLine(AccountCode.Parse(codes[l.AccountId]), l.Amount)).ToList(), reason, today);
        return reversal.IsFailure ? Result<PostingResult>.Fail(reversal.Errors) : await PostAsync(reversal.Value, ct);
    }

    public static Error? Validate(PostingRequest r) => r.Validate();

    private static async Task<Result<PostingResult>?> ReplayAsync(QuantifyDbContext db, PostingRequest request, CancellationToken ct)
    {
        var existing = await db.LedgerTransactions.AsNoTracking().Where(t => t.IdempotencyKey == request.IdempotencyKey)
            .Select(t => new { t.Id, t.Number, t.ContentHash }).FirstOrDefaultAsync(ct);
        if (existing is null) return null;
        if (existing.ContentHash != request.ContentHash())
            return Result<PostingResult>.Fail(new Error("key_reused",
                $"Idempotency key '{request.IdempotencyKey}' was already used by {existing.Number} for different content; nothing was posted."));
        var codes = request.Lines.Select(l => l.Account.ToString()).ToList();
        var balances = (await db.LedgerAccounts.AsNoTracking().Where(a => codes.Contains(a.Code)).Select(a => new { a.Code, a.Balance }).ToListAsync(ct))
            .ToDictionary(a => AccountCode.Parse(a.Code), a => a.Balance);
        return Result<PostingResult>.Ok(new PostingResult(existing.Id, existing.Number, true, balances));
    }

    /// <summary>The stored content hash of a request (see <see cref="PostingRequest.ContentHash"/>).</summary>
    public static string ContentHash(PostingRequest r) => r.ContentHash();


    private static bool IsUnique(DbUpdateException ex) => MasterData.MasterDataErrors.IsUniqueViolation(ex);
}
