using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// What the engine keeps in memory about a wallet: its pocket accounts (id and balance), its pockets' settings (for
/// credit control's thresholds) and its chain head and length, as of the last committed batch.
/// </summary>
public sealed class WalletState(int walletId, int unitId, Dictionary<Pocket, LedgerAccount> accounts, Dictionary<Pocket, WalletPocket> pockets, WalletChain chain)
{
    public int WalletId { get; } = walletId;
    public int UnitId { get; } = unitId;
    public Dictionary<Pocket, LedgerAccount> Accounts { get; } = accounts;
    public Dictionary<Pocket, WalletPocket> Pockets { get; } = pockets;
    public WalletChain Chain { get; } = chain;
}
