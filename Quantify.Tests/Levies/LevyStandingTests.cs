using Quantify.Domain.Arrears;
using Quantify.Domain.Levies;

namespace Quantify.Tests.Levies;

public class LevyStandingTests
{
    private static readonly DateOnly Today = new(2027, 4, 15);

    [Fact]
    public void PaymentsSettleTheOldestChargeFirst_WhatIsLeftKeepsItsChargeDate()
    {
        var s = LevyStanding.From([(new(2027, 1, 1), -1_000m), (new(2027, 2, 1), -1_000m), (new(2027, 2, 10), 1_500m), (new(2027, 3, 1), -1_000m), (new(2027, 4, 1), -1_000m)], Today);

        Assert.Equal((4_000m, 1_500m, 2_500m, 0m), (s.Charged, s.Paid, s.Outstanding, s.Credit));
        Assert.Equal(500m, s.Ageing[ArrearsBucket.Days60To89]);   // half of February's, 73 days
        Assert.Equal(1_000m, s.Ageing[ArrearsBucket.Days30To59]);  // March's, 45 days
        Assert.Equal(1_000m, s.Ageing[ArrearsBucket.Days0To29]);   // April's
        Assert.Equal(new DateOnly(2027, 2, 1), s.OldestUnpaid);
        Assert.Equal(73, s.DaysInArrears(Today));
    }

    [Fact]
    public void PaidInAdvance_IsACredit_UsedByTheNextCharge()
    {
        var s = LevyStanding.From([(new(2027, 1, 1), 1_500m), (new(2027, 2, 1), -1_000m)], Today);

        Assert.Equal((0m, 500m), (s.Outstanding, s.Credit));
        Assert.Null(s.OldestUnpaid);
    }
}
