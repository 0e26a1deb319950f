using Quantify.Domain.Common;
using Quantify.Domain.Ledger;

namespace Quantify.Domain.Arrears;

/// <summary>Ageing buckets: 0–29, 30–59, 60–89 and 90 or more days since the pocket went below zero.</summary>
public enum ArrearsBucket { Days0To29, Days30To59, Days60To89, Days90Plus }

/// <summary>The escalation steps, in the order they are taken.</summary>
public enum EscalationStep { Warning, RestrictionNotice, Suspension, HandToAgent }

/// <summary>One wallet line of a pocket, in chain order.</summary>
public readonly record struct PocketLine(long Sequence, decimal Amount, DateOnly ValueDate);

/// <summary>When a pocket's current arrears episode began: the line that took the balance from zero or more to below zero.</summary>
public sealed record ArrearsEpisode(long StartSequence, DateOnly Since, decimal Balance);

public static class ArrearsAgeing
{
    /// <summary>
    /// Replays a pocket's lines in chain order from a zero opening balance. Null if the pocket ends at zero or
    /// above; otherwise the episode that began with the LAST line crossing from &gt;= 0 to &lt; 0 (a pocket that dipped,
    /// was topped up to zero or more, and dipped again is in arrears since the second dip).
    /// </summary>
    public static ArrearsEpisode? CurrentEpisode(IEnumerable<PocketLine> linesInChainOrder)
    {
        var balance = 0m;
        PocketLine? crossing = null;
        foreach (var line in linesInChainOrder)
        {
            var before = balance;
            balance += line.Amount;
            if (before >= 0 && balance < 0) crossing = line;
        }
        return balance < 0 && crossing is { } c ? new ArrearsEpisode(c.Sequence, c.ValueDate, balance) : null;
    }

    public static int DaysInArrears(DateOnly since, DateOnly today) => Math.Max(0, today.DayNumber - since.DayNumber);

    public static ArrearsBucket Bucket(int days) => days switch
    {
        >= 90 => ArrearsBucket.Days90Plus,
        >= 60 => ArrearsBucket.Days60To89,
        >= 30 => ArrearsBucket.Days30To59,
        _ => ArrearsBucket.Days0To29,
    };

    public static string Label(ArrearsBucket bucket) => bucket switch
    {
        ArrearsBucket.Days0To29 => "0-29 days",
        ArrearsBucket.Days30To59 => "30-59 days",
        ArrearsBucket.Days60To89 => "60-89 days",
        _ => "90+ days",
    };

    public static string Label(EscalationStep step) => step switch
    {
        EscalationStep.Warning => "Warning",
        EscalationStep.RestrictionNotice => "Restriction notice",
        EscalationStep.Suspension => "Suspension",
        _ => "Handed to agent",
    };
}

/// <summary>An estate's arrears escalation rules: the days in arrears at which each step is taken. Settings (audited).</summary>
public sealed class ArrearsRule : IAuditable
{
    private ArrearsRule() { }

    public ArrearsRule(int estateId) => EstateId = estateId;

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public bool Enabled { get; private set; } = true;
    public int WarningDays { get; private set; } = Defaults.ArrearsWarningDays;
    public int RestrictionDays { get; private set; } = Defaults.ArrearsRestrictionDays;
    public int SuspensionDays { get; private set; } = Defaults.ArrearsSuspensionDays;
    public int HandToAgentDays { get; private set; } = Defaults.ArrearsHandToAgentDays;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public int DaysFor(EscalationStep step) => step switch
    {
        EscalationStep.Warning => WarningDays,
        EscalationStep.RestrictionNotice => RestrictionDays,
        EscalationStep.Suspension => SuspensionDays,
        _ => HandToAgentDays,
    };

    /// <summary>The steps due at <paramref name="days"/> in arrears, in order.</summary>
    public IEnumerable<EscalationStep> StepsDue(int days) => Enabled ? Enum.GetValues<EscalationStep>().Where(s => days >= DaysFor(s)) : [];

    public Result Configure(bool enabled, int warningDays, int restrictionDays, int suspensionDays, int handToAgentDays)
    {
        var v = new Validator()
            .Range(warningDays, 0, 3650, nameof(WarningDays), "Warning after (days)")
            .Range(restrictionDays, 0, 3650, nameof(RestrictionDays), "Restriction notice after (days)")
            .Range(suspensionDays, 0, 3650, nameof(SuspensionDays), "Suspension after (days)")
            .Range(handToAgentDays, 0, 3650, nameof(HandToAgentDays), "Hand to agent after (days)");
        v.AddIf(restrictionDays < warningDays, "out_of_order", $"The restriction notice ({restrictionDays} days) cannot come before the warning ({warningDays} days).", nameof(RestrictionDays));
        v.AddIf(suspensionDays < restrictionDays, "out_of_order", $"Suspension ({suspensionDays} days) cannot come before the restriction notice ({restrictionDays} days).", nameof(SuspensionDays));
        v.AddIf(handToAgentDays < suspensionDays, "out_of_order", $"Handing to the agent ({handToAgentDays} days) cannot come before suspension ({suspensionDays} days).", nameof(HandToAgentDays));
        if (!v.IsValid) return v.ToResult();
        (Enabled, WarningDays, RestrictionDays, SuspensionDays, HandToAgentDays) = (enabled, warningDays, restrictionDays, suspensionDays, handToAgentDays);
        return Result.Ok();
    }
}

/// <summary>
/// One escalation step taken for one arrears episode of one pocket. Unique per (wallet, pocket, episode, step), so a
/// step is taken once per episode however often the job runs. Kept (never deleted): it is the unit's escalation history.
/// </summary>
public sealed class ArrearsEscalation : IAuditable
{
    private ArrearsEscalation() { }

    public ArrearsEscalation(int unitId, int walletId, Pocket pocket, long episodeStartSequence, DateOnly arrearsSince, EscalationStep step,
        int daysInArrears, decimal balance, DateTimeOffset takenAt, string detail)
    {
        UnitId = unitId;
        WalletId = walletId;
        Pocket = pocket;
        EpisodeStartSequence = episodeStartSequence;
        ArrearsSince = arrearsSince;
        Step = step;
        DaysInArrears = daysInArrears;
        Balance = balance;
        TakenAt = takenAt;
        Detail = detail;
    }

    public long Id { get; private set; }
    public int UnitId { get; private set; }
    public int WalletId { get; private set; }
    public Pocket Pocket { get; private set; }
    /// <summary>The chain sequence of the wallet line that took the pocket below zero: identifies the episode.</summary>
    public long EpisodeStartSequence { get; private set; }
    public DateOnly ArrearsSince { get; private set; }
    public EscalationStep Step { get; private set; }
    public int DaysInArrears { get; private set; }
    public decimal Balance { get; private set; }
    public DateTimeOffset TakenAt { get; private set; }
    public string Detail { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
}
