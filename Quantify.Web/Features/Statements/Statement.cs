using System.Globalization;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;

namespace Quantify.Web.Features.Statements;

/// <summary>
/// A unit's monthly statement: for each wallet pocket, the opening balance, what came in (top-ups), what went out
/// (consumption, fixed charges), corrections, and the closing balance, for one local calendar month. Every amount is a
/// sum of ledger lines, in rand, exact. Charges are shown as positive amounts; <see cref="PocketStatement.Movements"/>
/// is their signed effect on the pocket.
/// </summary>
public sealed record Statement
{
    public required int UnitId { get; init; }
    public required string UnitNumber { get; init; }
    public string? Building { get; init; }
    public required string PaymentReference { get; init; }
    public required string EstateName { get; init; }
    public string? EstateAddress { get; init; }
    /// <summary>Owners and tenants whose ownership or tenancy overlaps the month.</summary>
    public required IReadOnlyList<string> Owners { get; init; }
    public required IReadOnlyList<string> Tenants { get; init; }
    public required int Year { get; init; }
    public required int Month { get; init; }
    /// <summary>First local day of the month.</summary>
    public required DateOnly From { get; init; }
    /// <summary>First local day of the next month (exclusive).</summary>
    public required DateOnly To { get; init; }
    /// <summary>The estate's time zone id; value dates are local dates in it.</summary>
    public required string TimeZone { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>Pockets with any ledger activity up to the end of the month, in pocket order.</summary>
    public required IReadOnlyList<PocketStatement> Pockets { get; init; }

    public DateOnly LastDay => To.AddDays(-1);
    public string PeriodName => From.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
    public string ZoneLabel => TimeZone == Domain.Common.Defaults.TimeZone ? "SAST" : TimeZone;

    public decimal Opening => Pockets.Sum(p => p.Opening);
    public decimal TopUps => Pockets.Sum(p => p.TopUpsTotal);
    public decimal Consumption => Pockets.Sum(p => p.Consumption?.InclVat ?? 0m);
    public decimal Charges => Pockets.Sum(p => p.ChargesTotal);
    public decimal Adjustments => Pockets.Sum(p => p.AdjustmentsTotal);
    public decimal Closing => Pockets.Sum(p => p.Closing);
    /// <summary>Consumption and fixed charges excluding VAT.</summary>
    public decimal ExclVat => Pockets.Sum(p => p.ExclVat);
    /// <summary>VAT on consumption and fixed charges (VAT undone by a reversal is part of that reversal's line).</summary>
    public decimal Vat => Pockets.Sum(p => p.Vat);

    /// <summary>Opening + movements = closing in every pocket, to the cent (closing comes from the ledger's own balance).</summary>
    public bool Reconciles => Pockets.All(p => p.Reconciles);
}

/// <summary>One pocket's month.</summary>
public sealed record PocketStatement
{
    public required Pocket Pocket { get; init; }
    public required decimal Opening { get; init; }
    public required IReadOnlyList<StatementEntry> TopUps { get; init; }
    public UtilityConsumption? Consumption { get; init; }
    public required IReadOnlyList<ChargeGroup> Charges { get; init; }
    /// <summary>Reversals, adjustments, refunds, transfers between pockets and anything else that is not a top-up or a charge.</summary>
    public required IReadOnlyList<StatementEntry> Adjustments { get; init; }
    /// <summary>The pocket's balance at the end of the month, from the ledger account's balance less what was posted after the month.</summary>
    public required decimal Closing { get; init; }

    public string Name => StatementText.PocketName(Pocket);
    public decimal TopUpsTotal => TopUps.Sum(t => t.Amount);
    public decimal ChargesTotal => Charges.Sum(c => c.InclVat);
    public decimal AdjustmentsTotal => Adjustments.Sum(a => a.Amount);
    public decimal ExclVat => (Consumption?.ExclVat ?? 0m) + Charges.Sum(c => c.ExclVat);
    public decimal Vat => (Consumption?.Vat ?? 0m) + Charges.Sum(c => c.Vat);
    /// <summary>The month's signed effect on the pocket.</summary>
    public decimal Movements => TopUpsTotal - (Consumption?.InclVat ?? 0m) - ChargesTotal + AdjustmentsTotal;
    public bool Reconciles => Opening + Movements == Closing;
}

/// <summary>A ledger posting as the statement lists it. <see cref="Amount"/> is the signed effect on the pocket; <see cref="Vat"/> the VAT it charged (negative: refunded).</summary>
public sealed record StatementEntry(DateOnly Date, string Number, TransactionType Type, string Description, decimal Amount, decimal? Vat = null);

/// <summary>Fixed charges of one kind in the month (a daily service charge is one group of up to 31 postings).</summary>
public sealed record ChargeGroup(string Description, int Count, decimal ExclVat, decimal Vat)
{
    public decimal InclVat => ExclVat + Vat;
}

/// <summary>
/// A utility's consumption billed in the month: the billed readings posted to the pocket in the month (and those
/// priced at R 0,00, e.g. free basic), their quantity, and the charges from the ledger.
/// </summary>
public sealed record UtilityConsumption
{
    public required Utility Utility { get; init; }
    /// <summary>"kWh" or "kL".</summary>
    public required string Unit { get; init; }
    public required decimal Quantity { get; init; }
    public required int Readings { get; init; }
    public required IReadOnlyList<string> Meters { get; init; }
    /// <summary>The tariff versions in effect for the unit during the month ("Residential inclining block (v1)").</summary>
    public required IReadOnlyList<string> Tariffs { get; init; }
    public required decimal ExclVat { get; init; }
    public required decimal Vat { get; init; }
    /// <summary>What the pocket was debited: excl VAT + VAT.</summary>
    public required decimal InclVat { get; init; }
    /// <summary>
    /// The charge split by tariff block or time-of-use band, re-priced from the readings; only given when it adds up to
    /// the posted charges to the cent (otherwise null and <see cref="BreakdownNote"/> says why).
    /// </summary>
    public IReadOnlyList<TariffLine>? Breakdown { get; init; }
    public string? BreakdownNote { get; init; }
}

/// <summary>One tariff block or band: the month's quantity in it and its amount excl VAT.</summary>
public sealed record TariffLine(string Description, decimal Quantity, string Unit, decimal Rate, decimal ExclVat);

public static class StatementText
{
    public static string PocketName(Pocket pocket) => pocket switch
    {
        Pocket.HotWater => "Hot water",
        Pocket.Unallocated => "Unallocated",
        _ => pocket.ToString(),
    };

    public static Utility? UtilityOf(Pocket pocket) => pocket switch
    {
        Pocket.Electricity => Utility.Electricity,
        Pocket.Water => Utility.Water,
        Pocket.HotWater => Utility.HotWater,
        Pocket.Solar => Utility.Solar,
        _ => null,
    };
}
