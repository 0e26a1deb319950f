namespace Quantify.Web.Features.Reconciliation;

/// <summary>One check's outcome for one day (the latest run of that day replaces earlier ones).</summary>
public sealed class ReconciliationResult
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The check's stable name, e.g. <c>ledger-chains</c>.</summary>
    public string Check { get; set; } = "";
    public bool Passed { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>The offending rows, one per line (at most <see cref="ReconciliationService.MaxRows"/>).</summary>
    public string Details { get; set; } = "";
    public DateTimeOffset RanAt { get; set; }
}
