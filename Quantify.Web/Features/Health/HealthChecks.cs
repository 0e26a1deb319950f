using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using Quantify.Web.Data;
using Quantify.Web.Jobs;

namespace Quantify.Web.Features.Health;

public sealed class DatabaseHealthCheck(IDbContextFactory<QuantifyDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            var estates = await db.Estates.CountAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["provider"] = db.Provider.ToString(), ["pendingMigrations"] = pending, ["estates"] = estates };
            return pending == 0
                ? HealthCheckResult.Healthy($"{db.Provider}: reachable, schema up to date.", data)
                : HealthCheckResult.Unhealthy($"{db.Provider}: {pending} migration(s) not applied.", data: data);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.Message);
        }
    }
}

public sealed class SchedulerHealthCheck(IServiceProvider services, JobsOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled) return HealthCheckResult.Healthy("Jobs are disabled on this instance (web-only).");
        var factory = services.GetService<ISchedulerFactory>();
        if (factory is null) return HealthCheckResult.Unhealthy("No scheduler registered.");
        var scheduler = await factory.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["instance"] = scheduler.SchedulerInstanceId };
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("Scheduler running.", data)
            : HealthCheckResult.Degraded("Scheduler not running yet.", data: data);
    }
}

/// <summary>/health answers JSON with each check's state, so an operator sees which part is unwell.</summary>
public static class HealthResponse
{
    public static readonly HealthCheckOptions Options = new()
    {
        ResponseWriter = async (ctx, report) =>
        {
            ctx.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(ctx.Response.Body, new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            });
        },
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
