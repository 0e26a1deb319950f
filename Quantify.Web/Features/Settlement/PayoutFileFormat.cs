namespace Quantify.Web.Features.Settlement;

/// <summary>The bank file layouts of a payout batch (docs/settlement.md).</summary>
public enum PayoutFileFormat { GenericCsv, AcbCreditorCsv }
