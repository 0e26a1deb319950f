using Quartz;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Jobs;

/// <summary>Every minute: meters silent for longer than the configured minutes are marked offline (and meter.offline webhooks queued).</summary>
[DisallowConcurrentExecution]
public sealed class MeterCommsJob(MeterCommsService service) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var offline = await service.MarkSilentMetersOfflineAsync(cancellationToken);
        context.Result = $"{Quantify.Domain.Common.Plural.Count(offline, "meter")} marked offline.";
    }
}
