using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Tests.MasterData;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Integrity;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;

namespace Quantify.Tests.Integrity;

/// <summary>
/// Seed 000 §8.1 lists 17 parent→child relationships of the earlier system and §8.2 five delete chains. Each test shows
/// what Quantify does instead: no orphan, no raw foreign-key exception, history kept. The rows about wallets,
/// transactions and payment methods (Unit→Wallet, Meter→Transaction, Wallet→Transaction, Wallet→PaymentMethod)
/// get their tests with the ledger.
/// </summary>
public class Seed000Tests
{
    private static async Task AssertNoOrphans(MasterDataWorld w)
    {
        var report = await new OrphanScanService(w.Db.Factory, OrphanScanService.FoundationSoftReferences()).ScanAsync();
        Assert.True(report.TotalOrphans == 0, report.Summary);
    }

    private static async Task<string> UserAsync(MasterDataWorld w, int? personId = null)
    {
        await using var db = w.Db.Create();
        var user = new ApplicationUser { UserName = $"u{Guid.NewGuid():N}@x.co.za", Email = "u@x.co.za", DisplayName = "U", PersonId = personId, SecurityStamp = "s" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task Seed000_8_1_UserToAuditTables_UsersAreDeactivatedNeverDeleted_SoCreatedByStaysValid()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var userId = await UserAsync(w);
        int estate;
        using (UserContext.Begin(userId, "127.0.0.1")) estate = await w.EstateAsync();
        await using var db = w.Db.Create();
        Assert.Equal(userId, (await db.Estates.SingleAsync(e => e.Id == estate)).CreatedById);
        // A raw delete behind the application's back is refused by the database, not silently orphaning rows.
        await Assert.ThrowsAsync<DbUpdateException>(async () =>
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == userId));
            await db.SaveChangesAsync();
        });
        Assert.Contains(await db.AuditEntries.AsNoTracking().ToListAsync(), a => a.UserId == userId && a.EntityType == "Estate" && a.IpAddress == "127.0.0.1");
    }

    [Fact]
    public async Task Seed000_8_1_PersonToOwnership_DeleteIsRefusedWithAReason_AndAnonymiseKeepsTheOwnership()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var person = await w.PersonAsync();
        var ownership = await w.OwnershipAsync(unit, person);
        var delete = await w.Lifecycle.AnalyseAsync(EntityKind.Person, person, LifecycleAction.Delete);
        Assert.False(delete.CanProceed);
        Assert.Contains(delete.Blockers, b => b.Contains("deactivate or anonymise instead", StringComparison.Ordinal));
        var anonymise = await w.Lifecycle.AnalyseAsync(EntityKind.Person, person, LifecycleAction.Anonymise);
        Assert.Contains(anonymise.Blockers, b => b.Contains("current ownership", StringComparison.Ordinal));
        Assert.True((await w.Occupancy.EndOwnershipAsync(ownership, w.Today)).IsSuccess);
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Anonymise, "POPIA request")).IsSuccess);
        await using var db = w.Db.Create();
        var kept = await db.Ownerships.Include(o => o.Person).SingleAsync(o => o.Id == ownership);
        Assert.Equal(person, kept.PersonId);
        Assert.Equal(Person.AnonymisedName, kept.Person.FirstName);
        Assert.Null(kept.Person.IdNumber);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_1_PersonToTenancy_DeactivationIsBlockedWhileTheTenancyRuns()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var person = await w.PersonAsync();
        var tenancy = await w.TenancyAsync(unit, person);
        var blocked = await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Deactivate, "left");
        Assert.True(blocked.IsFailure);
        Assert.Contains("has 1 current tenancy: end it first", blocked.Errors[0].Message, StringComparison.Ordinal);
        await w.Occupancy.EndTenancyAsync(tenancy, w.Today);
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Deactivate, "left")).IsSuccess);
        await using var db = w.Db.Create();
        Assert.True(await db.Tenancies.AnyAsync(t => t.Id == tenancy && t.PersonId == person));
    }

    [Fact]
    public async Task Seed000_8_1_PersonToLogin_APersonWithALoginIsNeverDeleted_AndAnonymisingAlsoAnonymisesTheLogin()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var person = await w.PersonAsync();
        var userId = await UserAsync(w, person);
        var delete = await w.Lifecycle.AnalyseAsync(EntityKind.Person, person, LifecycleAction.Delete);
        Assert.Contains(delete.Blockers, b => b.Contains("has a login", StringComparison.Ordinal));
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Anonymise, "POPIA")).IsSuccess);
        await using var db = w.Db.Create();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        Assert.False(user.IsActive);
        Assert.Equal(person, user.PersonId);
        Assert.StartsWith("anonymised-", user.Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed000_8_1_PersonToTicket_TicketsKeepTheirReporter_AndThePersonCannotBeDeleted()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var person = await w.PersonAsync();
        await using (var db = w.Db.Create())
        {
            db.Tickets.Add(Ticket.Create(estate, null, person, "Geyser leaking", null).Value);
            await db.SaveChangesAsync();
        }
        var report = await w.Lifecycle.AnalyseAsync(EntityKind.Person, person, LifecycleAction.Delete);
        Assert.Contains(report.Blockers, b => b.Contains("reported tickets", StringComparison.Ordinal));
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Deactivate, "moved")).IsSuccess);
        await using var check = w.Db.Create();
        Assert.Equal(person, (await check.Tickets.SingleAsync()).ReportedByPersonId);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_1_EstateToUnit_ArchivingTheEstateArchivesItsUnits_NoManualCascade()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        await w.UnitAsync(estate, "1");
        await w.UnitAsync(estate, "2");
        var report = await w.Lifecycle.AnalyseAsync(EntityKind.Estate, estate, LifecycleAction.Archive);
        Assert.Contains("archives 2 units", report.Changes);
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Estate, estate, LifecycleAction.Archive, "scheme dissolved")).IsSuccess);
        await using var db = w.Db.Create();
        Assert.All(await db.Units.ToListAsync(), u => Assert.False(u.IsActive));
        Assert.Equal(2, await db.Units.CountAsync());
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_1_UnitToOwnership_ArchivingEndsTheOwnership_AndKeepsIt()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var ownership = await w.OwnershipAsync(unit, await w.PersonAsync());
        var report = await w.Lifecycle.AnalyseAsync(EntityKind.Unit, unit, LifecycleAction.Archive);
        Assert.Contains("ends 1 current ownership", report.Changes);
        Assert.Contains("keeps 1 tenancy/ownership record as history", report.Keeps);
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Archive, "merged")).IsSuccess);
        await using var db = w.Db.Create();
        Assert.Equal(w.Today, (await db.Ownerships.SingleAsync(o => o.Id == ownership)).EndDate);
    }

    [Fact]
    public async Task Seed000_8_1_UnitToTenancy_ArchivingEndsTheTenancy_AndKeepsIt()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var tenancy = await w.TenancyAsync(unit, await w.PersonAsync());
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Archive, "merged")).IsSuccess);
        await using var db = w.Db.Create();
        Assert.Equal(w.Today, (await db.Tenancies.SingleAsync(t => t.Id == tenancy)).EndDate);
        var delete = await w.Lifecycle.AnalyseAsync(EntityKind.Unit, unit, LifecycleAction.Delete);
        Assert.Contains(delete.Blockers, b => b.Contains("archive the unit instead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed000_8_1_UnitToTicket_AnOpenTicketBlocksArchiving_WithAnActionableMessage_NotAnFkError()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate);
        await using (var db = w.Db.Create())
        {
            db.Tickets.Add(Ticket.Create(estate, unit, null, "Meter box broken", null).Value);
            await db.SaveChangesAsync();
        }
        var blocked = await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Archive, "x");
        Assert.Equal("Blocked by 1 open ticket: close it first.", Assert.Single(blocked.Errors).Message);
        await using (var db = w.Db.Create())
        {
            (await db.Tickets.SingleAsync()).Close(w.Db.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Archive, "x")).IsSuccess);
        await using var check = w.Db.Create();
        Assert.Equal(unit, (await check.Tickets.SingleAsync()).UnitId);
    }

    [Fact]
    public async Task Seed000_8_1_UnitToInvitation_DeletingAnUnusedUnitSetsTheInvitationsUnitToNull_AndKeepsASnapshot()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var person = await w.PersonAsync();
        await using (var db = w.Db.Create())
        {
            db.Invitations.Add(new Invitation(person, unit, "t@x.co.za", Roles.Tenant, "hash-1", w.Db.Clock.GetUtcNow(), w.Db.Clock.GetUtcNow().AddDays(7), null));
            await db.SaveChangesAsync();
        }
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Delete, "created by mistake")).IsSuccess);
        await using var check = w.Db.Create();
        Assert.Null((await check.Invitations.SingleAsync()).UnitId);
        var archived = await check.ArchivedRecords.SingleAsync();
        Assert.Equal("Unit", archived.EntityType);
        Assert.Contains("\"UnitNumber\":\"A101\"", archived.SnapshotJson, StringComparison.Ordinal);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_1_MeterToReading_DecommissioningKeepsReadings_DeleteIsRefused()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var meter = await w.MeterAsync(estate, await w.UnitAsync(estate), "E-1");
        await using (var db = w.Db.Create())
        {
            for (var i = 0; i < 3; i++)
                db.MeterReadings.Add(new MeterReading(meter, w.Db.Clock.GetUtcNow().AddHours(i), 100 + i, $"k{i}", "Test", w.Db.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        var delete = await w.Lifecycle.AnalyseAsync(EntityKind.Meter, meter, LifecycleAction.Delete);
        Assert.Contains("It has 3 readings, 0 alerts and 0 commands: decommission it instead, which keeps them.", delete.Blockers);
        var decommission = await w.Lifecycle.ExecuteAsync(EntityKind.Meter, meter, LifecycleAction.Decommission, "replaced");
        Assert.Contains("keeps 3 readings", decommission.Value.Keeps);
        await using var check = w.Db.Create();
        Assert.Equal(3, await check.MeterReadings.CountAsync(r => r.MeterId == meter));
        Assert.Null((await check.Meters.SingleAsync(m => m.Id == meter)).UnitId);
    }

    [Fact]
    public async Task Seed000_8_1_MeterToAlert_DecommissioningKeepsAlerts()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var meter = await w.MeterAsync(estate, null, "W-1", MeterType.Water);
        await using (var db = w.Db.Create())
        {
            db.MeterAlerts.Add(new MeterAlert(meter, AlertKind.Leak, AlertSeverity.Warning, "leak", w.Db.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        Assert.False((await w.Lifecycle.AnalyseAsync(EntityKind.Meter, meter, LifecycleAction.Delete)).CanProceed);
        Assert.Contains("keeps 1 alert", (await w.Lifecycle.ExecuteAsync(EntityKind.Meter, meter, LifecycleAction.Decommission, "faulty")).Value.Keeps);
        await using var check = w.Db.Create();
        Assert.Equal(1, await check.MeterAlerts.CountAsync());
    }

    [Fact]
    public async Task Seed000_8_1_MeterToDeviceCommand_PendingCommandsBlockDecommissioning_FinishedOnesAreKept()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var meter = await w.MeterAsync(estate, null, "E-9");
        var now = w.Db.Clock.GetUtcNow();
        await using (var db = w.Db.Create())
        {
            db.DeviceCommands.Add(new DeviceCommand(meter, CommandKind.RelayOff, "credit exhausted", now, now.AddHours(1)));
            await db.SaveChangesAsync();
        }
        var report = await w.Lifecycle.AnalyseAsync(EntityKind.Meter, meter, LifecycleAction.Decommission);
        Assert.Contains("1 device command is still pending: wait until they finish or expire.", report.Blockers);
        await using (var db = w.Db.Create())
        {
            (await db.DeviceCommands.SingleAsync()).MarkAcknowledged(now);
            await db.SaveChangesAsync();
        }
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Meter, meter, LifecycleAction.Decommission, "removed")).IsSuccess);
        await using var check = w.Db.Create();
        Assert.Equal(1, await check.DeviceCommands.CountAsync());
    }

    [Fact]
    public async Task Seed000_8_2_DeleteEstate_IsRefused_ArchiveKeepsEverythingAndLeavesNoOrphans()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate);
        await w.TenancyAsync(unit, await w.PersonAsync());
        await w.OwnershipAsync(unit, await w.PersonAsync("Owner"));
        await w.MeterAsync(estate, unit, "E-1");
        var delete = await w.Lifecycle.ExecuteAsync(EntityKind.Estate, estate, LifecycleAction.Delete, "x");
        Assert.True(delete.IsFailure);
        Assert.Contains(delete.Errors, e => e.Message.Contains("archive the estate instead", StringComparison.Ordinal));
        var archive = await w.Lifecycle.ExecuteAsync(EntityKind.Estate, estate, LifecycleAction.Archive, "x");
        Assert.True(archive.IsSuccess);
        Assert.Contains("decommissions 1 meter", archive.Value.Changes);
        await using var db = w.Db.Create();
        Assert.Equal(1, await db.Tenancies.CountAsync());
        Assert.Equal(1, await db.Ownerships.CountAsync());
        Assert.False((await db.Meters.SingleAsync()).IsActive);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_2_DeleteUnit_OnlyWhenNothingRefersToIt_AndItCanBeRestoredFromTheArchive()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate, "Z9");
        var result = await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unit, LifecycleAction.Delete, "typo");
        Assert.True(result.IsSuccess);
        long archiveId;
        await using (var db = w.Db.Create())
        {
            Assert.False(await db.Units.AnyAsync());
            archiveId = (await db.ArchivedRecords.SingleAsync()).Id;
        }
        var restored = await w.Lifecycle.RestoreFromArchiveAsync(archiveId);
        Assert.Equal(unit, restored.Value);
        var back = await w.Units.GetAsync(unit);
        Assert.Equal("Z9", back!.UnitNumber);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_2_DeleteMeter_WithoutHistory_IsAllowedWithASnapshot_WithHistoryItIsDecommissioned()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unused = await w.MeterAsync(estate, null, "NEW-1");
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Meter, unused, LifecycleAction.Delete, "never installed")).IsSuccess);
        await using (var db = w.Db.Create())
        {
            var archived = await db.ArchivedRecords.SingleAsync();
            Assert.Equal("Meter", archived.EntityType);
            var restored = await w.Lifecycle.RestoreFromArchiveAsync(archived.Id);
            Assert.True(restored.IsSuccess);
        }
        Assert.Equal("NEW-1", (await w.Meters.GetAsync(unused))!.SerialNumber);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task Seed000_8_2_DeletePerson_WithoutHistory_IsAllowed_AndRestorable()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var person = await w.PersonAsync("Temp");
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.Person, person, LifecycleAction.Delete, "duplicate capture")).IsSuccess);
        await using var db = w.Db.Create();
        var archived = await db.ArchivedRecords.SingleAsync();
        Assert.True((await w.Lifecycle.RestoreFromArchiveAsync(archived.Id)).IsSuccess);
        Assert.Equal("Temp", (await w.Persons.GetAsync(person))!.FirstName);
    }

    [Fact]
    public async Task Seed000_8_2_DeleteUser_IsNotPossible_DeactivationRefusesSignInButKeepsEveryReference()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var person = await w.PersonAsync();
        var userId = await UserAsync(w, person);
        using (UserContext.Begin(userId, null)) await w.EstateAsync("Made by user");
        var report = await w.Lifecycle.AnalyseAsync(EntityKind.User, person, LifecycleAction.Delete);
        Assert.Contains("Logins are deactivated, never deleted.", report.Blockers);
        Assert.True((await w.Lifecycle.ExecuteAsync(EntityKind.User, person, LifecycleAction.Deactivate, "left the agency")).IsSuccess);
        await using var db = w.Db.Create();
        Assert.False((await db.Users.SingleAsync(u => u.Id == userId)).IsActive);
        Assert.Equal(userId, (await db.Estates.SingleAsync()).CreatedById);
        await AssertNoOrphans(w);
    }

    [Fact]
    public async Task ImpactReport_CountsWhatItEndsKeepsAndBlocks_ForAUnitWithHistory()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate);
        await w.TenancyAsync(unit, await w.PersonAsync("A"));
        await w.TenancyAsync(unit, await w.PersonAsync("B"));
        var meter = await w.MeterAsync(estate, unit, "E-1");
        await using (var db = w.Db.Create())
        {
            for (var i = 0; i < 1204; i++)
                db.MeterReadings.Add(new MeterReading(meter, w.Db.Clock.GetUtcNow().AddMinutes(i), i, $"r{i}", "Test", w.Db.Clock.GetUtcNow()));
            db.Tickets.Add(Ticket.Create(estate, unit, null, "a", null).Value);
            db.Tickets.Add(Ticket.Create(estate, unit, null, "b", null).Value);
            db.Tickets.Add(Ticket.Create(estate, unit, null, "c", null).Value);
            await db.SaveChangesAsync();
        }
        var r = await w.Lifecycle.AnalyseAsync(EntityKind.Unit, unit, LifecycleAction.Archive);
        Assert.Contains("ends 2 current tenancies", r.Changes);
        Assert.Contains("keeps 1 204 readings", r.Keeps);
        Assert.Equal(["Blocked by 3 open tickets: close them first."], r.Blockers);
        Assert.False(r.CanProceed);
    }
}
