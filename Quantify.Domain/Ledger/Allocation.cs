namespace Quantify.Domain.Ledger;

/// <summary>How a top-up is split across pockets when the payer did not choose: the estate's default rule.</summary>
public static class Allocation
{
    /// <summary>
    /// Splits an amount by the electricity percentage, the rest to water, in whole cents that add up exactly
    /// (electricity is rounded half away from zero; water takes the remainder).
    /// </summary>
    public static IReadOnlyDictionary<Pocket, decimal> ByDefaultRule(decimal amount, decimal electricityPercent)
    {
        if (electricityPercent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(electricityPercent), "Between 0 and 100.");
        var electricity = Math.Round(amount * electricityPercent / 100m, 2, MidpointRounding.AwayFromZero);
        var split = new Dictionary<Pocket, decimal>();
        if (electricity != 0) split[Pocket.Electricity] = electricity;
        if (amount - electricity != 0) split[Pocket.Water] = amount - electricity;
        return split;
    }
}
