namespace Quantify.Web.Features.Settlement;

/// <summary>The run of a month: newly posted, or the existing one found (a second run posts nothing).</summary>
public sealed record RunOutcome(int RunId, bool Posted, decimal Total, string TransactionNumber);
