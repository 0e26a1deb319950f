using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Quantify.Domain.Common;

namespace Quantify.Web.Data.Temporal;

/// <summary>A row as it was during [ValidFrom, ValidTo).</summary>
public sealed record HistoryVersion<T>(T Row, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);

/// <summary>Answers "what did this row look like at time T", on SQL Server (temporal tables) and SQLite (history triggers) alike.</summary>
// The only text put into these queries is table and column names read from the EF model; values are parameters.
#pragma warning disable EF1002
public sealed class HistoryService(IDbContextFactory<QuantifyDbContext> factory)
{
    private static readonly DateTimeOffsetToBinaryConverter Binary = new();

    public async Task<T?> AsOfAsync<T>(int id, DateTimeOffset at, CancellationToken ct = default) where T : class, IVersioned
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Provider == DatabaseProvider.SqlServer)
            return await db.Set<T>().TemporalAsOf(at.UtcDateTime).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

        var (table, cols) = Shape<T>(db);
        var t = (long)Binary.ConvertToProvider(at)!;
        var sql = $"SELECT {cols} FROM \"{table}\" WHERE \"Id\" = {{0}} AND \"{nameof(IAuditable.UpdatedAt)}\" <= {{1}} " +
                  $"UNION ALL SELECT {cols} FROM \"{SqliteHistory.HistoryTable(table)}\" WHERE \"Id\" = {{0}} AND \"ValidFrom\" <= {{1}} AND \"ValidTo\" > {{1}}";
        return (await db.Set<T>().FromSqlRaw(sql, id, t).AsNoTracking().ToListAsync(ct)).FirstOrDefault();
    }

    /// <summary>Every version of a row, oldest first, ending with the current one (if it still exists).</summary>
    public async Task<IReadOnlyList<HistoryVersion<T>>> VersionsAsync<T>(int id, CancellationToken ct = default) where T : class, IVersioned
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            var rows = await db.Set<T>().TemporalAll().AsNoTracking().Where(e => e.Id == id)
                .Select(e => new { Row = e, From = EF.Property<DateTime>(e, "PeriodStart"), To = EF.Property<DateTime>(e, "PeriodEnd") })
                .OrderBy(x => x.From).ToListAsync(ct);
            return rows.Select(r => new HistoryVersion<T>(r.Row, new DateTimeOffset(r.From, TimeSpan.Zero),
                r.To.Year >= 9999 ? null : new DateTimeOffset(r.To, TimeSpan.Zero))).ToList();
        }

        var (table, cols) = Shape<T>(db);
        var history = await db.Set<T>()
            .FromSqlRaw($"SELECT {cols} FROM \"{SqliteHistory.HistoryTable(table)}\" WHERE \"Id\" = {{0}} ORDER BY \"HistoryId\"", id)
            .AsNoTracking().ToListAsync(ct);
        var current = await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        var result = new List<HistoryVersion<T>>();
        for (var i = 0; i < history.Count; i++)
        {
            var to = i + 1 < history.Count ? history[i + 1].UpdatedAt : current?.UpdatedAt;
            result.Add(new HistoryVersion<T>(history[i], history[i].UpdatedAt, to));
        }
        if (current is not null) result.Add(new HistoryVersion<T>(current, current.UpdatedAt, null));
        return result;
    }

    private static (string Table, string Columns) Shape<T>(QuantifyDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var cols = string.Join(", ", SqliteHistory.Columns(entity).Select(c => $"\"{c}\""));
        return (entity.GetTableName()!, cols);
    }
}
