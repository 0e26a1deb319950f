namespace Quantify.Domain.Family;

/// <summary>What reaching a budget does.</summary>
public enum BudgetMode
{
    /// <summary>Notices at 80 % and 100 %, nothing else.</summary>
    NotifyOnly,
    /// <summary>Also treat the electricity pocket as exhausted until the period ends or the budget is raised (water is never cut).</summary>
    CutElectricity,
}
