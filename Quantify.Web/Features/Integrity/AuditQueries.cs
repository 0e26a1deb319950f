using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Data.Temporal;

namespace Quantify.Web.Features.Integrity;

public sealed record AuditRow(long Id, DateTimeOffset At, string? User, string? Ip, string EntityType, string EntityId, string Action, string Changes);

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
        return (rows.Select(x => new AuditRow(x.a.Id, x.a.At, x.UserName ?? x.a.UserId ?? "system", x.a.IpAddress, x.a.EntityType, x.a.EntityId, x.a.Action, x.a.ChangesJson)).ToList(), total);
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
