namespace Quantify.Domain.Settlement;

/// <summary>What a run took from one source account (revenue, VAT output, levy income), by its ledger code.</summary>
public sealed class SettlementRunSource
{
    private SettlementRunSource() { }

    public SettlementRunSource(string accountCode, decimal amount)
    {
        AccountCode = accountCode;
        Amount = amount;
    }

    public long Id { get; private set; }
    public int RunId { get; private set; }
    public string AccountCode { get; private set; } = "";
    public decimal Amount { get; private set; }
}
