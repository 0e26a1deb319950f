using Quantify.Domain.Metering;

namespace Quantify.Domain.Settlement;

/// <summary>One computed line of a run, kept as computed (the statement shows them). Financial: never deleted.</summary>
public sealed class SettlementRunLine
{
    private SettlementRunLine() { }

    public SettlementRunLine(SettlementLine line)
    {
        PayeeId = line.PayeeId;
        Utility = line.Utility;
        Kind = line.Kind;
        Description = line.Description.Length > 300 ? line.Description[..300] : line.Description;
        Amount = line.Amount;
    }

    public long Id { get; private set; }
    public int RunId { get; private set; }
    public int PayeeId { get; private set; }
    public Utility? Utility { get; private set; }
    public SettlementLineKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Amount { get; private set; }
}
