using Microsoft.EntityFrameworkCore;
using Quartz;
using Quantify.Web.Data;

namespace Quantify.Web.Jobs;

/// <summary>One row per job execution: when, how long, and whether it worked.</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public string JobName { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string? Summary { get; set; }
}

/// <summary>Records every job execution and its outcome (jobs put their summary in the context's Result).</summary>
public sealed class JobHistoryListener(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, ILogger<JobHistoryListener> log) : IJobListener
{
    public string Name => "history";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.Set<JobRun>().Add(new JobRun
            {
                JobName = context.JobDetail.Key.Name,
                StartedAt = context.FireTimeUtc,
                FinishedAt = clock.GetUtcNow(),
                Succeeded = jobException is null,
                Summary = Truncate(jobException?.InnerException?.Message ?? jobException?.Message ?? context.Result?.ToString()),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            log.LogError(ex, "Could not record the run of job {Job}", context.JobDetail.Key);
        }
    }

    public async Task<JobRun?> LastRunAsync(string jobName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == jobName).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    private static string? Truncate(string? s) => s is { Length: > 1000 } ? s[..1000] : s;
}
