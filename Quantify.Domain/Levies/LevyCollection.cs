namespace Quantify.Domain.Levies;

/// <summary>How an estate collects levies (per estate setting).</summary>
public enum LevyCollection
{
    /// <summary>Each unit's levy is a receivable the owner pays by EFT (a levy receipt settles it).</summary>
    Receivable,
    /// <summary>Each unit's levy is deducted from its wallet's Levy pocket, which has its own arrears.</summary>
    Wallet,
}
