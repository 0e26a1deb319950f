using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Support;
using Quantify.Web.Data;

namespace Quantify.Web.Features.CreditControl;

public sealed record CreditSweepResult(int UnitsChecked, int Disconnections, int Reconnections, int Deferred, int ArrearsFlagged, int Notices, int Held = 0)
{
    public string Summary => $"{Quantify.Domain.Common.Plural.Count(UnitsChecked, "unit")} checked: {Quantify.Domain.Common.Plural.Count(Disconnections, "disconnection")}, {Quantify.Domain.Common.Plural.Count(Reconnections, "reconnection")}, " +
                             $"{Deferred} deferred for friendly hours, {ArrearsFlagged} flagged for arrears, {Quantify.Domain.Common.Plural.Count(Notices, "notice")}" +
                             (Held > 0 ? $", {Quantify.Domain.Common.Plural.Count(Held, "relay")} left alone under a manual hold." : ".");
}

/// <summary>A pocket found below its low-balance threshold (low or critical notice level) during an evaluation.</summary>
public sealed record LowBalance(int EstateId, int UnitId, int WalletId, Pocket Pocket, decimal Balance, decimal Threshold, bool Critical);

/// <summary>Told of low pockets inside credit control's unit of work (before it saves), so what it adds commits with the notices (webhooks listen).</summary>
public interface ILowBalanceListener
{
    Task OnLowBalanceAsync(QuantifyDbContext db, IReadOnlyList<LowBalance> pockets, CancellationToken ct);
}

