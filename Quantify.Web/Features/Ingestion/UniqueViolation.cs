using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Quantify.Web.Features.Ingestion;

/// <summary>Names what broke a unique index: the database's own message and the unique keys of the rows being saved.</summary>
public static class UniqueViolation
{
    public static string Describe(DbUpdateException ex)
    {
        var rows = ex.Entries.Take(3).Select(e =>
        {
            // Unique indexes, and the primary key when the application (not the database) chose it.
            var natural = e.Metadata.FindPrimaryKey()?.Properties.Where(p => p.ValueGenerated == ValueGenerated.Never) ?? [];
            var keys = natural.Concat(e.Metadata.GetIndexes().Where(i => i.IsUnique).SelectMany(i => i.Properties)).Select(p => p.Name).Distinct()
                .Select(name => $"{name}={e.Property(name).CurrentValue}");
            return $"{e.Metadata.ClrType.Name}({string.Join(", ", keys)})";
        });
        var detail = ex.InnerException?.Message ?? ex.Message;
        var more = ex.Entries.Count > 3 ? $" and {Quantify.Domain.Common.Plural.Count(ex.Entries.Count - 3, "more row")}" : "";
        return $"{detail.Trim()}; rows: {string.Join("; ", rows)}{more}";
    }
}
