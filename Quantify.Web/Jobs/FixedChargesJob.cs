using Quartz;
using Quantify.Web.Features.Billing;

namespace Quantify.Web.Jobs;

/// <summary>Nightly: posts yesterday's daily fixed charges (and monthly ones on the 1st), idempotently.</summary>
[DisallowConcurrentExecution]
public sealed class FixedChargesJob(FixedChargeService service) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var day = service.Yesterday();
        var result = await service.PostForAsync(day, cancellationToken);
        context.Result = $"{day:yyyy-MM-dd}: {Quantify.Domain.Common.Plural.Count(result.Posted, "charge")} posted ({Domain.Common.Money.Format(result.Total)}), {result.AlreadyPosted} already posted.";
    }
}
