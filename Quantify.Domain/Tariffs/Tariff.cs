using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Tariffs;

/// <summary>
/// One version of a tariff for an estate and utility: the estate default (<see cref="UnitId"/> null) or a per-unit
/// override. In effect on local dates [<see cref="EffectiveFrom"/>, <see cref="EffectiveTo"/>) in the estate's time
/// zone. A version that has taken effect is never edited: <see cref="Supersede"/> ends it and starts the next one,
/// so everything billed stays explainable by the version it was billed under.
/// </summary>
public sealed class Tariff : AuditableEntity
{
    public const int NameMaxLength = 100;

    private Tariff() { }

    public int EstateId { get; private set; }
    /// <summary>Null: the estate's default for the utility. Set: an override for this unit, which wins over the default.</summary>
    public int? UnitId { get; private set; }
    public Utility Utility { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>1 for the first version of a tariff, +1 for each <see cref="Supersede"/>.</summary>
    public int Version { get; private set; } = 1;
    /// <summary>First local date the version applies (from local midnight).</summary>
    public DateOnly EffectiveFrom { get; private set; }
    /// <summary>Exclusive: the first local date it no longer applies; null while it is the open-ended latest version.</summary>
    public DateOnly? EffectiveTo { get; private set; }
    public TariffRules Rules { get; private set; } = new();
    /// <summary>Ended without a successor (e.g. a unit's override removed, so the unit falls back to the estate default).</summary>
    public bool IsRetired { get; private set; }

    public string UnitOfMeasure => TariffText.UnitOf(Utility);

    public static Result<Tariff> Create(int estateId, int? unitId, Utility utility, string name, DateOnly effectiveFrom, TariffRules rules)
    {
        var errors = Check(name, rules);
        if (!Enum.IsDefined(utility)) errors.Add(new Error("invalid", $"Unknown utility '{utility}'.", nameof(Utility)));
        if (errors.Count > 0) return Result<Tariff>.Fail(errors);
        return Result<Tariff>.Ok(new Tariff
        {
            EstateId = estateId,
            UnitId = unitId,
            Utility = utility,
            Name = name.Trim(),
            EffectiveFrom = effectiveFrom,
            Rules = rules,
        });
    }

    public bool IsEffectiveOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date < EffectiveTo);

    /// <summary>
    /// Ends this version the day before <paramref name="effectiveFrom"/> and returns the next version (same estate,
    /// unit and utility) with the new rules. Only the latest, open-ended version can be superseded.
    /// </summary>
    public Result<Tariff> Supersede(TariffRules newRules, DateOnly effectiveFrom, string? name = null)
    {
        var newName = string.IsNullOrWhiteSpace(name) ? Name : name;
        var errors = Check(newName, newRules);
        if (IsRetired)
            errors.Add(new Error("retired", $"'{Name}' version {Version} was retired; create a new tariff instead.", nameof(EffectiveFrom)));
        else if (EffectiveTo is { } end)
            errors.Add(new Error("already_ended", $"'{Name}' version {Version} already ends on {end:yyyy-MM-dd}; supersede the latest version.", nameof(EffectiveFrom)));
        if (effectiveFrom <= EffectiveFrom)
            errors.Add(new Error("not_after_current", $"The new version must start after {EffectiveFrom:yyyy-MM-dd}, when version {Version} started; to change a version before it takes effect, amend it.", nameof(EffectiveFrom)));
        if (errors.Count > 0) return Result<Tariff>.Fail(errors);

        EffectiveTo = effectiveFrom;
        return Result<Tariff>.Ok(new Tariff
        {
            EstateId = EstateId,
            UnitId = UnitId,
            Utility = Utility,
            Name = newName.Trim(),
            Version = Version + 1,
            EffectiveFrom = effectiveFrom,
            Rules = newRules,
        });
    }

    /// <summary>
    /// Corrects the rules or name of a version that has not taken effect yet (<paramref name="today"/> is the estate's
    /// local date, from the caller's clock). Once it is in effect it may have billed, so it can only be superseded.
    /// The dates are not amended: the previous version ends where this one starts, and moving one would leave a gap.
    /// </summary>
    public Result Amend(TariffRules rules, string name, DateOnly today)
    {
        var errors = Check(name, rules);
        if (today >= EffectiveFrom)
            errors.Add(new Error("in_effect", $"'{Name}' has been in effect since {EffectiveFrom:yyyy-MM-dd} and may have billed; supersede it with a new version instead.", nameof(Rules)));
        if (errors.Count > 0) return Result.Fail(errors);
        Rules = rules;
        Name = name.Trim();
        return Result.Ok();
    }

    /// <summary>Ends this version from <paramref name="effectiveTo"/> (exclusive) with no successor.</summary>
    public Result Retire(DateOnly effectiveTo)
    {
        if (IsRetired) return Result.Fail(new Error("retired", $"'{Name}' version {Version} is already retired.", nameof(EffectiveTo)));
        if (EffectiveTo is { } end && effectiveTo > end)
            return Result.Fail(new Error("already_ended", $"'{Name}' version {Version} already ends on {end:yyyy-MM-dd}.", nameof(EffectiveTo)));
        if (effectiveTo < EffectiveFrom)
            return Result.Fail(new Error("end_before_start", $"The end {effectiveTo:yyyy-MM-dd} is before the start {EffectiveFrom:yyyy-MM-dd}.", nameof(EffectiveTo)));
        EffectiveTo = effectiveTo;
        IsRetired = true;
        return Result.Ok();
    }

    private static List<Error> Check(string? name, TariffRules? rules)
    {
        var v = new Validator().Required(name, nameof(Name), "Name").MaxLength(name?.Trim(), NameMaxLength, nameof(Name), "Name");
        var errors = v.Errors.ToList();
        if (rules is null) errors.Add(new Error("required", "The tariff needs rules.", nameof(Rules)));
        else errors.AddRange(rules.Validate().Select(e => e with { Field = e.Field is null ? nameof(Rules) : $"{nameof(Rules)}.{e.Field}" }));
        return errors;
    }
}
