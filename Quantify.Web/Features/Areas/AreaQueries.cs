using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Areas;

public sealed record MeterSummary(int Id, string Serial, MeterType Type, CommsType Comms, CommsStatus Status, bool RelayClosed, decimal? LastReading,
    DateTimeOffset? LastReadingAt, int? BatteryPercent, bool IsActive)
{
    public string UnitOfMeasure => Type.UnitOfMeasure();
}

public sealed record UnitSummary(int Id, int EstateId, string EstateName, string UnitNumber, string? Building, Occupancy Occupancy, string PaymentReference,
    string? TenantName, string? OwnerName, IReadOnlyList<MeterSummary> Meters, decimal? MonthlySpendLimit = null);

public sealed record EstateSummary(int Id, string Name, string? City, int Units, int Occupied, int Meters, int MetersOnline, int OpenTickets,
    IReadOnlyList<MeterSummary> BulkMeters)
{
    public decimal OccupancyPercent => Units == 0 ? 0 : Math.Round(100m * Occupied / Units, 1);
}

public sealed record UnitRow(int Id, string EstateName, string UnitNumber, string? Building, Occupancy Occupancy, string? TenantName, string PaymentReference);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record AdminOverview(int Estates, int Units, int ActivePeople, IReadOnlyDictionary<MeterType, int> MetersByType,
    IReadOnlyDictionary<CommsStatus, int> MetersByStatus, IReadOnlyDictionary<string, int> UsersByRole, int OpenTickets);

