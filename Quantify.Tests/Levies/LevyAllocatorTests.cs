using Quantify.Domain.Levies;

namespace Quantify.Tests.Levies;

public class LevyAllocatorTests
{
    private static readonly LevyUnit[] ThreeUnits = [new(10, "3", 30m, 80m), new(11, "1", 30m, 80m), new(12, "2", 40m, 100m)];

    [Fact]
    public void Equal_R100_OverThree_GivesTheLeftOverCentToTheLowestUnitNumber()
    {
        var shares = LevyAllocator.Allocate(100m, LevyAllocationMethod.Equal, ThreeUnits).Value;

        Assert.Equal([33.33m, 33.34m, 33.33m], shares.Select(s => s.Amount));
        Assert.Equal(34m - 0.66m, shares.Single(s => s.UnitNumber == "1").Amount);
    }

    [Fact]
    public void ParticipationQuota_SplitsInProportion()
    {
        var shares = LevyAllocator.Allocate(1_000m, LevyAllocationMethod.ParticipationQuota, ThreeUnits).Value;

        Assert.Equal([300m, 300m, 400m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void FloorArea_LeftOverCentsGoToTheLargestFractionFirst()
    {
        // 0.10 over 80/80/100 m²: exact 3.077, 3.077, 3.846 cents → 3, 3, 3 then the spare cent to the unit with .846.
        var shares = LevyAllocator.Allocate(0.10m, LevyAllocationMethod.FloorArea, ThreeUnits).Value;

        Assert.Equal([0.03m, 0.03m, 0.04m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void MissingQuota_IsRefused_NamingEveryUnitAndTheField()
    {
        LevyUnit[] units = [new(1, "A1", null, 50m), new(2, "A2", 50m, 50m), new(3, "A3", null, 50m)];

        var result = LevyAllocator.Allocate(500m, LevyAllocationMethod.ParticipationQuota, units);

        Assert.True(result.IsFailure);
        Assert.Equal(["Unit A1: ParticipationQuota", "Unit A3: ParticipationQuota"], result.Errors.Select(e => e.Field));
        Assert.Contains("Unit A1 has no participation quota", result.Errors[0].Message);
    }

    [Fact]
    public void MissingFloorArea_IsRefused_NamingTheUnit()
    {
        var result = LevyAllocator.Allocate(500m, LevyAllocationMethod.FloorArea, [new(1, "B7", 10m, null), new(2, "B8", 10m, 60m)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Unit B7: SizeSqm", error.Field);
        Assert.Contains("floor area", error.Message);
    }

    [Fact]
    public void Custom_AmountsThatDoNotAddUp_AreRefusedWithTheDifference()
    {
        var custom = new Dictionary<int, decimal> { [10] = 100m, [11] = 100m, [12] = 250m };

        var result = LevyAllocator.Allocate(500m, LevyAllocationMethod.Custom, ThreeUnits, custom);

        var error = Assert.Single(result.Errors);
        Assert.Equal("CustomAmounts", error.Field);
        Assert.Contains("difference", error.Message);
    }

    [Fact]
    public void Custom_UnitWithoutAmount_IsRefusedByName()
    {
        var result = LevyAllocator.Allocate(200m, LevyAllocationMethod.Custom, ThreeUnits, new Dictionary<int, decimal> { [10] = 100m, [11] = 100m });

        Assert.Equal("Unit 2: CustomAmount", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Custom_ExactAmounts_AreTakenAsGiven()
    {
        var custom = new Dictionary<int, decimal> { [10] = 100m, [11] = 150.55m, [12] = 249.45m };

        var shares = LevyAllocator.Allocate(500m, LevyAllocationMethod.Custom, ThreeUnits, custom).Value;

        Assert.Equal([100m, 150.55m, 249.45m], shares.Select(s => s.Amount));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10.005)]
    public void AmountNotInWholeCentsOrNegative_IsRefused(double amount)
    {
        Assert.Equal("Amount", Assert.Single(LevyAllocator.Allocate((decimal)amount, LevyAllocationMethod.Equal, ThreeUnits).Errors).Field);
    }

    [Fact]
    public void AllQuotasZero_IsRefused()
    {
        var result = LevyAllocator.Allocate(10m, LevyAllocationMethod.ParticipationQuota, [new(1, "1", 0m, null)]);

        Assert.Equal("zero_weight", Assert.Single(result.Errors).Code);
    }
}
