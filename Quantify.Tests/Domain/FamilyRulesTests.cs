using Quantify.Domain.Family;
using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

/// <summary>Shared-wallet rules: grants and caps, the last Manage holder, budgets, and the group top-up split.</summary>
public class FamilyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static WalletAccessGrant Grant(WalletAccessLevel level, decimal? perTopUp = null, decimal? perMonth = null) =>
        WalletAccessGrant.Create(1, 2, level, perTopUp, perMonth, Now, null).Value;

    [Fact]
    public void Grant_WithACapBelowZero_IsRefused_NamingTheField()
    {
        var r = WalletAccessGrant.Create(1, 2, WalletAccessLevel.TopUp, -1m, null, Now, null);
        Assert.True(r.IsFailure);
        Assert.Equal(nameof(WalletAccessGrant.CapPerTopUp), r.Errors.Single().Field);
    }

    [Fact]
    public void ViewGrant_WithACap_IsRefused_BecauseAViewerCannotPayIn()
    {
        var r = WalletAccessGrant.Create(1, 2, WalletAccessLevel.View, null, 300m, Now, null);
        Assert.True(r.IsFailure);
        var e = r.Errors.Single();
        Assert.Equal(nameof(WalletAccessGrant.CapPerMonth), e.Field);
        Assert.Contains("View grant cannot pay in", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopUp_AboveTheCapPerTopUp_IsRefused_WithTheCapInTheMessage()
    {
        var r = TopUpCap.Check(Grant(WalletAccessLevel.TopUp, 200m, 500m), false, 250m, 0m);
        Assert.True(r.IsFailure);
        Assert.Contains("R 200,00", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(TopUpCap.Check(Grant(WalletAccessLevel.TopUp, 200m, 500m), false, 200m, 0m).IsSuccess);
    }

    [Fact]
    public void TopUp_PastTheMonthlyCap_IsRefused_SayingWhatIsLeft()
    {
        var r = TopUpCap.Check(Grant(WalletAccessLevel.TopUp, null, 500m), false, 150m, 400m);
        Assert.True(r.IsFailure);
        Assert.Contains("R 500,00", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("R 100,00 more", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(TopUpCap.Check(Grant(WalletAccessLevel.TopUp, null, 500m), false, 100m, 400m).IsSuccess);
    }

    [Fact]
    public void TopUp_ByAViewerOrARevokedGrant_IsRefused_TheHolderAndManagersAreNotCapped()
    {
        Assert.Equal("view_only", TopUpCap.Check(Grant(WalletAccessLevel.View), false, 10m, 0m).Errors[0].Code);
        var revoked = Grant(WalletAccessLevel.TopUp, 200m);
        Assert.True(revoked.Revoke(Now, null).IsSuccess);
        Assert.Equal("no_access", TopUpCap.Check(revoked, false, 10m, 0m).Errors[0].Code);
        Assert.True(TopUpCap.Check(null, true, 5_000m, 10_000m).IsSuccess);
        Assert.True(TopUpCap.Check(Grant(WalletAccessLevel.Manage), false, 5_000m, 10_000m).IsSuccess);
    }

    [Fact]
    public void RemovingTheLastManageHolder_IsRefused_UnlessTheUnitHasAHolderOrAnotherManager()
    {
        var only = Grant(WalletAccessLevel.Manage);
        var refused = ManageHolders.CheckRemoval([only], only, null, unitHasHolder: false);
        Assert.Equal("last_manager", refused.Errors.Single().Code);
        Assert.Equal(nameof(WalletAccessGrant.Level), refused.Errors.Single().Field);
        Assert.True(ManageHolders.CheckRemoval([only], only, WalletAccessLevel.View, unitHasHolder: false).IsFailure); // a downgrade removes it too
        Assert.True(ManageHolders.CheckRemoval([only], only, null, unitHasHolder: true).IsSuccess);
        Assert.True(ManageHolders.CheckRemoval([only, Grant(WalletAccessLevel.Manage)], only, null, unitHasHolder: false).IsSuccess);
    }

    [Theory]
    [InlineData(0, BudgetLevel.Under)]
    [InlineData(79.99, BudgetLevel.Under)]
    [InlineData(80, BudgetLevel.Warning)]
    [InlineData(99.99, BudgetLevel.Warning)]
    [InlineData(100, BudgetLevel.Reached)]
    [InlineData(130, BudgetLevel.Reached)]
    public void BudgetLevel_WarnsAt80Percent_AndIsReachedAt100(decimal spent, BudgetLevel expected) =>
        Assert.Equal(expected, BudgetRule.Level(spent, 100m));

    [Fact]
    public void BudgetNotices_GoOutOncePerPeriod_AndAgainInTheNext()
    {
        var b = SpendBudget.Create(1, Pocket.Electricity, BudgetPeriod.Daily, 100m, BudgetMode.NotifyOnly).Value;
        var day1 = new DateOnly(2026, 11, 2);
        Assert.Equal((true, false), b.MarkNotified(BudgetLevel.Warning, day1));
        Assert.Equal((false, false), b.MarkNotified(BudgetLevel.Warning, day1));
        Assert.Equal((false, true), b.MarkNotified(BudgetLevel.Reached, day1));
        Assert.Equal((false, false), b.MarkNotified(BudgetLevel.Reached, day1));
        Assert.Equal((true, false), b.MarkNotified(BudgetLevel.Warning, day1.AddDays(1)));
    }

    [Fact]
    public void Budget_BelowZero_OrCuttingWater_IsRefused_WithTheField()
    {
        Assert.Equal(nameof(SpendBudget.Limit), SpendBudget.Create(1, Pocket.Electricity, BudgetPeriod.Monthly, -5m, BudgetMode.NotifyOnly).Errors.Single().Field);
        var water = SpendBudget.Create(1, Pocket.Water, BudgetPeriod.Monthly, 100m, BudgetMode.CutElectricity);
        Assert.Equal("water_never_cut", water.Errors.Single().Code);
    }

    [Fact]
    public void OnlyAReachedCuttingElectricityBudget_CutsSupply_WaterNever()
    {
        var cut = SpendBudget.Create(1, Pocket.Electricity, BudgetPeriod.Daily, 50m, BudgetMode.CutElectricity).Value;
        var notify = SpendBudget.Create(1, Pocket.Electricity, BudgetPeriod.Monthly, 50m, BudgetMode.NotifyOnly).Value;
        Assert.True(BudgetRule.CutsSupply(Pocket.Electricity, [(cut, 50m)]));
        Assert.False(BudgetRule.CutsSupply(Pocket.Electricity, [(cut, 49.99m)]));
        Assert.False(BudgetRule.CutsSupply(Pocket.Electricity, [(notify, 500m)]));
        Assert.False(BudgetRule.CutsSupply(Pocket.Water, [(cut, 500m)]));
    }

    [Fact]
    public void MonthlyPeriod_RunsFromTheFirstToTheFirst_DailyIsOneDay()
    {
        Assert.Equal(new DateOnly(2026, 2, 1), BudgetRule.PeriodStart(BudgetPeriod.Monthly, new DateOnly(2026, 2, 28)));
        Assert.Equal(new DateOnly(2026, 3, 1), BudgetRule.PeriodEnd(BudgetPeriod.Monthly, new DateOnly(2026, 2, 28)));
        Assert.Equal(new DateOnly(2026, 3, 1), BudgetRule.PeriodEnd(BudgetPeriod.Daily, new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void EvenSplit_OfR100_AcrossThree_IsExactToTheCent_FirstMemberTakesTheCent()
    {
        var parts = TopUpSplit.Split(100m, SplitRule.Evenly, [new(11), new(12), new(13)]).Value;
        Assert.Equal([(11, 33.34m), (12, 33.33m), (13, 33.33m)], parts);
    }

    [Fact]
    public void FixedAmounts_MustAddUpToThePayment()
    {
        var ok = TopUpSplit.Split(300m, SplitRule.FixedAmounts, [new(1, FixedAmount: 100m), new(2, FixedAmount: 200m)]);
        Assert.Equal([(1, 100m), (2, 200m)], ok.Value);
        var bad = TopUpSplit.Split(250m, SplitRule.FixedAmounts, [new(1, FixedAmount: 100m), new(2, FixedAmount: 200m)]);
        Assert.Equal("fixed_mismatch", bad.Errors.Single().Code);
        Assert.Equal("Amount", bad.Errors.Single().Field);
    }

    [Fact]
    public void ToTarget_FillsNeedsFirst_ThenSharesTheSurplusEvenly()
    {
        // Needs: 150, 0, 50 → total 200; paying 230 leaves 30 to share: 10 each.
        var parts = TopUpSplit.Split(230m, SplitRule.ToTargetBalance,
            [new(1, TargetBalance: 200m, Balance: 50m), new(2, TargetBalance: 100m, Balance: 120m), new(3, TargetBalance: 100m, Balance: 50m)]).Value;
        Assert.Equal([(1, 160m), (2, 10m), (3, 60m)], parts);
        // Short of the needs: in proportion (150:50 of 100 → 75 and 25).
        var shortParts = TopUpSplit.Split(100m, SplitRule.ToTargetBalance,
            [new(1, TargetBalance: 200m, Balance: 50m), new(2, TargetBalance: 100m, Balance: 120m), new(3, TargetBalance: 100m, Balance: 50m)]).Value;
        Assert.Equal([(1, 75m), (2, 0m), (3, 25m)], shortParts);
    }

    [Fact]
    public void Split_Property_AlwaysSumsToThePayment_InWholeNonNegativeCents_AndIsDeterministic()
    {
        var rng = new Random(20261206);
        for (var run = 0; run < 2_000; run++)
        {
            var count = rng.Next(1, 9);
            var amount = rng.Next(1, 2_000_000) / 100m;
            var rule = (SplitRule)rng.Next(0, 3);
            var members = Enumerable.Range(0, count).Select(i => new SplitMember(100 + i, null, rng.Next(0, 100_000) / 100m, rng.Next(-50_000, 100_000) / 100m)).ToList();
            if (rule == SplitRule.FixedAmounts)
            {
                var fixedParts = TopUpSplit.Apportion(amount, members.Select(_ => (decimal)rng.Next(1, 100)).ToList());
                members = members.Select((m, i) => m with { FixedAmount = fixedParts[i] }).ToList();
            }
            var r = TopUpSplit.Split(amount, rule, members);
            Assert.True(r.IsSuccess, $"run {run}: {(r.IsFailure ? r.Describe() : "")}");
            Assert.Equal(amount, r.Value.Sum(p => p.Amount));
            Assert.All(r.Value, p => Assert.True(p.Amount >= 0 && decimal.Round(p.Amount, 2) == p.Amount, $"run {run}: part {p.Amount}"));
            Assert.Equal(members.Select(m => m.UnitId), r.Value.Select(p => p.UnitId));
            Assert.Equal(r.Value, TopUpSplit.Split(amount, rule, members).Value);
            if (rule == SplitRule.Evenly) Assert.True(r.Value.Max(p => p.Amount) - r.Value.Min(p => p.Amount) <= 0.01m);
        }
    }

    [Fact]
    public void Group_RefusesAWalletThePayerCannotTopUp_WithTheField()
    {
        var g = WalletGroup.Create(5, "Flats", SplitRule.Evenly).Value;
        var r = g.AddMember(7, payerMayTopUp: false);
        Assert.Equal("UnitId", r.Errors.Single().Field);
        Assert.Contains("cannot top up", r.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Empty(g.Members);
    }

    [Fact]
    public void CreditPolicy_AReachedBudget_CutsElectricityOutsideFriendlyHours_WaitsInThem_AndBlocksReconnection()
    {
        var wallet = Wallet.Open(1);
        var electricity = wallet.PocketFor(Pocket.Electricity);
        Assert.Equal(Quantify.Domain.Metering.CreditAction.Disconnect,
            Quantify.Domain.Metering.CreditPolicy.Decide(Pocket.Electricity, 300m, electricity, relayClosed: true, friendlyHours: false, budgetReached: true).Action);
        Assert.Equal(Quantify.Domain.Metering.CreditAction.DeferDisconnect,
            Quantify.Domain.Metering.CreditPolicy.Decide(Pocket.Electricity, 300m, electricity, relayClosed: true, friendlyHours: true, budgetReached: true).Action);
        Assert.Equal(Quantify.Domain.Metering.CreditAction.None,
            Quantify.Domain.Metering.CreditPolicy.Decide(Pocket.Electricity, 300m, electricity, relayClosed: false, friendlyHours: false, budgetReached: true).Action);
        Assert.Equal(Quantify.Domain.Metering.CreditAction.Reconnect,
            Quantify.Domain.Metering.CreditPolicy.Decide(Pocket.Electricity, 300m, electricity, relayClosed: false, friendlyHours: false, budgetReached: false).Action);
        Assert.Equal(Quantify.Domain.Metering.CreditAction.None,
            Quantify.Domain.Metering.CreditPolicy.Decide(Pocket.Water, 300m, wallet.PocketFor(Pocket.Water), relayClosed: true, friendlyHours: false, budgetReached: true).Action);
    }
}
