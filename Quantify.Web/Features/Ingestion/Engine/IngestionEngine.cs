using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>What one batch wrote: the wallets it posted to and the units whose pocket balance crossed a credit threshold.</summary>
public sealed record EngineBatchResult(int Postings, IReadOnlyCollection<int> Wallets, IReadOnlyCollection<int> CrossedUnits);

/// <summary>
/// The single writer of the billed-reading hot path (issue 15). Inside the batch's own transaction, on the provider's
/// connection and without EF change tracking, it inserts the batch's readings already priced with ids it allocates,
/// one consumption transaction and its lines per billed reading (each wallet line in the wallet's hash chain exactly as
/// <see cref="LedgerService"/> builds it), and then updates each touched account balance, wallet chain head and meter
/// state once per batch, all through prepared multi-row statements (<see cref="EngineSql"/>).
/// <para>
/// Wallet state (pocket balances, chain head and length) is kept in memory between batches. It can never silently
/// diverge from the ledger: every chain head update names the length the engine expects, so a wallet posted to by
/// anyone else (a top-up, a fixed charge, a reversal) makes the update miss, the batch roll back and the cache be
/// rebuilt; <see cref="LedgerService"/> also tells the engine (as an <see cref="IWalletPostingListener"/>) so it drops
/// that wallet first. The meters' month-to-date is read per batch with their state rows (one query), because six other
/// features write those rows. Any failure clears the cache (<see cref="Reset"/>).
/// </para>
/// </summary>
public sealed class IngestionEngine(TariffDirectory tariffs, TimeProvider clock, ILogger<IngestionEngine> log, SqliteCheckpointer? checkpointer = null)
    : IWalletPostingListener, IDisposable
{
    private readonly ConcurrentDictionary<int, WalletState> wallets = new();
    private readonly ConcurrentDictionary<int, int> walletOfUnit = new();
    private readonly ConcurrentDictionary<(int, Utility), bool> warnedNoTariff = new();
    private Statements? statements;
    private QuantifyDbContext? keeper;

    /// <summary>Time spent per stage, for docs/performance.md (ticks of <see cref="Stopwatch"/>; summed over batches).</summary>
    public EngineTimings Timings { get; } = new();

    /// <summary>Forgets every cached wallet (after a failed batch or an admin action that posted outside the engine), the prepared statements and the kept connection.</summary>
    public void Reset()
    {
        wallets.Clear();
        ReleaseConnection();
    }

    public void Dispose() => ReleaseConnection();

    /// <summary>
    /// On SQLite, runs the batch's context on the writer's own connection, opened once and kept between batches. Each
    /// time EF Core opens a connection it registers its SQL functions again, and SQLite expires every statement prepared
    /// on that connection when a function is redefined: with a connection per batch, the kept statements were prepared
    /// again in every batch (and the page cache pragma ran again). While the <see cref="SqliteCheckpointer"/> runs, this
    /// connection leaves checkpoints to it (up to its safety net), so no batch waits for one. Call before the batch's
    /// transaction begins.
    /// </summary>
    public async Task UseWriterConnectionAsync(QuantifyDbContext db, IDbContextFactory<QuantifyDbContext> factory, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite) return;
        if (keeper is null)
        {
            var opened = await factory.CreateDbContextAsync(ct);
            try
            {
                await opened.Database.OpenConnectionAsync(ct);
                if (checkpointer is not null)
                {
                    await using var pragma = opened.Database.GetDbConnection().CreateCommand();
                    pragma.CommandText = $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterSafetyNetPages};";
                    await pragma.ExecuteNonQueryAsync(ct);
                }
            }
            catch
            {
                await opened.DisposeAsync();
                throw;
            }
            keeper = opened;
        }
        db.Database.SetDbConnection(keeper.Database.GetDbConnection(), contextOwnsConnection: false);
    }

    /// <summary>Finalizes the kept statements, then closes the kept connection (the next batch opens a fresh one).</summary>
    private void ReleaseConnection()
    {
        statements?.Dialect.Forget();
        keeper?.Dispose();
        keeper = null;
    }

    public void WalletsPosted(IReadOnlyCollection<int> walletIds)
    {
        foreach (var id in walletIds) wallets.TryRemove(id, out _);
    }

    public bool IsCached(int walletId) => wallets.ContainsKey(walletId);

    /// <summary>The writer's kept SQLite connection, between batches (null before the first batch and after a reset); for tests.</summary>
    internal DbConnection? WriterConnection => keeper?.Database.GetDbConnection();

    /// <summary>The kept statements: how many were prepared from their text, and how many SQLite had to prepare again (SQLite only).</summary>
    public (long Prepared, long Reprepared) StatementCounts =>
        statements?.Dialect is SqliteEngineSql sqlite ? (sqlite.Prepared.Prepares, sqlite.Prepared.Reprepares) : (0, 0);

    /// <summary>
    /// Writes the batch. <paramref name="readings"/> are the new readings (assessed, no id yet) in the order they were
    /// assessed; <paramref name="billable"/> those of them with consumption to bill; <paramref name="states"/> the
    /// meters' state rows (read untracked in this transaction, already moved on by the readings); they are written back.
    /// </summary>
    public async Task<EngineBatchResult> WriteAsync(QuantifyDbContext db, IReadOnlyList<MeterReading> readings, IReadOnlyList<BillableReading> billable,
        IReadOnlyDictionary<int, MeterState> states, CancellationToken ct)
    {
        var s = statements ??= new Statements(db, Sql(db));
        var sql = s.Dialect;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("The engine writes inside the batch's transaction.");
        var started = Stopwatch.GetTimestamp();

        var nextReading = await NextIdAsync(connection, transaction, sql.NextId(s.Readings.Columns.Table), ct);
        foreach (var reading in readings) reading.AssignId(nextReading++);

        var priced = await PriceAsync(db, billable, states, ct);
        Timings.Price += Stopwatch.GetTimestamp() - started;

        var postStarted = Stopwatch.GetTimestamp();
        var staged = await StageAsync(db, connection, transaction, sql, s, priced, ct);
        foreach (var (reading, amount) in staged.Charged) reading.MarkBilled(amount);
        Timings.Stage += Stopwatch.GetTimestamp() - postStarted;

        var writeStarted = Stopwatch.GetTimestamp();
        var lap = writeStarted;
        // Chain heads first: a head another writer moved (the cache is stale) fails the batch as a concurrency conflict,
        // before any line could break the (WalletId, Sequence) index.
        var moved = await s.Chains.ExecuteAsync(connection, transaction, staged.Chains, s.ChainChunk, ct);
        if (moved != staged.Chains.Count)
            throw new DbUpdateConcurrencyException($"{staged.Chains.Count - moved} wallet chain(s) were extended by another writer; the batch is rolled back and run again from the database.");
        Timings.WriteChains += Lap();
        await s.Readings.ExecuteAsync(connection, transaction, readings.Select(ReadingRow).ToList(), s.ReadingChunk, ct);
        Timings.WriteReadings += Lap();
        await s.Transactions.ExecuteAsync(connection, transaction, staged.Transactions, s.TransactionChunk, ct);
        Timings.WriteTransactions += Lap();
        await s.Lines.ExecuteAsync(connection, transaction, staged.Lines, s.LineChunk, ct);
        Timings.WriteLines += Lap();
        await s.Balances.ExecuteAsync(connection, transaction, staged.Balances, s.BalanceChunk, ct);
        Timings.WriteBalances += Lap();
        await s.States.ExecuteAsync(connection, transaction, states.Values.Select(StateRow).ToList(), s.StateChunk, ct);
        Timings.WriteStates += Lap();
        Timings.Write += Stopwatch.GetTimestamp() - writeStarted;
        Timings.Batches++;
        Timings.Readings += readings.Count;
        return new EngineBatchResult(staged.Transactions.Count, staged.Wallets, staged.CrossedUnits);

        long Lap()
        {
            var now = Stopwatch.GetTimestamp();
            var elapsed = now - lap;
            lap = now;
            return elapsed;
        }
    }

    /// <summary>
    /// Which of <paramref name="keys"/> (meter, dedupe key) are stored already: one statement per chunk of keys, each
    /// key one probe of the (MeterId, DedupeKey) unique index, in the batch's transaction.
    /// </summary>
    public async Task<HashSet<(int MeterId, string DedupeKey)>> StoredKeysAsync(QuantifyDbContext db, IReadOnlyCollection<(int MeterId, string DedupeKey)> keys, CancellationToken ct)
    {
        var stored = new HashSet<(int, string)>();
        if (keys.Count == 0) return stored;
        var s = statements ??= new Statements(db, Sql(db));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = keys.Select(k => new object?[] { k.MeterId, k.DedupeKey }).ToList();
        foreach (var row in await s.Stored.QueryAsync(connection, transaction, rows, s.StoredChunk, 2, ct))
            stored.Add((Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture), (string)row[1]!));
        return stored;
    }

    private static EngineSql Sql(QuantifyDbContext db) => db.Provider == DatabaseProvider.SqlServer ? new SqlServerEngineSql() : new SqliteEngineSql();

    private static async Task<long> NextIdAsync(DbConnection connection, DbTransaction transaction, string text, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Priced(MeterReading Reading, decimal Total, PostingRequest Request, int UnitId, int EstateId);

    private async Task<(List<Priced> Postings, List<(MeterReading Reading, decimal Amount)> Free)> PriceAsync(QuantifyDbContext db, IReadOnlyList<BillableReading> readings,
        IReadOnlyDictionary<int, MeterState> states, CancellationToken ct)
    {
        var postings = new List<Priced>();
        var free = new List<(MeterReading, decimal)>();
        var billable = readings.Where(r => r.Meter.UnitId is not null && CreditControlService.PocketOf(r.Meter.Type) is not null).ToList();
        if (billable.Count == 0) return (postings, free);
        var unitIds = billable.Select(r => r.Meter.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.EstateId, u.FreeBasicRegistered, u.Occupancy }).ToDictionaryAsync(u => u.Id, ct);
        var estateIds = billable.Select(r => r.Meter.EstateId).Distinct().ToList();
        var commonProperty = (await VacancyBillingService.CommonPropertyEstates(db, estateIds).ToListAsync(ct)).ToHashSet();
        await WalletsOfAsync(db, unitIds, ct);
        var untariffed = new Dictionary<(int EstateId, Utility Utility), (int MeterId, DateTimeOffset At)>();
        foreach (var r in billable.OrderBy(r => r.Reading.ReadAt))
        {
            var meter = r.Meter;
            var unitId = meter.UnitId!.Value;
            var utility = meter.Type.Utility();
            var estate = await tariffs.ForEstateAsync(db, meter.EstateId, ct);
            if (!estate.ByUtility.TryGetValue(utility, out var set)) { untariffed.TryAdd((meter.EstateId, utility), (meter.Id, r.Reading.ReceivedAt)); continue; }
            var unit = units.GetValueOrDefault(unitId);
            var result = ConsumptionPricing.Price(r, set, estate.TimeZone, states[meter.Id], unit?.FreeBasicRegistered ?? false, unit?.Occupancy ?? Occupancy.Occupied,
                commonProperty.Contains(meter.EstateId), walletOfUnit[unitId]);
            if (result.IsFailure) { db.MeterAlerts.Add(ConsumptionPricing.NotPricedAlert(r, result.Errors[0].Message)); continue; }
            if (result.Value.Request is null) free.Add((r.Reading, 0m));
            else postings.Add(new Priced(r.Reading, result.Value.Total, result.Value.Request, unitId, unit?.EstateId ?? meter.EstateId));
        }
        foreach (var ((estateId, utility), (meterId, at)) in untariffed)
            if (warnedNoTariff.TryAdd((estateId, utility), true)) db.MeterAlerts.Add(ConsumptionPricing.NoTariffAlert(estateId, utility, meterId, at));
        return (postings, free);
    }

    /// <summary>The wallet of each unit (opened, with its chain and pocket accounts, for a unit that has none yet).</summary>
    private async Task WalletsOfAsync(QuantifyDbContext db, List<int> unitIds, CancellationToken ct)
    {
        var missing = unitIds.Where(u => !walletOfUnit.ContainsKey(u)).ToList();
        if (missing.Count == 0) return;
        foreach (var w in await db.Wallets.AsNoTracking().Where(w => missing.Contains(w.UnitId)).Select(w => new { w.Id, w.UnitId }).ToListAsync(ct)) walletOfUnit[w.UnitId] = w.Id;
        var opened = missing.Where(u => !walletOfUnit.ContainsKey(u)).ToList();
        foreach (var unitId in opened) walletOfUnit[unitId] = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
        if (opened.Count > 0) await db.SaveChangesAsync(ct);
    }

    private sealed record Staged(List<object?[]> Transactions, List<object?[]> Lines, List<object?[]> Balances, List<object?[]> Chains,
        List<(MeterReading Reading, decimal Amount)> Charged, IReadOnlyCollection<int> Wallets, IReadOnlyCollection<int> CrossedUnits);

    /// <summary>
    /// Builds the ledger rows: the same rules as <see cref="LedgerService.PostBatchInAsync"/> for a new posting (period
    /// check with the late-item rule, numbers from the year's counter, one chained line per wallet line).
    /// </summary>
    private async Task<Staged> StageAsync(QuantifyDbContext db, DbConnection connection, DbTransaction transaction, EngineSql sql, Statements s,
        (List<Priced> Postings, List<(MeterReading, decimal)> Free) priced, CancellationToken ct)
    {
        var charged = new List<(MeterReading, decimal)>(priced.Free);
        var transactions = new List<object?[]>(priced.Postings.Count);
        var lines = new List<object?[]>(priced.Postings.Count * 3);
        if (priced.Postings.Count == 0) return new Staged(transactions, lines, [], [], charged, [], []);

        // Wallet accounts and chains from memory (loaded on a miss); estate accounts read in this transaction.
        var walletIds = new HashSet<int>();
        var others = new HashSet<string>();
        foreach (var p in priced.Postings)
            foreach (var l in p.Request.Lines)
                if (l.Account.WalletId is int w) walletIds.Add(w);
                else others.Add(l.Account.ToString());
        // The batch works on its own references: a wallet the ledger drops from the cache meanwhile is reloaded next batch.
        var batch = await LoadWalletsAsync(db, walletIds, ct);
        var accounts = await OtherAccountsAsync(db, others, ct);
        var before = walletIds.ToDictionary(w => w, w => batch[w].Accounts.ToDictionary(a => a.Key, a => a.Value.Balance));
        var startLength = walletIds.ToDictionary(w => w, w => batch[w].Chain.Length);

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var periods = new Dictionary<(int, int, int), PeriodStatus>();
        var numbers = await TransactionNumbers.AllocateAsync(db, now.UtcDateTime.Year, priced.Postings.Count, ct);
        var nextTransaction = await NextIdAsync(connection, transaction, sql.NextId(s.Transactions.Columns.Table), ct);
        var postedBy = UserContext.Actor?.UserId;
        var touched = new Dictionary<int, LedgerAccount>();
        for (var i = 0; i < priced.Postings.Count; i++)
        {
            var (reading, total, request, _, estateId) = priced.Postings[i];
            if (request.Validate() is { } invalid)
            {
                log.LogError("Reading {Reading} not posted: {Error}", reading.Id, invalid.Message);
                continue;
            }
            if (request.Lines.FirstOrDefault(l => l.Account.WalletId is int w ? !batch[w].Accounts.ContainsKey(l.Account.Pocket!.Value) : !accounts.ContainsKey(l.Account.ToString())) is { Account.IsDefined: true } unknown)
            {
                log.LogError("Reading {Reading} not posted: ledger account '{Account}' does not exist", reading.Id, unknown.Account);
                continue;
            }
            var valueDate = request.ValueDate;
            DateOnly? originalDate = null;
            if (await StatusAsync(estateId, valueDate) != PeriodStatus.Open)
            {
                if (await StatusAsync(estateId, today) != PeriodStatus.Open)
                {
                    log.LogError("Reading {Reading} not posted: both {Month:yyyy-MM} and the current month are closed for estate {Estate}", reading.Id, valueDate, estateId);
                    continue;
                }
                originalDate = valueDate;
                valueDate = today;
            }
            var id = nextTransaction++;
            var number = numbers[i];
            var description = originalDate is null ? request.Description : $"{request.Description} (late item dated {originalDate:yyyy-MM-dd})";
            transactions.Add([id, number, request.Type, valueDate, now, description, request.IdempotencyKey, request.ContentHash(), null, postedBy, estateId, originalDate]);
            foreach (var line in request.Lines)
            {
                if (line.Account.WalletId is int walletId)
                {
                    var wallet = batch[walletId];
                    var account = wallet.Accounts[line.Account.Pocket!.Value];
                    account.Apply(line.Amount);
                    touched[account.Id] = account;
                    var (sequence, previous) = wallet.Chain.Next();
                    var hash = LedgerHash.Next(previous, LedgerHash.Canonical(sequence, walletId, number, request.Type, valueDate, account.Code, line.Amount, request.IdempotencyKey));
                    wallet.Chain.Append(sequence, hash);
                    lines.Add([id, account.Id, line.Amount, walletId, sequence, previous, hash]);
                }
                else
                {
                    var account = accounts[line.Account.ToString()];
                    account.Apply(line.Amount);
                    touched[account.Id] = account;
                    lines.Add([id, account.Id, line.Amount, null, null, null, null]);
                }
            }
            charged.Add((reading, total));
        }

        var balances = touched.Values.Select(a => new object?[] { a.Id, a.Balance }).ToList();
        var chains = new List<object?[]>(walletIds.Count);
        var crossed = new HashSet<int>();
        foreach (var walletId in walletIds)
        {
            var wallet = batch[walletId];
            var start = startLength[walletId];
            if (start != wallet.Chain.Length) chains.Add([walletId, start, wallet.Chain.Length, wallet.Chain.Head]);
            foreach (var (pocket, account) in wallet.Accounts)
                if (wallet.Pockets.TryGetValue(pocket, out var settings) && Crossed(before[walletId][pocket], account.Balance, settings)) crossed.Add(wallet.UnitId);
        }
        return new Staged(transactions, lines, balances, chains, charged, walletIds, crossed);

        async Task<PeriodStatus> StatusAsync(int estate, DateOnly date)
        {
            var key = (estate, date.Year, date.Month);
            if (!periods.TryGetValue(key, out var status)) periods[key] = status = await PeriodService.StatusOnAsync(db, estate, date, ct);
            return status;
        }
    }

    /// <summary>
    /// Whether a pocket's balance moved across a line credit control acts on (the low-balance warning, zero, the credit
    /// limit, the minimum activation amount): only then can its decision change, so only those units are evaluated.
    /// </summary>
    public static bool Crossed(decimal before, decimal after, WalletPocket settings)
    {
        if (before == after) return false;
        foreach (var line in (ReadOnlySpan<decimal>)[settings.LowBalanceThreshold, 0m, -settings.CreditLimit, settings.MinimumActivationAmount])
            if ((before > line) != (after > line) || (before >= line) != (after >= line)) return true;
        return false;
    }

    private async Task<Dictionary<int, WalletState>> LoadWalletsAsync(QuantifyDbContext db, HashSet<int> walletIds, CancellationToken ct)
    {
        var batch = new Dictionary<int, WalletState>(walletIds.Count);
        var missing = new List<int>();
        foreach (var id in walletIds)
            if (wallets.TryGetValue(id, out var state)) batch[id] = state;
            else missing.Add(id);
        if (missing.Count == 0) return batch;
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in missing.Chunk(500))
        {
            var ids = chunk.ToList();
            var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && ids.Contains(a.WalletId.Value) && a.Pocket != null).ToListAsync(ct);
            var chains = await db.WalletChains.AsNoTracking().Where(c => ids.Contains(c.WalletId)).ToDictionaryAsync(c => c.WalletId, ct);
            var owners = await db.Wallets.AsNoTracking().Include(w => w.Pockets).Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
            var byWallet = accounts.GroupBy(a => a.WalletId!.Value).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.Pocket!.Value));
            foreach (var id in ids)
                wallets[id] = batch[id] = new WalletState(id, owners[id].UnitId, byWallet.GetValueOrDefault(id) ?? [], owners[id].Pockets.ToDictionary(p => p.Pocket), chains[id]);
        }
        Timings.LoadWallets += Stopwatch.GetTimestamp() - started;
        return batch;
    }

    /// <summary>Estate and operator accounts by code, read in the batch's transaction; opened on first use like the ledger does.</summary>
    private static async Task<Dictionary<string, LedgerAccount>> OtherAccountsAsync(QuantifyDbContext db, HashSet<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return [];
        var list = codes.ToList();
        var found = await db.LedgerAccounts.AsNoTracking().Where(a => list.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var missing = list.Where(c => !found.ContainsKey(c)).ToList();
        if (missing.Count == 0) return found;
        foreach (var code in missing) db.LedgerAccounts.Add(LedgerAccount.Open(AccountCode.Parse(code)));
        await db.SaveChangesAsync(ct);
        foreach (var entry in db.ChangeTracker.Entries<LedgerAccount>().ToList()) entry.State = EntityState.Detached;
        return await db.LedgerAccounts.AsNoTracking().Where(a => list.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
    }

    private static object?[] ReadingRow(MeterReading r) =>
    [
        r.Id, r.MeterId, r.ReadAt, r.ReceivedAt, r.Register, r.Consumption, r.DedupeKey, r.Source, r.Status, r.Amount, r.RelayClosed, r.TemperatureC,
        r.Leak, r.Tamper, r.HoldReason, r.DeviceReadAt, r.ResolvedAt,
    ];

    private static object?[] StateRow(MeterState s) =>
    [
        s.MeterId, s.CommsStatus, s.LastReading, s.LastReadingAt, s.LastSeenAt, s.RelayClosed, s.BillingMonth, s.BillingMonthQuantity,
        s.BillingMonthFreeBasicUsed, s.BillingMonthCostUnrounded,
    ];

    /// <summary>The engine's statements, built once from the EF model (column names and type mappings) for the provider.</summary>
    private sealed class Statements
    {
        public Statements(DbContext db, EngineSql sql)
        {
            Dialect = sql;
            var readings = EngineColumns.For<MeterReading>(db, nameof(MeterReading.Id), nameof(MeterReading.MeterId), nameof(MeterReading.ReadAt),
                nameof(MeterReading.ReceivedAt), nameof(MeterReading.Register), nameof(MeterReading.Consumption), nameof(MeterReading.DedupeKey),
                nameof(MeterReading.Source), nameof(MeterReading.Status), nameof(MeterReading.Amount), nameof(MeterReading.RelayClosed),
                nameof(MeterReading.TemperatureC), nameof(MeterReading.Leak), nameof(MeterReading.Tamper), nameof(MeterReading.HoldReason),
                nameof(MeterReading.DeviceReadAt), nameof(MeterReading.ResolvedAt));
            Readings = new EngineStatement(sql, readings, n => sql.Insert(readings.Table, readings.Names, n, explicitIds: true));
            ReadingChunk = sql.RowsPerStatement(readings.Names.Count);
            var transactions = EngineColumns.For<LedgerTransaction>(db, nameof(LedgerTransaction.Id), nameof(LedgerTransaction.Number), nameof(LedgerTransaction.Type),
                nameof(LedgerTransaction.ValueDate), nameof(LedgerTransaction.PostedAt), nameof(LedgerTransaction.Description), nameof(LedgerTransaction.IdempotencyKey),
                nameof(LedgerTransaction.ContentHash), nameof(LedgerTransaction.ReversesId), nameof(LedgerTransaction.PostedById), nameof(LedgerTransaction.EstateId),
                nameof(LedgerTransaction.OriginalValueDate));
            Transactions = new EngineStatement(sql, transactions, n => sql.Insert(transactions.Table, transactions.Names, n, explicitIds: true));
            TransactionChunk = sql.RowsPerStatement(transactions.Names.Count);
            var lines = EngineColumns.For<LedgerLine>(db, nameof(LedgerLine.TransactionId), nameof(LedgerLine.AccountId), nameof(LedgerLine.Amount),
                nameof(LedgerLine.WalletId), nameof(LedgerLine.Sequence), nameof(LedgerLine.PreviousHash), nameof(LedgerLine.Hash));
            Lines = new EngineStatement(sql, lines, n => sql.Insert(lines.Table, lines.Names, n, explicitIds: false));
            LineChunk = sql.RowsPerStatement(lines.Names.Count, 192);
            var balances = EngineColumns.For<LedgerAccount>(db, nameof(LedgerAccount.Id), nameof(LedgerAccount.Balance));
            Balances = new EngineStatement(sql, balances, n => sql.Update(balances.Table, balances.Names.Take(1).ToList(), balances.Names.Skip(1).ToList(), n));
            BalanceChunk = sql.RowsPerStatement(balances.Names.Count, 128);
            var chains = EngineColumns.For<WalletChain>(db, nameof(WalletChain.WalletId), nameof(WalletChain.Length), nameof(WalletChain.Length), nameof(WalletChain.Head));
            Chains = new EngineStatement(sql, chains, n => sql.Update(chains.Table, chains.Names.Take(2).ToList(), chains.Names.Skip(2).ToList(), n));
            ChainChunk = sql.RowsPerStatement(chains.Names.Count, 128);
            var states = EngineColumns.For<MeterState>(db, nameof(MeterState.MeterId), nameof(MeterState.CommsStatus), nameof(MeterState.LastReading),
                nameof(MeterState.LastReadingAt), nameof(MeterState.LastSeenAt), nameof(MeterState.RelayClosed), nameof(MeterState.BillingMonth),
                nameof(MeterState.BillingMonthQuantity), nameof(MeterState.BillingMonthFreeBasicUsed), nameof(MeterState.BillingMonthCostUnrounded));
            States = new EngineStatement(sql, states, n => sql.Update(states.Table, states.Names.Take(1).ToList(), states.Names.Skip(1).ToList(), n));
            StateChunk = sql.RowsPerStatement(states.Names.Count, 128);
            var stored = EngineColumns.For<MeterReading>(db, nameof(MeterReading.MeterId), nameof(MeterReading.DedupeKey));
            Stored = new EngineStatement(sql, stored, n => sql.Matching(stored.Table, stored.Names, n));
            StoredChunk = sql.RowsPerStatement(stored.Names.Count, 500);
        }

        public EngineSql Dialect { get; }
        public EngineStatement Readings { get; }
        public int ReadingChunk { get; }
        public EngineStatement Transactions { get; }
        public int TransactionChunk { get; }
        public EngineStatement Lines { get; }
        public int LineChunk { get; }
        public EngineStatement Balances { get; }
        public int BalanceChunk { get; }
        public EngineStatement Chains { get; }
        public int ChainChunk { get; }
        public EngineStatement States { get; }
        public int StateChunk { get; }
        public EngineStatement Stored { get; }
        public int StoredChunk { get; }
    }
}
