using Quartz;
using Quantify.Web.Features.Integrity;

namespace Quantify.Web.Jobs;

/// <summary>Nightly orphan scan. Thin: one scope, one service call, the summary recorded as the outcome.</summary>
[DisallowConcurrentExecution]
public sealed class OrphanScanJob(IServiceScopeFactory scopes, ILogger<OrphanScanJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<OrphanScanService>().ScanAsync(cancellationToken);
        context.Result = report.Summary;
        if (report.TotalOrphans > 0) log.LogWarning("Orphan scan found {Count} orphan(s): {Summary}", report.TotalOrphans, report.Summary);
        else log.LogInformation("Orphan scan: {Summary}", report.Summary);
    }
}
