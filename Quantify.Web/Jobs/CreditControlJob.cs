using Quartz;
using Quantify.Web.Features.CreditControl;

namespace Quantify.Web.Jobs;

/// <summary>Every minute: credit control over every unit (catches disconnections deferred by friendly hours, settings changes).</summary>
[DisallowConcurrentExecution]
public sealed class CreditControlJob(CreditControlService service) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await service.EvaluateAsync(null, cancellationToken);
        context.Result = result.Summary;
    }
}
