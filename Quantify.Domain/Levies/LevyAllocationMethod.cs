namespace Quantify.Domain.Levies;

/// <summary>How a levy is shared between the estate's units.</summary>
public enum LevyAllocationMethod
{
    /// <summary>The same share for every unit.</summary>
    Equal,
    /// <summary>In proportion to each unit's sectional-title participation quota.</summary>
    ParticipationQuota,
    /// <summary>In proportion to each unit's floor area (m²).</summary>
    FloorArea,
    /// <summary>An amount set per unit; the amounts must add up to the levy.</summary>
    Custom,
}
