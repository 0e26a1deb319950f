namespace Quantify.Domain.Settlement;

public enum SettlementRunStatus { Posted, Reversed }
