namespace Quantify.Domain.Family;

/// <summary>What a person may do with a unit's wallet they were given access to (seed 004 §4.2).</summary>
public enum WalletAccessLevel
{
    /// <summary>Balances, history, usage.</summary>
    View,
    /// <summary>View, and pay in up to the grant's caps.</summary>
    TopUp,
    /// <summary>TopUp without caps, and invite, revoke, set limits and budgets.</summary>
    Manage,
}
