using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;

namespace Quantify.Tests.Integrity;

/// <summary>Audit entries of added rows carry the keys the database assigned, never EF Core's temporary negative ids.</summary>
public partial class AuditIdTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    /// <summary>A key or foreign key (a property named Id or ending in Id) with a negative value, or a negative entity id.</summary>
    [GeneratedRegex(@"(^-\d)|(""\w*Id"":\{[^}]*:-\d)")]
    private static partial Regex NegativeNumber();

    [Fact]
    public async Task AddedRows_AreAudited_WithTheirRealKeys_AndRealForeignKeys()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        int estateId, unitId, walletId;
        await using (var db = tdb.Create())
        {
            var estate = Estate.Create("Audit Keys", EstateKind.Complex).Value;
            db.Estates.Add(estate);
            await db.SaveChangesAsync();
            var unit = Unit.Create(estate.Id, "K1").Value;
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            var wallet = Wallet.Open(unit.Id);
            db.Wallets.Add(wallet); // the wallet and its five pockets in one save: pockets point at a new wallet
            db.SaveChanges();
            (estateId, unitId, walletId) = (estate.Id, unit.Id, wallet.Id);
        }
        await using var read = tdb.Create();
        var entries = await read.AuditEntries.AsNoTracking().ToListAsync();
        Assert.Contains(entries, e => e.EntityType == nameof(Estate) && e.EntityId == estateId.ToString());
        Assert.Contains(entries, e => e.EntityType == nameof(Unit) && e.EntityId == unitId.ToString());
        Assert.Contains(entries, e => e.EntityType == nameof(Wallet) && e.EntityId == walletId.ToString());
        var pocketIds = await read.WalletPockets.Where(p => p.WalletId == walletId).Select(p => p.Id.ToString()).ToListAsync();
        var pocketEntries = entries.Where(e => e.EntityType == nameof(WalletPocket)).ToList();
        Assert.Equal(pocketIds.Order(), pocketEntries.Select(e => e.EntityId).Order());
        Assert.All(pocketEntries, e => Assert.Contains($"\"WalletId\":{{\"New\":{walletId}}}", e.ChangesJson, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => NegativeNumber().IsMatch(e.EntityId) || NegativeNumber().IsMatch(e.ChangesJson));
    }

    [Fact]
    public async Task AFailedSave_LeavesNoAuditEntry()
    {
        await using var tdb = await TestDatabase.CreateAsync();
        await using (var db = tdb.Create())
        {
            db.Units.Add(Unit.Create(999_999, "NoEstate").Value); // foreign key to an estate that does not exist
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var read = tdb.Create();
        Assert.False(await read.AuditEntries.AnyAsync(e => e.EntityType == nameof(Unit)));
    }

    [Fact]
    public async Task NoAuditEntryOfTheDemo_ContainsANegativeId()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var entries = await db.AuditEntries.AsNoTracking().Select(e => new { e.EntityType, e.EntityId, e.ChangesJson }).ToListAsync();
        Assert.NotEmpty(entries);
        var bad = entries.Where(e => NegativeNumber().IsMatch(e.EntityId) || NegativeNumber().IsMatch(e.ChangesJson)).Take(3).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(b => $"{b.EntityType} {b.EntityId}: {b.ChangesJson}")));
    }
}
