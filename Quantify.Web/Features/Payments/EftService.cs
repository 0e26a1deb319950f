using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Payments;

public enum DepositStatus { Unmatched, AwaitingApproval, Approved, Rejected }

/// <summary>A bank deposit recorded by an agent. Credited only after a second person approves it (maker-checker).</summary>
public sealed class BankDeposit
{
    public long Id { get; set; }
    public int EstateId { get; set; }
    public int? UnitId { get; set; }
    /// <summary>The reference the payer wrote (should be the unit's payment reference).</summary>
    public required string Reference { get; set; }
    public decimal Amount { get; set; }
    public DateOnly DepositDate { get; set; }
    /// <summary>The bank statement's own id for the line: importing the same statement twice adds nothing.</summary>
    public required string BankLineId { get; set; }
    public DepositStatus Status { get; set; }
    public required string RecordedById { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? ApprovedById { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public long? LedgerTransactionId { get; set; }
    public string? Note { get; set; }
}

public sealed record DepositRow(long Id, string Reference, decimal Amount, DateOnly DepositDate, DepositStatus Status, string? UnitNumber, string RecordedById, string? Note);

public sealed record CsvImportResult(int Added, int Duplicates, IReadOnlyList<string> RowErrors);

/// <summary>
/// Manual EFT: an agent records deposits (one by one or from a bank-statement CSV with a column mapping); deposits are
/// matched to units by payment reference; unmatched ones wait in a queue; a different user approves before the wallet
/// is credited (idempotent on the deposit).
/// </summary>
public sealed class EftService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TimeProvider clock)
{
    public async Task<Result<long>> RecordAsync(int estateId, string reference, decimal amount, DateOnly date, string bankLineId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await AddAsync(db, estateId, reference, amount, date, bankLineId, userId, ct);
        if (r.IsFailure) return Result<long>.Fail(r.Errors);
        await db.SaveChangesAsync(ct);
        return Result<long>.Ok(r.Value.Id);
    }

