using Quantify.Domain.Common;
using Quantify.Domain.Ledger;

namespace Quantify.Domain.Family;

/// <summary>
/// A consumption budget on one pocket of a unit's wallet (seed 004 §4.3), set by a Manage holder. Remembers the period
/// for which it last sent its 80 % and 100 % notices, so each goes out once per period.
/// </summary>
public sealed class SpendBudget : AuditableEntity
{
    private SpendBudget() { }

    public int UnitId { get; private set; }
    public Pocket Pocket { get; private set; }
    public BudgetPeriod Period { get; private set; }
    public decimal Limit { get; private set; }
    public BudgetMode Mode { get; private set; }
    /// <summary>Start of the period whose 80 % notice went out.</summary>
    public DateOnly? WarnedFor { get; private set; }
    /// <summary>Start of the period whose 100 % notice went out.</summary>
    public DateOnly? ReachedFor { get; private set; }

    public static Result<SpendBudget> Create(int unitId, Pocket pocket, BudgetPeriod period, decimal limit, BudgetMode mode)
    {
        var v = Validate(pocket, limit, mode);
        return v.IsValid ? Result<SpendBudget>.Ok(new SpendBudget { UnitId = unitId, Pocket = pocket, Period = period, Limit = limit, Mode = mode }) : Result<SpendBudget>.Fail(v.Errors);
    }

    /// <summary>Changes the limit and mode; a raised limit may bring the pocket back under it (notices may go out again if reached again).</summary>
    public Result Change(decimal limit, BudgetMode mode)
    {
        var v = Validate(Pocket, limit, mode);
        if (!v.IsValid) return v.ToResult();
        if (limit > Limit) { WarnedFor = null; ReachedFor = null; }
        Limit = limit;
        Mode = mode;
        return Result.Ok();
    }

    /// <summary>Records that the notices due for <paramref name="level"/> in the period starting <paramref name="periodStart"/> went out; returns which are newly due.</summary>
    public (bool Warn, bool Reached) MarkNotified(BudgetLevel level, DateOnly periodStart)
    {
        var warn = level >= BudgetLevel.Warning && WarnedFor != periodStart && level != BudgetLevel.Reached;
        var reached = level == BudgetLevel.Reached && ReachedFor != periodStart;
        if (level >= BudgetLevel.Warning) WarnedFor = periodStart;
        if (level == BudgetLevel.Reached) ReachedFor = periodStart;
        return (warn, reached);
    }

    private static Validator Validate(Pocket pocket, decimal limit, BudgetMode mode) =>
        new Validator()
            .Range(limit, 0m, 1_000_000m, nameof(Limit), "Budget")
            .AddIf(pocket == Pocket.Unallocated, "bad_pocket", "A budget is set on a utility pocket, not on unallocated money.", nameof(Pocket))
            .AddIf(mode == BudgetMode.CutElectricity && pocket != Pocket.Electricity, "water_never_cut",
                "Only electricity can be cut when a budget is reached; water and hot water are never cut.", nameof(Mode));
}
