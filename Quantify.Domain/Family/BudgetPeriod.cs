namespace Quantify.Domain.Family;

/// <summary>The window a consumption budget covers, in the estate's local calendar.</summary>
public enum BudgetPeriod { Daily, Monthly }
