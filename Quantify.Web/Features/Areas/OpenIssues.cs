using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Domain.Support;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Areas;

/// <summary>
/// The one definition of "open" that every page counting alerts or tickets uses (the admin overview, the agent's
/// estate cards, the unit pages and the wall display), so they agree: an alert is open until resolved and counts while
/// its meter is active in an active estate; a ticket is open or in progress in an active estate. Counted in the database.
/// </summary>
public static class OpenIssues
{
    /// <summary>Unresolved alerts of active meters in active estates, optionally of one estate or one unit.</summary>
    public static IQueryable<MeterAlert> Alerts(QuantifyDbContext db, int? estateId = null, int? unitId = null) =>
        from a in db.MeterAlerts.AsNoTracking()
        where a.ResolvedAt == null
              && db.Meters.Any(m => m.Id == a.MeterId && m.IsActive && (estateId == null || m.EstateId == estateId) && (unitId == null || m.UnitId == unitId)
                                    && db.Estates.Any(e => e.Id == m.EstateId && e.IsActive))
        select a;

    /// <summary>Open or in-progress tickets in active estates, optionally of one estate or one unit.</summary>
    public static IQueryable<Ticket> Tickets(QuantifyDbContext db, int? estateId = null, int? unitId = null) =>
        db.Tickets.AsNoTracking().Where(t => (t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress)
                                             && (estateId == null || t.EstateId == estateId) && (unitId == null || t.UnitId == unitId)
                                             && db.Estates.Any(e => e.Id == t.EstateId && e.IsActive));

    /// <summary>Everything (admins), one estate, or one unit.</summary>
    public static async Task<OpenCounts> CountAsync(QuantifyDbContext db, int? estateId = null, int? unitId = null, CancellationToken ct = default) =>
        new(await Alerts(db, estateId, unitId).CountAsync(ct), await Tickets(db, estateId, unitId).CountAsync(ct));

    /// <summary>Per estate, for a list of estates (the agent's cards): the same predicates, grouped.</summary>
    public static async Task<IReadOnlyDictionary<int, OpenCounts>> PerEstateAsync(QuantifyDbContext db, IReadOnlyCollection<int> estateIds, CancellationToken ct = default)
    {
        var alerts = await (from a in Alerts(db)
                            join m in db.Meters on a.MeterId equals m.Id
                            where estateIds.Contains(m.EstateId)
                            group a by m.EstateId into g
                            select new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var tickets = await Tickets(db).Where(t => estateIds.Contains(t.EstateId)).GroupBy(t => t.EstateId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return estateIds.Distinct().ToDictionary(id => id, id => new OpenCounts(alerts.GetValueOrDefault(id), tickets.GetValueOrDefault(id)));
    }
}
