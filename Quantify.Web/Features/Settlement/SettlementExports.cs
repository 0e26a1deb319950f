using System.Globalization;
using Quantify.Domain.Common;
using Quantify.Domain.Settlement;
using Quantify.Web.Features.Reports;

namespace Quantify.Web.Features.Settlement;

/// <summary>A payee's statement as a report table (PDF and XLSX through <see cref="ReportExports"/>).</summary>
public static class SettlementExports
{
    public static ReportTable Table(PayeeStatement s)
    {
        var rows = s.Lines.Select(l => (IReadOnlyList<Cell>)[Cell.Text(l.Utility?.ToString() ?? "Levies"), Cell.Text(Kind(l.Kind)), Cell.Text(l.Description), Cell.Money(l.Amount)]).ToList();
        foreach (var p in s.Payments.Where(p => p.IsPaid))
            rows.Add([Cell.Text("Payment"), Cell.Text(p.PaidAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ""),
                Cell.Text($"Paid, bank reference {p.BankReference} (reference {p.Reference})"), Cell.Money(-p.Amount)]);
        IReadOnlyList<IReadOnlyList<Cell>> totals =
        [
            [Cell.Text("Total"), Cell.Text(""), Cell.Text($"Settled for {s.Run.Period}"), Cell.Money(s.Total)],
            [Cell.Text("Paid"), Cell.Text(""), Cell.Text("Payments marked paid"), Cell.Money(s.Paid)],
            [Cell.Text("Owed"), Cell.Text(""), Cell.Text("Still owed from this run"), Cell.Money(s.Total - s.Paid)],
        ];
        var tie = s.LedgerAmount == s.Total
            ? $"Ties to the ledger: transaction {s.TransactionNumber} credited estate:{s.Run.EstateId}:payable:{s.Payee.Id} with {Money.Format(s.LedgerAmount)}, the total above."
            : $"DOES NOT TIE: the ledger credited {Money.Format(s.LedgerAmount)} in {s.TransactionNumber}, the statement totals {Money.Format(s.Total)}.";
        return new ReportTable($"Settlement statement · {s.Payee.Name}", $"{s.EstateName} · {s.Run.Period} · run #{s.Run.Id}",
            [("Utility", 1.1f), ("Basis", 1.4f), ("Detail", 4.2f), ("Amount", 1.3f)], rows, totals, "Statement",
            [$"Amounts in rand. Payee {s.Payee.Name} ({s.Payee.Kind}), bank {s.Payee.BankName} {s.Payee.MaskedAccount}, reference {s.Payee.BeneficiaryReference}.",
             tie, $"Balance of the payee's payable account now: {Money.Format(s.PayableBalance)}."]);
    }

    public static string Kind(SettlementLineKind k) => k switch
    {
        SettlementLineKind.BulkCost => "Bulk cost",
        SettlementLineKind.MarkupOnBulkCost => "Markup",
        SettlementLineKind.PercentOfRevenue => "% of revenue",
        SettlementLineKind.PerActiveUnit => "Per unit fee",
        SettlementLineKind.PercentOfResidual => "% of residual",
        SettlementLineKind.Remainder => "Remainder",
        SettlementLineKind.Vat => "VAT",
        _ => "Levies",
    };

    /// <summary>A utility as people write it ("Hot water", not the enum's name).</summary>
    public static string UtilityName(Domain.Metering.Utility u) => u == Domain.Metering.Utility.HotWater ? "Hot water" : u.ToString();

    public static string UtilityName(Domain.Metering.Utility? u) => u is { } utility ? UtilityName(utility) : "Levies";

    public static string PayeeKindName(PayeeKind k) => k switch
    {
        PayeeKind.BulkSupplier => "Bulk supplier",
        PayeeKind.BodyCorporate => "Body corporate",
        PayeeKind.VatVendor => "VAT vendor",
        _ => k.ToString(),
    };

    public static string FileName(PayeeStatement s, string extension) =>
        $"settlement-{s.Run.Period}-run{s.Run.Id}-{new string(s.Payee.Name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}.{extension}";
}
