using Quantify.Domain.Common;

namespace Quantify.Domain.Family;

/// <summary>
/// Splits one payment across a wallet group's members, in whole cents that add up exactly to the amount paid. Leftover
/// cents are handed out one at a time in a fixed order (largest fractional share first, then the group's member order),
/// so the same inputs always give the same parts.
/// </summary>
public static class TopUpSplit
{
    public static Result<IReadOnlyList<(int UnitId, decimal Amount)>> Split(decimal amount, SplitRule rule, IReadOnlyList<SplitMember> members)
    {
        static Result<IReadOnlyList<(int, decimal)>> Fail(string code, string message, string field) => Result<IReadOnlyList<(int, decimal)>>.Fail(new Error(code, message, field));
        if (members.Count == 0) return Fail("empty_group", "The group has no wallets to top up.", "Members");
        if (amount <= 0 || decimal.Round(amount, 2) != amount) return Fail("bad_amount", "The amount must be more than zero, in whole cents.", "Amount");
        if (members.Select(m => m.UnitId).Distinct().Count() != members.Count) return Fail("duplicate_member", "A wallet appears twice in the group.", "Members");

        switch (rule)
        {
            case SplitRule.Evenly:
                return Ok(members, Apportion(amount, members.Select(_ => 1m).ToList()));
            case SplitRule.FixedAmounts:
                if (members.FirstOrDefault(m => m.FixedAmount is null or < 0 || decimal.Round(m.FixedAmount.Value, 2) != m.FixedAmount) is { } bad)
                    return Fail("bad_fixed", $"Unit #{bad.UnitId} needs a fixed amount of zero or more, in whole cents.", "FixedAmount");
                var sum = members.Sum(m => m.FixedAmount!.Value);
                if (sum != amount)
                    return Fail("fixed_mismatch", $"The fixed amounts add up to {Money.Format(sum)}, not the {Money.Format(amount)} paid.", "Amount");
                return Ok(members, members.Select(m => m.FixedAmount!.Value).ToList());
            case SplitRule.ToTargetBalance:
                if (members.FirstOrDefault(m => m.TargetBalance is null) is { } noTarget)
                    return Fail("no_target", $"Unit #{noTarget.UnitId} has no target balance.", "TargetBalance");
                var needs = members.Select(m => Math.Max(0m, decimal.Round(m.TargetBalance!.Value - m.Balance, 2, MidpointRounding.ToZero))).ToList();
                var totalNeed = needs.Sum();
                if (totalNeed == 0) return Ok(members, Apportion(amount, members.Select(_ => 1m).ToList()));
                if (amount <= totalNeed) return Ok(members, Apportion(amount, needs));
                var surplus = Apportion(amount - totalNeed, members.Select(_ => 1m).ToList());
                return Ok(members, needs.Select((n, i) => n + surplus[i]).ToList());
            default:
                return Fail("bad_rule", $"Unknown split rule {rule}.", "Rule");
        }
    }

    /// <summary>Largest-remainder apportionment in cents by non-negative weights (at least one positive).</summary>
    public static IReadOnlyList<decimal> Apportion(decimal amount, IReadOnlyList<decimal> weights)
    {
        var cents = (long)(amount * 100m);
        var totalWeight = weights.Sum();
        var floors = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = cents * weights[i] / totalWeight;
            floors[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - floors[i];
        }
        var left = cents - floors.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)left)) floors[i]++;
        return floors.Select(c => c / 100m).ToList();
    }

    private static Result<IReadOnlyList<(int UnitId, decimal Amount)>> Ok(IReadOnlyList<SplitMember> members, IReadOnlyList<decimal> parts) =>
        Result<IReadOnlyList<(int, decimal)>>.Ok(members.Select((m, i) => (m.UnitId, parts[i])).ToList());
}
