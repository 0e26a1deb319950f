using Quartz;

namespace Quantify.Web.Jobs;

public sealed record JobDefinition(JobKey Key, Type Type, string Cron, string Description);

public sealed record JobStatus(string Name, string Description, string? Cron, DateTimeOffset? PreviousFire, DateTimeOffset? NextFire, string State,
    JobRun? LastRun);

/// <summary>The list of recurring jobs, and their live state for the admin page.</summary>
public sealed class JobCatalog(IServiceProvider services, JobHistoryListener history)
{
    public static readonly TimeZoneInfo SouthAfrica = Features.EstateTime.Default;

    public static IEnumerable<JobDefinition> Definitions(JobsOptions options)
    {
        yield return new(new JobKey("orphan-scan", "integrity"), typeof(OrphanScanJob), options.OrphanScanCron,
            "Nightly: checks every reference in the database (foreign keys and soft references) and reports orphans.");
        yield return new(new JobKey("credit-control", "billing"), typeof(CreditControlJob), options.CreditControlCron,
            "Every minute: disconnects electricity at its credit limit (outside friendly hours), reconnects after top-ups, flags water arrears, sends balance notices.");
        yield return new(new JobKey("fixed-charges", "billing"), typeof(FixedChargesJob), options.FixedChargesCron,
            "Nightly (00:10 SAST): posts yesterday's fixed tariff charges (daily service charges, monthly ones on the 1st) to every metered unit, idempotently.");
        yield return new(new JobKey("levy-charges", "billing"), typeof(LevyChargesJob), options.LevyChargesCron,
            "Daily (00:20 SAST): raises each active levy schedule's charges for the current period (month, quarter or year), one per unit, idempotently.");
        yield return new(new JobKey("arrears-escalation", "billing"), typeof(ArrearsEscalationJob), options.ArrearsEscalationCron,
            "Daily (09:00 SAST): ages pockets in arrears and takes each estate's escalation steps (warning, restriction notice, suspension, hand to agent), each once per arrears episode, notified and audited.");
        yield return new(new JobKey("meter-comms", "ingestion"), typeof(MeterCommsJob), options.MeterCommsCron,
            $"Every minute: marks meters not heard from for {options.MeterOfflineAfterMinutes} minutes offline and queues meter.offline webhooks.");
        yield return new(new JobKey("reconciliation", "integrity"), typeof(ReconciliationJob), options.ReconciliationCron,
            "Nightly (02:30 SAST): reconciles yesterday (hash chains, balances, readings billed once, PayFast, EFT, bulk loss, stuck commands, dead letters), stores each check's result and emails the admins on a failure.");
        yield return new(new JobKey("settlement", "billing"), typeof(SettlementJob), options.SettlementCron,
            "Monthly (the 5th, 06:00 SAST): settles last month for every estate whose month is closed and not yet settled (revenue, VAT and levies to the payees' payables), idempotently.");
    }

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken ct = default)
    {
        var factory = services.GetService<ISchedulerFactory>();
        var options = services.GetRequiredService<JobsOptions>();
        var scheduler = factory is null || !options.Enabled ? null : await factory.GetScheduler(ct);
        var result = new List<JobStatus>();
        foreach (var def in Definitions(options))
        {
            ITrigger? trigger = null;
            var state = "Disabled on this instance";
            if (scheduler is not null)
            {
                var key = new TriggerKey(def.Key.Name + "-trigger");
                trigger = await scheduler.GetTrigger(key, ct);
                state = trigger is null ? "Not scheduled" : (await scheduler.GetTriggerState(key, ct)).ToString();
            }
            result.Add(new JobStatus(def.Key.Name, def.Description, def.Cron, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc, state,
                await history.LastRunAsync(def.Key.Name, ct)));
        }
        return result;
    }

    public async Task TriggerNowAsync(string name, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<JobsOptions>();
        var def = Definitions(options).FirstOrDefault(d => d.Key.Name == name) ?? throw new ArgumentException($"No job named '{name}'.", nameof(name));
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        await scheduler.TriggerJob(def.Key, new JobDataMap(), ct);
    }
}
