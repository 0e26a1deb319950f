using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Api;

/// <summary>
/// The read side of the public API. Every query is filtered by the caller's <see cref="ApiScope"/> and paged in the
/// database; a filter naming an estate, unit, wallet or meter outside the scope returns null (the endpoint answers 404).
/// </summary>
public sealed class ApiQueries(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<PagedList<EstateDto>> EstatesAsync(ApiScope scope, Paging paging, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Estates.AsNoTracking().Where(e => scope.AllEstates || scope.EstateList.Contains(e.Id) || scope.UnitEstateList.Contains(e.Id));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<EstateDto>(rows.Select(e => new EstateDto(e.Id, e.Name, e.Kind.ToString(), e.Address, e.City, e.Province, e.PostalCode, e.Country, e.IsActive)).ToList(),
            paging.Page, paging.PageSize, total);
    }

    public async Task<EstateDto?> EstateAsync(ApiScope scope, int estateId, CancellationToken ct = default)
    {
        if (!scope.SeesEstate(estateId)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Estates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == estateId, ct);
        return e is null ? null : new EstateDto(e.Id, e.Name, e.Kind.ToString(), e.Address, e.City, e.Province, e.PostalCode, e.Country, e.IsActive);
    }

    public async Task<PagedList<UnitDto>?> UnitsAsync(ApiScope scope, int? estateId, string? search, Paging paging, CancellationToken ct = default)
    {
        if (estateId is int est && !scope.SeesEstate(est)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = VisibleUnits(db, scope);
        if (estateId is int e) q = q.Where(u => u.EstateId == e);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(u => u.UnitNumber.Contains(s) || (u.Building != null && u.Building.Contains(s)) || u.PaymentReference.Contains(s));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(u => u.EstateId).ThenBy(u => u.UnitNumber).ThenBy(u => u.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<UnitDto>(rows.Select(ToDto).ToList(), paging.Page, paging.PageSize, total);
    }

    public async Task<UnitDto?> UnitAsync(ApiScope scope, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var u = await VisibleUnits(db, scope).FirstOrDefaultAsync(x => x.Id == unitId, ct);
        return u is null ? null : ToDto(u);
    }

    public async Task<PagedList<PersonDto>?> PersonsAsync(ApiScope scope, int? estateId, string? search, Paging paging, CancellationToken ct = default)
    {
        if (estateId is int est && !scope.SeesEstateInFull(est)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = VisibleUnits(db, scope).Where(u => scope.AllEstates || scope.EstateList.Contains(u.EstateId));
        if (estateId is int e) units = units.Where(u => u.EstateId == e);
        var unitIds = units.Select(u => u.Id);
        int? self = null;
        if (scope.User.UserId.Length > 0)
            self = await db.Users.AsNoTracking().Where(u => u.Id == scope.User.UserId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
        var q = db.Persons.AsNoTracking().Where(p =>
            (scope.AllEstates && estateId == null)
            || db.Tenancies.Any(t => t.PersonId == p.Id && unitIds.Contains(t.UnitId))
            || db.Ownerships.Any(o => o.PersonId == p.Id && unitIds.Contains(o.UnitId))
            || (estateId == null && p.Id == self));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(p => p.FirstName.Contains(s) || p.LastName.Contains(s) || (p.Email != null && p.Email.Contains(s)));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var visible = VisibleUnits(db, scope).Select(u => u.Id);
        var tenancies = await db.Tenancies.AsNoTracking().Where(t => ids.Contains(t.PersonId) && visible.Contains(t.UnitId))
            .Select(t => new { t.PersonId, t.UnitId, Role = t.Role.ToString(), t.StartDate, t.EndDate }).ToListAsync(ct);
        var ownerships = await db.Ownerships.AsNoTracking().Where(o => ids.Contains(o.PersonId) && visible.Contains(o.UnitId))
            .Select(o => new { o.PersonId, o.UnitId, Role = "Owner", o.StartDate, o.EndDate }).ToListAsync(ct);
        var occupancies = tenancies.Concat(ownerships).ToLookup(x => x.PersonId, x => new OccupancyDto(x.UnitId, x.Role, x.StartDate, x.EndDate));
        return new PagedList<PersonDto>(rows.Select(p => new PersonDto(p.Id, p.FirstName, p.LastName, p.Email, p.Phone, p.IsActive,
            occupancies[p.Id].OrderBy(o => o.StartDate).ThenBy(o => o.UnitId).ToList())).ToList(), paging.Page, paging.PageSize, total);
    }

    public async Task<PagedList<MeterDto>?> MetersAsync(ApiScope scope, int? estateId, int? unitId, Paging paging, CancellationToken ct = default)
    {
        if (estateId is int est && !scope.SeesEstate(est)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (unitId is int uid && !await VisibleUnits(db, scope).AnyAsync(u => u.Id == uid, ct)) return null;
        var q = VisibleMeters(db, scope);
        if (estateId is int e) q = q.Where(m => m.EstateId == e);
        if (unitId is int u) q = q.Where(m => m.UnitId == u);
        var total = await q.CountAsync(ct);
        var rows = await q.Include(m => m.State).OrderBy(m => m.EstateId).ThenBy(m => m.SerialNumber).ThenBy(m => m.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<MeterDto>(rows.Select(m => new MeterDto(m.Id, m.EstateId, m.UnitId, m.SerialNumber, m.Type.ToString(), m.Type.UnitOfMeasure(), m.Comms.ToString(), m.DeviceEui,
            m.IsActive, m.IsPrepaid, m.State.CommsStatus.ToString(), m.State.RelayClosed, m.State.LastReading, m.State.LastReadingAt, m.State.LastSeenAt, m.State.BatteryPercent)).ToList(),
            paging.Page, paging.PageSize, total);
    }

    public async Task<PagedList<WalletDto>?> WalletsAsync(ApiScope scope, int? estateId, int? unitId, Paging paging, CancellationToken ct = default)
    {
        if (estateId is int est && !scope.SeesEstate(est)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = VisibleUnits(db, scope);
        if (estateId is int e) units = units.Where(u => u.EstateId == e);
        if (unitId is int uid)
        {
            if (!await units.AnyAsync(u => u.Id == uid, ct)) return null;
            units = units.Where(u => u.Id == uid);
        }
        var q = from w in db.Wallets.AsNoTracking() join u in units on w.UnitId equals u.Id select new { w.Id, w.UnitId, u.EstateId, u.UnitNumber };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.EstateId).ThenBy(x => x.UnitNumber).ThenBy(x => x.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var pockets = await db.WalletPockets.AsNoTracking().Where(p => ids.Contains(p.WalletId)).ToListAsync(ct);
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.Kind == AccountKind.WalletPocket && a.WalletId != null && ids.Contains(a.WalletId.Value))
            .Select(a => new { WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct);
        return new PagedList<WalletDto>(rows.Select(r =>
        {
            var list = pockets.Where(p => p.WalletId == r.Id).OrderBy(p => p.Pocket)
                .Select(p => new PocketDto(p.Pocket.ToString(), balances.FirstOrDefault(b => b.WalletId == r.Id && b.Pocket == p.Pocket)?.Balance ?? 0m, p.CreditLimit, p.LowBalanceThreshold, p.IsSuspended))
                .ToList();
            return new WalletDto(r.Id, r.UnitId, r.EstateId, r.UnitNumber, list.Sum(p => p.Balance), list);
        }).ToList(), paging.Page, paging.PageSize, total);
    }

    public async Task<PagedList<TransactionDto>?> TransactionsAsync(ApiScope scope, int? estateId, int? unitId, int? walletId, DateOnly? from, DateOnly? to, Paging paging,
        CancellationToken ct = default)
    {
        if (estateId is int est && !scope.SeesEstate(est)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = VisibleUnits(db, scope);
        if (estateId is int e) units = units.Where(u => u.EstateId == e);
        if (unitId is int uid) units = units.Where(u => u.Id == uid);
        var wallets = from w in db.Wallets join u in units on w.UnitId equals u.Id select new { w.Id, w.UnitId };
        if (walletId is int wid) wallets = wallets.Where(w => w.Id == wid);
        if ((unitId is not null || walletId is not null) && !await wallets.AnyAsync(ct)) return null;
        var walletIds = wallets.Select(w => w.Id);
        var q = db.LedgerTransactions.AsNoTracking().Where(t => db.LedgerLines.Any(l => l.TransactionId == t.Id && l.WalletId != null && walletIds.Contains(l.WalletId.Value)));
        if (from is DateOnly f) q = q.Where(t => t.ValueDate >= f);
        if (to is DateOnly t2) q = q.Where(t => t.ValueDate <= t2);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(t => t.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = rows.Select(t => t.Id).ToList();
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join a in db.LedgerAccounts on l.AccountId equals a.Id
                           join w in wallets on l.WalletId equals w.Id
                           where ids.Contains(l.TransactionId)
                           orderby l.Id
                           select new { l.TransactionId, WalletId = w.Id, w.UnitId, Pocket = a.Pocket!.Value, l.Amount }).ToListAsync(ct);
        var byTx = lines.ToLookup(l => l.TransactionId, l => new TransactionLineDto(l.WalletId, l.UnitId, l.Pocket.ToString(), l.Amount));
        return new PagedList<TransactionDto>(rows.Select(t => new TransactionDto(t.Id, t.Number, t.Type.ToString(), t.ValueDate, t.PostedAt, t.Description, t.ReversesId, byTx[t.Id].ToList())).ToList(),
            paging.Page, paging.PageSize, total);
    }

    public async Task<PagedList<ReadingDto>?> ReadingsAsync(ApiScope scope, int meterId, DateTimeOffset? from, DateTimeOffset? to, Paging paging, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await VisibleMeters(db, scope).AnyAsync(m => m.Id == meterId, ct)) return null;
        var q = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId);
        if (from is DateTimeOffset f) q = q.Where(r => r.ReadAt >= f);
        if (to is DateTimeOffset t) q = q.Where(r => r.ReadAt < t);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.ReadAt).ThenByDescending(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ReadingDto>(rows.Select(r => new ReadingDto(r.Id, r.MeterId, r.ReadAt, r.ReceivedAt, r.Register, r.Consumption, r.Status.ToString(), r.Amount, r.Source)).ToList(),
            paging.Page, paging.PageSize, total);
    }

    private static IQueryable<Quantify.Domain.Estates.Unit> VisibleUnits(QuantifyDbContext db, ApiScope scope) =>
        db.Units.AsNoTracking().Where(u => scope.AllEstates || scope.EstateList.Contains(u.EstateId) || scope.UnitList.Contains(u.Id));

    private static IQueryable<Meter> VisibleMeters(QuantifyDbContext db, ApiScope scope) =>
        db.Meters.AsNoTracking().Where(m => scope.AllEstates || scope.EstateList.Contains(m.EstateId) || (m.UnitId != null && scope.UnitList.Contains(m.UnitId.Value)));

    private static UnitDto ToDto(Quantify.Domain.Estates.Unit u) =>
        new(u.Id, u.EstateId, u.UnitNumber, u.Building, u.Floor, u.Occupancy.ToString(), u.PaymentReference, u.IsActive);
}
