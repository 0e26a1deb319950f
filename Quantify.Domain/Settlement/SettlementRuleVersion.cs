using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Settlement;

/// <summary>
/// Who receives what out of one utility's period revenue in one estate, for months from <see cref="EffectiveFrom"/>
/// (the first of a month) up to <see cref="EffectiveTo"/> (exclusive; null while open-ended). Same versioning rules as
/// tariffs: versions of one estate and utility never overlap, a version is ended and a new one started, never edited
/// once a run used it. The VAT collected on the utility goes to <see cref="VatPayeeId"/>; what the shares leave goes to
/// <see cref="RemainderPayeeId"/>.
/// </summary>
public sealed class SettlementRuleVersion : IAuditable
{
    private List<SettlementRuleShare> shares = [];

    private SettlementRuleVersion() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public Utility Utility { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly? EffectiveTo { get; private set; }
    public int VatPayeeId { get; private set; }
    public int RemainderPayeeId { get; private set; }
    public IReadOnlyList<SettlementRuleShare> Shares => shares;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public bool IsEffectiveIn(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return EffectiveFrom <= first && (EffectiveTo is null || first < EffectiveTo);
    }

    public static Result<SettlementRuleVersion> Create(int estateId, Utility utility, DateOnly effectiveFrom, int vatPayeeId, int remainderPayeeId,
        IReadOnlyList<SettlementRuleShare> shares, DateOnly? effectiveTo = null)
    {
        var errors = Check(effectiveFrom, effectiveTo, vatPayeeId, remainderPayeeId, shares);
        if (!Enum.IsDefined(utility)) errors.Add(new Error("invalid", $"Unknown utility '{utility}'.", nameof(Utility)));
        if (errors.Count > 0) return Result<SettlementRuleVersion>.Fail(errors);
        return Result<SettlementRuleVersion>.Ok(new SettlementRuleVersion
        {
            EstateId = estateId,
            Utility = utility,
            EffectiveFrom = effectiveFrom,
            EffectiveTo = effectiveTo,
            VatPayeeId = vatPayeeId,
            RemainderPayeeId = remainderPayeeId,
            shares = [.. shares],
        });
    }

    /// <summary>Ends the version before the month <paramref name="effectiveTo"/> starts (the next version begins then).</summary>
    public Result EndBefore(DateOnly effectiveTo)
    {
        if (effectiveTo.Day != 1) return Result.Fail(new Error("not_month_start", "Settlement is monthly: a version ends at the start of a month.", nameof(EffectiveTo)));
        if (effectiveTo <= EffectiveFrom) return Result.Fail(new Error("end_before_start", $"The end {effectiveTo:yyyy-MM-dd} is not after the start {EffectiveFrom:yyyy-MM-dd}.", nameof(EffectiveTo)));
        if (EffectiveTo is { } end && effectiveTo > end) return Result.Fail(new Error("already_ended", $"This version already ends on {end:yyyy-MM-dd}.", nameof(EffectiveTo)));
        EffectiveTo = effectiveTo;
        return Result.Ok();
    }

    private static List<Error> Check(DateOnly from, DateOnly? to, int vatPayeeId, int remainderPayeeId, IReadOnlyList<SettlementRuleShare> shares)
    {
        var errors = new List<Error>();
        if (from.Day != 1) errors.Add(new Error("not_month_start", "Settlement is monthly: a version starts on the first day of a month.", nameof(EffectiveFrom)));
        if (to is { } end && (end.Day != 1 || end <= from)) errors.Add(new Error("invalid", "The end must be the first of a later month.", nameof(EffectiveTo)));
        if (vatPayeeId <= 0) errors.Add(new Error("required", "Choose who receives the VAT collected (the VAT vendor).", nameof(VatPayeeId)));
        if (remainderPayeeId <= 0) errors.Add(new Error("required", "Choose who receives the remainder (what the shares leave, and rounding cents).", nameof(RemainderPayeeId)));
        for (var i = 0; i < shares.Count; i++)
        {
            var s = shares[i];
            var field = $"{nameof(Shares)}[{i}]";
            if (s.PayeeId <= 0) errors.Add(new Error("required", "Choose the payee of this share.", $"{field}.{nameof(SettlementRuleShare.PayeeId)}"));
            if (!Enum.IsDefined(s.Basis)) { errors.Add(new Error("invalid", $"Unknown basis '{s.Basis}'.", $"{field}.{nameof(SettlementRuleShare.Basis)}")); continue; }
            var rate = $"{field}.{nameof(SettlementRuleShare.Rate)}";
            switch (s.Basis)
            {
                case ShareBasis.BulkCost:
                    if (s.Rate < 0 || s.FixedAmount < 0 || (s.Rate == 0 && s.FixedAmount == 0))
                        errors.Add(new Error("invalid", "The bulk cost needs the supplier's rate per unit and/or fixed monthly charge, neither negative.", rate));
                    break;
                case ShareBasis.PerActiveUnit:
                    if (s.Rate <= 0) errors.Add(new Error("invalid", "A fee per active unit must be more than R 0,00.", rate));
                    break;
                default:
                    if (s.Rate <= 0 || s.Rate > 100) errors.Add(new Error("invalid", "A percentage is more than 0 and at most 100.", rate));
                    break;
            }
            if (s.Basis != ShareBasis.BulkCost && s.FixedAmount != 0)
                errors.Add(new Error("invalid", "Only the bulk cost has a fixed monthly charge.", $"{field}.{nameof(SettlementRuleShare.FixedAmount)}"));
        }
        if (shares.Count(s => s.Basis == ShareBasis.BulkCost) > 1)
            errors.Add(new Error("duplicate", "A rule has at most one bulk cost share.", nameof(Shares)));
        if (shares.Any(s => s.Basis == ShareBasis.MarkupOnBulkCost) && !shares.Any(s => s.Basis == ShareBasis.BulkCost))
            errors.Add(new Error("no_bulk_cost", "A markup on the bulk cost needs a bulk cost share.", nameof(Shares)));
        var ofRevenue = shares.Where(s => s.Basis == ShareBasis.PercentOfRevenue).Sum(s => s.Rate);
        if (ofRevenue > 100) errors.Add(new Error("over_100", $"The percentages of revenue add to {ofRevenue:0.##} %, more than 100 %.", nameof(Shares)));
        var residual = shares.Where(s => s.Basis == ShareBasis.PercentOfResidual).ToList();
        if (residual.Count > 0 && residual.Sum(s => s.Rate) != 100)
            errors.Add(new Error("not_100", $"The percentages of the residual add to {residual.Sum(s => s.Rate):0.##} %; they must add to 100 %.", nameof(Shares)));
        return errors;
    }
}
