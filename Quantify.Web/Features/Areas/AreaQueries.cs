using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
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
    string? TenantName, string? OwnerName, IReadOnlyList<MeterSummary> Meters, decimal? MonthlySpendLimit = null,
    VacantConsumption VacantBilledTo = VacantConsumption.OwnerWallet);

public sealed record EstateSummary(int Id, string Name, string? City, int Units, int Occupied, int Meters, int MetersOnline, int OpenTickets,
    IReadOnlyList<MeterSummary> BulkMeters, int OpenAlerts = 0)
{
    public decimal OccupancyPercent => Units == 0 ? 0 : Math.Round(100m * Occupied / Units, 1);
}

/// <summary>
/// A unit in the agent's list with its wallet: total and per-pocket balance (from each pocket's ledger account balance),
/// whether it is in arrears (a pocket below zero, or an open debt-cap alert, with the days since that alert was raised),
/// whether a metered pocket is at or below its low-balance threshold without being in arrears, and the last top-up date.
/// </summary>
public sealed record UnitRow(int Id, string EstateName, string UnitNumber, string? Building, Occupancy Occupancy, string? TenantName, string PaymentReference,
    decimal Balance = 0m, IReadOnlyList<PocketAmount>? Pockets = null, bool InArrears = false, int? DaysInArrears = null, bool LowBalance = false,
    DateOnly? LastTopUp = null);

public sealed record PocketAmount(Pocket Pocket, decimal Balance);

public enum UnitFilter { All, InArrears, LowBalance, Vacant }

