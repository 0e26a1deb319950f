using Quantify.Domain.Common;
using Quantify.Domain.Settlement;

namespace Quantify.Web.Features.Settlement;

/// <summary>What a run for a month would post: the figures read, each payee's lines, what it takes from each source account; or why it cannot run.</summary>
public sealed record SettlementPreview(int EstateId, int Year, int Month, IReadOnlyList<UtilityPeriodInput> Inputs, decimal LevyIncome,
    IReadOnlyList<SettlementLine> Lines, IReadOnlyList<(string AccountCode, decimal Amount)> Sources, IReadOnlyList<Error> Errors)
{
    public decimal Total => Lines.Sum(l => l.Amount);
    public string Period => $"{Year}-{Month:00}";
}
