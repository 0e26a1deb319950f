using Quantify.Domain.Common;

namespace Quantify.Domain.Ledger;

/// <summary>A wallet's pockets: one per utility, unallocated money, and levies (charged when the estate deducts levies from wallets).</summary>
public enum Pocket { Unallocated, Electricity, Water, HotWater, Solar, Levy }

/// <summary>A unit's prepaid wallet: one pocket per utility plus an unallocated pocket. Master data (versioned).</summary>
public sealed class Wallet : AuditableEntity
{
    private readonly List<WalletPocket> pockets = [];

    private Wallet() { }

    public int UnitId { get; private set; }
    public IReadOnlyCollection<WalletPocket> Pockets => pockets;

    public static Wallet Open(int unitId)
    {
        var w = new Wallet { UnitId = unitId };
        foreach (var p in Enum.GetValues<Pocket>()) w.pockets.Add(new WalletPocket(p));
        return w;
    }

    public WalletPocket PocketFor(Pocket pocket) => pockets.Single(p => p.Pocket == pocket);

    /// <summary>Adds the pockets a wallet opened before they existed (e.g. <see cref="Pocket.Levy"/>) lacks. Returns those added.</summary>
    public IReadOnlyList<Pocket> AddMissingPockets()
    {
        var missing = Enum.GetValues<Pocket>().Where(p => pockets.All(x => x.Pocket != p)).ToList();
        foreach (var p in missing) pockets.Add(new WalletPocket(p));
        return missing;
    }

}

/// <summary>
/// The head of a wallet's hash chain. Kept apart from the (versioned) wallet so a posting does not write a history
/// row; the chain itself is the wallet's history.
/// </summary>
public sealed class WalletChain
{
    private WalletChain() { }

    public WalletChain(int walletId) => WalletId = walletId;

    public int WalletId { get; private set; }
    /// <summary>How many wallet lines are chained; the next gets Sequence = Length + 1.</summary>
    public long Length { get; private set; }
    /// <summary>Hash of the last chained line, or <see cref="LedgerHash.Genesis"/>.</summary>
    public string Head { get; private set; } = LedgerHash.Genesis;

    public (long Sequence, string PreviousHash) Next() => (Length + 1, Head);

    public void Append(long sequence, string hash)
    {
        if (sequence != Length + 1) throw new DomainException($"Wallet {WalletId}: chain sequence {sequence} does not follow {Length}.");
        Length = sequence;
        Head = hash;
    }
}

/// <summary>One pocket of a wallet and its credit-control settings. Its balance lives on its ledger account.</summary>
public sealed class WalletPocket : AuditableEntity
{
    private WalletPocket() { }

    internal WalletPocket(Pocket pocket)
    {
        Pocket = pocket;
        CreditLimit = pocket is Pocket.Water or Pocket.HotWater ? Defaults.WaterDebtCap : 0m;
    }

    public int WalletId { get; private set; }
    public Pocket Pocket { get; private set; }
    public decimal LowBalanceThreshold { get; private set; } = Defaults.LowBalanceThreshold;
    public decimal MinimumActivationAmount { get; private set; } = Defaults.MinimumActivationAmount;
    /// <summary>How far below zero the pocket may go (water's debt cap); electricity's is 0.</summary>
    public decimal CreditLimit { get; private set; }
    public bool IsSuspended { get; private set; }
    public string? SuspendedReason { get; private set; }

    public bool IsLow(decimal balance) => balance <= LowBalanceThreshold;
    public bool IsExhausted(decimal balance) => balance <= -CreditLimit;

    public Result Configure(decimal lowBalanceThreshold, decimal minimumActivation, decimal creditLimit)
    {
        var v = new Validator()
            .Range(lowBalanceThreshold, 0m, 100_000m, nameof(LowBalanceThreshold), "Low-balance threshold")
            .Range(minimumActivation, 0m, 100_000m, nameof(MinimumActivationAmount), "Minimum activation amount")
            .Range(creditLimit, 0m, 100_000m, nameof(CreditLimit), "Credit limit");
        if (!v.IsValid) return v.ToResult();
        LowBalanceThreshold = lowBalanceThreshold;
        MinimumActivationAmount = minimumActivation;
        CreditLimit = creditLimit;
        return Result.Ok();
    }

    public void Suspend(string reason)
    {
        IsSuspended = true;
        SuspendedReason = reason;
    }

    public void Resume()
    {
        IsSuspended = false;
        SuspendedReason = null;
    }
}
