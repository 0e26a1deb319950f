using Quantify.Domain.Common;

namespace Quantify.Domain.Settlement;

/// <summary>The settlement rule versions of one estate (all utilities), and the rule that picks the one for a month.</summary>
public sealed class SettlementRuleSet(IEnumerable<SettlementRuleVersion> versions)
{
    private readonly List<SettlementRuleVersion> versions = versions.OrderBy(v => v.Utility).ThenBy(v => v.EffectiveFrom).ToList();

    public IReadOnlyList<SettlementRuleVersion> Versions => versions;

    /// <summary>The version of <paramref name="utility"/> in effect for a month; null when none is.</summary>
    public SettlementRuleVersion? For(Metering.Utility utility, int year, int month) =>
        versions.LastOrDefault(v => v.Utility == utility && v.IsEffectiveIn(year, month));

    /// <summary>Whether <paramref name="candidate"/> can join: same estate, and no overlap with a version of the same utility.</summary>
    public Result CanAdd(SettlementRuleVersion candidate)
    {
        if (versions.Count > 0 && candidate.EstateId != versions[0].EstateId)
            return Result.Fail(new Error("other_estate", "The rule is for another estate.", nameof(SettlementRuleVersion.EstateId)));
        var clash = versions.FirstOrDefault(v => !ReferenceEquals(v, candidate) && (v.Id == 0 || v.Id != candidate.Id) && v.Utility == candidate.Utility
            && v.EffectiveFrom < (candidate.EffectiveTo ?? DateOnly.MaxValue) && candidate.EffectiveFrom < (v.EffectiveTo ?? DateOnly.MaxValue));
        if (clash is null) return Result.Ok();
        var until = clash.EffectiveTo is { } end ? $"until {end:yyyy-MM-dd}" : "with no end";
        return Result.Fail(new Error("overlap",
            $"It overlaps the {clash.Utility} rule in effect from {clash.EffectiveFrom:yyyy-MM-dd} {until}; end that version first.",
            nameof(SettlementRuleVersion.EffectiveFrom)));
    }
}
