using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;

namespace Quantify.Web.Demo;

public sealed record DemoLogin(string Role, string Email);

/// <summary>
/// Creates the demo: two estates (44 units), meters of every type including bulk meters, owners, tenants, a family,
/// and one login per role. Runs only on an empty database.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<QuantifyDbContext> factory, IServiceScopeFactory scopes, TimeProvider clock, Features.Ledger.LedgerService ledger, DemoOptions options)
{
    public const string Password = "Quantify!2026";
    public const string Domain = "demo.quantify.co.za";
    /// <summary>Loopback port of the simulated RS485-to-Ethernet Modbus gateway in the demo.</summary>
    public const int DemoModbusPort = 15020;

    private static readonly string[] FirstNames = ["Thabo", "Naledi", "Pieter", "Anika", "Sipho", "Zanele", "Johan", "Lerato", "Ahmed", "Fatima", "Kagiso", "Megan", "Themba", "Chloé", "Bongani", "Ruan", "Nomsa", "David", "Ayesha", "Lindiwe"];
    private static readonly string[] LastNames = ["Mokoena", "van der Merwe", "Naidoo", "Dlamini", "Botha", "Khumalo", "Pillay", "Smith", "Nkosi", "Jacobs", "Ndlovu", "Pretorius", "Mahlangu", "Adams", "Zulu"];

    public async Task<IReadOnlyList<DemoLogin>> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Estates.AnyAsync(ct)) return [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rng = new Random(2026);

        var silverleaf = Ok(Estate.Create("Silverleaf Estate", EstateKind.SectionalTitle, "12 Jacaranda Street, Lynnwood", "Pretoria", "Gauteng", "0081"));
        var harbour = Ok(Estate.Create("Harbour View Residences", EstateKind.StudentHousing, "3 Dock Road, Foreshore", "Cape Town", "Western Cape", "8001"));
        harbour.Settings.SetFeature("solar", true);
        // Harbour's body corporate carries its vacant rooms' standby use; Silverleaf bills it to the owner's wallet (the default).
        harbour.Settings.SetVacantConsumption(VacantConsumption.CommonProperty);
        silverleaf.Settings.SetFeature("family-wallets", true);
        db.Estates.AddRange(silverleaf, harbour);
        await db.SaveChangesAsync(ct);

        var units = new List<Unit>();
        foreach (var building in new[] { "A", "B" })
            for (var i = 1; i <= 14; i++)
            {
                var number = $"{building}{(i <= 7 ? 1 : 2)}{(i - 1) % 7 + 1:00}";
                var u = Ok(Unit.Create(silverleaf.Id, number, floor: i <= 7 ? "1" : "2", building: $"Block {building}",
                    sizeSqm: 55m + (i % 4) * 15m, participationQuota: Math.Round(100m / 28m, 4), bedrooms: 1 + i % 3, bathrooms: 1 + i % 2));
                u.AssignPaymentReference($"SLF-{number}");
                units.Add(u);
            }
        for (var i = 1; i <= 16; i++)
        {
            var number = $"{(i - 1) / 8 + 1}{(i - 1) % 8 + 1:00}";
            var u = Ok(Unit.Create(harbour.Id, number, floor: ((i - 1) / 8 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), building: "Main",
                sizeSqm: 28m + (i % 3) * 6m, participationQuota: 6.25m, bedrooms: 1, bathrooms: 1));
            u.AssignPaymentReference($"HVR-{number}");
            units.Add(u);
        }
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);

        // Meters: every unit has electricity (LoRaWAN, a few on Modbus behind a Quantify relay controller, model SDM120-QR,
        // so credit control can switch them) and water; some hot water and solar; bulk meters per estate.
        var meters = new List<Meter>();
        var eui = 0x70B3D57ED0010000L;
        var modbusAddress = 1;
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            var prefix = u.EstateId == silverleaf.Id ? "SLF" : "HVR";
            var onModbus = u.EstateId == silverleaf.Id && i % 7 == 3;
            var elec = onModbus
                ? Ok(Meter.Create(u.EstateId, $"{prefix}-E-{u.UnitNumber}", MeterType.Electricity, CommsType.Modbus, null, "Eastron", "SDM120-QR", today.AddYears(-2), modbusAddress++))
                : Ok(Meter.Create(u.EstateId, $"{prefix}-E-{u.UnitNumber}", MeterType.Electricity, CommsType.Lora, (eui++).ToString("x16"), "Kamstrup", "Omnipower LoRa", today.AddYears(-2)));
            meters.Add(Assign(elec, u));
            meters.Add(Assign(Ok(Meter.Create(u.EstateId, $"{prefix}-W-{u.UnitNumber}", MeterType.Water, CommsType.Lora, (eui++).ToString("x16"), "Sensus", "iPERL LoRa", today.AddYears(-2))), u));
            if (i % 3 == 0)
                meters.Add(Assign(Ok(Meter.Create(u.EstateId, $"{prefix}-HW-{u.UnitNumber}", MeterType.HotWater, CommsType.Lora, (eui++).ToString("x16"), "Sensus", "iPERL HW", today.AddYears(-1))), u));
            if (u.EstateId == harbour.Id && i % 4 == 0)
                meters.Add(Assign(Ok(Meter.Create(u.EstateId, $"{prefix}-S-{u.UnitNumber}", MeterType.Solar, CommsType.Lora, (eui++).ToString("x16"), "Fronius", "Smart Meter LoRa", today.AddYears(-1))), u));
        }
        foreach (var (estate, prefix) in new[] { (silverleaf, "SLF"), (harbour, "HVR") })
        {
            // Three-phase bulk supply meter; its model names a register map (docs/protocols-modbus.md) so the poller can read it.
            meters.Add(Ok(Meter.Create(estate.Id, $"{prefix}-BULK-E", MeterType.BulkElectricity, CommsType.Modbus, null, "Eastron", "SDM630", today.AddYears(-3), 100)));
            meters.Add(Ok(Meter.Create(estate.Id, $"{prefix}-BULK-W", MeterType.BulkWater, CommsType.Cellular, null, "Elster", "H4000 4G", today.AddYears(-3))));
        }
        db.Meters.AddRange(meters);

        // Gateways: Silverleaf's Modbus meters hang off an RS485-to-Ethernet converter (the simulator serves it on
        // loopback); Harbour's bulk water meter reports over 4G.
        var rs485 = Ok(Gateway.Create(silverleaf.Id, "slf-rs485-1", "Silverleaf RS485 gateway (plant room)", GatewayKind.ModbusTcp, $"127.0.0.1:{DemoModbusPort}", 30));
        var cellular = Ok(Gateway.Create(harbour.Id, "hvr-4g-1", "Harbour View 4G data concentrator", GatewayKind.Cellular));
        db.Gateways.AddRange(rs485, cellular);
        await db.SaveChangesAsync(ct);
        foreach (var m in meters.Where(m => m.Comms == CommsType.Modbus && m.EstateId == silverleaf.Id)) m.AttachToGateway(rs485.Id);
        foreach (var m in meters.Where(m => m.Comms == CommsType.Cellular && m.EstateId == harbour.Id)) m.AttachToGateway(cellular.Id);

        // Tariffs from the start of the year (of last month, so that in January December is still priced and can be
        // settled): inclining-block electricity, stepped water, flat hot water and solar; Harbour View is a student
        // residence on a time-of-use electricity tariff.
        var tariffStart = new DateOnly(today.AddMonths(-1).Year, 1, 1);
        foreach (var estate in new[] { silverleaf, harbour })
        {
            db.Tariffs.Add(Ok(Tariff.Create(estate.Id, null, Utility.Electricity, estate == harbour ? "Residential time-of-use" : "Residential inclining block",
                tariffStart, estate == harbour ? TariffRules.SampleTimeOfUse() : TariffRules.SampleElectricityBlocks())));
            db.Tariffs.Add(Ok(Tariff.Create(estate.Id, null, Utility.Water, "Domestic water (stepped)", tariffStart, TariffRules.SampleWaterBlocks())));
            db.Tariffs.Add(Ok(Tariff.Create(estate.Id, null, Utility.HotWater, "Hot water (heated, per kL)", tariffStart, TariffRules.Flat(95.00m))));
            db.Tariffs.Add(Ok(Tariff.Create(estate.Id, null, Utility.Solar, "Solar PV energy", tariffStart, TariffRules.Flat(1.95m))));
        }
        // Two households registered for free basic electricity and water.
        units[9].SetFreeBasicRegistration(true);
        units[33].SetFreeBasicRegistration(true);

        // People: owners (some with several units, across both estates) and tenants.
        var people = new List<Person>();
        Person NewPerson(bool passport = false)
        {
            var n = people.Count;
            var first = FirstNames[n % FirstNames.Length];
            var last = LastNames[(n * 7) % LastNames.Length];
            var id = passport ? $"P{1000000 + n * 37}" : SaId(rng);
            var email = $"{first}.{last}.{n}".ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("é", "e", StringComparison.Ordinal) + "@example.co.za";
            var p = Ok(Person.Create(first, last, passport ? IdentityDocumentType.Passport : IdentityDocumentType.SaId, id, email, $"08{rng.Next(10000000, 99999999)}"));
            people.Add(p);
            return p;
        }
        var owners = Enumerable.Range(0, 18).Select(i => NewPerson(passport: i % 9 == 8)).ToList();
        var tenants = Enumerable.Range(0, 34).Select(i => NewPerson(passport: i % 11 == 10)).ToList();
        var demoTenant = Ok(Person.Create("Lindiwe", "Mokoena", IdentityDocumentType.SaId, SaId(rng), $"tenant@{Domain}", "0821234567"));
        var demoOwner = Ok(Person.Create("Pieter", "Botha", IdentityDocumentType.SaId, SaId(rng), $"owner@{Domain}", "0837654321"));
        var demoFamily = Ok(Person.Create("Ayanda", "Mokoena", IdentityDocumentType.SaId, SaId(rng), $"family@{Domain}", "0841112222"));
        // A parent paying for two student flats through one wallet group.
        var demoParent = Ok(Person.Create("Nomsa", "Dube", IdentityDocumentType.SaId, SaId(rng), $"parent@{Domain}", "0829998888"));
        var trustee = Ok(Person.Create("Margaret", "Naidoo", IdentityDocumentType.SaId, SaId(rng), $"trustee@{Domain}", "0825550001"));
        var agent = Ok(Person.Create("Johan", "Pretorius", IdentityDocumentType.SaId, SaId(rng), $"agent@{Domain}", "0825550002"));
        db.Persons.AddRange(people);
        db.Persons.AddRange(demoTenant, demoOwner, demoFamily, demoParent, trustee, agent);
        await db.SaveChangesAsync(ct);

        var start = today.AddMonths(-14);
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            // The demo owner owns four units: two in each estate.
            var owner = i is 0 or 5 or 30 or 35 ? demoOwner : owners[i % owners.Count];
            db.Ownerships.Add(Ok(Ownership.Create(u.Id, owner.Id, start.AddDays(-i * 20))));
        }
        // Most units are let; a few are vacant, one is under maintenance.
        var tenantIndex = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            if (i is 6 or 13 or 27 or 40) { u.SetOccupancy(Occupancy.Vacant); continue; }
            if (i == 20) { u.SetOccupancy(Occupancy.Maintenance); continue; }
            var tenant = i == 0 ? demoTenant : tenants[tenantIndex++ % tenants.Count];
            db.Tenancies.Add(Ok(Tenancy.Create(u.Id, tenant.Id, today.AddMonths(-(i % 11) - 1))));
            u.SetOccupancy(Occupancy.Occupied);
        }
        // A moved-out tenant keeps their history.
        db.Tenancies.Add(Ok(Tenancy.Create(units[6].Id, tenants[^1].Id, today.AddMonths(-13), today.AddMonths(-2))));
        await db.SaveChangesAsync(ct);
        // Shared wallets (docs/family.md): the family member tops up A101 within caps; the parent may top up two flats and pays for them as a group.
        db.WalletAccessGrants.Add(Ok(WalletAccessGrant.Create(units[0].Id, demoFamily.Id, WalletAccessLevel.TopUp, 200m, 500m, clock.GetUtcNow(), null)));
        db.WalletAccessGrants.Add(Ok(WalletAccessGrant.Create(units[1].Id, demoParent.Id, WalletAccessLevel.TopUp, null, null, clock.GetUtcNow(), null)));
        db.WalletAccessGrants.Add(Ok(WalletAccessGrant.Create(units[2].Id, demoParent.Id, WalletAccessLevel.TopUp, null, null, clock.GetUtcNow(), null)));
        var flats = Ok(WalletGroup.Create(demoParent.Id, "Student flats", SplitRule.Evenly));
        Ok(flats.AddMember(units[1].Id, payerMayTopUp: true));
        Ok(flats.AddMember(units[2].Id, payerMayTopUp: true));
        db.WalletGroups.Add(flats);
        await db.SaveChangesAsync(ct);

        db.Tickets.Add(Ok(Ticket.Create(silverleaf.Id, units[3].Id, null, "Water meter leaking at the valve", "Resident reports a drip under the meter box.", TicketPriority.High)));
        db.Tickets.Add(Ok(Ticket.Create(harbour.Id, units[30].Id, null, "Prepaid balance not updating", null)));
        var closed = Ok(Ticket.Create(silverleaf.Id, units[1].Id, null, "Relay did not reconnect after top-up", "Resolved by resending the command."));
        closed.Close(clock.GetUtcNow());
        db.Tickets.Add(closed);
        await db.SaveChangesAsync(ct);

        // Every occupied unit has a wallet with an opening top-up (through the real ledger: chained and idempotent).
        foreach (var u in units.Where(u => u.Occupancy == Occupancy.Occupied))
        {
            var walletId = await ledger.EnsureWalletAsync(u.Id, ct);
            decimal electricity = 100m + rng.Next(0, 30) * 10m, water = 50m + rng.Next(0, 10) * 5m;
            var posted = await ledger.PostAsync(Postings.TopUp($"demo-opening-{u.Id}", today, "Opening balance (demo)", walletId,
                new Dictionary<Pocket, decimal> { [Pocket.Electricity] = electricity, [Pocket.Water] = water }, AccountCode.PayFastClearing), ct);
            if (posted.IsFailure) throw new InvalidOperationException("Demo opening balance: " + posted.Describe());
        }
        await DemoLevies.SeedAsync(factory, ledger, clock, silverleaf.Id, harbour.Id, ct);

        var logins = new List<DemoLogin>();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        async Task Login(string role, string local, string name, int? personId, params (int EstateId, string Role)[] estates)
        {
            var email = $"{local}@{Domain}";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, PersonId = personId, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {email}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            await DemoAuthenticator.EnrolIfRequiredAsync(users, user, role);
            foreach (var (estateId, assignmentRole) in estates)
                db.EstateAssignments.Add(new EstateAssignment { UserId = user.Id, EstateId = estateId, Role = assignmentRole, AssignedAt = clock.GetUtcNow() });
            logins.Add(new DemoLogin(role, email));
        }
        await Login(Roles.Admin, "admin", "Quantify Admin", null);
        await Login(Roles.Tenant, "tenant", demoTenant.FullName, demoTenant.Id);
        await Login(Roles.Owner, "owner", demoOwner.FullName, demoOwner.Id);
        await Login(Roles.FamilyMember, "family", demoFamily.FullName, demoFamily.Id);
        await Login(Roles.FamilyMember, "parent", demoParent.FullName, demoParent.Id);
        await Login(Roles.Trustee, "trustee", trustee.FullName, trustee.Id, (silverleaf.Id, Roles.Trustee));
        await Login(Roles.ManagingAgent, "agent", agent.FullName, agent.Id, (silverleaf.Id, Roles.ManagingAgent));
        await Login(Roles.Utility, "utility", "City Power (bulk supply)", null, (silverleaf.Id, Roles.Utility), (harbour.Id, Roles.Utility));
        await DemoSettlement.SeedAsync(db, users, clock, silverleaf.Id, harbour.Id, ct);
        await db.SaveChangesAsync(ct);
        if (options.SettledMonth) await DemoSettledMonth.SeedAsync(scope.ServiceProvider, clock, silverleaf.Id, harbour.Id, ct);
        return logins;
    }

    private static Meter Assign(Meter meter, Unit unit)
    {
        Ok(meter.AssignToUnit(unit.Id));
        return meter;
    }

    /// <summary>A valid South African ID number: YYMMDD SSSS C A Z with a Luhn check digit.</summary>
    public static string SaId(Random rng)
    {
        var dob = new DateOnly(1960, 1, 1).AddDays(rng.Next(0, 365 * 40));
        var payload = $"{dob:yyMMdd}{rng.Next(0, 10000):0000}08";
        return payload + IdentityDocument.LuhnCheckDigit(payload);
    }

    private static T Ok<T>(Result<T> r) => r.IsSuccess ? r.Value : throw new InvalidOperationException("Demo data is invalid: " + r.Describe());

    private static void Ok(Result r)
    {
        if (r.IsFailure) throw new InvalidOperationException("Demo data is invalid: " + r.Describe());
    }
}
