using Quantify.Domain.Common;

namespace Quantify.Tests.Domain;

/// <summary>Rand amounts: arithmetic, comparison, rounding to cents (half away from zero) and the en-ZA way of writing them.</summary>
public class MoneyTests
{
    private static readonly Money R10 = Money.Rand(10m);
    private static readonly Money R2_50 = Money.Rand(2.50m);

    [Fact]
    public void Arithmetic_AddsSubtractsNegatesAndScales()
    {
        Assert.Equal(Money.Rand(12.50m), R10 + R2_50);
        Assert.Equal(Money.Rand(7.50m), R10 - R2_50);
        Assert.Equal(Money.Rand(-2.50m), -R2_50);
        Assert.Equal(Money.Rand(1.15m), Money.Rand(1m) * 1.15m);
        Assert.Equal(Money.Zero, R2_50 - R2_50);
    }

    [Fact]
    public void Comparisons_AreByAmount_EqualAmountsAreNeitherLessNorMore()
    {
        Assert.True(R2_50 < R10);
        Assert.False(R10 < R2_50);
        Assert.False(R10 < Money.Rand(10m));
        Assert.True(R10 > R2_50);
        Assert.False(R2_50 > R10);
        Assert.False(R10 > Money.Rand(10m));
        Assert.True(R10 <= Money.Rand(10m));
        Assert.True(R2_50 <= R10);
        Assert.False(R10 <= R2_50);
        Assert.True(R10 >= Money.Rand(10m));
        Assert.True(R10 >= R2_50);
        Assert.False(R2_50 >= R10);
        Assert.Equal([Money.Rand(-1m), R2_50, R10], new[] { R10, Money.Rand(-1m), R2_50 }.Order());
    }

    [Fact]
    public void IsNegative_OnlyBelowZero()
    {
        Assert.True(Money.Rand(-0.01m).IsNegative);
        Assert.False(Money.Zero.IsNegative);
        Assert.False(Money.Rand(0.01m).IsNegative);
    }

    [Theory]
    [InlineData(0.125, 0.13)]
    [InlineData(-0.125, -0.13)]
    [InlineData(0.135, 0.14)]
    [InlineData(2.344, 2.34)]
    [InlineData(-2.345, -2.35)]
    public void RoundToCents_HalfACentGoesAwayFromZero_NotToEven(decimal amount, decimal expected) =>
        Assert.Equal(expected, Money.Rand(amount).RoundToCents().Amount);

    [Theory]
    [InlineData(0, "R 0,00")]
    [InlineData(999.994, "R 999,99")]
    [InlineData(999.995, "R 1 000,00")]
    [InlineData(-1234567.891, "-R 1 234 567,89")]
    [InlineData(-0.5, "-R 0,50")]
    [InlineData(12, "R 12,00")]
    public void Format_IsEnZa_SpaceThousandsCommaDecimals_RoundedToCents(decimal amount, string expected)
    {
        Assert.Equal(expected, Money.Format(amount));
        Assert.Equal(expected, Money.Rand(amount).ToString());
    }
}