    /// <summary>Imports a statement CSV: the mapping names the header of each needed column. Good rows land; bad rows are reported by line.</summary>
    public async Task<CsvImportResult> ImportCsvAsync(int estateId, string csv, string dateColumn, string amountColumn, string referenceColumn, string idColumn, string userId, CancellationToken ct = default)
    {
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = new List<string>();
        if (lines.Length == 0) return new CsvImportResult(0, 0, ["The file is empty."]);
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToList();
        int Col(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var (di, ai, ri, ii) = (Col(dateColumn), Col(amountColumn), Col(referenceColumn), Col(idColumn));
        var missing = new[] { (dateColumn, di), (amountColumn, ai), (referenceColumn, ri), (idColumn, ii) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0) return new CsvImportResult(0, 0, [$"{(missing.Count == 1 ? "Column" : "Columns")} not found in the header: {string.Join(", ", missing)}. The header is: {string.Join(", ", header)}."]);
        int added = 0, duplicates = 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        for (var n = 1; n < lines.Length; n++)
        {
            var cells = lines[n].Split(',').Select(c => c.Trim().Trim('"')).ToList();
            if (cells.Count < header.Count) { errors.Add($"Line {n + 1}: {Quantify.Domain.Common.Plural.Count(cells.Count, "column")}, expected {header.Count}."); continue; }
            if (!DateOnly.TryParse(cells[di], CultureInfo.InvariantCulture, out var date)) { errors.Add($"Line {n + 1}, {dateColumn}: '{cells[di]}' is not a date (use yyyy-mm-dd)."); continue; }
            if (!decimal.TryParse(cells[ai], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)) { errors.Add($"Line {n + 1}, {amountColumn}: '{cells[ai]}' is not an amount."); continue; }
            if (await db.Set<BankDeposit>().AnyAsync(d => d.BankLineId == cells[ii], ct)) { duplicates++; continue; }
            var r = await AddAsync(db, estateId, cells[ri], amount, date, cells[ii], userId, ct);
            if (r.IsFailure) { errors.Add($"Line {n + 1}: {r.Describe()}"); continue; }
            await db.SaveChangesAsync(ct);
            added++;
        }
        return new CsvImportResult(added, duplicates, errors);
    }

    public async Task<Result> AssignAsync(long depositId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.Set<BankDeposit>().FirstOrDefaultAsync(x => x.Id == depositId, ct);
        if (d is null) return Result.Fail(new Error("not_found", $"Deposit #{depositId} does not exist."));
        if (d.Status != DepositStatus.Unmatched) return Result.Fail(new Error("not_unmatched", "Only an unmatched deposit can be assigned to a unit."));
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == d.EstateId && u.IsActive, ct))
            return Result.Fail(new Error("unknown_unit", "That unit is not an active unit of the deposit's estate.", "UnitId"));
        d.UnitId = unitId;
        d.Status = DepositStatus.AwaitingApproval;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The checker approves: never the person who recorded it. Credits the wallet by the estate's default allocation rule, idempotently.</summary>
    public async Task<Result> ApproveAsync(long depositId, string approverId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.Set<BankDeposit>().FirstOrDefaultAsync(x => x.Id == depositId, ct);
        if (d is null) return Result.Fail(new Error("not_found", $"Deposit #{depositId} does not exist."));
        if (d.Status != DepositStatus.AwaitingApproval) return Result.Fail(new Error("not_awaiting", $"Deposit #{depositId} is {d.Status}, not awaiting approval."));
        if (d.RecordedById == approverId) return Result.Fail(new Error("same_person", "You recorded this deposit: a second person must approve it."));
        var walletId = await LedgerService.EnsureWalletInAsync(db, d.UnitId!.Value, ct);
        await db.SaveChangesAsync(ct);
        var share = await db.EstateSettings.Where(s => s.EstateId == d.EstateId).Select(s => s.DefaultElectricitySharePercent).FirstAsync(ct);
        var posted = await ledger.PostAsync(Postings.EftDeposit(d.Id, d.Reference, d.BankLineId, walletId, Allocation.ByDefaultRule(d.Amount, share), d.DepositDate,
            AccountCode.TrustBank(d.EstateId)), ct);
        if (posted.IsFailure) return posted;
        d.Status = DepositStatus.Approved;
        d.ApprovedById = approverId;
        d.ApprovedAt = clock.GetUtcNow();
        d.LedgerTransactionId = posted.Value.TransactionId;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<DepositRow>> ListAsync(int estateId, DepositStatus? status, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from d in db.Set<BankDeposit>().AsNoTracking()
                from u in db.Units.Where(u => u.Id == d.UnitId).DefaultIfEmpty()
                where d.EstateId == estateId && (status == null || d.Status == status)
                orderby d.Id descending
                select new DepositRow(d.Id, d.Reference, d.Amount, d.DepositDate, d.Status, u == null ? null : u.UnitNumber, d.RecordedById, d.Note);
        return await q.Take(200).ToListAsync(ct);
    }

    private async Task<Result<BankDeposit>> AddAsync(QuantifyDbContext db, int estateId, string reference, decimal amount, DateOnly date, string bankLineId, string userId, CancellationToken ct)
    {
        if (amount <= 0) return Result<BankDeposit>.Fail(new Error("bad_amount", $"A deposit must be more than R 0,00; this one is {Money.Format(amount)}.", "Amount"));
        if (decimal.Round(amount, 2) != amount) return Result<BankDeposit>.Fail(new Error("bad_amount", "Amounts are whole cents.", "Amount"));
        if (string.IsNullOrWhiteSpace(bankLineId)) return Result<BankDeposit>.Fail(new Error("no_bank_id", "Each deposit needs the bank statement's line id (to avoid double capture).", "BankLineId"));
        if (await db.Set<BankDeposit>().AnyAsync(d => d.BankLineId == bankLineId, ct))
            return Result<BankDeposit>.Fail(new Error("duplicate", $"Bank line '{bankLineId}' was already recorded.", "BankLineId"));
        var normalised = new string(reference.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        var unit = (await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.IsActive).Select(u => new { u.Id, u.PaymentReference }).ToListAsync(ct))
            .FirstOrDefault(u => new string(u.PaymentReference.Where(char.IsAsciiLetterOrDigit).ToArray()) == normalised);
        var deposit = new BankDeposit
        {
            EstateId = estateId, UnitId = unit?.Id, Reference = reference.Trim(), Amount = amount, DepositDate = date, BankLineId = bankLineId.Trim(),
            Status = unit is null ? DepositStatus.Unmatched : DepositStatus.AwaitingApproval, RecordedById = userId, RecordedAt = clock.GetUtcNow(),
            Note = unit is null ? $"No unit has payment reference '{reference.Trim()}'." : null,
        };
        db.Set<BankDeposit>().Add(deposit);
        return Result<BankDeposit>.Ok(deposit);
    }
}
