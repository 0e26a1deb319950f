using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Tariffs;

/// <summary>
/// Every version of the tariffs of one estate and utility (estate defaults and per-unit overrides), and the rule
/// that picks one: on a local date, a unit's override in effect wins over the estate default in effect.
/// </summary>
public sealed class TariffSet
{
    private readonly List<Tariff> versions;

    /// <exception cref="ArgumentException">The versions are not all of one estate and one utility.</exception>
    public TariffSet(IEnumerable<Tariff> versions)
    {
        this.versions = versions.OrderBy(t => t.UnitId is null ? 0 : 1).ThenBy(t => t.UnitId).ThenBy(t => t.EffectiveFrom).ThenBy(t => t.Version).ToList();
        if (this.versions.Select(t => (t.EstateId, t.Utility)).Distinct().Count() > 1)
            throw new ArgumentException("A tariff set holds the versions of one estate and one utility.", nameof(versions));
    }

    public IReadOnlyList<Tariff> Versions => versions;

    /// <summary>The utility of the versions; null for an empty set.</summary>
    public Utility? Utility => versions.Count > 0 ? versions[0].Utility : null;

    /// <summary>The version that prices <paramref name="unitId"/> on a local date: its override if one is in effect, else the estate default; null if neither.</summary>
    public Tariff? EffectiveOn(DateOnly date, int? unitId = null)
    {
        if (unitId is not null && Latest(unitId, date) is { } overriding) return overriding;
        return Latest(null, date);
    }

    /// <summary>The versions of one scope (the estate default when null, or one unit's override), oldest first.</summary>
    public IReadOnlyList<Tariff> HistoryOf(int? unitId) => versions.Where(t => t.UnitId == unitId).ToList();

    /// <summary>Local dates on which the tariff of <paramref name="unitId"/> may change (starts and ends of its versions and of the estate's).</summary>
    public IEnumerable<DateOnly> ChangeDatesFor(int? unitId) => versions
        .Where(t => t.UnitId is null || t.UnitId == unitId)
        .SelectMany(t => t.EffectiveTo is { } end ? new[] { t.EffectiveFrom, end } : [t.EffectiveFrom])
        .Distinct()
        .Order();

    /// <summary>
    /// Whether <paramref name="candidate"/> can join the set: same estate and utility, and no overlap with a version of
    /// the same scope (the estate default, or the same unit). An override may overlap the default: that is its point.
    /// </summary>
    public Result CanAdd(Tariff candidate)
    {
        if (versions.Count > 0 && (candidate.EstateId != versions[0].EstateId || candidate.Utility != versions[0].Utility))
            return Result.Fail(new Error("other_set", "The tariff is for another estate or utility.", nameof(Tariff.EstateId)));
        var clash = versions.FirstOrDefault(t => !ReferenceEquals(t, candidate) && (t.Id == 0 || t.Id != candidate.Id) && t.UnitId == candidate.UnitId
            && Overlaps(t.EffectiveFrom, t.EffectiveTo, candidate.EffectiveFrom, candidate.EffectiveTo));
        if (clash is null) return Result.Ok();
        var until = clash.EffectiveTo is { } end ? $"until {end:yyyy-MM-dd}" : "with no end";
        return Result.Fail(new Error("overlap",
            $"It overlaps '{clash.Name}' version {clash.Version}, in effect from {clash.EffectiveFrom:yyyy-MM-dd} {until}; supersede that version instead.",
            nameof(Tariff.EffectiveFrom)));
    }

    /// <summary>The latest version of one scope in effect on <paramref name="date"/> (a loop: every reading priced asks).</summary>
    private Tariff? Latest(int? unitId, DateOnly date)
    {
        Tariff? best = null;
        foreach (var t in versions)
        {
            if (t.UnitId != unitId || !t.IsEffectiveOn(date)) continue;
            if (best is null || t.EffectiveFrom > best.EffectiveFrom || (t.EffectiveFrom == best.EffectiveFrom && t.Version > best.Version)) best = t;
        }
        return best;
    }

    private static bool Overlaps(DateOnly aFrom, DateOnly? aTo, DateOnly bFrom, DateOnly? bTo) =>
        (aTo is null || bFrom < aTo) && (bTo is null || aFrom < bTo) && (aTo is null || aFrom < aTo) && (bTo is null || bFrom < bTo);
}
