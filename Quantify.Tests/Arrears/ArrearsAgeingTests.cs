using Quantify.Domain.Arrears;

namespace Quantify.Tests.Arrears;

/// <summary>The "went below zero" rule and the ageing buckets, on crafted pocket histories.</summary>
public class ArrearsAgeingTests
{
    private static PocketLine L(long seq, decimal amount, int month, int day) => new(seq, amount, new DateOnly(2026, month, day));

    [Fact]
    public void APocketAtZeroOrAbove_IsNotInArrears()
    {
        Assert.Null(ArrearsAgeing.CurrentEpisode([L(1, 100m, 8, 1), L(2, -100m, 8, 2)]));
        Assert.Null(ArrearsAgeing.CurrentEpisode([]));
    }

    [Fact]
    public void Arrears_CountFromTheLineThatCrossedBelowZero_NotFromLaterCharges()
    {
        var e = ArrearsAgeing.CurrentEpisode([L(1, 100m, 8, 1), L(2, -60m, 8, 10), L(3, -60m, 8, 20), L(4, -30m, 9, 5)]);
        Assert.NotNull(e);
        Assert.Equal((3L, new DateOnly(2026, 8, 20), -50m), (e.StartSequence, e.Since, e.Balance));
    }

    [Fact]
    public void APartialPayment_ThatLeavesThePocketBelowZero_DoesNotRestartTheClock()
    {
        var e = ArrearsAgeing.CurrentEpisode([L(1, -80m, 8, 1), L(2, 50m, 8, 15), L(3, -10m, 9, 1)]);
        Assert.Equal(new DateOnly(2026, 8, 1), e!.Since);
    }

    [Fact]
    public void ATopUpToZeroOrMore_EndsTheEpisode_AndTheNextDipStartsANewOne()
    {
        var e = ArrearsAgeing.CurrentEpisode([L(1, -80m, 7, 1), L(2, 80m, 7, 5), L(3, -10m, 10, 1)]);
        Assert.Equal((3L, new DateOnly(2026, 10, 1)), (e!.StartSequence, e.Since));
    }

    [Theory]
    [InlineData(0, ArrearsBucket.Days0To29)]
    [InlineData(29, ArrearsBucket.Days0To29)]
    [InlineData(30, ArrearsBucket.Days30To59)]
    [InlineData(59, ArrearsBucket.Days30To59)]
    [InlineData(60, ArrearsBucket.Days60To89)]
    [InlineData(89, ArrearsBucket.Days60To89)]
    [InlineData(90, ArrearsBucket.Days90Plus)]
    [InlineData(400, ArrearsBucket.Days90Plus)]
    public void Buckets_Are0_30_60_90Plus(int days, ArrearsBucket bucket) => Assert.Equal(bucket, ArrearsAgeing.Bucket(days));

    [Fact]
    public void Rules_MustBeInOrder_AndSayWhichFieldIsWrong()
    {
        var rule = new ArrearsRule(1);
        var r = rule.Configure(true, 10, 5, 60, 90);
        Assert.True(r.IsFailure);
        Assert.Equal("RestrictionDays", r.Errors[0].Field);
        Assert.Equal([EscalationStep.Warning, EscalationStep.RestrictionNotice], rule.StepsDue(45));
    }
}
