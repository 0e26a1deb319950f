using Quartz;
using Quantify.Web.Data;

namespace Quantify.Web.Jobs;

public sealed class JobsOptions
{
    /// <summary>False for a web-only instance that must not run background jobs.</summary>
    public bool Enabled { get; set; } = true;
    public string OrphanScanCron { get; set; } = "0 0 2 * * ?";
    public string CreditControlCron { get; set; } = "0 * * * * ?";
    public string FixedChargesCron { get; set; } = "0 10 0 * * ?";
    public string LevyChargesCron { get; set; } = "0 20 0 * * ?";
    public string ArrearsEscalationCron { get; set; } = "0 0 9 * * ?";
    public string MeterCommsCron { get; set; } = "30 * * * * ?";
    public string ReconciliationCron { get; set; } = "0 30 2 * * ?";
    /// <summary>Monthly (the 5th, 06:00 SAST): settles last month of each estate whose month is closed.</summary>
    public string SettlementCron { get; set; } = "0 0 6 5 * ?";
    /// <summary>A meter not heard from for this long is marked offline (once; a reading brings it back online).</summary>
    public int MeterOfflineAfterMinutes { get; set; } = 60;
}

/// <summary>
/// Quartz with its ADO job store in the application's own database (SQLite by default; clustered on SQL Server).
/// Jobs are thin: one DI scope per run, resolve a service, run it; <see cref="JobHistoryListener"/> records outcomes.
/// </summary>
public static class JobsRegistration
{
    public static IServiceCollection AddQuantifyJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        services.AddSingleton<JobHistoryListener>();
        services.AddSingleton<JobCatalog>();
        if (!options.Enabled) return services;

        var db = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "Quantify";
                o.GenerateInstanceId = true;
                o.DefaultTimeZone = JobCatalog.SouthAfrica;
            });
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                if (db.Provider == DatabaseProvider.SqlServer)
                {
                    s.UseSqlServer(configuration.GetConnectionString("Quantify") ?? db.ConnectionString!);
                    s.UseClustering();
                }
                else
                {
                    s.UseSqlite(SqliteConnection(db, configuration));
                }
            });
            q.AddJobListener<JobHistoryListener>();
            foreach (var job in JobCatalog.Definitions(options))
            {
                q.AddJob(job.Type, j => j.WithIdentity(job.Key).StoreDurably().WithDescription(job.Description));
                q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.Key.Name + "-trigger")
                    .WithSchedule(CronScheduleBuilder.Create(job.Cron).InTimeZone(JobCatalog.SouthAfrica)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static string SqliteConnection(DatabaseOptions db, IConfiguration configuration)
    {
        var contentRoot = configuration[WebHostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
        return db.ResolveConnectionString(contentRoot);
    }
}
