using Quantify.Domain.Common;

namespace Quantify.Domain.Levies;

/// <summary>
/// A levy an estate raises from its units: a name, the amount for the whole estate per period, how often, and how it
/// is shared (<see cref="LevyAllocator"/>). Effective-dated like tariffs: a version charges every period whose first
/// day falls in [<see cref="EffectiveFrom"/>, <see cref="EffectiveTo"/>), so two versions never charge the same
/// period. A version not yet in effect may be amended; one in effect is changed by <see cref="Supersede"/> (it ends
/// where the next starts). Deactivating stops future charges; nothing financial is ever deleted.
/// </summary>
public sealed class LevySchedule : IAuditable
{
    private Dictionary<int, decimal> customAmounts = [];

    private LevySchedule() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The levy for the whole estate for one period, in rand.</summary>
    public decimal Amount { get; private set; }
    public LevyFrequency Frequency { get; private set; }
    public LevyAllocationMethod Method { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly? EffectiveTo { get; private set; }
    /// <summary>1 for the first version, +1 for each <see cref="Supersede"/>.</summary>
    public int Version { get; private set; } = 1;
    /// <summary>The version this one replaced, if any.</summary>
    public int? PreviousVersionId { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateOnly? DeactivatedOn { get; private set; }
    /// <summary>Unit id → amount per period, for <see cref="LevyAllocationMethod.Custom"/>.</summary>
    public IReadOnlyDictionary<int, decimal> CustomAmounts
    {
        get => customAmounts;
        private set => customAmounts = new Dictionary<int, decimal>(value);
    }

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public static Result<LevySchedule> Create(int estateId, string name, decimal amount, LevyFrequency frequency, LevyAllocationMethod method,
        DateOnly effectiveFrom, IReadOnlyDictionary<int, decimal>? customAmounts = null)
    {
        var v = Validate(name, amount, method, customAmounts);
        if (!v.IsValid) return Result<LevySchedule>.Fail(v.Errors);
        return Result<LevySchedule>.Ok(New(estateId, name, amount, frequency, method, effectiveFrom, customAmounts));
    }

    /// <summary>Whether this version raises a charge for <paramref name="period"/>.</summary>
    public bool Charges(LevyPeriod period) =>
        IsActive && EffectiveFrom <= period.Start && (EffectiveTo is null || period.Start < EffectiveTo) && (DeactivatedOn is null || period.Start < DeactivatedOn);

    /// <summary>Changes a version that has not yet taken effect (on <paramref name="today"/>, in the estate's time zone).</summary>
    public Result Amend(string name, decimal amount, LevyFrequency frequency, LevyAllocationMethod method, DateOnly effectiveFrom,
        IReadOnlyDictionary<int, decimal>? customAmounts, DateOnly today)
    {
        var v = Validate(name, amount, method, customAmounts);
        v.AddIf(!IsActive, "inactive", $"'{Name}' was deactivated; create a new levy schedule instead.", nameof(IsActive));
        v.AddIf(today >= EffectiveFrom, "in_effect", $"'{Name}' has been in effect since {EffectiveFrom:yyyy-MM-dd} and may have been charged; start a new version instead.", nameof(EffectiveFrom));
        v.AddIf(effectiveFrom <= today, "not_future", $"The effective date {effectiveFrom:yyyy-MM-dd} must be after today ({today:yyyy-MM-dd}) for a version not yet in effect.", nameof(EffectiveFrom));
        v.AddIf(EffectiveTo is { } end && effectiveFrom >= end, "after_end", $"The effective date must be before {EffectiveTo:yyyy-MM-dd}, when the next version starts.", nameof(EffectiveFrom));
        if (!v.IsValid) return v.ToResult();
        (Name, Amount, Frequency, Method, EffectiveFrom) = (name.Trim(), amount, frequency, method, effectiveFrom);
        CustomAmounts = method == LevyAllocationMethod.Custom ? customAmounts! : new Dictionary<int, decimal>();
        return Result.Ok();
    }

    /// <summary>Ends this version on <paramref name="effectiveFrom"/> and returns the next one, which starts then.</summary>
    public Result<LevySchedule> Supersede(string name, decimal amount, LevyFrequency frequency, LevyAllocationMethod method, DateOnly effectiveFrom,
        IReadOnlyDictionary<int, decimal>? customAmounts)
    {
        var v = Validate(name, amount, method, customAmounts);
        v.AddIf(!IsActive, "inactive", $"'{Name}' was deactivated; create a new levy schedule instead.", nameof(IsActive));
        v.AddIf(EffectiveTo is not null, "already_ended", $"'{Name}' version {Version} already ends on {EffectiveTo:yyyy-MM-dd}; change the latest version.", nameof(EffectiveFrom));
        v.AddIf(effectiveFrom <= EffectiveFrom, "not_after_current", $"The new version must start after {EffectiveFrom:yyyy-MM-dd}, when version {Version} started.", nameof(EffectiveFrom));
        if (!v.IsValid) return Result<LevySchedule>.Fail(v.Errors);
        EffectiveTo = effectiveFrom;
        var next = New(EstateId, name, amount, frequency, method, effectiveFrom, customAmounts);
        (next.Version, next.PreviousVersionId) = (Version + 1, Id);
        return Result<LevySchedule>.Ok(next);
    }

    /// <summary>Stops charging periods that start on or after <paramref name="on"/>. Charges already raised stay (reverse them in the ledger if wrong).</summary>
    public Result Deactivate(DateOnly on)
    {
        if (!IsActive) return Result.Fail(new Error("inactive", $"'{Name}' is already deactivated.", nameof(IsActive)));
        IsActive = false;
        DeactivatedOn = on;
        return Result.Ok();
    }

    private static LevySchedule New(int estateId, string name, decimal amount, LevyFrequency frequency, LevyAllocationMethod method, DateOnly effectiveFrom,
        IReadOnlyDictionary<int, decimal>? customAmounts) => new()
    {
        EstateId = estateId,
        Name = name.Trim(),
        Amount = amount,
        Frequency = frequency,
        Method = method,
        EffectiveFrom = effectiveFrom,
        CustomAmounts = method == LevyAllocationMethod.Custom ? customAmounts! : new Dictionary<int, decimal>(),
    };

    private static Validator Validate(string name, decimal amount, LevyAllocationMethod method, IReadOnlyDictionary<int, decimal>? customAmounts)
    {
        var v = new Validator()
            .Required(name, nameof(Name), "Name").MaxLength(name, 100, nameof(Name), "Name")
            .Range(amount, 0.01m, 100_000_000m, nameof(Amount), "Amount per period");
        v.AddIf(decimal.Round(amount, 2) != amount, "whole_cents", "The amount per period must be in whole cents.", nameof(Amount));
        v.AddIf(method == LevyAllocationMethod.Custom && (customAmounts is null || customAmounts.Count == 0), "custom_missing",
            "Custom allocation needs an amount for every unit.", nameof(CustomAmounts));
        if (method == LevyAllocationMethod.Custom && customAmounts is { Count: > 0 } c && c.Values.Sum() != amount)
            v.Add(new Error("custom_sum", $"The custom amounts add up to {Money.Format(c.Values.Sum())}, not the amount per period {Money.Format(amount)}.", nameof(CustomAmounts)));
        return v;
    }
}
