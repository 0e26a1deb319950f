using Quantify.Domain.Settlement;

namespace Quantify.Web.Features.Settlement;

/// <summary>
/// One payee's settlement statement for one run: its computed lines, what the ledger credited its payable in the run's
/// transaction (<see cref="LedgerAmount"/>: equal to <see cref="Total"/> to the cent), what was paid, and what remains owed.
/// </summary>
public sealed record PayeeStatement(string EstateName, Payee Payee, SettlementRun Run, string TransactionNumber, IReadOnlyList<SettlementRunLine> Lines,
    decimal LedgerAmount, IReadOnlyList<PayoutBatchLine> Payments, decimal PayableBalance)
{
    public decimal Total => Lines.Sum(l => l.Amount);
    public decimal Paid => Payments.Where(p => p.IsPaid).Sum(p => p.Amount);
}
