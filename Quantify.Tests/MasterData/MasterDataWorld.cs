using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.MasterData;

/// <summary>A small estate built through the real services on a real SQLite file.</summary>
public sealed class MasterDataWorld : IAsyncDisposable
{
    private MasterDataWorld(TestDatabase db)
    {
        Db = db;
        Estates = new EstateService(db.Factory);
        Units = new UnitService(db.Factory);
        Persons = new PersonService(db.Factory);
        Meters = new MeterService(db.Factory);
        Occupancy = new OccupancyService(db.Factory, db.Clock);
        Lifecycle = new LifecycleService(db.Factory, db.Clock);
    }

    public TestDatabase Db { get; }
    public EstateService Estates { get; }
    public UnitService Units { get; }
    public PersonService Persons { get; }
    public MeterService Meters { get; }
    public OccupancyService Occupancy { get; }
    public LifecycleService Lifecycle { get; }
    public DateOnly Today => DateOnly.FromDateTime(Db.Clock.GetUtcNow().UtcDateTime);

    public static async Task<MasterDataWorld> CreateAsync() => new(await TestDatabase.CreateAsync());

    public async Task<int> EstateAsync(string name = "Silverleaf") =>
        (await Estates.CreateAsync(new EstateInput(name, EstateKind.SectionalTitle, null, "Pretoria", "Gauteng", null))).Value;

    public async Task<int> UnitAsync(int estateId, string number = "A101") =>
        (await Units.CreateAsync(new UnitInput(estateId, number, "1", "A", 60m, 2.5m, 2, 1))).Value;

    private static int personSeq;

    public async Task<int> PersonAsync(string first = "Thandi")
    {
        var seq = Interlocked.Increment(ref personSeq);
        return (await Persons.CreateAsync(new PersonInput(first, "Nkosi", IdentityDocumentType.Passport, $"PX{100000 + seq}", null, null))).Value;
    }

    public async Task<int> MeterAsync(int estateId, int? unitId, string serial, MeterType type = MeterType.Electricity, string? eui = null)
    {
        var id = (await Meters.CreateAsync(new MeterInput(estateId, serial, type, eui is null ? CommsType.Manual : CommsType.Lora, eui))).Value;
        if (unitId is not null) Assert.True((await Meters.AssignAsync(id, unitId)).IsSuccess);
        return id;
    }

    public Task<int> TenancyAsync(int unitId, int personId) =>
        Occupancy.AddTenancyAsync(unitId, personId, Today.AddMonths(-6), null).ContinueWith(t => t.Result.Value, TaskScheduler.Default);

    public Task<int> OwnershipAsync(int unitId, int personId) =>
        Occupancy.AddOwnershipAsync(unitId, personId, Today.AddYears(-2), null).ContinueWith(t => t.Result.Value, TaskScheduler.Default);

    /// <summary>An account's balance summed from its ledger lines (not its cached balance); 0 when it has none.</summary>
    public async Task<decimal> AccountBalanceAsync(AccountCode code)
    {
        await using var db = Db.Create();
        var text = code.ToString();
        return (await (from l in db.LedgerLines join a in db.LedgerAccounts on l.AccountId equals a.Id where a.Code == text select l.Amount).ToListAsync()).Sum();
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
