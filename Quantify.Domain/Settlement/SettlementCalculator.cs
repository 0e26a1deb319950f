using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Settlement;

/// <summary>
/// Works out each payee's amount of one estate's month from its rules and the month's figures. A pure function: the
/// same inputs always give the same lines.
/// <para><b>Order.</b> Per utility: the VAT collected goes whole to the VAT payee. Out of revenue (excl. VAT) come first the
/// bulk cost (bulk consumption × supplier rate + fixed charge), the markup on it, the percentages of revenue and the
/// per-unit fees, each rounded to whole cents (half a cent away from zero, as <see cref="Tariffs.TariffPricer.RoundToCents"/>).
/// The residual is split by the percentage-of-residual shares, each rounded <i>down</i> to whole cents, and the remainder
/// payee receives what is left: the rounding cents, or the whole residual when no share splits it. So the lines of a
/// utility always add up to its revenue plus VAT exactly, and the cents that rounding leaves go to one named payee.</para>
/// <para><b>Shortfall.</b> When fixed amounts (bulk cost, fees) exceed revenue, the residual is negative: the
/// residual shares receive nothing and the remainder payee carries the shortfall (a negative line).</para>
/// <para>Levy income goes whole to the levy payee (the body corporate).</para>
/// </summary>
public static class SettlementCalculator
{
    public static Result<IReadOnlyList<SettlementLine>> Compute(SettlementRuleSet rules, int year, int month, IReadOnlyList<UtilityPeriodInput> utilities,
        decimal levyIncome = 0m, int? levyPayeeId = null)
    {
        var lines = new List<SettlementLine>();
        var errors = new List<Error>();
        foreach (var input in utilities)
        {
            if (input.Revenue == 0 && input.Vat == 0) continue;
            var rule = rules.For(input.Utility, year, month);
            if (rule is null)
            {
                errors.Add(new Error("no_rule", $"{input.Utility} has revenue in {year}-{month:00} but no settlement rule in effect for that month.", nameof(SettlementRuleVersion.Utility)));
                continue;
            }
            var computed = Compute(rule, input);
            if (computed.IsFailure) errors.AddRange(computed.Errors);
            else lines.AddRange(computed.Value);
        }
        if (levyIncome != 0)
        {
            if (levyPayeeId is not int payee) errors.Add(new Error("no_levy_payee", "Levies were raised but the estate has no body corporate payee to receive them.", "LevyPayeeId"));
            else lines.Add(new SettlementLine(payee, null, SettlementLineKind.Levies, "Levies raised in the period", levyIncome));
        }
        return errors.Count > 0 ? Result<IReadOnlyList<SettlementLine>>.Fail(errors) : Result<IReadOnlyList<SettlementLine>>.Ok(lines);
    }

    /// <summary>One utility's lines under one rule version; they add up to <c>Revenue + Vat</c> exactly.</summary>
    public static Result<IReadOnlyList<SettlementLine>> Compute(SettlementRuleVersion rule, UtilityPeriodInput input)
    {
        if (decimal.Round(input.Revenue, 2) != input.Revenue || decimal.Round(input.Vat, 2) != input.Vat)
            throw new ArgumentException("Revenue and VAT come from the ledger in whole cents.", nameof(input));
        if (input.ActiveUnits < 0) throw new ArgumentOutOfRangeException(nameof(input), input.ActiveUnits, "Active units cannot be negative.");
        var u = input.Utility;
        var lines = new List<SettlementLine>();
        if (input.Vat != 0) lines.Add(new SettlementLine(rule.VatPayeeId, u, SettlementLineKind.Vat, $"{u} VAT collected", input.Vat));

        var bulkShare = rule.Shares.FirstOrDefault(s => s.Basis == ShareBasis.BulkCost);
        var bulkCost = 0m;
        if (bulkShare is not null)
        {
            if (input.BulkQuantity is not decimal quantity)
                return Result<IReadOnlyList<SettlementLine>>.Fail(new Error("no_bulk_reading",
                    $"The {u} rule pays the actual bulk cost, but the bulk meter has no complete reading for the month.", nameof(UtilityPeriodInput.BulkQuantity)));
            bulkCost = Cents(quantity * bulkShare.Rate + bulkShare.FixedAmount);
            lines.Add(new SettlementLine(bulkShare.PayeeId, u, SettlementLineKind.BulkCost, $"{u} bulk cost: {quantity:0.###} × R {bulkShare.Rate:0.0000}" +
                (bulkShare.FixedAmount != 0 ? $" + R {bulkShare.FixedAmount:0.00} fixed" : ""), bulkCost));
        }
        var taken = bulkCost;
        foreach (var s in rule.Shares)
        {
            var (amount, kind, text) = s.Basis switch
            {
                ShareBasis.MarkupOnBulkCost => (Cents(bulkCost * s.Rate / 100m), SettlementLineKind.MarkupOnBulkCost, $"{u} markup {s.Rate:0.##} % on bulk cost"),
                ShareBasis.PercentOfRevenue => (Cents(input.Revenue * s.Rate / 100m), SettlementLineKind.PercentOfRevenue, $"{u} {s.Rate:0.##} % of revenue {Money.Format(input.Revenue)}"),
                ShareBasis.PerActiveUnit => (Cents(input.ActiveUnits * s.Rate), SettlementLineKind.PerActiveUnit, $"{u} R {s.Rate:0.00} × {input.ActiveUnits} active units"),
                _ => (0m, SettlementLineKind.Remainder, ""),
            };
            if (s.Basis is ShareBasis.BulkCost or ShareBasis.PercentOfResidual) continue;
            taken += amount;
            lines.Add(new SettlementLine(s.PayeeId, u, kind, text, amount));
        }
        var residual = input.Revenue - taken;
        var split = 0m;
        if (residual > 0)
            foreach (var s in rule.Shares.Where(s => s.Basis == ShareBasis.PercentOfResidual))
            {
                var amount = decimal.Round(residual * s.Rate / 100m, 2, MidpointRounding.ToZero);
                split += amount;
                lines.Add(new SettlementLine(s.PayeeId, u, SettlementLineKind.PercentOfResidual, $"{u} {s.Rate:0.##} % of residual {Money.Format(residual)}", amount));
            }
        var remainder = residual - split;
        lines.Add(new SettlementLine(rule.RemainderPayeeId, u, SettlementLineKind.Remainder,
            remainder < 0 ? $"{u} shortfall: fixed shares exceed revenue by {Money.Format(-remainder)}" : $"{u} remainder", remainder));
        return Result<IReadOnlyList<SettlementLine>>.Ok(lines.Where(l => l.Amount != 0).ToList());
    }

    /// <summary>Each payee's total over the lines, in payee order, zero totals left out (what the run posts to the payables).</summary>
    public static IReadOnlyList<(int PayeeId, decimal Amount)> Totals(IEnumerable<SettlementLine> lines) =>
        lines.GroupBy(l => l.PayeeId).Select(g => (g.Key, g.Sum(l => l.Amount))).Where(t => t.Item2 != 0).OrderBy(t => t.Key).ToList();

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
