namespace Quantify.Domain.Family;

/// <summary>One unit wallet in a <see cref="WalletGroup"/>, in the group's order, with its fixed amount or target balance.</summary>
public sealed class WalletGroupMember
{
    private WalletGroupMember() { }

    internal WalletGroupMember(int unitId, int position, decimal? fixedAmount, decimal? targetBalance)
    {
        UnitId = unitId;
        Position = position;
        FixedAmount = fixedAmount;
        TargetBalance = targetBalance;
    }

    public int Id { get; private set; }
    public int WalletGroupId { get; private set; }
    public int UnitId { get; private set; }
    public int Position { get; private set; }
    public decimal? FixedAmount { get; private set; }
    public decimal? TargetBalance { get; private set; }
}
