namespace Quantify.Domain.Levies;

/// <summary>What the allocator needs to know about a unit: its number (for messages and tie-breaks), PQ and floor area.</summary>
public sealed record LevyUnit(int UnitId, string UnitNumber, decimal? ParticipationQuota, decimal? FloorArea);
