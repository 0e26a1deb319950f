namespace Quantify.Domain.Family;

/// <summary>How one group top-up is shared across the group's wallets.</summary>
public enum SplitRule
{
    /// <summary>Equal parts; leftover cents go to the first members in the group's order.</summary>
    Evenly,
    /// <summary>Each member's fixed amount; they must add up to the amount paid.</summary>
    FixedAmounts,
    /// <summary>Bring each wallet up to its target balance; short of that, in proportion to what each needs; any surplus evenly.</summary>
    ToTargetBalance,
}
