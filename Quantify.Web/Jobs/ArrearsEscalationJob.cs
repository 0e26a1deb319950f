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
        context.Result = $"{Quantify.Domain.Common.Plural.Count(r.Estates, "estate")}: {Quantify.Domain.Common.Plural.Count(r.StepsTaken, "escalation step")} taken, {Quantify.Domain.Common.Plural.Count(r.Notices, "notice")}, {Quantify.Domain.Common.Plural.Count(r.Suspended, "pocket")} suspended, {Quantify.Domain.Common.Plural.Count(r.Resumed, "suspension")} lifted.";
    }
}
