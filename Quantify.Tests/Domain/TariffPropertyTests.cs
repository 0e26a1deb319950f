using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

/// <summary>Random readings (seeded, so a failure repeats) against the invariants billing relies on.</summary>
public class TariffPropertyTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "flat", "blocks", "water", "tou" })
        {
            for (var seed = 1; seed <= 5; seed++) data.Add(kind, seed);
        }
        return data;
    }

    private static TariffRules RulesFor(string kind) => kind switch
    {
        "flat" => TariffRules.Flat(2.4567m) with { FreeBasicPerMonth = 50m },
        "blocks" => TariffRules.SampleElectricityBlocks(),
        "water" => TariffRules.SampleWaterBlocks(),
        _ => TariffRules.SampleTimeOfUse() with { FreeBasicPerMonth = 50m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomReadingsOverAMonth_AddUpToTheMonthInOneGo(string kind, int seed)
    {
        var rules = RulesFor(kind);
        var random = new Random(seed);
        var eligible = seed % 2 == 0;
        var context = Context(eligible);
        var start = At("2026-05-01 00:00");
        var end = At("2026-06-01 00:00");
        var t = start;
        decimal excl = 0, vat = 0, quantity = 0;
        var count = 0;
        while (t < end)
        {
            // Readings of 1 to 300 minutes (sometimes zero-length), 0 to 3.999 kWh (water: kL / 10).
            var next = t.AddMinutes(random.Next(0, 300));
            if (next > end) next = end;
            var q = random.Next(0, 4000) / 1000m / (kind == "water" ? 10m : 1m);
            var c = TariffPricer.Price(rules, kind == "water" ? Utility.Water : Utility.Electricity, context, t, next, q).Value;

            AssertConsistent(c);
            Assert.Equal(q, c.Lines.Sum(l => l.Quantity));
            Assert.All(c.Lines, l => Assert.True(l.Amount >= 0, $"negative line {l}"));
            Assert.True(c.ExclVat >= 0 && c.Vat >= 0);

            excl += c.ExclVat;
            vat += c.Vat;
            quantity += q;
            context = context with { MonthToDate = c.After };
            t = next;
            count++;
        }
        Assert.True(count > 100);
        Assert.Equal(quantity, context.MonthToDate.Quantity);
        // Cumulative rounding: the month's charges are the rounded month cost, whatever the readings were.
        Assert.Equal(TariffPricer.RoundToCents(context.MonthToDate.CostUnrounded!.Value), excl);
        Assert.Equal(TariffPricer.RoundToCents(0.15m * excl), vat);

        if (kind != "tou")
        {
            // Flat and blocks do not depend on when: the month priced in one go costs exactly the same.
            var oneGo = TariffPricer.Price(rules, kind == "water" ? Utility.Water : Utility.Electricity, Context(eligible), start, end, quantity).Value;
            Assert.Equal(oneGo.ExclVat, excl);
            Assert.Equal(oneGo.Vat, vat);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomReadingsAcrossMonthsAndATariffChange_ChargeEachMonthItsRoundedCost(int seed)
    {
        // Three months of readings of up to 2 days each; the tariff changes on 17 June (mid-month) and 1 July (new kind).
        var v1 = Create(TariffRules.SampleElectricityBlocks(), "2026-01-01");
        var v2 = v1.Supersede(TariffRules.SampleElectricityBlocks() with { Blocks = [new() { UpTo = 300m, Rate = 2.61m }, new() { Rate = 3.333m }] }, new DateOnly(2026, 6, 17)).Value;
        var v3 = v2.Supersede(TariffRules.SampleTimeOfUse(), new DateOnly(2026, 7, 1)).Value;
        var set = new TariffSet([v1, v2, v3]);
        var random = new Random(seed);
        var context = Context(eligible: true);
        var t = At("2026-05-20 00:00");
        var end = At("2026-08-10 00:00");
        var perMonthExcl = new Dictionary<DateOnly, decimal>();
        var perMonthQuantity = new Dictionary<DateOnly, decimal>();
        var lastState = new Dictionary<DateOnly, MonthToDate>();
        while (t < end)
        {
            var next = t.AddMinutes(random.Next(1, 2 * 24 * 60));
            var q = random.Next(0, 30_000) / 1000m;
            var c = TariffPricer.Price(set, context, t, next, q).Value;
            AssertConsistent(c);
            Assert.Equal(q, c.Lines.Sum(l => l.Quantity));
            foreach (var g in c.Lines.GroupBy(l => l.Month))
            {
                perMonthExcl[g.Key] = perMonthExcl.GetValueOrDefault(g.Key) + g.Sum(l => l.Amount);
                perMonthQuantity[g.Key] = perMonthQuantity.GetValueOrDefault(g.Key) + g.Sum(l => l.Quantity);
            }
            foreach (var m in c.Months) lastState[m.Month] = m;
            context = context with { MonthToDate = c.After };
            t = next;
        }
        Assert.Equal(4, lastState.Count);
        foreach (var (month, state) in lastState)
        {
            // Each month's lines add up to its quantity and to its rounded cost, across the version changes.
            Assert.Equal(state.Quantity, perMonthQuantity[month]);
            Assert.Equal(TariffPricer.RoundToCents(state.CostUnrounded!.Value), perMonthExcl[month]);
        }
        Assert.Contains(new DateOnly(2026, 7, 1), lastState.Keys);
    }

    [Fact]
    public void InAZoneWithDaylightSaving_SplitsStillAddUp()
    {
        // Quantify's estates are on SAST (no daylight saving), but the pricer takes any zone: London springs forward on
        // 29 March 2026 (01:00 → 02:00) and falls back on 25 October 2026 (02:00 → 01:00).
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var rules = TariffRules.SampleTimeOfUse();
        foreach (var (from, to) in new[] { ("2026-03-28T22:00:00Z", "2026-03-29T04:00:00Z"), ("2026-10-24T22:00:00Z", "2026-10-25T04:00:00Z") })
        {
            var c = TariffPricer.Price(rules, Utility.Electricity, new PricingContext { TimeZone = london }, DateTimeOffset.Parse(from), DateTimeOffset.Parse(to), 6m).Value;
            Assert.Equal(6m, c.Lines.Sum(l => l.Quantity));
            // Six real hours of 1 kWh each, all off-peak on a Sunday night: 6 × R1.05 (low season).
            Assert.Equal(6.30m, c.ExclVat);
        }
    }
}
