using Quantify.Domain.Common;

namespace Quantify.Domain.Settlement;

/// <summary>
/// The payments of one settlement run, under maker-checker control: the maker drafts (and may edit) it, a different
/// admin approves it, after which it cannot change; each line is then marked paid with the bank's reference (posting
/// payable → trust bank). Financial: never deleted; a batch of a reversed run is cancelled.
/// </summary>
public sealed class PayoutBatch
{
    private readonly List<PayoutBatchLine> lines = [];

    private PayoutBatch() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public int RunId { get; private set; }
    public PayoutBatchStatus Status { get; private set; } = PayoutBatchStatus.Draft;
    public string MakerId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? ApprovedById { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public IReadOnlyList<PayoutBatchLine> Lines => lines;

    public decimal Total => lines.Sum(l => l.Amount);

    /// <summary>A draft paying each payee with a positive total in the run; a payee owed nothing (or owing) is left out.</summary>
    public static Result<PayoutBatch> Draft(SettlementRun run, IReadOnlyDictionary<int, string> referenceOf, string makerId, DateTimeOffset at)
    {
        if (run.Status != SettlementRunStatus.Posted)
            return Result<PayoutBatch>.Fail(new Error("reversed", $"Run #{run.Id} was reversed: it pays nothing.", nameof(RunId)));
        if (string.IsNullOrWhiteSpace(makerId)) return Result<PayoutBatch>.Fail(new Error("required", "A batch is made by a signed-in admin.", nameof(MakerId)));
        var batch = new PayoutBatch { EstateId = run.EstateId, RunId = run.Id, MakerId = makerId, CreatedAt = at };
        foreach (var (payee, amount) in run.PayeeTotals().Where(t => t.Amount > 0))
            batch.lines.Add(new PayoutBatchLine(payee, amount, Reference(referenceOf.GetValueOrDefault(payee), run)));
        if (batch.lines.Count == 0) return Result<PayoutBatch>.Fail(new Error("nothing_owed", $"Run #{run.Id} owes no payee anything.", nameof(RunId)));
        return Result<PayoutBatch>.Ok(batch);
    }

    private static string Reference(string? payeeReference, SettlementRun run)
    {
        var text = string.IsNullOrWhiteSpace(payeeReference) ? $"QFY {run.Period}" : payeeReference.Trim();
        return text.Length > 16 ? text[..16] : text;
    }

    /// <summary>The maker changes a line of a draft: pay less than owed (e.g. a disputed amount), or another reference.</summary>
    public Result EditLine(long lineId, decimal amount, string reference)
    {
        if (Status != PayoutBatchStatus.Draft)
            return Result.Fail(new Error("not_draft", $"Batch #{Id} is {Status.ToString().ToLowerInvariant()}: an approved batch cannot be edited.", nameof(Status)));
        var line = lines.FirstOrDefault(l => l.Id == lineId);
        if (line is null) return Result.Fail(new Error("not_found", $"Batch #{Id} has no line #{lineId}.", nameof(lineId)));
        var v = new Validator().Required(reference, nameof(PayoutBatchLine.Reference), "Reference")
            .MaxLength(reference?.Trim(), 16, nameof(PayoutBatchLine.Reference), "Reference (16 characters on a bank statement)");
        v.AddIf((reference ?? "").Contains(',', StringComparison.Ordinal), "comma", "Bank bulk files do not allow commas in references.", nameof(PayoutBatchLine.Reference));
        v.AddIf(amount <= 0, "not_positive", "Pay more than R 0,00 (leave the payee out by paying in a later batch instead).", nameof(PayoutBatchLine.Amount));
        v.AddIf(amount > line.Owed, "over_owed", $"The run owes this payee {Money.Format(line.Owed)}: a batch cannot pay more.", nameof(PayoutBatchLine.Amount));
        v.AddIf(decimal.Round(amount, 2) != amount, "fractional_cents", "Pay whole cents.", nameof(PayoutBatchLine.Amount));
        if (!v.IsValid) return v.ToResult();
        line.Edit(amount, reference!.Trim());
        return Result.Ok();
    }

    /// <summary>The checker approves: a different admin than the maker; the batch is frozen from then on.</summary>
    public Result Approve(string approverId, DateTimeOffset at)
    {
        if (Status != PayoutBatchStatus.Draft)
            return Result.Fail(new Error("not_draft", $"Batch #{Id} is {Status.ToString().ToLowerInvariant()}, not a draft awaiting approval.", nameof(Status)));
        if (string.IsNullOrWhiteSpace(approverId)) return Result.Fail(new Error("required", "A batch is approved by a signed-in admin.", nameof(ApprovedById)));
        if (approverId == MakerId)
            return Result.Fail(new Error("same_admin", "Maker-checker: the admin who made the batch cannot approve it; another admin must.", nameof(ApprovedById)));
        Status = PayoutBatchStatus.Approved;
        ApprovedById = approverId;
        ApprovedAt = at;
        return Result.Ok();
    }

    /// <summary>Whether a line can be marked paid (approved batch, unpaid line, a bank reference given); null when it can.</summary>
    public Error? CannotPay(long lineId, string? bankReference)
    {
        if (Status != PayoutBatchStatus.Approved)
            return new Error("not_approved", Status == PayoutBatchStatus.Draft ? $"Batch #{Id} is not approved yet." : $"Batch #{Id} is {Status.ToString().ToLowerInvariant()}.", nameof(Status));
        var line = lines.FirstOrDefault(l => l.Id == lineId);
        if (line is null) return new Error("not_found", $"Batch #{Id} has no line #{lineId}.", nameof(lineId));
        if (line.IsPaid) return new Error("already_paid", $"Line #{lineId} was already paid ({line.BankReference}).", nameof(PayoutBatchLine.BankReference));
        if (string.IsNullOrWhiteSpace(bankReference)) return new Error("required", "Give the bank's reference of the payment.", nameof(PayoutBatchLine.BankReference));
        if (bankReference.Trim().Length > 60) return new Error("too_long", "The bank reference must be at most 60 characters.", nameof(PayoutBatchLine.BankReference));
        return null;
    }

    public void MarkPaid(long lineId, string bankReference, long transactionId, DateTimeOffset at, string? userId)
    {
        if (CannotPay(lineId, bankReference) is { } error) throw new DomainException(error.Message);
        lines.Single(l => l.Id == lineId).Paid(bankReference.Trim(), transactionId, at, userId);
        if (lines.All(l => l.IsPaid)) Status = PayoutBatchStatus.Paid;
    }

    public Result Cancel()
    {
        if (lines.Any(l => l.IsPaid)) return Result.Fail(new Error("paid", $"Batch #{Id} has a paid line: it cannot be cancelled.", nameof(Status)));
        Status = PayoutBatchStatus.Cancelled;
        return Result.Ok();
    }
}
