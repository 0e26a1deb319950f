using Quartz;
using Quantify.Web.Features.Settlement;

namespace Quantify.Web.Jobs;

/// <summary>Monthly: settles last month of every estate whose month is closed (docs/settlement.md), idempotently.</summary>
[DisallowConcurrentExecution]
public sealed class SettlementJob(SettlementService service, ILogger<SettlementJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (settled, skipped, problems) = await service.RunDueAsync(cancellationToken);
        foreach (var p in problems) log.LogWarning("Settlement not run: {Problem}", p);
        context.Result = $"{Quantify.Domain.Common.Plural.Count(settled, "estate")} settled, {skipped} skipped" + (problems.Count > 0 ? $"; {problems.Count} could not run: {string.Join(" | ", problems)}" : ".");
    }
}
