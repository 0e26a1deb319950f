using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Quantify.Domain.Common;

namespace Quantify.Web.Data.Interceptors;

/// <summary>
/// Stamps created/updated times and users on every save, and (through <see cref="Save"/> and <see cref="SaveAsync"/>,
/// called by <see cref="QuantifyDbContext"/>) writes the audit trail after the rows are saved, in the same transaction,
/// so added rows carry their real keys. Time comes from the injected <see cref="TimeProvider"/>.
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

    /// <summary>Saves through <paramref name="save"/> (the context's own SaveChanges) and writes the audit entries, in one transaction.</summary>
    public int Save(DbContext context, bool acceptAllChangesOnSuccess, Func<bool, int> save)
    {
        var pending = AuditTrail.Capture(context);
        if (pending.Count == 0) return save(acceptAllChangesOnSuccess);
        var actor = UserContext.Actor;
        if (context.Database.CurrentTransaction is not null) return SaveAndWrite();
        return context.Database.CreateExecutionStrategy().Execute(() =>
        {
            using var transaction = context.Database.BeginTransaction();
            var saved = SaveAndWrite(accept: false);
            transaction.Commit();
            if (acceptAllChangesOnSuccess) context.ChangeTracker.AcceptAllChanges();
            return saved;
        });

        int SaveAndWrite(bool? accept = null)
        {
            var saved = save(false);
            AuditTrail.Write(context, AuditTrail.Describe(pending, clock.GetUtcNow(), actor));
            if (accept ?? acceptAllChangesOnSuccess) context.ChangeTracker.AcceptAllChanges();
            return saved;
        }
    }

    /// <inheritdoc cref="Save"/>
    public async Task<int> SaveAsync(DbContext context, bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken ct)
    {
        var pending = AuditTrail.Capture(context);
        if (pending.Count == 0) return await save(acceptAllChangesOnSuccess, ct);
        var actor = UserContext.Actor;
        if (context.Database.CurrentTransaction is not null) return await SaveAndWrite(acceptAllChangesOnSuccess, ct);
        return await context.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(token);
            var saved = await SaveAndWrite(false, token);
            await transaction.CommitAsync(token);
            if (acceptAllChangesOnSuccess) context.ChangeTracker.AcceptAllChanges();
            return saved;
        }, ct);

        async Task<int> SaveAndWrite(bool accept, CancellationToken token)
        {
            var saved = await save(false, token);
            await AuditTrail.WriteAsync(context, AuditTrail.Describe(pending, clock.GetUtcNow(), actor), token);
            if (accept) context.ChangeTracker.AcceptAllChanges();
            return saved;
        }
    }

    private void Stamp(DbContext context)
    {
        var now = clock.GetUtcNow();
        var actor = UserContext.Actor;
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is not IAuditable a) continue;
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
    }
}
