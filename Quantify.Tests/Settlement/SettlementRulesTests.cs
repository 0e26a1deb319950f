using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;

namespace Quantify.Tests.Settlement;

/// <summary>Settlement rules and the calculator, without a database: refusals name the field; the lines add up to the sources to the cent.</summary>
public class SettlementRulesTests
{
    private const int Supplier = 1, BodyCorporate = 2, Operator = 3, Sars = 4;
    private static readonly DateOnly Jan = new(2026, 1, 1);

    private static SettlementRuleVersion Rule(params SettlementRuleShare[] shares) =>
        SettlementRuleVersion.Create(7, Utility.Electricity, Jan, Sars, BodyCorporate, shares).Value;

    private static Error Refused(Result r) => Assert.Single(r.Errors);

    [Fact]
    public void PercentagesOfTheResidual_NotAddingTo100_AreRefused_NamingShares()
    {
        var r = SettlementRuleVersion.Create(7, Utility.Electricity, Jan, Sars, BodyCorporate,
            [new(Supplier, ShareBasis.PercentOfResidual, 60m), new(Operator, ShareBasis.PercentOfResidual, 30m)]);
        var e = Refused(r);
        Assert.Equal(("not_100", "Shares"), (e.Code, e.Field));
        Assert.Contains("90 %", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentagesOfTheResidual_AddingTo100_AreAccepted() =>
        Assert.True(SettlementRuleVersion.Create(7, Utility.Electricity, Jan, Sars, BodyCorporate,
            [new(Supplier, ShareBasis.PercentOfResidual, 62.5m), new(Operator, ShareBasis.PercentOfResidual, 37.5m)]).IsSuccess);

    [Theory]
    [InlineData(0, "Shares[0].Rate")]
    [InlineData(100.01, "Shares[0].Rate")]
    [InlineData(-5, "Shares[0].Rate")]
    public void APercentageOutOfRange_IsRefused_NamingTheShareAndField(double rate, string field)
    {
        var r = SettlementRuleVersion.Create(7, Utility.Electricity, Jan, Sars, BodyCorporate, [new(Operator, ShareBasis.PercentOfRevenue, (decimal)rate)]);
        Assert.Equal("invalid", r.Errors.Single(e => e.Field == field).Code);
    }

    [Fact]
    public void ASecondShareWithoutPayee_IsRefused_NamingIt()
    {
        var e = Refused(SettlementRuleVersion.Create(7, Utility.Water, Jan, Sars, BodyCorporate,
            [new(Operator, ShareBasis.PerActiveUnit, 25m), new(0, ShareBasis.PercentOfRevenue, 5m)]));
        Assert.Equal("Shares[1].PayeeId", e.Field);
    }

    [Fact]
    public void AVersionStartingMidMonth_IsRefused_NamingEffectiveFrom() =>
        Assert.Equal("EffectiveFrom", Refused(SettlementRuleVersion.Create(7, Utility.Water, new DateOnly(2026, 1, 15), Sars, BodyCorporate, [])).Field);

    [Fact]
    public void NoRemainderOrVatPayee_IsRefused_NamingBoth()
    {
        var r = SettlementRuleVersion.Create(7, Utility.Water, Jan, 0, 0, []);
        Assert.Equal(new string?[] { "VatPayeeId", "RemainderPayeeId" }, r.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AMarkupWithoutABulkCost_IsRefused() =>
        Assert.Equal("no_bulk_cost", Refused(SettlementRuleVersion.Create(7, Utility.Water, Jan, Sars, BodyCorporate, [new(BodyCorporate, ShareBasis.MarkupOnBulkCost, 10m)])).Code);

    [Fact]
    public void PercentagesOfRevenueOver100_AreRefused() =>
        Assert.Equal("over_100", Refused(SettlementRuleVersion.Create(7, Utility.Water, Jan, Sars, BodyCorporate,
            [new(Supplier, ShareBasis.PercentOfRevenue, 80m), new(Operator, ShareBasis.PercentOfRevenue, 25m)])).Code);

    [Fact]
    public void AnOverlappingVersion_IsRefused_NamingEffectiveFrom_ButTheNextMonthAfterTheEndIsAccepted()
    {
        var first = Rule(new SettlementRuleShare(Operator, ShareBasis.PercentOfRevenue, 8m));
        Assert.True(first.EndBefore(new DateOnly(2026, 6, 1)).IsSuccess);
        var set = new SettlementRuleSet([first]);
        var overlapping = SettlementRuleVersion.Create(7, Utility.Electricity, new DateOnly(2026, 5, 1), Sars, BodyCorporate, []).Value;
        var next = SettlementRuleVersion.Create(7, Utility.Electricity, new DateOnly(2026, 6, 1), Sars, BodyCorporate, []).Value;
        var otherUtility = SettlementRuleVersion.Create(7, Utility.Water, new DateOnly(2026, 5, 1), Sars, BodyCorporate, []).Value;

        var e = Refused(set.CanAdd(overlapping));
        Assert.Equal(("overlap", "EffectiveFrom"), (e.Code, e.Field));
        Assert.True(set.CanAdd(next).IsSuccess);
        Assert.True(set.CanAdd(otherUtility).IsSuccess);
        Assert.Same(first, new SettlementRuleSet([first, next]).For(Utility.Electricity, 2026, 5));
        Assert.Same(next, new SettlementRuleSet([first, next]).For(Utility.Electricity, 2026, 6));
    }

    [Fact]
    public void AMonth_PaysBulkCostMarkupCommissionFeesVatAndRemainder_ExactlyTheSources()
    {
        // Revenue R 10 000,00 excl. VAT, VAT R 1 500,00; bulk 3 120,5 kWh at R 2,1234 + R 450 fixed = R 7 076,07 (6 626,0697 + 450).
        var rule = Rule(
            new SettlementRuleShare(Supplier, ShareBasis.BulkCost, 2.1234m, 450m),
            new SettlementRuleShare(BodyCorporate, ShareBasis.MarkupOnBulkCost, 5m),
            new SettlementRuleShare(Operator, ShareBasis.PercentOfRevenue, 7.5m),
            new SettlementRuleShare(Operator, ShareBasis.PerActiveUnit, 12.50m));
        var lines = SettlementCalculator.Compute(rule, new UtilityPeriodInput(Utility.Electricity, 10_000m, 1_500m, 3120.5m, 23)).Value;

        var totals = SettlementCalculator.Totals(lines).ToDictionary(t => t.PayeeId, t => t.Amount);
        Assert.Equal(7_076.07m, totals[Supplier]);
        // markup 353,80 (5 % of 7 076,07 = 353,8035) + remainder 10 000 − 7 076,07 − 353,80 − 750,00 − 287,50 = 1 532,63
        Assert.Equal(353.80m + 1_532.63m, totals[BodyCorporate]);
        Assert.Equal(750m + 287.50m, totals[Operator]);
        Assert.Equal(1_500m, totals[Sars]);
        Assert.Equal(11_500m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void ResidualSplitByThirds_RoundsEachDown_AndTheRemainderPayeeTakesTheCents()
    {
        var rule = SettlementRuleVersion.Create(7, Utility.Water, Jan, Sars, Operator,
            [new(Supplier, ShareBasis.PercentOfResidual, 33.34m), new(BodyCorporate, ShareBasis.PercentOfResidual, 33.33m), new(Operator, ShareBasis.PercentOfResidual, 33.33m)]).Value;

        var lines = SettlementCalculator.Compute(rule, new UtilityPeriodInput(Utility.Water, 100.01m, 0m, null, 3)).Value;

        Assert.Equal(33.34m, lines.Single(l => l.PayeeId == Supplier).Amount);   // 33,343334 → 33,34
        Assert.Equal(33.33m, lines.Single(l => l.PayeeId == BodyCorporate).Amount); // 33,333333 → 33,33
        var op = lines.Where(l => l.PayeeId == Operator).ToList();
        Assert.Equal(33.33m, op.Single(l => l.Kind == SettlementLineKind.PercentOfResidual).Amount);
        Assert.Equal(0.01m, op.Single(l => l.Kind == SettlementLineKind.Remainder).Amount);
        Assert.Equal(100.01m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void BulkCostAboveRevenue_LeavesTheRemainderPayeeAShortfall_AndStillAddsUp()
    {
        var rule = Rule(new SettlementRuleShare(Supplier, ShareBasis.BulkCost, 3m), new SettlementRuleShare(Operator, ShareBasis.PercentOfResidual, 100m));
        var lines = SettlementCalculator.Compute(rule, new UtilityPeriodInput(Utility.Electricity, 1_000m, 150m, 400m, 10)).Value;

        Assert.Equal(1_200m, lines.Single(l => l.PayeeId == Supplier).Amount);
        Assert.DoesNotContain(lines, l => l.PayeeId == Operator);
        var shortfall = lines.Single(l => l.Kind == SettlementLineKind.Remainder);
        Assert.Equal((BodyCorporate, -200m), (shortfall.PayeeId, shortfall.Amount));
        Assert.Contains("shortfall", shortfall.Description, StringComparison.Ordinal);
        Assert.Equal(1_150m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void ABulkCostRuleWithoutABulkReading_IsRefused_NamingBulkQuantity()
    {
        var rule = Rule(new SettlementRuleShare(Supplier, ShareBasis.BulkCost, 2m));
        var e = Refused(SettlementCalculator.Compute(rule, new UtilityPeriodInput(Utility.Electricity, 100m, 15m, null, 1)));
        Assert.Equal(("no_bulk_reading", "BulkQuantity"), (e.Code, e.Field));
    }

    [Fact]
    public void RevenueWithoutARuleInEffect_IsRefused_AndLeviesGoToTheLevyPayee()
    {
        var set = new SettlementRuleSet([Rule()]);
        var refused = SettlementCalculator.Compute(set, 2026, 3, [new UtilityPeriodInput(Utility.Water, 50m, 7.5m, null, 1)]);
        Assert.Equal("no_rule", Refused(refused).Code);

        var ok = SettlementCalculator.Compute(set, 2026, 3, [new UtilityPeriodInput(Utility.Electricity, 50m, 7.5m, null, 1)], levyIncome: 900m, levyPayeeId: BodyCorporate).Value;
        Assert.Equal(900m, ok.Single(l => l.Kind == SettlementLineKind.Levies && l.PayeeId == BodyCorporate).Amount);
        Assert.Equal("no_levy_payee", Refused(SettlementCalculator.Compute(set, 2026, 3, [], levyIncome: 900m)).Code);
    }

    [Fact]
    public void RandomMonths_AlwaysAddUpToTheSourcesExactly()
    {
        var rng = new Random(14);
        for (var i = 0; i < 2_000; i++)
        {
            var a = rng.Next(1, 99) + rng.Next(0, 100) / 100m;
            var rule = Rule(
                new SettlementRuleShare(Supplier, ShareBasis.BulkCost, rng.Next(1, 40000) / 10000m, rng.Next(0, 2) * 123.45m),
                new SettlementRuleShare(BodyCorporate, ShareBasis.MarkupOnBulkCost, rng.Next(1, 30) + 0.5m),
                new SettlementRuleShare(Operator, ShareBasis.PerActiveUnit, rng.Next(1, 5000) / 100m),
                new SettlementRuleShare(Operator, ShareBasis.PercentOfResidual, a),
                new SettlementRuleShare(Supplier, ShareBasis.PercentOfResidual, 100m - a));
            var revenue = rng.Next(0, 10_000_000) / 100m;
            var vat = Math.Round(revenue * 0.15m, 2);
            var lines = SettlementCalculator.Compute(rule, new UtilityPeriodInput(Utility.Electricity, revenue, vat, rng.Next(0, 500_000) / 10m, rng.Next(0, 400))).Value;
            Assert.Equal(revenue + vat, lines.Sum(l => l.Amount));
            Assert.All(lines, l => Assert.Equal(decimal.Round(l.Amount, 2), l.Amount));
        }
    }

    [Fact]
    public void TheWorkedMonthOfTheDocs_AddsUpAsWritten()
    {
        // docs/settlement.md, "A worked month": the demo's Silverleaf rules (Demo/DemoSettlement.cs).
        var set = new SettlementRuleSet([
            SettlementRuleVersion.Create(7, Utility.Electricity, Jan, Sars, BodyCorporate,
                [new(Supplier, ShareBasis.BulkCost, 1.95m, 450m), new(BodyCorporate, ShareBasis.MarkupOnBulkCost, 5m), new(Operator, ShareBasis.PercentOfRevenue, 6m),
                 new(Operator, ShareBasis.PerActiveUnit, 15m)]).Value,
            SettlementRuleVersion.Create(7, Utility.Water, Jan, Sars, BodyCorporate, [new(Supplier, ShareBasis.BulkCost, 24.50m, 350m), new(Operator, ShareBasis.PerActiveUnit, 8m)]).Value,
            SettlementRuleVersion.Create(7, Utility.HotWater, Jan, Sars, BodyCorporate, [new(Operator, ShareBasis.PercentOfRevenue, 10m)]).Value]);

        var lines = SettlementCalculator.Compute(set, 2026, 10, [
            new UtilityPeriodInput(Utility.Electricity, 9_850.00m, 1_477.50m, 3_600m, 24),
            new UtilityPeriodInput(Utility.Water, 3_120.40m, 468.06m, 95m, 24),
            new UtilityPeriodInput(Utility.HotWater, 760.00m, 114.00m, null, 8)]).Value;

        var totals = SettlementCalculator.Totals(lines).ToDictionary(t => t.PayeeId, t => t.Amount);
        Assert.Equal(10_147.50m, totals[Supplier]);
        Assert.Equal(2_363.90m, totals[BodyCorporate]);
        Assert.Equal(1_219.00m, totals[Operator]);
        Assert.Equal(2_059.56m, totals[Sars]);
        Assert.Equal(1_055.50m, lines.Single(l => l.Utility == Utility.Electricity && l.Kind == SettlementLineKind.Remainder).Amount);
        Assert.Equal(250.90m, lines.Single(l => l.Utility == Utility.Water && l.Kind == SettlementLineKind.Remainder).Amount);
        Assert.Equal(15_789.96m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void APayee_MasksItsAccountNumber_AndRefusesBadBankDetails_NamingTheField()
    {
        var p = Payee.Create(7, "City of Tshwane", PayeeKind.BulkSupplier, "FNB", "250655", "62 1234 5678", "SLF-BULK").Value;
        Assert.Equal("******5678", p.MaskedAccount);
        Assert.DoesNotContain("6212345678", p.ToString(), StringComparison.Ordinal);

        Assert.Equal("BranchCode", Refused(Payee.Create(7, "X", PayeeKind.Operator, "FNB", "2506", "6212345678", "REF")).Field);
        Assert.Equal("AccountNumber", Refused(Payee.Create(7, "X", PayeeKind.Operator, "FNB", "250655", "62-12A", "REF")).Field);
        Assert.Equal("BeneficiaryReference", Refused(Payee.Create(7, "X", PayeeKind.Operator, "FNB", "250655", "6212345678", "A REFERENCE TOO LONG")).Field);
    }
}
