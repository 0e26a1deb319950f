using System.Globalization;
using Quantify.Domain.Common;

namespace Quantify.Domain.Levies;

/// <summary>
/// Shares a levy between units so the shares add up to the levy exactly, to the cent.
/// <para>
/// Rule (largest remainder, in cents): each unit's exact share is <c>levy × weight ÷ total weight</c> (weight 1 for
/// <see cref="LevyAllocationMethod.Equal"/>, the participation quota, or the floor area). Every unit first gets its
/// exact share rounded DOWN to the cent; the cents left over (always fewer than the number of units) go one each to
/// the units with the largest fraction of a cent cut off; ties go to the lower unit number (ordinal text order), then
/// the lower unit id. So the same inputs always give the same shares, no share is ever more than one cent from its
/// exact value, and none is negative. Custom amounts are taken as given and must add up to the levy.
/// </para>
/// A unit without the figure the method needs (participation quota or floor area) refuses the whole allocation,
/// naming every such unit and the field: nothing is charged from a half-known split.
/// </summary>
public static class LevyAllocator
{
    public static Result<IReadOnlyList<LevyShare>> Allocate(decimal amount, LevyAllocationMethod method, IReadOnlyList<LevyUnit> units,
        IReadOnlyDictionary<int, decimal>? customAmounts = null)
    {
        if (amount < 0 || decimal.Round(amount, 2) != amount)
            return Fail(new Error("amount_invalid", $"The levy amount {amount.ToString(CultureInfo.InvariantCulture)} must be zero or more, in whole cents.", "Amount"));
        if (units.Count == 0) return Fail(new Error("no_units", "The estate has no active units to share the levy between.", "Units"));
        if (method == LevyAllocationMethod.Custom) return Custom(amount, units, customAmounts ?? new Dictionary<int, decimal>());

        var errors = new List<Error>();
        var weights = new decimal[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            decimal? w = method switch
            {
                LevyAllocationMethod.Equal => 1m,
                LevyAllocationMethod.ParticipationQuota => u.ParticipationQuota,
                _ => u.FloorArea,
            };
            var (field, label) = method == LevyAllocationMethod.ParticipationQuota ? ("ParticipationQuota", "participation quota") : ("SizeSqm", "floor area (m²)");
            if (w is null) errors.Add(new Error("missing_" + field, $"Unit {u.UnitNumber} has no {label}: set it on the unit, or choose another allocation method.", $"Unit {u.UnitNumber}: {field}"));
            else if (w < 0) errors.Add(new Error("negative_" + field, $"Unit {u.UnitNumber} has a negative {label}.", $"Unit {u.UnitNumber}: {field}"));
            else weights[i] = w.Value;
        }
        if (errors.Count > 0) return Fail(errors);
        var total = weights.Sum();
        if (total <= 0) return Fail(new Error("zero_weight", $"Every unit's {(method == LevyAllocationMethod.ParticipationQuota ? "participation quota" : "floor area")} is zero: there is nothing to share by.", "AllocationMethod"));

        var cents = (long)(amount * 100m);
        var shares = new long[units.Count];
        var fractions = new decimal[units.Count];
        long given = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var exact = cents * weights[i] / total;
            shares[i] = (long)decimal.Floor(exact);
            fractions[i] = exact - shares[i];
            given += shares[i];
        }
        var order = Enumerable.Range(0, units.Count)
            .OrderByDescending(i => fractions[i]).ThenBy(i => units[i].UnitNumber, StringComparer.Ordinal).ThenBy(i => units[i].UnitId).ToList();
        for (var k = 0; k < cents - given; k++) shares[order[k]]++;
        return Result<IReadOnlyList<LevyShare>>.Ok(units.Select((u, i) => new LevyShare(u.UnitId, u.UnitNumber, shares[i] / 100m)).ToList());
    }

    private static Result<IReadOnlyList<LevyShare>> Custom(decimal amount, IReadOnlyList<LevyUnit> units, IReadOnlyDictionary<int, decimal> custom)
    {
        var errors = new List<Error>();
        var shares = new List<LevyShare>();
        foreach (var u in units)
        {
            if (!custom.TryGetValue(u.UnitId, out var a))
                errors.Add(new Error("missing_custom_amount", $"Unit {u.UnitNumber} has no custom amount.", $"Unit {u.UnitNumber}: CustomAmount"));
            else if (a < 0 || decimal.Round(a, 2) != a)
                errors.Add(new Error("custom_amount_invalid", $"Unit {u.UnitNumber}'s custom amount must be zero or more, in whole cents.", $"Unit {u.UnitNumber}: CustomAmount"));
            else shares.Add(new LevyShare(u.UnitId, u.UnitNumber, a));
        }
        var known = units.Select(u => u.UnitId).ToHashSet();
        foreach (var extra in custom.Keys.Where(k => !known.Contains(k)).Order())
            errors.Add(new Error("unknown_unit", $"Unit #{extra} has a custom amount but is not an active unit of this estate.", "CustomAmounts"));
        if (errors.Count > 0) return Fail(errors);
        var sum = shares.Sum(s => s.Amount);
        if (sum != amount)
            return Fail(new Error("custom_sum", $"The custom amounts add up to {Money.Format(sum)}, not the levy's {Money.Format(amount)} (difference {Money.Format(amount - sum)}).", "CustomAmounts"));
        return Result<IReadOnlyList<LevyShare>>.Ok(shares);
    }

    private static Result<IReadOnlyList<LevyShare>> Fail(params IEnumerable<Error> errors) => Result<IReadOnlyList<LevyShare>>.Fail(errors);
}
