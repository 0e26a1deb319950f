using Quantify.Domain.Common;

namespace Quantify.Domain.Settlement;

/// <summary>
/// One estate's settlement of one closed month: what was taken from each source account, each payee's lines, and the
/// ledger transaction that moved it to the payables. At most one posted run per estate and month; a run is reversed
/// (by a reversal posting) only while none of its payouts is paid, after which the month may be run again.
/// Financial: never deleted.
/// </summary>
public sealed class SettlementRun
{
    private readonly List<SettlementRunLine> lines = [];
    private readonly List<SettlementRunSource> sources = [];

    private SettlementRun() { }

    public SettlementRun(int estateId, int year, int month, DateTimeOffset runAt, string? runById, IEnumerable<SettlementLine> computed,
        IEnumerable<(string AccountCode, decimal Amount)> taken)
    {
        EstateId = estateId;
        Year = year;
        Month = month;
        RunAt = runAt;
        RunById = runById;
        lines.AddRange(computed.Select(l => new SettlementRunLine(l)));
        sources.AddRange(taken.Select(s => new SettlementRunSource(s.AccountCode, s.Amount)));
        Total = lines.Sum(l => l.Amount);
        if (Total != sources.Sum(s => s.Amount))
            throw new DomainException($"Settlement lines ({Total}) and sources ({sources.Sum(s => s.Amount)}) must add up to the same total.");
    }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public SettlementRunStatus Status { get; private set; } = SettlementRunStatus.Posted;
    public decimal Total { get; private set; }
    public DateTimeOffset RunAt { get; private set; }
    public string? RunById { get; private set; }
    public long? TransactionId { get; private set; }
    public long? ReversalTransactionId { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }
    public string? ReversedById { get; private set; }
    public string? ReversalReason { get; private set; }
    public IReadOnlyList<SettlementRunLine> Lines => lines;
    public IReadOnlyList<SettlementRunSource> Sources => sources;

    public string Period => $"{Year}-{Month:00}";

    public void Posted(long transactionId) => TransactionId = transactionId;

    /// <summary>Each payee's total in this run (what its payable received).</summary>
    public IReadOnlyList<(int PayeeId, decimal Amount)> PayeeTotals() =>
        lines.GroupBy(l => l.PayeeId).Select(g => (g.Key, g.Sum(l => l.Amount))).Where(t => t.Item2 != 0).OrderBy(t => t.Key).ToList();

    /// <summary>Whether the run may be reversed, given whether any payout of it was paid.</summary>
    public Result CanReverse(bool anyPayoutPaid, string? reason)
    {
        if (Status == SettlementRunStatus.Reversed) return Result.Fail(new Error("reversed", $"Run #{Id} is already reversed.", nameof(Status)));
        if (anyPayoutPaid) return Result.Fail(new Error("paid", $"Run #{Id} has a payout marked paid: it can no longer be reversed. Correct it in the next month's run.", nameof(Status)));
        if (string.IsNullOrWhiteSpace(reason)) return Result.Fail(new Error("reason_required", "Say why the run is reversed (it is audited).", nameof(ReversalReason)));
        return Result.Ok();
    }

    public Result Reverse(bool anyPayoutPaid, string reason, long reversalTransactionId, DateTimeOffset at, string? userId)
    {
        var can = CanReverse(anyPayoutPaid, reason);
        if (can.IsFailure) return can;
        Status = SettlementRunStatus.Reversed;
        ReversalTransactionId = reversalTransactionId;
        ReversedAt = at;
        ReversedById = userId;
        ReversalReason = reason.Trim();
        return Result.Ok();
    }
}
