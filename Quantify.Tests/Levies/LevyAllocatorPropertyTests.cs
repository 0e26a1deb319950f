using Quantify.Domain.Levies;

namespace Quantify.Tests.Levies;

/// <summary>Random estates and levies (seeded, so a failure repeats): allocations always add up to the levy, to the cent.</summary>
public class LevyAllocatorPropertyTests
{
    [Theory]
    [InlineData(LevyAllocationMethod.Equal)]
    [InlineData(LevyAllocationMethod.ParticipationQuota)]
    [InlineData(LevyAllocationMethod.FloorArea)]
    public void RandomQuotasAndAmounts_AlwaysSumExactly_NeverNegative_WithinACentOfTheExactShare(LevyAllocationMethod method)
    {
        var random = new Random(20261206 + (int)method);
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var count = random.Next(1, 120);
            var units = Enumerable.Range(1, count).Select(i => new LevyUnit(i, $"U{random.Next(1, 40)}",
                // PQs in percent with up to 4 decimals (some zero), areas in m² with up to 2.
                Math.Round((decimal)random.NextDouble() * 12m, random.Next(0, 5)) * (random.Next(10) == 0 ? 0 : 1),
                Math.Round(20m + (decimal)random.NextDouble() * 480m, random.Next(0, 3)))).ToList();
            if (units.All(u => u.ParticipationQuota == 0)) units[0] = units[0] with { ParticipationQuota = 1.5m };
            var amount = random.Next(0, 5) == 0 ? random.Next(0, 100) / 100m : Math.Round((decimal)random.NextDouble() * 2_000_000m, 2);

            var result = LevyAllocator.Allocate(amount, method, units);

            Assert.True(result.IsSuccess, result.Describe());
            var shares = result.Value;
            Assert.Equal(count, shares.Count);
            Assert.Equal(amount, shares.Sum(s => s.Amount));
            Assert.All(shares, s => Assert.True(s.Amount >= 0, $"Unit {s.UnitNumber} got {s.Amount}"));
            Assert.All(shares, s => Assert.Equal(s.Amount, decimal.Round(s.Amount, 2)));
            var weights = units.Select(u => method switch
            {
                LevyAllocationMethod.Equal => 1m,
                LevyAllocationMethod.ParticipationQuota => u.ParticipationQuota!.Value,
                _ => u.FloorArea!.Value,
            }).ToList();
            var total = weights.Sum();
            for (var i = 0; i < count; i++)
                Assert.True(Math.Abs(shares[i].Amount - amount * weights[i] / total) < 0.01m, $"iteration {iteration}: unit {i} got {shares[i].Amount}, exact {amount * weights[i] / total}");
            // Deterministic: the same inputs give the same shares.
            Assert.Equal(shares, LevyAllocator.Allocate(amount, method, units).Value);
        }
    }
}
