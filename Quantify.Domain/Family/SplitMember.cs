namespace Quantify.Domain.Family;

/// <summary>One wallet in a split: its unit, its fixed amount or target (per the rule) and its current balance.</summary>
public sealed record SplitMember(int UnitId, decimal? FixedAmount = null, decimal? TargetBalance = null, decimal Balance = 0m);