/// <summary>
/// Applies <see cref="CreditPolicy"/> to units' pockets: queues relay commands (the dispatcher sends them), flags water
/// arrears with a debt-cap alert, and notifies residents at low balance, critical balance, disconnection and reconnection
/// (one notice of a kind per unit per day). Runs after each ingestion batch and top-up for the units concerned, and as a
/// sweep every minute (which also carries out disconnections deferred by friendly hours). A relay under an admin's
/// <see cref="RelayHold"/> is never switched, and the manual command that set it is never cancelled, until the hold is released.
/// </summary>
public sealed class CreditControlService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, CommandSignal signal, ILogger<CreditControlService> log,
    IEnumerable<ILowBalanceListener>? lowBalanceListeners = null, IEnumerable<IBudgetGate>? budgetGates = null)
{
    private static readonly Pocket[] Controlled = [Pocket.Electricity, Pocket.Water, Pocket.HotWater];
    private static readonly TimeSpan CommandLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan NoticeQuietPeriod = TimeSpan.FromHours(24);

    /// <summary>Evaluates the given units, or every unit with a wallet when <paramref name="unitIds"/> is null.</summary>
    public async Task<CreditSweepResult> EvaluateAsync(IReadOnlyCollection<int>? unitIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var wallets = await db.Wallets.Include(w => w.Pockets)
            .Where(w => unitIds == null || unitIds.Contains(w.UnitId)).ToListAsync(ct);
        if (wallets.Count == 0) return new CreditSweepResult(0, 0, 0, 0, 0, 0);
        var units = wallets.Select(w => w.UnitId).ToList();
        var walletIds = wallets.Select(w => w.Id).ToList();
        var estateOfUnit = await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.EstateId, ct);
        var estateIds = estateOfUnit.Values.Distinct().ToList();
        var settings = await db.Set<EstateSettings>().AsNoTracking().Where(s => estateIds.Contains(s.EstateId)).ToDictionaryAsync(s => s.EstateId, ct);
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value) && a.Pocket != null)
            .Select(a => new { WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct);
        var balanceOf = balances.ToDictionary(b => (b.WalletId, b.Pocket), b => b.Balance);
        var meters = await db.Meters.Where(m => m.IsActive && m.UnitId != null && units.Contains(m.UnitId.Value)
                                                && (m.Type == MeterType.Electricity || m.Type == MeterType.Water || m.Type == MeterType.HotWater)).ToListAsync(ct);
        var meterIds = meters.Select(m => m.Id).ToList();
        var pending = await db.DeviceCommands.Where(c => meterIds.Contains(c.MeterId) && (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent)
                                                         && (c.Kind == CommandKind.RelayOff || c.Kind == CommandKind.RelayOn)).ToListAsync(ct);
        var held = (await db.RelayHolds.AsNoTracking().Where(h => meterIds.Contains(h.MeterId) && h.ReleasedAt == null).Select(h => h.MeterId).ToListAsync(ct)).ToHashSet();
        var openDebtAlerts = await db.MeterAlerts.Where(a => meterIds.Contains(a.MeterId) && a.Kind == AlertKind.DebtCap && a.ResolvedAt == null).ToListAsync(ct);
        var since = now - NoticeQuietPeriod;
        var recentNotices = (await db.Notifications.AsNoTracking().Where(n => n.UnitId != null && units.Contains(n.UnitId.Value) && n.CreatedAt >= since)
            .Select(n => new { n.UnitId, n.Kind, n.Title }).ToListAsync(ct)).Select(n => (n.UnitId!.Value, n.Kind, n.Title)).ToHashSet();
        var recipients = await UnitRecipients.ForAsync(db, units, DateOnly.FromDateTime(now.UtcDateTime), ct);
        var budgetCut = new HashSet<int>();
        foreach (var gate in budgetGates ?? []) budgetCut.UnionWith(await gate.EvaluateInAsync(db, units, now, ct));

        int disconnections = 0, reconnections = 0, deferred = 0, arrears = 0, notices = 0, holds = 0;
        var low = new List<LowBalance>();
        foreach (var wallet in wallets)
        {
            var unitId = wallet.UnitId;
            if (!estateOfUnit.TryGetValue(unitId, out var estateId)) continue;
            var estateSettings = settings.GetValueOrDefault(estateId) ?? EstateSettings.CreateDefault();
            var local = LocalTime(now, estateSettings.TimeZone);
            var friendly = CreditPolicy.IsFriendlyHours(local, estateSettings, SouthAfricanCalendar.IsPublicHoliday);
            foreach (var pocket in Controlled)
            {
                var meter = meters.FirstOrDefault(m => m.UnitId == unitId && PocketOf(m.Type) == pocket);
                if (meter is null) continue;
                var balance = balanceOf.GetValueOrDefault((wallet.Id, pocket));
                var latestRelay = pending.Where(c => c.MeterId == meter.Id).OrderByDescending(c => c.QueuedAt).FirstOrDefault();
                var relayClosed = latestRelay is null ? meter.State.RelayClosed : latestRelay.Kind == CommandKind.RelayOn;
                var decision = CreditPolicy.Decide(pocket, balance, wallet.PocketFor(pocket), relayClosed, friendly, budgetReached: budgetCut.Contains(unitId));
                if (held.Contains(meter.Id) && decision.Action is CreditAction.Disconnect or CreditAction.Reconnect or CreditAction.DeferDisconnect)
                {
                    holds++; // an admin holds this relay: no command, nothing superseded, until the hold is released
                    decision = decision with { Action = CreditAction.None };
                }
                switch (decision.Action)
                {
                    case CreditAction.Disconnect:
                    case CreditAction.Reconnect:
                        var kind = decision.Action == CreditAction.Disconnect ? CommandKind.RelayOff : CommandKind.RelayOn;
                        foreach (var old in pending.Where(c => c.MeterId == meter.Id)) old.Supersede(now, $"Superseded by {kind}: {decision.Reason}");
                        var command = new DeviceCommand(meter.Id, kind, decision.Reason, now, now + CommandLifetime);
                        db.DeviceCommands.Add(command);
                        pending.Add(command);
                        if (kind == CommandKind.RelayOff)
                        {
                            disconnections++;
                            db.MeterAlerts.Add(new MeterAlert(meter.Id, AlertKind.Disconnected, AlertSeverity.Warning, decision.Reason, now));
                        }
                        else reconnections++;
                        notices += Notify(db, recipients, recentNotices, unitId, kind == CommandKind.RelayOff ? NotificationKind.Disconnected : NotificationKind.Reconnected,
                            kind == CommandKind.RelayOff ? "Electricity switched off" : "Electricity back on",
                            kind == CommandKind.RelayOff
                                ? $"Your electricity credit is used up ({Money.Format(balance)}), so the supply is being switched off. Top up to have it switched back on."
                                : $"Thank you for topping up: your electricity balance is {Money.Format(balance)} and the supply is being switched back on.", now, force: true);
                        break;
                    case CreditAction.DeferDisconnect:
                        deferred++;
                        break;
                    case CreditAction.FlagArrears:
                        if (!openDebtAlerts.Any(a => a.MeterId == meter.Id))
                        {
                            var alert = new MeterAlert(meter.Id, AlertKind.DebtCap, AlertSeverity.Warning, decision.Reason, now);
                            db.MeterAlerts.Add(alert);
                            openDebtAlerts.Add(alert);
                            arrears++;
                            notices += Notify(db, recipients, recentNotices, unitId, NotificationKind.Arrears, $"{pocket} account in arrears",
                                $"Your {PocketName(pocket)} balance is {Money.Format(balance)}, at the estate's debt limit. Supply continues, but the amount is now in arrears: please top up.", now);
                        }
                        break;
                }
                if (decision.Action != CreditAction.FlagArrears)
                    foreach (var resolved in openDebtAlerts.Where(a => a.MeterId == meter.Id && a.IsOpen && !wallet.PocketFor(pocket).IsExhausted(balance)))
                        resolved.Resolve(now);
                if (decision.Notice != NoticeLevel.None)
                    low.Add(new LowBalance(estateId, unitId, wallet.Id, pocket, balance, wallet.PocketFor(pocket).LowBalanceThreshold, decision.Notice == NoticeLevel.Critical));
                if (decision.Notice == NoticeLevel.Critical && decision.Action is not (CreditAction.Disconnect or CreditAction.FlagArrears))
                    notices += Notify(db, recipients, recentNotices, unitId, NotificationKind.CriticalBalance, $"{Capitalised(pocket)} credit critical",
                        $"Your {PocketName(pocket)} balance is {Money.Format(balance)}." + (pocket == Pocket.Electricity ? " Top up now to avoid disconnection." : " Please top up."), now);
                else if (decision.Notice == NoticeLevel.Low)
                    notices += Notify(db, recipients, recentNotices, unitId, NotificationKind.LowBalance, $"{Capitalised(pocket)} credit low",
                        $"Your {PocketName(pocket)} balance is {Money.Format(balance)}, below your low-balance alert of {Money.Format(wallet.PocketFor(pocket).LowBalanceThreshold)}.", now);
            }
        }
        if (low.Count > 0)
            foreach (var listener in lowBalanceListeners ?? []) await listener.OnLowBalanceAsync(db, low, ct);
        await db.SaveChangesAsync(ct);
        if (disconnections + reconnections > 0) signal.Notify();
        var result = new CreditSweepResult(wallets.Count, disconnections, reconnections, deferred, arrears, notices, holds);
        if (disconnections + reconnections + arrears > 0) log.LogInformation("Credit control: {Summary}", result.Summary);
        return result;
    }

    public async Task<IReadOnlyList<int>> UnitsOfWalletsAsync(IReadOnlyCollection<int> walletIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Wallets.AsNoTracking().Where(w => walletIds.Contains(w.Id)).Select(w => w.UnitId).ToListAsync(ct);
    }

    public static Pocket? PocketOf(MeterType type) => type switch
    {
        MeterType.Electricity => Pocket.Electricity,
        MeterType.Water => Pocket.Water,
        MeterType.HotWater => Pocket.HotWater,
        MeterType.Solar => Pocket.Solar,
        _ => null,
    };

    private static int Notify(QuantifyDbContext db, IReadOnlyDictionary<int, IReadOnlyList<string>> recipients, HashSet<(int, NotificationKind, string)> recent,
        int unitId, NotificationKind kind, string title, string body, DateTimeOffset now, bool force = false)
    {
        if (!force && recent.Contains((unitId, kind, title))) return 0;
        recent.Add((unitId, kind, title));
        var users = recipients.GetValueOrDefault(unitId) ?? [];
        foreach (var user in users) db.Notifications.Add(new Notification(user, kind, NotificationChannel.InApp, title, body, now, unitId));
        return users.Count;
    }

    private static DateTime LocalTime(DateTimeOffset now, string timeZone)
    {
        var zone = EstateTime.Resolve(timeZone);
        return TimeZoneInfo.ConvertTime(now, zone).DateTime;
    }

    private static string PocketName(Pocket p) => p switch { Pocket.HotWater => "hot water", _ => p.ToString().ToLowerInvariant() };
    private static string Capitalised(Pocket p) => p == Pocket.HotWater ? "Hot water" : p.ToString();
}

/// <summary>Wakes the command dispatcher when a command is queued, so relays switch within seconds.</summary>
public sealed class CommandSignal : WakeSignal;
