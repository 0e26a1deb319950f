using Quartz;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Web.Jobs;

/// <summary>Nightly reconciliation of the day that ended. Thin: one scope, one service call, the summary recorded as the outcome.</summary>
[DisallowConcurrentExecution]
public sealed class ReconciliationJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ReconciliationService>();
        var report = await service.RunAsync(service.Yesterday(), ct: cancellationToken);
        context.Result = report.Summary;
    }
}
