using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Quantify.Domain.Common;

namespace Quantify.Web.Data.Interceptors;

/// <summary>
/// Writes an audit entry (old and new values) for every change to master data and settings. Entries are written
/// after the rows have been saved, in the same transaction, so added rows are recorded with the keys the database gave
/// them (and their foreign keys to other new rows), never EF Core's temporary negative ids.
/// </summary>
public static class AuditTrail
{
    /// <summary>A change to be audited, captured before the save (its state is lost once changes are accepted).</summary>
    public sealed record Pending(EntityEntry Entry, EntityState State);

    private static readonly string[] Columns =
        [nameof(AuditEntry.At), nameof(AuditEntry.UserId), nameof(AuditEntry.IpAddress), nameof(AuditEntry.EntityType),
         nameof(AuditEntry.EntityId), nameof(AuditEntry.Action), nameof(AuditEntry.ChangesJson)];

    /// <summary>Rows per INSERT statement (7 parameters each: well under SQL Server's 2,100).</summary>
    private const int RowsPerStatement = 200;

    public static bool IsAudited(EntityEntry entry) =>
        entry.Entity is IAuditable or Domain.Estates.EstateFeatureFlag or Domain.Ledger.FinancialPeriod;

    public static List<Pending> Capture(DbContext context) =>
        context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e))
            .Select(e => new Pending(e, e.State))
            .ToList();

    /// <summary>Describes the captured changes; call after the save so store-generated keys are real.</summary>
    public static List<AuditEntry> Describe(IEnumerable<Pending> pending, DateTimeOffset now, Actor? actor) =>
        pending.Select(p => Describe(p.Entry, p.State, now, actor)).ToList();

    public static void Write(DbContext context, IReadOnlyList<AuditEntry> audits)
    {
        foreach (var chunk in audits.Chunk(RowsPerStatement))
        {
            using var command = Command(context, chunk);
            command.ExecuteNonQuery();
        }
    }

    public static async Task WriteAsync(DbContext context, IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        foreach (var chunk in audits.Chunk(RowsPerStatement))
        {
            await using var command = Command(context, chunk);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand Command(DbContext context, AuditEntry[] rows)
    {
        var entity = context.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder("INSERT INTO ")
            .Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows.Length; r++)
        {
            if (r > 0) text.Append(", ");
            text.Append('(');
            for (var c = 0; c < properties.Length; c++)
            {
                var name = $"@a{r}_{c}";
                if (c > 0) text.Append(", ");
                text.Append(name);
                var property = properties[c];
                var value = property.PropertyInfo!.GetValue(rows[r]);
                var mapping = property.GetRelationalTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, name, value, property.IsNullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private static AuditEntry Describe(EntityEntry entry, EntityState state, DateTimeOffset now, Actor? actor)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.Name is nameof(IAuditable.UpdatedAt) or nameof(IAuditable.UpdatedById) or nameof(IAuditable.CreatedAt) or nameof(IAuditable.CreatedById)) continue;
            switch (state)
            {
                case EntityState.Added when p.CurrentValue is not null:
                    changes[p.Metadata.Name] = new { New = p.CurrentValue };
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[p.Metadata.Name] = new { Old = p.OriginalValue, New = p.CurrentValue };
                    break;
                case EntityState.Deleted:
                    changes[p.Metadata.Name] = new { Old = p.OriginalValue };
                    break;
            }
        }
        return new AuditEntry
        {
            At = now,
            UserId = actor?.UserId,
            IpAddress = actor?.IpAddress,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join(",", entry.Properties.Where(p => p.Metadata.IsPrimaryKey()).Select(p => p.CurrentValue?.ToString())),
            Action = state.ToString(),
            ChangesJson = JsonSerializer.Serialize(changes),
        };
    }
}
