using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Web.Cli.Bench;

/// <summary>The portal benchmark's estate: who signs in, and the tenant's meter readings are published for.</summary>
public sealed record PortalBenchEstate(int EstateId, string AgentEmail, string TenantEmail, BenchMeter TenantMeter, int Units, IReadOnlyList<BenchMeter> Meters);

/// <summary>
/// A full estate for the portal benchmark, on top of <see cref="BenchSeeder"/> (units, LoRaWAN electricity meters with a
/// baseline reading, wallets with an opening balance through the ledger, a tariff): a tenant per unit (person and
/// current tenancy), a managing agent assigned to the estate, and a login for the first unit's tenant.
/// </summary>
public static class PortalBenchSeeder
{
    public const string Password = DemoSeeder.Password;
    private const string Domain = "bench.quantify.test";
    private static readonly string[] FirstNames = ["Thabo", "Naledi", "Pieter", "Anika", "Sipho", "Zanele", "Johan", "Lerato", "Ahmed", "Fatima"];
    private static readonly string[] LastNames = ["Mokoena", "van der Merwe", "Naidoo", "Dlamini", "Botha", "Khumalo", "Pillay", "Smith", "Nkosi", "Jacobs"];

    public static async Task<PortalBenchEstate> SeedAsync(IServiceProvider services, int units, DateTimeOffset baselineAt, DateOnly today, CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        var meters = await BenchSeeder.SeedAsync(factory, services.GetRequiredService<LedgerService>(), units, baselineAt, today, ct);
        var rng = new Random(2026);
        int estateId, firstPersonId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var rows = await db.Units.Where(u => u.PaymentReference.StartsWith("BENCH-")).OrderBy(u => u.Id).ToListAsync(ct);
            estateId = rows[0].EstateId;
            var people = rows.Select((u, i) => Ok(Person.Create(FirstNames[i % FirstNames.Length], $"{LastNames[i / FirstNames.Length % LastNames.Length]} {i + 1}",
                IdentityDocumentType.SaId, DemoSeeder.SaId(rng), $"tenant-{i + 1}@{Domain}", $"08{rng.Next(10000000, 99999999)}"))).ToList();
            db.Persons.AddRange(people);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < rows.Count; i++)
            {
                db.Tenancies.Add(Ok(Tenancy.Create(rows[i].Id, people[i].Id, today.AddMonths(-(i % 11) - 1))));
                rows[i].SetOccupancy(Occupancy.Occupied);
            }
            await db.SaveChangesAsync(ct);
            firstPersonId = people[0].Id;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        async Task<ApplicationUser> LoginAsync(string local, string role, string name, int? personId)
        {
            var user = new ApplicationUser { UserName = $"{local}@{Domain}", Email = $"{local}@{Domain}", EmailConfirmed = true, DisplayName = name, PersonId = personId, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Benchmark user {user.Email}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            await Identity.DemoAuthenticator.EnrolIfRequiredAsync(users, user, role);
            return user;
        }
        var agent = await LoginAsync("agent", Roles.ManagingAgent, "Benchmark agent", null);
        await LoginAsync("tenant", Roles.Tenant, "Benchmark tenant", firstPersonId);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.EstateAssignments.Add(new EstateAssignment { UserId = agent.Id, EstateId = estateId, Role = Roles.ManagingAgent, AssignedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        return new PortalBenchEstate(estateId, $"agent@{Domain}", $"tenant@{Domain}", meters[0], units, meters);
    }

    private static T Ok<T>(Result<T> r) => r.IsSuccess ? r.Value : throw new InvalidOperationException("Benchmark data is invalid: " + r.Describe());
}
