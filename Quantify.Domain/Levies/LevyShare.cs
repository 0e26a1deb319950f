namespace Quantify.Domain.Levies;

/// <summary>One unit's share of a levy for one period, in rand (whole cents).</summary>
public sealed record LevyShare(int UnitId, string UnitNumber, decimal Amount);
