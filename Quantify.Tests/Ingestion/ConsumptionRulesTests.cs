using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Tests.Ingestion;

/// <summary>The pure rules: what is billed, what is late, and what is held and why.</summary>
public class ConsumptionRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly LastReading Last = new(T, 100m);
    private static readonly ReadingLimits Limits = ConsumptionRules.Limits(30m, installedFrom: new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(600, ReadingVerdict.Bill)]      // exactly the 10-minute tolerance ahead of arrival
    [InlineData(601, ReadingVerdict.Held)]      // one second more
    [InlineData(-86_400, ReadingVerdict.Bill)]  // a day-old reading arriving late is fine
    public void AReadingStampedAheadOfItsArrival_IsHeldOnlyBeyondTheTolerance(int secondsAhead, ReadingVerdict expected)
    {
        var received = T.AddDays(2);
        var a = ConsumptionRules.Assess(Last, received.AddSeconds(secondsAhead), 101m, received, Limits);
        Assert.Equal(expected, a.Verdict);
        if (expected == ReadingVerdict.Held) Assert.Equal(HoldReason.FutureTimestamp, a.Hold);
    }

    [Fact]
    public void AFutureStamp_IsHeldEvenForTheFirstReading_SoItNeverBecomesTheBaseline()
    {
        var a = ConsumptionRules.Assess(null, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), 5m, T, Limits);
        Assert.Equal((ReadingVerdict.Held, HoldReason.FutureTimestamp, false), (a.Verdict, a.Hold, a.Advances));
    }

    [Fact]
    public void AStampBeforeInstallation_IsHeld()
    {
        var a = ConsumptionRules.Assess(null, new DateTimeOffset(2026, 10, 31, 21, 59, 59, TimeSpan.Zero), 5m, T, Limits);
        Assert.Equal(HoldReason.BeforeInstallation, a.Hold);
        Assert.Equal(ReadingVerdict.Baseline, ConsumptionRules.Assess(null, new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero), 5m, T, Limits).Verdict);
    }

    [Fact]
    public void ARegisterBelowTheHighest_IsHeld_EqualBillsNothing_AboveBillsTheDelta()
    {
        Assert.Equal(HoldReason.RegisterBelowHighest, ConsumptionRules.Assess(Last, T.AddHours(1), 99.999m, T.AddHours(1), Limits).Hold);
        Assert.Equal((ReadingVerdict.Bill, 0m), Pair(ConsumptionRules.Assess(Last, T.AddHours(1), 100m, T.AddHours(1), Limits)));
        Assert.Equal((ReadingVerdict.Bill, 2.5m), Pair(ConsumptionRules.Assess(Last, T.AddHours(1), 102.5m, T.AddHours(1), Limits)));
    }

    [Fact]
    public void AnOlderReading_IsLate_WhateverItsRegister()
    {
        Assert.Equal(ReadingVerdict.Late, ConsumptionRules.Assess(Last, T.AddHours(-1), 50m, T, Limits).Verdict);
        Assert.Equal(ReadingVerdict.Late, ConsumptionRules.Assess(Last, T, 100m, T, Limits).Verdict);
    }

    [Fact]
    public void AnImplausibleJump_IsHeld_NotBilled()
    {
        var a = ConsumptionRules.Assess(Last, T.AddHours(1), 131m, T.AddHours(1), Limits);
        Assert.Equal((ReadingVerdict.Held, HoldReason.ImplausibleJump, (decimal?)null), (a.Verdict, a.Hold, a.Consumption));
    }

    private static (ReadingVerdict, decimal?) Pair(ReadingAssessment a) => (a.Verdict, a.Consumption);
}
