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
                : HealthCheckResult.Unhealthy($"{db.Provider}: {Quantify.Domain.Common.Plural.Count(pending, "migration")} not applied.", data: data);
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

/// <summary>
/// /health answers the overall status to anyone (so a probe can tell up from down) and each check's state and data
/// (provider, pending migrations, scheduler) only to a signed-in admin or a caller sending the configured
/// <see cref="HealthOptions.DetailsToken"/>: an anonymous caller learns nothing about the deployment.
/// </summary>
public static class HealthResponse
{
    public static HealthCheckOptions Options(HealthOptions health) => new()
    {
        ResponseWriter = async (ctx, report) =>
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.CacheControl = "no-store";
            object body = MayReadDetails(ctx, health)
                ? new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
                }
                : new { status = report.Status.ToString() };
            await JsonSerializer.SerializeAsync(ctx.Response.Body, body);
        },
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    public static bool MayReadDetails(HttpContext ctx, HealthOptions health)
    {
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.User.IsInRole(Identity.Roles.Admin)) return true;
        if (string.IsNullOrEmpty(health.DetailsToken) || !ctx.Request.Headers.TryGetValue(HealthOptions.TokenHeader, out var sent)) return false;
        var expected = System.Text.Encoding.UTF8.GetBytes(health.DetailsToken);
        var given = System.Text.Encoding.UTF8.GetBytes(sent.ToString());
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Reads and validates the "Health" section (a token shorter than 32 characters is refused at start-up).</summary>
    public static HealthOptions Bind(IConfiguration configuration)
    {
        var options = configuration.GetSection("Health").Get<HealthOptions>() ?? new HealthOptions();
        if (!string.IsNullOrEmpty(options.DetailsToken) && options.DetailsToken.Length < HealthOptions.MinimumTokenLength)
            throw new InvalidOperationException($"Health:DetailsToken must be at least {HealthOptions.MinimumTokenLength} characters (it unlocks deployment details on /health).");
        return options;
    }
}
