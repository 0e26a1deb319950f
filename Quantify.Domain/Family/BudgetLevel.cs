namespace Quantify.Domain.Family;

/// <summary>Where spend stands against a budget.</summary>
public enum BudgetLevel { Under, Warning, Reached }
