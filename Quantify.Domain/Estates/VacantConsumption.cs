namespace Quantify.Domain.Estates;

/// <summary>Who pays for what a vacant unit's meters record (an estate's choice; docs/portal.md, "Vacant units").</summary>
public enum VacantConsumption
{
    /// <summary>The unit's own wallet, which the owner keeps in credit while nobody lives there (the default).</summary>
    OwnerWallet,
    /// <summary>The estate's common property account for the utility: the body corporate carries it.</summary>
    CommonProperty,
}
