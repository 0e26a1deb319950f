using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Settlement;

/// <summary>
/// Settlement of closed months (docs/settlement.md): payees and rule versions per estate, a preview, the run (revenue,
/// VAT and levies → payables, one posting keyed on the run, at most one posted run per estate and month), statements,
/// payout batches under maker-checker, "mark paid" (payable → trust bank) and the reversal of a run not yet paid.
/// Each change happens in one database transaction with its posting: nothing is half-posted.
/// </summary>
public sealed class SettlementService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TimeProvider clock, ILogger<SettlementService> log)
{
    // ---- Payees and rules ----------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<Payee>> PayeesAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Payees.AsNoTracking().Where(p => p.EstateId == estateId).OrderBy(p => p.Kind).ThenBy(p => p.Name).ToListAsync(ct);
    }

    public async Task<Result<Payee>> AddPayeeAsync(int estateId, string name, PayeeKind kind, string bankName, string branchCode, string accountNumber, string reference,
        CancellationToken ct = default)
    {
        var created = Payee.Create(estateId, name, kind, bankName, branchCode, accountNumber, reference);
        if (created.IsFailure) return created;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Payees.AnyAsync(p => p.EstateId == estateId && p.Name == created.Value.Name, ct))
            return Result<Payee>.Fail(new Error("duplicate", $"The estate already has a payee named '{created.Value.Name}'.", nameof(Payee.Name)));
        db.Payees.Add(created.Value);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Payee {PayeeId} added to estate {EstateId}: {Payee}", created.Value.Id, estateId, created.Value.ToString());
        return created;
    }

    public async Task<IReadOnlyList<SettlementRuleVersion>> RulesAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SettlementRuleVersions.AsNoTracking().Where(v => v.EstateId == estateId).OrderBy(v => v.Utility).ThenBy(v => v.EffectiveFrom).ToListAsync(ct);
    }

    /// <summary>
    /// Adds a rule version, refusing (each error naming its field): an overlap with a version of the same utility; a
    /// version covering a month that is closed or locked, or already settled, for the estate (its figures can no longer
    /// change under a new rule: end the current version after the last settled month instead); payees of another estate.
    /// </summary>
    public async Task<Result<SettlementRuleVersion>> AddRuleAsync(SettlementRuleVersion version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = new List<Error>();
        var from = version.EffectiveFrom.Year * 12 + version.EffectiveFrom.Month;
        var to = version.EffectiveTo is { } end ? end.Year * 12 + end.Month : int.MaxValue;
        var closed = (await db.FinancialPeriods.AsNoTracking().Where(p => p.EstateId == version.EstateId && p.Status != PeriodStatus.Open)
                .Select(p => new { p.Year, p.Month }).ToListAsync(ct))
            .Where(p => p.Year * 12 + p.Month >= from && p.Year * 12 + p.Month < to).OrderBy(p => p.Year * 12 + p.Month).ToList();
        if (closed.Count > 0)
            errors.Add(new Error("period_closed", $"{closed[^1].Year}-{closed[^1].Month:00} is closed: a new version starts after the last closed month.",
                nameof(SettlementRuleVersion.EffectiveFrom)));
        var settled = (await db.SettlementRuns.AsNoTracking().Where(r => r.EstateId == version.EstateId && r.Status == SettlementRunStatus.Posted)
                .Select(r => new { r.Year, r.Month }).ToListAsync(ct))
            .Where(r => r.Year * 12 + r.Month >= from && r.Year * 12 + r.Month < to).OrderBy(r => r.Year * 12 + r.Month).ToList();
        if (settled.Count > 0)
            errors.Add(new Error("settled", $"{settled[^1].Year}-{settled[^1].Month:00} is already settled: a new version starts after the last settled month.",
                nameof(SettlementRuleVersion.EffectiveFrom)));
        var existing = await db.SettlementRuleVersions.Where(v => v.EstateId == version.EstateId).ToListAsync(ct);
        var fits = new SettlementRuleSet(existing).CanAdd(version);
        if (fits.IsFailure) errors.AddRange(fits.Errors);
        if (errors.Count > 0) return Result<SettlementRuleVersion>.Fail(errors);
        var payeeIds = version.Shares.Select(s => s.PayeeId).Append(version.VatPayeeId).Append(version.RemainderPayeeId).Distinct().ToList();
        var own = await db.Payees.Where(p => p.EstateId == version.EstateId && payeeIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (payeeIds.Except(own).FirstOrDefault() is int stranger and > 0)
            return Result<SettlementRuleVersion>.Fail(new Error("unknown_payee", $"Payee #{stranger} is not a payee of this estate.", nameof(SettlementRuleVersion.Shares)));
        db.SettlementRuleVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return Result<SettlementRuleVersion>.Ok(version);
    }

    /// <summary>Ends the open version of a utility before <paramref name="effectiveTo"/> so that a new version can start then.</summary>
    public async Task<Result> EndRuleAsync(int ruleId, DateOnly effectiveTo, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rule = await db.SettlementRuleVersions.FirstOrDefaultAsync(v => v.Id == ruleId, ct);
        if (rule is null) return Result.Fail(new Error("not_found", $"Rule #{ruleId} does not exist."));
        var used = await db.SettlementRuns.AnyAsync(r => r.EstateId == rule.EstateId && r.Status == SettlementRunStatus.Posted
            && (r.Year * 12 + r.Month) >= (effectiveTo.Year * 12 + effectiveTo.Month), ct);
        if (used) return Result.Fail(new Error("settled", $"A month from {effectiveTo:yyyy-MM} on was already settled under this version; reverse that run first.", nameof(SettlementRuleVersion.EffectiveTo)));
        var r = rule.EndBefore(effectiveTo);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// What an unsaved rule version would have paid out of a past month's revenue of its utility (the month's figures
    /// as read before any settlement), without storing or posting anything.
    /// </summary>
    public async Task<Result<IReadOnlyList<SettlementLine>>> PreviewRuleAsync(SettlementRuleVersion candidate, int year, int month, CancellationToken ct = default)
    {
        if (month is < 1 or > 12) return Result<IReadOnlyList<SettlementLine>>.Fail(new Error("invalid", "The month is 1 to 12.", "PreviewMonth"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var preview = await PreviewInAsync(db, candidate.EstateId, year, month, ct);
        var input = preview.Inputs.FirstOrDefault(i => i.Utility == candidate.Utility);
        if (input is null || (input.Revenue == 0 && input.Vat == 0))
            return Result<IReadOnlyList<SettlementLine>>.Fail(new Error("no_revenue", $"{year}-{month:00} has no {candidate.Utility} revenue to preview against.", "PreviewMonth"));
        return SettlementCalculator.Compute(candidate, input);
    }

    // ---- Preview and run -----------------------------------------------------------------------------------------

    public async Task<SettlementPreview> PreviewAsync(int estateId, int year, int month, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PreviewInAsync(db, estateId, year, month, ct);
    }

    private async Task<SettlementPreview> PreviewInAsync(QuantifyDbContext db, int estateId, int year, int month, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        // The estate's source accounts: revenue per utility, VAT output (the operator-wide account, on this estate's
        // transactions, and the estate's own), levy income.
        var accounts = await db.LedgerAccounts.AsNoTracking()
            .Where(a => (a.EstateId == estateId && (a.Kind == AccountKind.EstateRevenue || a.Kind == AccountKind.VatOutput || a.Kind == AccountKind.LevyIncome))
                        || (a.EstateId == null && a.Kind == AccountKind.VatOutput))
            .Select(a => new { a.Id, a.Code, a.Kind }).ToListAsync(ct);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var settlementTx = await db.SettlementRuns.Where(r => r.TransactionId != null).Select(r => r.TransactionId!.Value).ToListAsync(ct);
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where t.EstateId == estateId && t.ValueDate >= first && t.ValueDate <= last && accountIds.Contains(l.AccountId)
                                 && !settlementTx.Contains(t.Id) && !(t.ReversesId != null && settlementTx.Contains(t.ReversesId.Value))
                           select new { l.TransactionId, l.AccountId, l.Amount }).ToListAsync(ct);
        var byId = accounts.ToDictionary(a => a.Id);
        var pocketOf = accounts.Where(a => a.Kind == AccountKind.EstateRevenue).ToDictionary(a => a.Id, a => AccountCode.Parse(a.Code).Pocket!.Value);
        var utilityOfTx = lines.Where(l => byId[l.AccountId].Kind == AccountKind.EstateRevenue)
            .GroupBy(l => l.TransactionId).ToDictionary(g => g.Key, g => UtilityOf(pocketOf[g.First().AccountId]));
        var revenue = new Dictionary<Utility, decimal>();
        var vat = new Dictionary<Utility, decimal>();
        var sources = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var levies = 0m;
        foreach (var l in lines)
        {
            var a = byId[l.AccountId];
            sources[a.Code] = sources.GetValueOrDefault(a.Code) + l.Amount;
            switch (a.Kind)
            {
                case AccountKind.EstateRevenue:
                    var u = UtilityOf(pocketOf[l.AccountId]);
                    revenue[u] = revenue.GetValueOrDefault(u) + l.Amount;
                    break;
                case AccountKind.VatOutput:
                    // VAT follows the utility of the revenue in its transaction (a charge posts both); VAT alone counts as electricity.
                    var of = utilityOfTx.TryGetValue(l.TransactionId, out var tu) ? tu : Utility.Electricity;
                    vat[of] = vat.GetValueOrDefault(of) + l.Amount;
                    break;
                case AccountKind.LevyIncome:
                    levies += l.Amount;
                    break;
            }
        }
        var utilities = revenue.Keys.Union(vat.Keys).Order().ToList();
        var inputs = new List<UtilityPeriodInput>();
        var zone = EstateTime.Default;
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
        var until = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        foreach (var u in utilities)
        {
            var bulkTypes = u == Utility.Water ? new[] { MeterType.BulkWater } : u == Utility.Electricity ? [MeterType.BulkElectricity] : [];
            var bulkReadings = await (from r in db.MeterReadings.AsNoTracking()
                                      join m in db.Meters on r.MeterId equals m.Id
                                      where m.EstateId == estateId && bulkTypes.Contains(m.Type) && r.ReadAt >= since && r.ReadAt < until && r.Consumption != null
                                      select r.Consumption!.Value).ToListAsync(ct);
            var meterTypes = Enum.GetValues<MeterType>().Where(t => !t.IsBulk() && t.Utility() == u).ToList();
            var active = await db.Units.AsNoTracking().CountAsync(x => x.EstateId == estateId && x.IsActive && x.Occupancy == Occupancy.Occupied
                && db.Meters.Any(m => m.UnitId == x.Id && m.IsActive && meterTypes.Contains(m.Type)), ct);
            inputs.Add(new UtilityPeriodInput(u, revenue.GetValueOrDefault(u), vat.GetValueOrDefault(u), bulkReadings.Count > 0 ? bulkReadings.Sum() : null, active));
        }
        var rules = new SettlementRuleSet(await db.SettlementRuleVersions.AsNoTracking().Where(v => v.EstateId == estateId).ToListAsync(ct));
        var levyPayee = await db.Payees.AsNoTracking().Where(p => p.EstateId == estateId && p.IsActive && p.Kind == PayeeKind.BodyCorporate)
            .OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var computed = SettlementCalculator.Compute(rules, year, month, inputs, levies, levyPayee);
        var taken = sources.Where(s => s.Value != 0).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)).ToList();
        return computed.IsFailure
            ? new SettlementPreview(estateId, year, month, inputs, levies, [], taken, computed.Errors)
            : new SettlementPreview(estateId, year, month, inputs, levies, computed.Value, taken, []);
    }

    private static Utility UtilityOf(Pocket pocket) => pocket switch
    {
        Pocket.Water => Utility.Water,
        Pocket.HotWater => Utility.HotWater,
        Pocket.Solar => Utility.Solar,
        _ => Utility.Electricity,
    };

    /// <summary>
    /// Settles a closed (or locked) month: posts revenue, VAT and levies → each payee's payable, keyed on the run. A month
    /// already settled is found and nothing is posted; an open month is refused.
    /// </summary>
    public async Task<Result<RunOutcome>> RunAsync(int estateId, int year, int month, string? userId, CancellationToken ct = default)
    {
        if (month is < 1 or > 12) return Result<RunOutcome>.Fail(new Error("invalid", "The month is 1 to 12.", "Month"));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ExistingAsync(db, estateId, year, month, ct) is { } existing) return Result<RunOutcome>.Ok(existing);
        var status = await PeriodService.StatusOnAsync(db, estateId, new DateOnly(year, month, 1), ct);
        if (status == PeriodStatus.Open)
            return Result<RunOutcome>.Fail(new Error("period_open", $"{year}-{month:00} is open: close the period (Admin → Periods) before settling it, so nothing more is posted into it.", "Period"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var preview = await PreviewInAsync(db, estateId, year, month, ct);
        if (preview.Errors.Count > 0) return Result<RunOutcome>.Fail(preview.Errors);
        if (preview.Lines.Count == 0) return Result<RunOutcome>.Fail(new Error("nothing_to_settle", $"{preview.Period} has no revenue, VAT or levies to settle.", "Period"));
        var run = new SettlementRun(estateId, year, month, clock.GetUtcNow(), userId, preview.Lines, preview.Sources);
        db.SettlementRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (MasterData.MasterDataErrors.IsUniqueViolation(ex))
        {
            // Another run of the same month won the race: it posted, this one posts nothing.
            await tx.RollbackAsync(ct);
            await using var again = await factory.CreateDbContextAsync(ct);
            return await ExistingAsync(again, estateId, year, month, ct) is { } other ? Result<RunOutcome>.Ok(other) : throw new InvalidOperationException("Run vanished.", ex);
        }
        var posting = Postings.Settlement(run.Id, estateId, run.Period, Today(),
            preview.Sources.Select(s => (AccountCode.Parse(s.AccountCode), s.Amount)).ToList(), run.PayeeTotals());
        var posted = await ledger.PostInAsync(db, posting, ct);
        if (posted.IsFailure) return Result<RunOutcome>.Fail(posted.Errors);
        run.Posted(posted.Value.TransactionId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Settlement run {RunId} for estate {EstateId} {Period}: {Total} to {Payees} payees ({Number})", run.Id, estateId, run.Period, run.Total,
            run.PayeeTotals().Count, posted.Value.Number);
        return Result<RunOutcome>.Ok(new RunOutcome(run.Id, true, run.Total, posted.Value.Number));
    }

    private static async Task<RunOutcome?> ExistingAsync(QuantifyDbContext db, int estateId, int year, int month, CancellationToken ct) =>
        await (from r in db.SettlementRuns.AsNoTracking()
               join t in db.LedgerTransactions on r.TransactionId equals t.Id
               where r.EstateId == estateId && r.Year == year && r.Month == month && r.Status == SettlementRunStatus.Posted
               select new RunOutcome(r.Id, false, r.Total, t.Number)).FirstOrDefaultAsync(ct);

    /// <summary>Reverses a run by posting the exact opposite, while none of its payouts is paid; its open batches are cancelled.</summary>
    public async Task<Result> ReverseAsync(int runId, string reason, string? userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = await db.SettlementRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Result.Fail(new Error("not_found", $"Run #{runId} does not exist."));
        var batches = await db.PayoutBatches.Include(b => b.Lines).Where(b => b.RunId == runId).ToListAsync(ct);
        var paid = batches.Any(b => b.Lines.Any(l => l.IsPaid));
        var can = run.CanReverse(paid, reason);
        if (can.IsFailure) return can;
        var original = await db.LedgerTransactions.AsNoTracking().Include(t => t.Lines).FirstAsync(t => t.Id == run.TransactionId, ct);
        var ids = original.Lines.Select(l => l.AccountId).ToList();
        var codes = await db.LedgerAccounts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var reversal = Postings.Reversal(original.Id, original.Number, original.Type,
            original.Lines.Select(l => new PostingLine(AccountCode.Parse(codes[l.AccountId]), l.Amount)).ToList(), $"settlement run #{run.Id} reversed: {reason.Trim()}", Today());
        if (reversal.IsFailure) return reversal;
        var posted = await ledger.PostInAsync(db, reversal.Value, ct);
        if (posted.IsFailure) return posted;
        var reversed = run.Reverse(paid, reason, posted.Value.TransactionId, clock.GetUtcNow(), userId);
        if (reversed.IsFailure) return reversed;
        foreach (var b in batches.Where(b => b.Status != PayoutBatchStatus.Cancelled)) b.Cancel();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<SettlementRun>> RunsAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SettlementRuns.AsNoTracking().Include(r => r.Lines).Include(r => r.Sources).Where(r => r.EstateId == estateId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).ThenByDescending(r => r.Id).ToListAsync(ct);
    }

    /// <summary>The job: settles last month of every estate whose month is closed, has rules, and is not settled yet.</summary>
    public async Task<(int Settled, int Skipped, IReadOnlyList<string> Problems)> RunDueAsync(CancellationToken ct = default)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Default);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        List<int> estates;
        await using (var db = await factory.CreateDbContextAsync(ct))
            estates = await db.SettlementRuleVersions.Select(v => v.EstateId).Distinct().ToListAsync(ct);
        var settled = 0;
        var skipped = 0;
        var problems = new List<string>();
        foreach (var estateId in estates)
        {
            await using (var db = await factory.CreateDbContextAsync(ct))
                if (await PeriodService.StatusOnAsync(db, estateId, month, ct) == PeriodStatus.Open) { skipped++; continue; }
            var r = await RunAsync(estateId, month.Year, month.Month, null, ct);
            if (r.IsSuccess && r.Value.Posted) settled++;
            else if (r.IsSuccess || r.Errors[0].Code == "nothing_to_settle") skipped++;
            else problems.Add($"Estate {estateId} {month:yyyy-MM}: {r.Describe()}");
        }
        return (settled, skipped, problems);
    }

    // ---- Statements ----------------------------------------------------------------------------------------------

    public async Task<PayeeStatement?> StatementAsync(int runId, int payeeId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.SettlementRuns.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == runId, ct);
        var payee = await db.Payees.AsNoTracking().FirstOrDefaultAsync(p => p.Id == payeeId, ct);
        if (run is null || payee is null || payee.EstateId != run.EstateId) return null;
        var code = AccountCode.Payable(run.EstateId, payeeId).ToString();
        var account = await db.LedgerAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        var ledgerAmount = account is null ? 0m
            : (await db.LedgerLines.AsNoTracking().Where(l => l.TransactionId == run.TransactionId && l.AccountId == account.Id).Select(l => l.Amount).ToListAsync(ct)).Sum();
        var number = await db.LedgerTransactions.AsNoTracking().Where(t => t.Id == run.TransactionId).Select(t => t.Number).FirstOrDefaultAsync(ct) ?? "";
        var payments = await (from l in db.PayoutBatchLines.AsNoTracking() join b in db.PayoutBatches on l.BatchId equals b.Id
                              where b.RunId == runId && l.PayeeId == payeeId && b.Status != PayoutBatchStatus.Cancelled
                              select l).ToListAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == run.EstateId).Select(e => e.Name).FirstAsync(ct);
        return new PayeeStatement(estate, payee, run, number, run.Lines.Where(l => l.PayeeId == payeeId).OrderBy(l => l.Utility).ThenBy(l => l.Kind).ToList(),
            ledgerAmount, payments, account?.Balance ?? 0m);
    }

    // ---- Payout batches ------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<PayoutBatch>> BatchesAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PayoutBatches.AsNoTracking().Include(b => b.Lines).Where(b => b.EstateId == estateId).OrderByDescending(b => b.Id).ToListAsync(ct);
    }

    public async Task<Result<PayoutBatch>> DraftBatchAsync(int runId, string makerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.SettlementRuns.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Result<PayoutBatch>.Fail(new Error("not_found", $"Run #{runId} does not exist."));
        if (await db.PayoutBatches.AnyAsync(b => b.RunId == runId && b.Status != PayoutBatchStatus.Cancelled, ct))
            return Result<PayoutBatch>.Fail(new Error("exists", $"Run #{runId} already has a payout batch.", "RunId"));
        var references = await db.Payees.Where(p => p.EstateId == run.EstateId).ToDictionaryAsync(p => p.Id, p => p.BeneficiaryReference, ct);
        var batch = PayoutBatch.Draft(run, references, makerId, clock.GetUtcNow());
        if (batch.IsFailure) return batch;
        db.PayoutBatches.Add(batch.Value);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    public Task<Result> EditBatchLineAsync(int batchId, long lineId, decimal amount, string reference, CancellationToken ct = default) =>
        ChangeBatchAsync(batchId, b => b.EditLine(lineId, amount, reference), ct);

    public Task<Result> ApproveBatchAsync(int batchId, string approverId, CancellationToken ct = default) =>
        ChangeBatchAsync(batchId, b => b.Approve(approverId, clock.GetUtcNow()), ct);

    private async Task<Result> ChangeBatchAsync(int batchId, Func<PayoutBatch, Result> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var batch = await db.PayoutBatches.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return Result.Fail(new Error("not_found", $"Batch #{batchId} does not exist."));
        var r = change(batch);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>A line of an approved batch left the bank: payable → trust bank with the bank's reference, and the line is marked paid, together.</summary>
    public async Task<Result> MarkPaidAsync(int batchId, long lineId, string bankReference, string? userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.PayoutBatches.Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return Result.Fail(new Error("not_found", $"Batch #{batchId} does not exist."));
        if (batch.CannotPay(lineId, bankReference) is { } refused) return Result.Fail(refused);
        var line = batch.Lines.Single(l => l.Id == lineId);
        var payee = await db.Payees.AsNoTracking().FirstAsync(p => p.Id == line.PayeeId, ct);
        var posted = await ledger.PostInAsync(db, Postings.PayeePaid(line.Id, batch.EstateId, payee.Id, payee.Name, line.Amount, bankReference, Today()), ct);
        if (posted.IsFailure) return posted;
        batch.MarkPaid(lineId, bankReference, posted.Value.TransactionId, clock.GetUtcNow(), userId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>The bank file of an approved (or paid) batch; null when the batch does not exist or is not approved.</summary>
    public async Task<(byte[] Bytes, string FileName)?> BatchFileAsync(int batchId, PayoutFileFormat format, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var batch = await db.PayoutBatches.AsNoTracking().Include(b => b.Lines).FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Status is not (PayoutBatchStatus.Approved or PayoutBatchStatus.Paid)) return null;
        var ids = batch.Lines.Select(l => l.PayeeId).ToList();
        var payees = await db.Payees.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var lines = batch.Lines.OrderBy(l => l.Id).Select(l => new PayoutFileLine($"QFY{batch.Id}-{l.Id}", payees[l.PayeeId].Name, payees[l.PayeeId].BankName,
            payees[l.PayeeId].BranchCode, payees[l.PayeeId].AccountNumber, l.Amount, l.Reference)).ToList();
        return format == PayoutFileFormat.AcbCreditorCsv
            ? (PayoutFiles.AcbCreditorCsv(lines), $"payout-batch-{batch.Id}-acb.csv")
            : (PayoutFiles.GenericCsv(lines), $"payout-batch-{batch.Id}.csv");
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
