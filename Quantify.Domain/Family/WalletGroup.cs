using Quantify.Domain.Common;

namespace Quantify.Domain.Family;

/// <summary>
/// A master wallet (seed 004 §4.1, §4.4): a payer's group of unit wallets they may top up, funded by one payment split
/// by <see cref="Rule"/>. Low-balance notices of a member unit also reach the payer.
/// </summary>
public sealed class WalletGroup : AuditableEntity
{
    private readonly List<WalletGroupMember> members = [];

    private WalletGroup() { }

    public int PayerPersonId { get; private set; }
    public string Name { get; private set; } = "";
    public SplitRule Rule { get; private set; }
    public IReadOnlyCollection<WalletGroupMember> Members => members;

    public static Result<WalletGroup> Create(int payerPersonId, string name, SplitRule rule)
    {
        var v = new Validator().Required(name, nameof(Name), "Name").MaxLength(name, 100, nameof(Name), "Name");
        return v.IsValid ? Result<WalletGroup>.Ok(new WalletGroup { PayerPersonId = payerPersonId, Name = name.Trim(), Rule = rule }) : Result<WalletGroup>.Fail(v.Errors);
    }

    public Result Configure(string name, SplitRule rule)
    {
        var v = new Validator().Required(name, nameof(Name), "Name").MaxLength(name, 100, nameof(Name), "Name");
        if (!v.IsValid) return v.ToResult();
        Name = name.Trim();
        Rule = rule;
        return Result.Ok();
    }

    /// <param name="payerMayTopUp">Whether the payer may top up this unit's wallet (tenant, owner or a TopUp/Manage grant).</param>
    public Result AddMember(int unitId, bool payerMayTopUp, decimal? fixedAmount = null, decimal? targetBalance = null)
    {
        if (!payerMayTopUp)
            return Result.Fail(new Error("cannot_top_up", $"You cannot top up unit #{unitId}'s wallet, so it cannot join your group.", "UnitId"));
        if (members.Any(m => m.UnitId == unitId)) return Result.Fail(new Error("duplicate_member", $"Unit #{unitId} is already in the group.", "UnitId"));
        var v = new Validator().Range(fixedAmount, 0m, 1_000_000m, nameof(WalletGroupMember.FixedAmount), "Fixed amount")
            .Range(targetBalance, 0m, 1_000_000m, nameof(WalletGroupMember.TargetBalance), "Target balance");
        if (!v.IsValid) return v.ToResult();
        members.Add(new WalletGroupMember(unitId, members.Count, fixedAmount, targetBalance));
        return Result.Ok();
    }

    public void RemoveMember(int unitId) => members.RemoveAll(m => m.UnitId == unitId);
}
