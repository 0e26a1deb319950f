using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Data.Temporal;

namespace Quantify.Web.Features.Integrity;

public sealed record AuditRow(long Id, DateTimeOffset At, string? User, string? Ip, string EntityType, string EntityId, string Action, string Changes)
{
    /// <summary>The row as people know it ("unit A101 · Silverleaf", "wallet of unit A101"), when it could be named.</summary>
    public string? Subject { get; init; }
}

/// <summary>The audit trail (who changed what, when, from where, old and new values) and "as at" views of versioned rows.</summary>
public sealed class AuditQueries(IDbContextFactory<QuantifyDbContext> factory, HistoryService history)
{
    public static readonly string[] AsAtKinds = ["Unit", "Person", "Wallet", "WalletPocket", "Estate", "Meter"];

    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> ListAsync(string? entityType, string? entityId, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from a in db.AuditEntries.AsNoTracking()
                from u in db.Users.Where(u => u.Id == a.UserId).DefaultIfEmpty()
                select new { a, UserName = u == null ? null : u.Email };
        if (!string.IsNullOrWhiteSpace(entityType)) q = q.Where(x => x.a.EntityType == entityType);
        if (!string.IsNullOrWhiteSpace(entityId)) q = q.Where(x => x.a.EntityId == entityId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.a.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var list = rows.Select(x => new AuditRow(x.a.Id, x.a.At, x.UserName ?? x.a.UserId ?? "system", x.a.IpAddress, x.a.EntityType, x.a.EntityId, x.a.Action, x.a.ChangesJson)).ToList();
        var names = await NamesAsync(db, list, ct);
        return (list.Select(r => r with { Subject = names.GetValueOrDefault((r.EntityType, r.EntityId)) }).ToList(), total);
    }

    /// <summary>Names for the page's rows, a few small lookups by id (units, wallets, pockets, meters, people, estates).</summary>
    private static async Task<Dictionary<(string, string), string>> NamesAsync(QuantifyDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        List<int> Ids(string type) => rows.Where(r => r.EntityType == type).Select(r => int.TryParse(r.EntityId, out var i) ? i : 0).Where(i => i > 0).Distinct().ToList();
        var names = new Dictionary<(string, string), string>();
        var unitIds = Ids(nameof(Unit));
        foreach (var u in await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.UnitNumber, Estate = u.Estate.Name }).ToListAsync(ct))
            names[(nameof(Unit), u.Id.ToString(CultureInfo.InvariantCulture))] = $"unit {u.UnitNumber} · {u.Estate}";
        var walletIds = Ids(nameof(Wallet));
        foreach (var w in await db.Wallets.AsNoTracking().Where(w => walletIds.Contains(w.Id)).Select(w => new { w.Id, Unit = db.Units.Where(u => u.Id == w.UnitId).Select(u => u.UnitNumber).FirstOrDefault() }).ToListAsync(ct))
            names[(nameof(Wallet), w.Id.ToString(CultureInfo.InvariantCulture))] = $"wallet of unit {w.Unit}";
        var pocketIds = Ids(nameof(WalletPocket));
        foreach (var p in await db.WalletPockets.AsNoTracking().Where(p => pocketIds.Contains(p.Id))
                     .Select(p => new { p.Id, p.Pocket, Unit = db.Wallets.Where(w => w.Id == p.WalletId).Select(w => db.Units.Where(u => u.Id == w.UnitId).Select(u => u.UnitNumber).FirstOrDefault()).FirstOrDefault() }).ToListAsync(ct))
            names[(nameof(WalletPocket), p.Id.ToString(CultureInfo.InvariantCulture))] = $"{Components.Shared.Display.Of(p.Pocket).ToLowerInvariant()} pocket of unit {p.Unit}";
        var meterIds = Ids(nameof(Quantify.Domain.Metering.Meter));
        foreach (var m in await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id)).Select(m => new { m.Id, m.SerialNumber }).ToListAsync(ct))
            names[(nameof(Quantify.Domain.Metering.Meter), m.Id.ToString(CultureInfo.InvariantCulture))] = $"meter {m.SerialNumber}";
        var personIds = Ids(nameof(Person));
        foreach (var p in await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct))
            names[(nameof(Person), p.Id.ToString(CultureInfo.InvariantCulture))] = $"{p.FirstName} {p.LastName}";
        var estateIds = Ids(nameof(Estate));
        foreach (var e in await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            names[(nameof(Estate), e.Id.ToString(CultureInfo.InvariantCulture))] = e.Name;
        return names;
    }

    /// <summary>The row as it was at the given moment, as property/value pairs, or null if it did not exist then.</summary>
    public async Task<IReadOnlyList<(string Property, string? Value)>?> AsAtAsync(string kind, int id, DateTimeOffset at, CancellationToken ct = default)
    {
        object? row = kind switch
        {
            "Unit" => await history.AsOfAsync<Unit>(id, at, ct),
            "Person" => await history.AsOfAsync<Person>(id, at, ct),
            "Wallet" => await history.AsOfAsync<Wallet>(id, at, ct),
            "WalletPocket" => await history.AsOfAsync<WalletPocket>(id, at, ct),
            "Estate" => await history.AsOfAsync<Estate>(id, at, ct),
            "Meter" => await history.AsOfAsync<Quantify.Domain.Metering.Meter>(id, at, ct),
            _ => null,
        };
        if (row is null) return null;
        return row.GetType().GetProperties().Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string) || Nullable.GetUnderlyingType(p.PropertyType) is not null)
            .Select(p => (p.Name, p.GetValue(row) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null)).ToList();
    }

    public static string Describe(string changesJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(changesJson);
            return string.Join("; ", doc.RootElement.EnumerateObject().Select(p =>
                p.Value.TryGetProperty("Old", out var o) && p.Value.TryGetProperty("New", out var n) ? $"{p.Name}: {o} → {n}"
                : p.Value.TryGetProperty("New", out var n2) ? $"{p.Name} = {n2}"
                : p.Value.TryGetProperty("Old", out var o2) ? $"{p.Name} was {o2}" : p.Name));
        }
        catch (JsonException)
        {
            return changesJson;
        }
    }
}
