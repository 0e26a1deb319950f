using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Arrears;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Arrears;

public sealed record EscalationRunResult(int Estates, int StepsTaken, int Notices, int Suspended, int Resumed);

public sealed record ArrearsRuleInput(bool Enabled, int WarningDays, int RestrictionDays, int SuspensionDays, int HandToAgentDays);

/// <summary>
/// Applies each estate's escalation rules to its pockets in arrears (run daily by <c>ArrearsEscalationJob</c>):
/// every step whose day count is reached and that has not yet been taken in the pocket's current episode is recorded
/// (<see cref="ArrearsEscalation"/>, unique per episode and step, audited by the audit interceptor) and told to the
/// unit's residents through the notification outbox. Suspension flags the pocket suspended (electricity is then
/// disconnected by credit control outside friendly hours; water and hot water are never cut: for them it is a flag);
/// handing to the agent also notifies the estate's managing agents. A pocket back at zero or above has ended its
/// episode: a suspension this service made is lifted (the next episode starts its steps again).
/// </summary>
public sealed class ArrearsEscalationService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, ILogger<ArrearsEscalationService> log)
{
    public const string SuspensionPrefix = "Arrears:";

    public async Task<ArrearsRule> RuleAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ArrearsRules.AsNoTracking().FirstOrDefaultAsync(r => r.EstateId == estateId, ct) ?? new ArrearsRule(estateId);
    }

    public async Task<Result> SaveRuleAsync(int estateId, ArrearsRuleInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, ct)) return Result.Fail(new Error("not_found", $"Estate #{estateId} does not exist."));
        var rule = await db.ArrearsRules.FirstOrDefaultAsync(r => r.EstateId == estateId, ct);
        if (rule is null) db.ArrearsRules.Add(rule = new ArrearsRule(estateId));
        var r = rule.Configure(input.Enabled, input.WarningDays, input.RestrictionDays, input.SuspensionDays, input.HandToAgentDays);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<EscalationRunResult> RunAsync(CancellationToken ct = default)
    {
        List<int> estates;
        await using (var db = await factory.CreateDbContextAsync(ct))
            estates = await db.Estates.AsNoTracking().Where(e => e.IsActive).Select(e => e.Id).ToListAsync(ct);
        var total = new EscalationRunResult(0, 0, 0, 0, 0);
        foreach (var estateId in estates)
        {
            try
            {
                var r = await RunEstateAsync(estateId, ct);
                total = new EscalationRunResult(total.Estates + 1, total.StepsTaken + r.StepsTaken, total.Notices + r.Notices, total.Suspended + r.Suspended, total.Resumed + r.Resumed);
            }
            catch (DbUpdateException ex)
            {
                // Another instance took the same step at the same moment (unique per episode and step): the next run carries on.
                log.LogWarning(ex, "Arrears escalation for estate {EstateId} did not save; it is retried on the next run", estateId);
            }
        }
        return total;
    }

    public async Task<EscalationRunResult> RunEstateAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var today = await new ArrearsService(factory, clock).TodayAsync(db, estateId, ct);
        var rule = await db.ArrearsRules.AsNoTracking().FirstOrDefaultAsync(r => r.EstateId == estateId, ct) ?? new ArrearsRule(estateId);
        var rows = await ArrearsService.RowsAsync(db, estateId, today, ct);

        var resumed = await ResumeSettledAsync(db, estateId, rows, ct);
        var walletIds = rows.Select(r => r.WalletId).Distinct().ToList();
        var taken = (await db.ArrearsEscalations.AsNoTracking().Where(e => walletIds.Contains(e.WalletId))
            .Select(e => new { e.WalletId, e.Pocket, e.EpisodeStartSequence, e.Step }).ToListAsync(ct))
            .Select(e => (e.WalletId, e.Pocket, e.EpisodeStartSequence, e.Step)).ToHashSet();
        var recipients = await UnitRecipients.ForAsync(db, rows.Select(r => r.UnitId).Distinct().ToList(), today, ct);
        var agents = await db.EstateAssignments.AsNoTracking().Where(a => a.EstateId == estateId && a.Role == Roles.ManagingAgent)
            .Join(db.Users.Where(u => u.IsActive), a => a.UserId, u => u.Id, (a, u) => u.Id).Distinct().ToListAsync(ct);
        var pockets = await db.WalletPockets.Where(p => walletIds.Contains(p.WalletId)).ToListAsync(ct);

        int steps = 0, notices = 0, suspended = 0;
        foreach (var row in rows)
        {
            foreach (var step in rule.StepsDue(row.DaysInArrears))
            {
                if (!taken.Add((row.WalletId, row.Pocket, row.EpisodeStartSequence, step))) continue;
                var (title, body) = Message(step, row, rule);
                var detail = $"{ArrearsAgeing.Label(step)} at {row.DaysInArrears} days in arrears ({Money.Format(row.Balance)} since {row.ArrearsSince:yyyy-MM-dd}).";
                if (step == EscalationStep.Suspension && pockets.FirstOrDefault(p => p.WalletId == row.WalletId && p.Pocket == row.Pocket) is { IsSuspended: false } pocket)
                {
                    pocket.Suspend($"{SuspensionPrefix} {row.DaysInArrears} days in arrears since {row.ArrearsSince:yyyy-MM-dd}"
                        + (row.Pocket == Pocket.Electricity ? "." : " (flag only: water is never cut)."));
                    suspended++;
                }
                db.ArrearsEscalations.Add(new ArrearsEscalation(row.UnitId, row.WalletId, row.Pocket, row.EpisodeStartSequence, row.ArrearsSince, step,
                    row.DaysInArrears, row.Balance, now, detail));
                foreach (var user in recipients.GetValueOrDefault(row.UnitId) ?? [])
                {
                    db.Notifications.Add(new Notification(user, NotificationKind.Arrears, NotificationChannel.InApp, title, body, now, row.UnitId));
                    notices++;
                }
                if (step == EscalationStep.HandToAgent)
                    foreach (var agent in agents)
                    {
                        db.Notifications.Add(new Notification(agent, NotificationKind.Arrears, NotificationChannel.InApp, $"Unit {row.UnitNumber}: arrears handed to you",
                            $"Unit {row.UnitNumber}'s {PocketName(row.Pocket)} account has been in arrears for {row.DaysInArrears} days ({Money.Format(row.Balance)}). Please follow up with the resident.", now, row.UnitId));
                        notices++;
                    }
                steps++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new EscalationRunResult(1, steps, notices, suspended, resumed);
    }

    /// <summary>Lifts suspensions this service made on pockets no longer in arrears (the episode ended). Returns how many.</summary>
    private static async Task<int> ResumeSettledAsync(QuantifyDbContext db, int estateId, List<ArrearsRow> inArrears, CancellationToken ct)
    {
        var suspended = await (from p in db.WalletPockets
                               join w in db.Wallets on p.WalletId equals w.Id
                               join u in db.Units on w.UnitId equals u.Id
                               where u.EstateId == estateId && p.IsSuspended && p.SuspendedReason != null && p.SuspendedReason.StartsWith(SuspensionPrefix)
                               select p).ToListAsync(ct);
        var resumed = 0;
        foreach (var p in suspended.Where(p => !inArrears.Any(r => r.WalletId == p.WalletId && r.Pocket == p.Pocket)))
        {
            p.Resume();
            resumed++;
        }
        return resumed;
    }

    /// <summary>Lifts arrears suspensions of these wallets' pockets that are back at zero or above (called after a posting commits).</summary>
    public async Task<int> ResumeWalletsAsync(IReadOnlyCollection<int> walletIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var suspended = await db.WalletPockets.Where(p => walletIds.Contains(p.WalletId) && p.IsSuspended && p.SuspendedReason != null && p.SuspendedReason.StartsWith(SuspensionPrefix))
            .ToListAsync(ct);
        if (suspended.Count == 0) return 0;
        var ids = suspended.Select(p => p.WalletId).ToList();
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && ids.Contains(a.WalletId.Value) && a.Pocket != null)
            .Select(a => new { WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct);
        var resumed = 0;
        foreach (var p in suspended.Where(p => balances.Any(b => b.WalletId == p.WalletId && b.Pocket == p.Pocket && b.Balance >= 0)))
        {
            p.Resume();
            resumed++;
        }
        await db.SaveChangesAsync(ct);
        return resumed;
    }

    private static (string Title, string Body) Message(EscalationStep step, ArrearsRow row, ArrearsRule rule)
    {
        var name = PocketName(row.Pocket);
        var owed = Money.Format(row.Debt);
        return step switch
        {
            EscalationStep.Warning => ($"Arrears warning: {name}",
                $"Your {name} account has been below zero for {row.DaysInArrears} days and you owe {owed}. Please top up to clear it."),
            EscalationStep.RestrictionNotice => ($"Restriction notice: {name}",
                $"Your {name} account has been in arrears for {row.DaysInArrears} days ({owed}). If it is not cleared, the account will be suspended after {rule.SuspensionDays} days in arrears."),
            EscalationStep.Suspension => ($"Account suspended: {name}",
                row.Pocket == Pocket.Electricity
                    ? $"Your electricity account has been in arrears for {row.DaysInArrears} days ({owed}) and is suspended: supply is disconnected until you top up to clear the debt."
                    : $"Your {name} account has been in arrears for {row.DaysInArrears} days ({owed}) and is suspended. Water is never cut off, but the debt must be cleared."),
            _ => ($"Arrears handed to your managing agent: {name}",
                $"Your {name} account has been in arrears for {row.DaysInArrears} days ({owed}). The matter has been handed to the estate's managing agent."),
        };
    }

    private static string PocketName(Pocket p) => p switch { Pocket.HotWater => "hot water", _ => p.ToString().ToLowerInvariant() };
}
