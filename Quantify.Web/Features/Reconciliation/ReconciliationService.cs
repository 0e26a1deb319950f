using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.Payments;

namespace Quantify.Web.Features.Reconciliation;

/// <summary>One check's outcome: what was found and the offending rows.</summary>
public sealed record CheckOutcome(string Check, string Title, bool Passed, string Summary, IReadOnlyList<string> Rows);

public sealed record ReconciliationReport(DateOnly Day, IReadOnlyList<CheckOutcome> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
    public string Summary => Passed
        ? $"Reconciliation {Day:yyyy-MM-dd}: all {Checks.Count} checks passed."
        : $"Reconciliation {Day:yyyy-MM-dd}: {Checks.Count(c => !c.Passed)} of {Checks.Count} checks FAILED ({string.Join(", ", Checks.Where(c => !c.Passed).Select(c => c.Check))}).";
}

public sealed class ReconciliationOptions
{
    /// <summary>An unmatched EFT deposit older than this many days fails the daily check.</summary>
    public int UnmatchedDepositDays { get; set; } = 7;
    /// <summary>A dead letter waiting longer than this many hours fails the daily check.</summary>
    public int DeadLetterHours { get; set; } = 24;
}

/// <summary>
/// The daily reconciliation (seed 004 §8.6: no manual reconciliation). Runs every check for a day, stores each result
/// (a rerun of the same day replaces it) and emails the admins when anything fails. Checks: hash chains, cached
/// balances, readings billed exactly once, PayFast payments = top-up postings = clearing movements, unmatched EFT
/// deposits by age, bulk-vs-units loss within each estate's threshold, relay commands stuck past expiry, dead letters
/// waiting, and each estate's trust bank balance against what it owes (docs/reconciliation.md).
/// </summary>
public sealed class ReconciliationService(IDbContextFactory<QuantifyDbContext> factory, LedgerVerifier verifier, TimeProvider clock,
    ReconciliationOptions options, IEmailSender email, ILogger<ReconciliationService> log)
{
    public const int MaxRows = 50;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly IReadOnlyList<(string Check, string Title)> Checks =
    [
        ("ledger-chains", "Every wallet hash chain verifies"),
        ("account-balances", "Every cached balance equals the sum of its lines"),
        ("readings-billed", "Every billed reading posted exactly once; no posting without its reading"),
        ("payfast", "PayFast payments = top-up postings = clearing movements"),
        ("eft-unmatched", "Unmatched EFT deposits and their age"),
        ("bulk-loss", "Bulk-vs-units loss within the estate threshold"),
        ("relay-commands", "Relay commands stuck past their expiry"),
        ("dead-letters", "Dead letters waiting"),
        ("trust-bank", "Trust bank balance = residents' wallets + payables − receivables, per estate"),
    ];

    /// <summary>Today in South Africa: the day the nightly job reconciles (the day that just ended when run after midnight is <see cref="Yesterday"/>).</summary>
    public DateOnly Yesterday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Default).DateTime).AddDays(-1);

    public async Task<ReconciliationReport> RunAsync(DateOnly day, bool notify = true, CancellationToken ct = default)
    {
        var outcomes = new List<CheckOutcome>();
        var verification = await verifier.VerifyAsync(ct: ct);
        static bool IsBalance(LedgerProblem p) => p.Sequence is null && p.TransactionNumber is null && p.AccountCode is not null && p.Message.StartsWith("Account ", StringComparison.Ordinal);
        var chainProblems = verification.Problems.Where(p => !IsBalance(p)).Select(p => p.Message).ToList();
        var balanceProblems = verification.Problems.Where(IsBalance).Select(p => p.Message).ToList();
        outcomes.Add(Outcome("ledger-chains", chainProblems, $"{Quantify.Domain.Common.Plural.Count(verification.WalletsChecked, "chain")}, {Quantify.Domain.Common.Plural.Count(verification.LinesChecked, "line")} verified."));
        outcomes.Add(Outcome("account-balances", balanceProblems, $"{Quantify.Domain.Common.Plural.Count(verification.AccountsChecked, "account balance")} equal their lines."));

        await using var db = await factory.CreateDbContextAsync(ct);
        var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2));
        outcomes.Add(await ReadingsAsync(db, endOfDay, ct));
        outcomes.Add(await PayFastAsync(db, endOfDay, ct));
        outcomes.Add(await DepositsAsync(db, day, ct));
        outcomes.Add(await LossAsync(db, day, ct));
        outcomes.Add(await CommandsAsync(db, endOfDay, ct));
        outcomes.Add(await DeadLettersAsync(db, endOfDay, ct));
        outcomes.Add(await TrustBankAsync(db, endOfDay, ct));

        var report = new ReconciliationReport(day, outcomes);
        await StoreAsync(db, report, ct);
        if (!report.Passed)
        {
            log.LogWarning("{Summary}", report.Summary);
            if (notify) await NotifyAdminsAsync(db, report, ct);
        }
        return report;
    }

    public async Task<IReadOnlyList<ReconciliationResult>> ForDayAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ReconciliationResults.AsNoTracking().Where(r => r.Day == day).OrderBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Per day (newest first): how many checks ran and which failed.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Checks, IReadOnlyList<string> Failed)>> HistoryAsync(int days = 60, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ReconciliationResults.AsNoTracking().Select(r => new { r.Day, r.Check, r.Passed }).ToListAsync(ct);
        return rows.GroupBy(r => r.Day).OrderByDescending(g => g.Key).Take(days)
            .Select(g => (g.Key, g.Count(), (IReadOnlyList<string>)g.Where(r => !r.Passed).Select(r => r.Check).ToList())).ToList();
    }

    private static CheckOutcome Outcome(string check, IReadOnlyList<string> rows, string okSummary, string? failSummary = null) =>
        new(check, Checks.First(c => c.Check == check).Title, rows.Count == 0, rows.Count == 0 ? okSummary : failSummary ?? $"{Quantify.Domain.Common.Plural.Count(rows.Count, "problem")}: {rows[0]}",
            rows.Take(MaxRows).ToList());

    private static async Task<CheckOutcome> ReadingsAsync(QuantifyDbContext db, DateTimeOffset until, CancellationToken ct)
    {
        // Decimals compared in memory: SQLite stores them as text.
        var billed = (await db.MeterReadings.AsNoTracking().Where(r => r.Status == ReadingStatus.Billed && r.ReceivedAt < until && r.Amount != null)
            .Select(r => new { r.Id, r.Amount }).ToListAsync(ct)).Where(r => r.Amount != 0).ToDictionary(r => r.Id, r => r.Amount!.Value);
        var postings = (await (from t in db.LedgerTransactions.AsNoTracking()
                               where t.IdempotencyKey.StartsWith("reading:") && t.PostedAt < until
                               select new { t.Id, t.Number, t.IdempotencyKey, Wallet = t.Lines.Where(l => l.WalletId != null).Select(l => l.Amount).ToList() })
                .ToListAsync(ct))
            .Select(t => (t.Number, ReadingId: long.TryParse(t.IdempotencyKey.AsSpan(8), NumberStyles.None, Inv, out var id) ? id : -1, Charged: -t.Wallet.Sum()))
            .ToList();
        var reversed = (await db.LedgerTransactions.AsNoTracking().Where(t => t.ReversesId != null).Select(t => t.ReversesId!.Value).ToListAsync(ct)).ToHashSet();
        var posted = postings.ToDictionary(p => p.ReadingId);
        var rows = new List<string>();
        foreach (var (id, amount) in billed.OrderBy(b => b.Key))
        {
            if (!posted.TryGetValue(id, out var p)) rows.Add($"Reading #{id} is billed {Money.Format(amount)} but has no posting (reading:{id}).");
            else if (p.Charged != amount) rows.Add($"Reading #{id} is billed {Money.Format(amount)} but {p.Number} charged {Money.Format(p.Charged)}.");
        }
        var existing = (await db.MeterReadings.AsNoTracking().Where(r => posted.Keys.Contains(r.Id)).Select(r => new { r.Id, r.Status }).ToListAsync(ct)).ToDictionary(r => r.Id, r => r.Status);
        foreach (var p in postings.Where(p => !billed.ContainsKey(p.ReadingId)))
            rows.Add(existing.TryGetValue(p.ReadingId, out var status)
                ? $"{p.Number} charges reading #{p.ReadingId}, which is {status}, not billed."
                : $"{p.Number} charges reading #{p.ReadingId}, which does not exist.");
        return Outcome("readings-billed", rows, $"{Quantify.Domain.Common.Plural.Count(billed.Count, "billed reading")}, each posted once.");
    }

    private static async Task<CheckOutcome> PayFastAsync(QuantifyDbContext db, DateTimeOffset until, CancellationToken ct)
    {
        var payments = (await db.Set<PendingPayment>().AsNoTracking().Where(p => p.Status == PaymentStatus.Completed && p.CompletedAt < until)
            .Select(p => new { p.Reference, p.PfPaymentId, p.Amount }).ToListAsync(ct)).ToList();
        var clearingCode = AccountCode.PayFastClearing.ToString();
        var clearing = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == clearingCode).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct) ?? 0;
        var topUps = (await (from t in db.LedgerTransactions.AsNoTracking()
                             where t.IdempotencyKey.StartsWith("payfast:") && t.PostedAt < until
                             select new
                             {
                                 t.Number, t.IdempotencyKey,
                                 Wallet = t.Lines.Where(l => l.WalletId != null).Select(l => l.Amount).ToList(),
                                 Clearing = t.Lines.Where(l => l.AccountId == clearing).Select(l => l.Amount).ToList(),
                                 NonWallet = t.Lines.Where(l => l.WalletId == null).Select(l => l.Amount).ToList(),
                             }).ToListAsync(ct))
            .ToDictionary(t => t.IdempotencyKey["payfast:".Length..]);
        var rows = new List<string>();
        foreach (var p in payments)
        {
            if (p.PfPaymentId is null || !topUps.TryGetValue(p.PfPaymentId, out var t)) { rows.Add($"PayFast payment {p.Reference} (pf {p.PfPaymentId}) is completed but has no top-up posting."); continue; }
            if (t.Wallet.Sum() != p.Amount) rows.Add($"PayFast payment {p.Reference}: {Money.Format(p.Amount)} paid but {t.Number} credited {Money.Format(t.Wallet.Sum())}.");
            // Clearing takes the gross less PayFast's fee: the non-wallet lines (clearing + fee) mirror the credit.
            if (t.NonWallet.Sum() != -p.Amount || t.Clearing.Count == 0) rows.Add($"PayFast payment {p.Reference}: clearing and fee lines of {t.Number} do not add up to {Money.Format(-p.Amount)}.");
        }
        var known = payments.Where(p => p.PfPaymentId != null).Select(p => p.PfPaymentId!).ToHashSet();
        foreach (var (pf, t) in topUps.Where(t => !known.Contains(t.Key)))
            rows.Add($"{t.Number} credits PayFast payment pf {pf}, which is not a completed payment.");
        return Outcome("payfast", rows, $"{Quantify.Domain.Common.Plural.Count(payments.Count, "completed payment")} match their postings and clearing.");
    }

    private async Task<CheckOutcome> DepositsAsync(QuantifyDbContext db, DateOnly day, CancellationToken ct)
    {
        var open = await (from d in db.Set<BankDeposit>().AsNoTracking()
                          join e in db.Estates on d.EstateId equals e.Id
                          where d.Status == DepositStatus.Unmatched && d.DepositDate <= day
                          orderby d.DepositDate
                          select new { d.Id, d.Reference, d.Amount, d.DepositDate, Estate = e.Name }).ToListAsync(ct);
        var old = open.Where(d => day.DayNumber - d.DepositDate.DayNumber > options.UnmatchedDepositDays)
            .Select(d => $"Deposit #{d.Id} {d.Reference} {Money.Format(d.Amount)} ({d.Estate}) unmatched for {day.DayNumber - d.DepositDate.DayNumber} days.").ToList();
        return Outcome("eft-unmatched", old, open.Count == 0 ? "No unmatched EFT deposits." : $"{Quantify.Domain.Common.Plural.Count(open.Count, "unmatched deposit")}, none older than {options.UnmatchedDepositDays} days.",
            $"{Quantify.Domain.Common.Plural.Count(old.Count, "unmatched deposit")} older than {options.UnmatchedDepositDays} days (of {open.Count} unmatched).");
    }

    private static async Task<CheckOutcome> LossAsync(QuantifyDbContext db, DateOnly day, CancellationToken ct)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2));
        var until = start.AddDays(1);
        var readings = await (from r in db.MeterReadings.AsNoTracking()
                              join m in db.Meters on r.MeterId equals m.Id
                              join e in db.Estates on m.EstateId equals e.Id
                              where r.ReadAt >= start && r.ReadAt < until && r.Consumption != null
                              select new { m.EstateId, Estate = e.Name, e.Settings.LossThresholdPercent, m.Type, r.Consumption }).ToListAsync(ct);
        var rows = new List<string>();
        foreach (var estate in readings.GroupBy(r => (r.EstateId, r.Estate, r.LossThresholdPercent)))
            foreach (var utility in new[] { Utility.Electricity, Utility.Water })
            {
                var bulk = estate.Where(r => r.Type.IsBulk() && r.Type.Utility() == utility).Sum(r => r.Consumption!.Value);
                var units = estate.Where(r => !r.Type.IsBulk() && r.Type.Utility() == utility).Sum(r => r.Consumption!.Value);
                if (bulk <= 0) continue;
                var loss = Math.Round((bulk - units) / bulk * 100m, 1);
                if (loss > estate.Key.LossThresholdPercent)
                    rows.Add(string.Create(Inv, $"{estate.Key.Estate} {utility}: bulk {bulk:0.###}, units {units:0.###}, loss {loss:0.0}% over the threshold of {estate.Key.LossThresholdPercent:0.0}%."));
            }
        return Outcome("bulk-loss", rows, "Every estate's bulk-vs-units loss is within its threshold.");
    }

    private static async Task<CheckOutcome> CommandsAsync(QuantifyDbContext db, DateTimeOffset until, CancellationToken ct)
    {
        var stuck = await db.DeviceCommands.AsNoTracking()
            .Where(c => (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent) && c.ExpiresAt < until)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.MeterId, c.Kind, c.Status, c.ExpiresAt }).ToListAsync(ct);
        return Outcome("relay-commands", stuck.Select(c => $"Command #{c.Id} {c.Kind} for meter #{c.MeterId} is still {c.Status} after it expired at {c.ExpiresAt:yyyy-MM-dd HH:mm}.").ToList(),
            "No command is stuck past its expiry.");
    }

    private async Task<CheckOutcome> DeadLettersAsync(QuantifyDbContext db, DateTimeOffset until, CancellationToken ct)
    {
        var before = until.AddHours(-options.DeadLetterHours);
        var waiting = await db.DeadLetters.AsNoTracking().Where(d => d.Status == DeadLetterStatus.New && d.ReceivedAt < before)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.Source, d.Reason, d.ReceivedAt }).ToListAsync(ct);
        return Outcome("dead-letters", waiting.Select(d => $"Dead letter #{d.Id} from {d.Source} waiting since {d.ReceivedAt:yyyy-MM-dd HH:mm}: {d.Reason}").ToList(),
            $"No dead letter waiting longer than {options.DeadLetterHours} hours.");
    }

    /// <summary>
    /// Per estate: what the trust bank account holds, plus the estate's money still outside it (PayFast clearing not yet
    /// paid out, deposits booked to the operator's bank before trust accounts, refunds payable), must equal residents'
    /// wallets + payables − receivables, where payables include income not yet settled (revenue, VAT, levy income) and
    /// receivables include costs carried (gateway fees, common-property use). In a transaction with an operator-wide line
    /// that line holds, for each estate touched, what the transaction moved for it. A difference means money crossed
    /// estates without passing an operator account (a deposit credited to one estate's resident but banked in another's
    /// trust account) or ledger lines were changed.
    /// </summary>
    private static async Task<CheckOutcome> TrustBankAsync(QuantifyDbContext db, DateTimeOffset until, CancellationToken ct)
    {
        var accounts = await db.LedgerAccounts.AsNoTracking().Select(a => new { a.Id, a.Kind, a.EstateId, a.WalletId }).ToDictionaryAsync(a => a.Id, ct);
        var walletEstate = await (from wl in db.Wallets.AsNoTracking() join u in db.Units on wl.UnitId equals u.Id select new { wl.Id, u.EstateId }).ToDictionaryAsync(x => x.Id, x => x.EstateId, ct);
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where t.PostedAt < until
                           select new { l.TransactionId, l.AccountId, l.Amount }).ToListAsync(ct);
        var estates = await db.Estates.AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var sums = estates.ToDictionary(e => e.Id, _ => new decimal[6]); // held, outside, wallets, payables, income, receivables (+ costs)
        foreach (var transaction in lines.GroupBy(l => l.TransactionId))
        {
            var operatorWide = false;
            var net = new Dictionary<int, decimal>();
            foreach (var l in transaction)
            {
                var a = accounts[l.AccountId];
                var estate = a.WalletId is int w ? walletEstate.GetValueOrDefault(w) : a.EstateId ?? 0;
                if (estate == 0) { operatorWide = true; continue; }
                var slot = a.WalletId is not null ? 2 : a.Kind switch
                {
                    AccountKind.Bank => 0,
                    AccountKind.Payable => 3,
                    AccountKind.EstateRevenue or AccountKind.VatOutput or AccountKind.LevyIncome => 4,
                    _ => 5,
                };
                if (!sums.TryGetValue(estate, out var s)) continue;
                s[slot] += slot is 0 or 5 ? -l.Amount : l.Amount;
                net[estate] = net.GetValueOrDefault(estate) + l.Amount;
            }
            // The operator-wide side (clearing, the operator's bank, refunds payable, imports) holds what this transaction moved for each estate.
            if (operatorWide)
                foreach (var (estate, amount) in net) sums[estate][1] += amount;
        }
        var rows = new List<string>();
        var trusts = 0;
        foreach (var e in estates)
        {
            var s = sums[e.Id];
            if (s.All(x => x == 0)) continue;
            trusts++;
            var owed = s[2] + s[3] + s[4] - s[5];
            var difference = s[0] + s[1] - owed;
            if (difference != 0)
                rows.Add($"{e.Name}: trust bank holds {Money.Format(s[0])} (+ {Money.Format(s[1])} in PayFast clearing or the operator's bank) but residents' wallets {Money.Format(s[2])} + payables {Money.Format(s[3])} + income not yet settled {Money.Format(s[4])} − receivables and costs {Money.Format(s[5])} come to {Money.Format(owed)}: {Money.Format(difference)} unaccounted for.");
        }
        return Outcome("trust-bank", rows, $"{Quantify.Domain.Common.Plural.Count(trusts, "estate")}: the trust bank and money in transit equal wallets + payables − receivables.");
    }

    private async Task StoreAsync(QuantifyDbContext db, ReconciliationReport report, CancellationToken ct)
    {
        await db.ReconciliationResults.Where(r => r.Day == report.Day).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.ReconciliationResults.AddRange(report.Checks.Select(c => new ReconciliationResult
        {
            Day = report.Day, Check = c.Check, Passed = c.Passed, Summary = c.Summary.Length > 1000 ? c.Summary[..1000] : c.Summary, Details = string.Join('\n', c.Rows), RanAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }

    private async Task NotifyAdminsAsync(QuantifyDbContext db, ReconciliationReport report, CancellationToken ct)
    {
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Identity.Roles.Admin && u.Email != null
                            select u.Email!).Distinct().ToListAsync(ct);
        var body = string.Join("\n\n", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Title} ({c.Check}): {c.Summary}\n  " + string.Join("\n  ", c.Rows.Take(10))))
            + "\n\nSee /admin/reconciliation for every offending row.";
        foreach (var to in admins)
        {
            try { await email.SendAsync(to, report.Summary, body, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Reconciliation failure email to {To} not sent", to); }
        }
    }
}
