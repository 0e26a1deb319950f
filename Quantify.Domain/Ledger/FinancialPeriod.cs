using Quantify.Domain.Common;

namespace Quantify.Domain.Ledger;

public enum PeriodStatus { Open, Closed, Locked }

/// <summary>
/// One estate's financial month. Nothing posts with a value date in a closed or locked month; a closed month can be
/// reopened by an admin with a reason; a locked month never.
/// </summary>
public sealed class FinancialPeriod
{
    private FinancialPeriod() { }

    public FinancialPeriod(int estateId, int year, int month)
    {
        EstateId = estateId;
        Year = year;
        Month = month;
    }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public PeriodStatus Status { get; private set; } = PeriodStatus.Open;
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedById { get; private set; }
    public DateTimeOffset? LockedAt { get; private set; }
    public string? ReopenReason { get; private set; }

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public string Label => $"{Year}-{Month:00}";

    public bool Contains(DateOnly day) => day.Year == Year && day.Month == Month;

    public Result Close(DateTimeOffset at, string? userId, DateOnly today)
    {
        if (Status != PeriodStatus.Open) return Result.Fail(new Error("not_open", $"{Label} is already {Status.ToString().ToLowerInvariant()}."));
        if (today <= LastDay) return Result.Fail(new Error("not_over", $"{Label} has not ended yet: it can be closed from {LastDay.AddDays(1):yyyy-MM-dd}."));
        Status = PeriodStatus.Closed;
        ClosedAt = at;
        ClosedById = userId;
        return Result.Ok();
    }

    public Result Lock(DateTimeOffset at)
    {
        if (Status != PeriodStatus.Closed) return Result.Fail(new Error("not_closed", $"Close {Label} before locking it."));
        Status = PeriodStatus.Locked;
        LockedAt = at;
        return Result.Ok();
    }

    public Result Reopen(string reason)
    {
        if (Status == PeriodStatus.Locked) return Result.Fail(new Error("locked", $"{Label} is locked: it can never be reopened. Post a correction in the open period."));
        if (Status == PeriodStatus.Open) return Result.Fail(new Error("open", $"{Label} is open."));
        if (string.IsNullOrWhiteSpace(reason)) return Result.Fail(new Error("reason_required", "Say why the period is reopened (it is audited).", nameof(ReopenReason)));
        Status = PeriodStatus.Open;
        ReopenReason = reason.Trim();
        return Result.Ok();
    }
}

/// <summary>An account's balance when its period was closed.</summary>
public sealed class PeriodBalance
{
    private PeriodBalance() { }

    public PeriodBalance(int periodId, int accountId, decimal balance)
    {
        PeriodId = periodId;
        AccountId = accountId;
        Balance = balance;
    }

    public long Id { get; private set; }
    public int PeriodId { get; private set; }
    public int AccountId { get; private set; }
    public decimal Balance { get; private set; }
}
