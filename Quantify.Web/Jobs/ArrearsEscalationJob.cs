using Quartz;
using Quantify.Web.Features.Arrears;

namespace Quantify.Web.Jobs;

/// <summary>Daily: applies every estate's arrears escalation rules (each step once per arrears episode).</summary>
[DisallowConcurrentExecution]
public sealed class ArrearsEscalationJob(ArrearsEscalationService service) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var r = await service.RunAsync(cancellationToken);
        context.Result = $"{r.Estates} estate(s): {r.StepsTaken} escalation step(s) taken, {r.Notices} notice(s), {r.Suspended} pocket(s) suspended, {r.Resumed} suspension(s) lifted.";
    }
}