/// <summary>
/// Read models for the role areas. Every method takes the caller's <see cref="UserScope"/> and returns only what that
/// scope reaches; a request outside it returns null (the page shows "access denied" and leaks nothing).
/// </summary>
public sealed class AreaQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<IReadOnlyList<UnitSummary>> UnitsForAsync(UserScope scope, string role, CancellationToken ct = default) =>
        UnitsAsync(scope.UnitsFor(role), ct);

    /// <summary>One unit, if the user may see it in the given role's area.</summary>
    public async Task<UnitSummary?> UnitAsync(UserScope scope, string role, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estateId = await db.Units.Where(u => u.Id == unitId).Select(u => (int?)u.EstateId).FirstOrDefaultAsync(ct);
        if (estateId is null) return null;
        var allowed = role switch
        {
            Roles.Admin => scope.IsAdmin,
            Roles.Tenant or Roles.Owner or Roles.FamilyMember => scope.UnitsFor(role).Contains(unitId),
            _ => scope.EstatesFor(role) is { } estates && estates.Contains(estateId.Value),
        };
        if (!allowed) return null;
        return (await UnitsAsync(new HashSet<int> { unitId }, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<EstateSummary>> EstatesForAsync(UserScope scope, string role, CancellationToken ct = default)
    {
        var ids = scope.EstatesFor(role);
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.Estates.AsNoTracking().Where(e => e.IsActive && (ids == null || ids.Contains(e.Id))).OrderBy(e => e.Name).ToListAsync(ct);
        var estateIds = estates.Select(e => e.Id).ToList();
        var units = await db.Units.AsNoTracking().Where(u => estateIds.Contains(u.EstateId) && u.IsActive)
            .GroupBy(u => u.EstateId).Select(g => new { g.Key, Count = g.Count(), Occupied = g.Count(u => u.Occupancy == Occupancy.Occupied) }).ToListAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => estateIds.Contains(m.EstateId) && m.IsActive).ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => estateIds.Contains(t.EstateId) && (t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress))
            .GroupBy(t => t.EstateId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return estates.Select(e =>
        {
            var u = units.FirstOrDefault(x => x.Key == e.Id);
            var m = meters.Where(x => x.EstateId == e.Id).ToList();
            return new EstateSummary(e.Id, e.Name, e.City, u?.Count ?? 0, u?.Occupied ?? 0, m.Count, m.Count(x => x.State.CommsStatus == CommsStatus.Online),
                tickets.FirstOrDefault(x => x.Key == e.Id)?.Count ?? 0, m.Where(x => x.Type.IsBulk()).Select(ToSummary).ToList());
        }).ToList();
    }

    /// <summary>Server-side paged, searchable units of the estates the user reaches in this role.</summary>
    public async Task<PagedResult<UnitRow>> UnitPageAsync(UserScope scope, string role, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        var ids = scope.EstatesFor(role);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var q = from u in db.Units.AsNoTracking()
                join e in db.Estates on u.EstateId equals e.Id
                where u.IsActive && (ids == null || ids.Contains(u.EstateId))
                select new
                {
                    u.Id, EstateName = e.Name, u.UnitNumber, u.Building, u.Occupancy, u.PaymentReference,
                    Tenant = db.Tenancies.Where(t => t.UnitId == u.Id && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
                        .Select(t => t.Person.FirstName + " " + t.Person.LastName).FirstOrDefault(),
                };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(x => x.UnitNumber.Contains(s) || x.EstateName.Contains(s) || x.PaymentReference.Contains(s) || (x.Tenant != null && x.Tenant.Contains(s)));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.EstateName).ThenBy(x => x.UnitNumber).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<UnitRow>(rows.Select(x => new UnitRow(x.Id, x.EstateName, x.UnitNumber, x.Building, x.Occupancy, x.Tenant, x.PaymentReference)).ToList(), total);
    }

    public async Task<AdminOverview> AdminOverviewAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.IsActive).Select(m => new { m.Type, m.State.CommsStatus }).ToListAsync(ct);
        var usersByRole = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id group ur by r.Name into g select new { Role = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(x => x.Role, x => x.Count, ct);
        return new AdminOverview(
            await db.Estates.CountAsync(e => e.IsActive, ct),
            await db.Units.CountAsync(u => u.IsActive, ct),
            await db.Persons.CountAsync(p => p.IsActive, ct),
            meters.GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.Count()),
            meters.GroupBy(m => m.CommsStatus).ToDictionary(g => g.Key, g => g.Count()),
            usersByRole,
            await db.Tickets.CountAsync(t => t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress, ct));
    }

    private async Task<IReadOnlyList<UnitSummary>> UnitsAsync(IReadOnlySet<int> unitIds, CancellationToken ct)
    {
        if (unitIds.Count == 0) return [];
        var ids = unitIds.ToList();
        var today = Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Include(u => u.Estate).Where(u => ids.Contains(u.Id)).OrderBy(u => u.Estate.Name).ThenBy(u => u.UnitNumber).ToListAsync(ct);
        var tenancies = await db.Tenancies.AsNoTracking().Include(t => t.Person)
            .Where(t => ids.Contains(t.UnitId) && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today)).ToListAsync(ct);
        var ownerships = await db.Ownerships.AsNoTracking().Include(o => o.Person)
            .Where(o => ids.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)).ToListAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId != null && ids.Contains(m.UnitId.Value)).OrderBy(m => m.Type).ToListAsync(ct);
        return units.Select(u => new UnitSummary(u.Id, u.EstateId, u.Estate.Name, u.UnitNumber, u.Building, u.Occupancy, u.PaymentReference,
            tenancies.FirstOrDefault(t => t.UnitId == u.Id && t.Role == TenancyRole.Tenant)?.Person.FullName,
            string.Join(", ", ownerships.Where(o => o.UnitId == u.Id).Select(o => o.Person.FullName)) is { Length: > 0 } owners ? owners : null,
            meters.Where(m => m.UnitId == u.Id).Select(ToSummary).ToList(),
            tenancies.FirstOrDefault(t => t.UnitId == u.Id && t.Role == TenancyRole.FamilyMember)?.MonthlySpendLimit)).ToList();
    }

    private static MeterSummary ToSummary(Meter m) =>
        new(m.Id, m.SerialNumber, m.Type, m.Comms, m.State.CommsStatus, m.State.RelayClosed, m.State.LastReading, m.State.LastReadingAt, m.State.BatteryPercent, m.IsActive);
}
