using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ledger;

/// <summary>
/// The estate's rule for vacant units' consumption (owner's wallet or common property; docs/portal.md, "Vacant
/// units"): read for the pages that say so, set by admins. The biller applies it through <c>Postings.ConsumptionPayer</c>.
/// </summary>
public sealed class VacancyBillingService(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<VacantConsumption> RuleAsync(int estateId, CancellationToken ct = default) =>
        (await RulesAsync([estateId], ct)).GetValueOrDefault(estateId);

    public async Task<IReadOnlyDictionary<int, VacantConsumption>> RulesAsync(IReadOnlyCollection<int> estateIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var common = await CommonPropertyEstates(db, estateIds).ToListAsync(ct);
        return estateIds.Distinct().ToDictionary(id => id, id => common.Contains(id) ? VacantConsumption.CommonProperty : VacantConsumption.OwnerWallet);
    }

    /// <summary>Which of these estates bill vacant units' consumption to common property (the biller and the unit cards use this one query).</summary>
    public static IQueryable<int> CommonPropertyEstates(QuantifyDbContext db, IReadOnlyCollection<int> estateIds) =>
        db.Set<EstateSettings>().AsNoTracking()
            .Where(s => estateIds.Contains(s.EstateId) && s.FeatureFlags.Any(f => f.Feature == EstateSettings.VacantToCommonPropertyFeature && f.Enabled))
            .Select(s => s.EstateId);

    public async Task<Result> SetAsync(int estateId, VacantConsumption rule, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.Set<EstateSettings>().Include(s => s.FeatureFlags).FirstOrDefaultAsync(s => s.EstateId == estateId, ct);
        if (settings is null) return Result.Fail(new Error("not_found", $"Estate #{estateId} has no settings."));
        settings.SetVacantConsumption(rule);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>What a page says about a vacant unit's consumption under the rule.</summary>
    public static string Describe(VacantConsumption rule) => rule == VacantConsumption.CommonProperty
        ? "While vacant, this unit's consumption is billed to the estate's common property (the body corporate pays)."
        : "While vacant, this unit's consumption is billed to its own wallet: the owner pays.";
}
