using Quartz;
using Quantify.Web.Features.Levies;

namespace Quantify.Web.Jobs;

/// <summary>Daily: raises each active levy schedule's charges for the current period, one per unit, idempotently (a period is charged once).</summary>
[DisallowConcurrentExecution]
public sealed class LevyChargesJob(LevyService service) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await service.RaiseAsync(ct: cancellationToken);
        var summary = $"{Domain.Common.Plural.Count(result.Posted, "levy charge")} posted ({Domain.Common.Money.Format(result.Total)}), {result.AlreadyPosted} already posted"
            + (result.Problems.Count == 0 ? "." : $"; refused: {string.Join(" | ", result.Problems)}");
        context.Result = summary;
        if (result.Problems.Count > 0) throw new JobExecutionException(summary);
    }
}
