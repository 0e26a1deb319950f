namespace Quantify.Web.Features.Ledger;

/// <summary>
/// The last ledger transaction number handed out in a calendar year (UTC). One row per year, advanced atomically inside
/// the posting's own database transaction by <see cref="TransactionNumbers"/>, so two postings can never get the same
/// number (a rolled-back posting gives its numbers back).
/// </summary>
public sealed class TransactionNumberSequence
{
    public int Year { get; set; }

    public long Last { get; set; }
}
