using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Quantify.Domain.Common;

namespace Quantify.Web.Data.Interceptors;

/// <summary>
/// Stamps created/updated times and users, and writes an audit entry (old and new values) for every change
/// to master data and settings. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is not null) Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not null) Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext context)
    {
        var now = clock.GetUtcNow();
        var actor = UserContext.Actor;
        var audits = new List<(EntityEntry Entry, AuditEntry Audit)>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.Entity is IAuditable a)
            {
                if (entry.State == EntityState.Added)
                {
                    a.CreatedAt = now;
                    a.CreatedById ??= actor?.UserId;
                }
                if (entry.State is EntityState.Added or EntityState.Modified)
                {
                    a.UpdatedAt = now;
                    a.UpdatedById = actor?.UserId ?? a.UpdatedById;
                }
            }
            if (entry.Entity is IAuditable or Domain.Estates.EstateFeatureFlag or Domain.Ledger.FinancialPeriod)
                audits.Add((entry, Describe(entry, now, actor)));
        }
        if (audits.Count == 0) return;
        context.Set<AuditEntry>().AddRange(audits.Select(x => x.Audit));
        // Keys of added rows are only known after the insert: fill them in when the save has run.
        context.SavedChanges += Fill;
        void Fill(object? sender, SavedChangesEventArgs e)
        {
            context.SavedChanges -= Fill;
            var pending = audits.Where(x => x.Audit.EntityId == "").ToList();
            if (pending.Count == 0) return;
            foreach (var (entry, audit) in pending)
            {
                var key = Key(entry);
                context.Database.ExecuteSql($"UPDATE AuditEntries SET EntityId = {key} WHERE Id = {audit.Id}");
                audit.EntityId = key;
                context.Entry(audit).State = EntityState.Unchanged;
            }
        }
    }

    private static AuditEntry Describe(EntityEntry entry, DateTimeOffset now, Actor? actor)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.Name is nameof(IAuditable.UpdatedAt) or nameof(IAuditable.UpdatedById) or nameof(IAuditable.CreatedAt) or nameof(IAuditable.CreatedById)) continue;
            switch (entry.State)
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
            EntityId = entry.State == EntityState.Added && entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary) ? "" : Key(entry),
            Action = entry.State.ToString(),
            ChangesJson = JsonSerializer.Serialize(changes),
        };
    }

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Properties.Where(p => p.Metadata.IsPrimaryKey()).Select(p => p.CurrentValue?.ToString()));
}