/// <summary>What the agent's unit grid asks for. <see cref="SortBy"/> is a <see cref="UnitRow"/> property name (unknown names sort by estate and unit).</summary>
public sealed record UnitPageQuery(string? Search = null, UnitFilter Filter = UnitFilter.All, string? SortBy = null, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record AdminOverview(int Estates, int Units, int ActivePeople, IReadOnlyDictionary<MeterType, int> MetersByType,
    IReadOnlyDictionary<CommsStatus, int> MetersByStatus, IReadOnlyDictionary<string, int> UsersByRole, int OpenTickets, int OpenAlerts = 0);

/// <summary>
/// Read models for the role areas. Every method takes the caller's <see cref="UserScope"/> and returns only what that
/// scope reaches; a request outside it returns null (the page shows "access denied" and leaks nothing).
/// </summary>
/// <summary>An unresolved meter alert, as a unit page lists it.</summary>
public sealed record OpenAlert(long Id, string MeterSerial, AlertKind Kind, AlertSeverity Severity, string Message, DateTimeOffset RaisedAt);

public sealed class AreaQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<IReadOnlyList<UnitSummary>> UnitsForAsync(UserScope scope, string role, CancellationToken ct = default) =>
        UnitsAsync(scope.UnitsFor(role), ct);

    /// <summary>One unit, if the user may see it in the given role's area.</summary>
    /// <summary>The open alerts of a unit's meters, newest first (the caller has checked the unit is in scope).</summary>
    public async Task<IReadOnlyList<OpenAlert>> OpenAlertsAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from a in OpenIssues.Alerts(db, unitId: unitId)
                      join m in db.Meters on a.MeterId equals m.Id
                      orderby a.Id descending
                      select new OpenAlert(a.Id, m.SerialNumber, a.Kind, a.Severity, a.Message, a.RaisedAt)).Take(50).ToListAsync(ct);
    }

    /// <summary>The open alerts and tickets of one unit, counted as every other page counts them (<see cref="OpenIssues"/>).</summary>
    public async Task<OpenCounts> OpenCountsAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await OpenIssues.CountAsync(db, unitId: unitId, ct: ct);
    }

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
        // Counted in the database: a 1,000-unit estate must not load every meter to count the online ones.
        var meterCounts = await db.Meters.Where(m => estateIds.Contains(m.EstateId) && m.IsActive)
            .GroupBy(m => m.EstateId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var onlineCounts = await (from m in db.Meters
                                  join st in db.MeterStates on m.Id equals st.MeterId
                                  where estateIds.Contains(m.EstateId) && m.IsActive && st.CommsStatus == CommsStatus.Online
                                  group m by m.EstateId into g
                                  select new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var bulkMeters = await db.Meters.AsNoTracking()
            .Where(m => estateIds.Contains(m.EstateId) && m.IsActive && (m.Type == MeterType.BulkElectricity || m.Type == MeterType.BulkWater)).ToListAsync(ct);
        var open = await OpenIssues.PerEstateAsync(db, estateIds, ct);
        return estates.Select(e =>
        {
            var u = units.FirstOrDefault(x => x.Key == e.Id);
            return new EstateSummary(e.Id, e.Name, e.City, u?.Count ?? 0, u?.Occupied ?? 0,
                meterCounts.FirstOrDefault(x => x.Key == e.Id)?.Count ?? 0, onlineCounts.FirstOrDefault(x => x.Key == e.Id)?.Count ?? 0,
                open[e.Id].Tickets, bulkMeters.Where(x => x.EstateId == e.Id).Select(ToSummary).ToList(), open[e.Id].Alerts);
        }).ToList();
    }

    /// <summary>Server-side paged, searchable units of the estates the user reaches in this role.</summary>
    public Task<PagedResult<UnitRow>> UnitPageAsync(UserScope scope, string role, string? search, int page, int pageSize, CancellationToken ct = default) =>
        UnitPageAsync(scope, role, new UnitPageQuery(search, Page: page, PageSize: pageSize), ct);

    /// <summary>
    /// One page of the units the user reaches in this role, filtered, searched and sorted in the database. Balances come
    /// from the pocket ledger accounts' cached balances (one row per pocket, kept equal to the sum of the lines by
    /// every posting and proved by the verifier), so a 1,000-unit estate costs a few index look-ups per unit, never a
    /// scan of the ledger lines; only the last top-up date reads the unit's wallet lines (by the wallet index).
    /// </summary>
    public async Task<PagedResult<UnitRow>> UnitPageAsync(UserScope scope, string role, UnitPageQuery query, CancellationToken ct = default)
    {
        var ids = scope.EstatesFor(role);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var q = from u in db.Units.AsNoTracking()
                join e in db.Estates on u.EstateId equals e.Id
                join w in db.Wallets on u.Id equals w.UnitId into wallets
                from w in wallets.DefaultIfEmpty()
                where u.IsActive && (ids == null || ids.Contains(u.EstateId))
                let walletId = (int?)w.Id
                // The wallet id as a non-nullable key: comparisons with it are plain "=", so SQLite uses the (partial) WalletId indexes.
                let key = walletId ?? -1
                let negative = walletId != null && db.LedgerAccounts.Any(a => a.WalletId == key && a.Balance < 0m)
                let debtSince = db.MeterAlerts.Where(al => al.Kind == AlertKind.DebtCap && al.ResolvedAt == null && db.Meters.Any(m => m.Id == al.MeterId && m.UnitId == u.Id))
                    .Min(al => (DateTimeOffset?)al.RaisedAt)
                select new
                {
                    u.Id, EstateName = e.Name, u.UnitNumber, u.Building, u.Occupancy, u.PaymentReference,
                    Tenant = db.Tenancies.Where(t => t.UnitId == u.Id && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
                        .Select(t => t.Person.FirstName + " " + t.Person.LastName).FirstOrDefault(),
                    WalletId = walletId,
                    Balance = walletId == null ? 0m : db.LedgerAccounts.Where(a => a.WalletId == key).Sum(a => (decimal?)a.Balance) ?? 0m,
                    InArrears = negative || debtSince != null,
                    DebtSince = debtSince,
                    // Low: a pocket the unit has an active meter for, at or below its own threshold (not counted when already in arrears).
                    Low = walletId != null && (from a in db.LedgerAccounts
                                               where a.WalletId == key
                                               from p in db.WalletPockets
                                               where p.WalletId == key && (Pocket?)p.Pocket == a.Pocket && a.Balance <= p.LowBalanceThreshold
                                                     && db.Meters.Any(m => m.UnitId == u.Id && m.IsActive && ((m.Type == MeterType.Electricity && p.Pocket == Pocket.Electricity)
                                                         || (m.Type == MeterType.Water && p.Pocket == Pocket.Water) || (m.Type == MeterType.HotWater && p.Pocket == Pocket.HotWater)))
                                               select a.Id).Any(),
                    LastTopUp = walletId == null ? null : (from l in db.LedgerLines
                                 join t in db.LedgerTransactions on l.TransactionId equals t.Id
                                 where l.WalletId == key && t.Type == TransactionType.TopUp
                                 select (DateOnly?)t.ValueDate).Max(),
                };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            q = q.Where(x => x.UnitNumber.Contains(s) || x.EstateName.Contains(s) || x.PaymentReference.Contains(s) || (x.Tenant != null && x.Tenant.Contains(s)));
        }
        q = query.Filter switch
        {
            UnitFilter.InArrears => q.Where(x => x.InArrears),
            UnitFilter.LowBalance => q.Where(x => x.Low && !x.InArrears),
            UnitFilter.Vacant => q.Where(x => x.Occupancy == Occupancy.Vacant),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        var d = query.Descending;
        q = query.SortBy switch
        {
            nameof(UnitRow.UnitNumber) => d ? q.OrderByDescending(x => x.UnitNumber).ThenBy(x => x.EstateName) : q.OrderBy(x => x.UnitNumber).ThenBy(x => x.EstateName),
            nameof(UnitRow.Building) => d ? q.OrderByDescending(x => x.Building).ThenBy(x => x.UnitNumber) : q.OrderBy(x => x.Building).ThenBy(x => x.UnitNumber),
            nameof(UnitRow.Occupancy) => d ? q.OrderByDescending(x => x.Occupancy).ThenBy(x => x.UnitNumber) : q.OrderBy(x => x.Occupancy).ThenBy(x => x.UnitNumber),
            nameof(UnitRow.TenantName) => d ? q.OrderByDescending(x => x.Tenant).ThenBy(x => x.UnitNumber) : q.OrderBy(x => x.Tenant).ThenBy(x => x.UnitNumber),
            nameof(UnitRow.PaymentReference) => d ? q.OrderByDescending(x => x.PaymentReference) : q.OrderBy(x => x.PaymentReference),
            nameof(UnitRow.Balance) => d ? q.OrderByDescending(x => x.Balance).ThenBy(x => x.UnitNumber) : q.OrderBy(x => x.Balance).ThenBy(x => x.UnitNumber),
            nameof(UnitRow.InArrears) => d ? q.OrderByDescending(x => x.InArrears).ThenBy(x => x.DebtSince).ThenBy(x => x.UnitNumber)
                : q.OrderBy(x => x.InArrears).ThenBy(x => x.UnitNumber),
            nameof(UnitRow.LastTopUp) => d ? q.OrderByDescending(x => x.LastTopUp).ThenBy(x => x.UnitNumber) : q.OrderBy(x => x.LastTopUp).ThenBy(x => x.UnitNumber),
            _ => d ? q.OrderByDescending(x => x.EstateName).ThenByDescending(x => x.UnitNumber) : q.OrderBy(x => x.EstateName).ThenBy(x => x.UnitNumber),
        };
        var rows = await q.Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var walletIds = rows.Where(r => r.WalletId != null).Select(r => r.WalletId!.Value).ToList();
        var pockets = (await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value) && a.Pocket != null)
                .Select(a => new { WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct))
            .ToLookup(a => a.WalletId);
        var now = clock.GetUtcNow();
        return new PagedResult<UnitRow>(rows.Select(x => new UnitRow(x.Id, x.EstateName, x.UnitNumber, x.Building, x.Occupancy, x.Tenant, x.PaymentReference,
            x.Balance, x.WalletId is int wid ? pockets[wid].OrderBy(p => p.Pocket).Select(p => new PocketAmount(p.Pocket, p.Balance)).ToList() : [],
            x.InArrears, x.DebtSince is DateTimeOffset since ? Math.Max(0, (int)(now - since).TotalDays) : null, x.Low && !x.InArrears, x.LastTopUp)).ToList(), total);
    }

    public async Task<AdminOverview> AdminOverviewAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.IsActive).Select(m => new { m.Type, m.State.CommsStatus }).ToListAsync(ct);
        var open = await OpenIssues.CountAsync(db, ct: ct);
        var usersByRole = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id group ur by r.Name into g select new { Role = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(x => x.Role, x => x.Count, ct);
        return new AdminOverview(
            await db.Estates.CountAsync(e => e.IsActive, ct),
            await db.Units.CountAsync(u => u.IsActive, ct),
            await db.Persons.CountAsync(p => p.IsActive, ct),
            meters.GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.Count()),
            meters.GroupBy(m => m.CommsStatus).ToDictionary(g => g.Key, g => g.Count()),
            usersByRole,
            open.Tickets, open.Alerts);
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
        var estateIds = units.Select(u => u.EstateId).Distinct().ToList();
        var commonProperty = await Quantify.Web.Features.Ledger.VacancyBillingService.CommonPropertyEstates(db, estateIds).ToListAsync(ct);
        return units.Select(u => new UnitSummary(u.Id, u.EstateId, u.Estate.Name, u.UnitNumber, u.Building, u.Occupancy, u.PaymentReference,
            tenancies.FirstOrDefault(t => t.UnitId == u.Id && t.Role == TenancyRole.Tenant)?.Person.FullName,
            string.Join(", ", ownerships.Where(o => o.UnitId == u.Id).Select(o => o.Person.FullName)) is { Length: > 0 } owners ? owners : null,
            meters.Where(m => m.UnitId == u.Id).Select(ToSummary).ToList(),
            tenancies.FirstOrDefault(t => t.UnitId == u.Id && t.Role == TenancyRole.FamilyMember)?.MonthlySpendLimit,
            commonProperty.Contains(u.EstateId) ? VacantConsumption.CommonProperty : VacantConsumption.OwnerWallet)).ToList();
    }

    private static MeterSummary ToSummary(Meter m) =>
        new(m.Id, m.SerialNumber, m.Type, m.Comms, m.State.CommsStatus, m.State.RelayClosed, m.State.LastReading, m.State.LastReadingAt, m.State.BatteryPercent, m.IsActive);
}
