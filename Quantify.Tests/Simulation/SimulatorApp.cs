using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Tariffs;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Simulation;

namespace Quantify.Tests.Simulation;

/// <summary>
/// The real app with its meter simulator switched on (one reading a second, 20 simulated minutes each, no random faults),
/// and a tiny estate built through the app's own services.
/// </summary>
public sealed class SimulatorApp : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Queue<string> trace = new();

    private SimulatorApp(TestApp app, int mqttPort)
    {
        App = app;
        MqttPort = mqttPort;
        _ = HookTraceAsync();
    }

    /// <summary>The simulator's latest interval and recent events, quoted when a wait gives up.</summary>
    public string Trace
    {
        get
        {
            lock (trace)
                return $"last interval: {Simulator.Engine?.LastTick?.Summary ?? "(none)"}{Environment.NewLine}" +
                       $"{string.Join(Environment.NewLine, Simulator.Engine?.LastTick?.Messages.Take(5) ?? [])}{Environment.NewLine}" +
                       $"not simulated: {string.Join(", ", Simulator.Engine?.LastTick?.NotSimulated ?? [])}{Environment.NewLine}{string.Join(Environment.NewLine, trace)}";
        }
    }

    public MeterSimulator Simulator => App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MeterSimulator>().Single();

    private async Task HookTraceAsync()
    {
        try
        {
            var until = DateTime.UtcNow + Deadline;
            while (Simulator.Engine is null && DateTime.UtcNow < until) await Task.Delay(50);
            var engine = Simulator.Engine;
            if (engine is null)
            {
                Note("the simulator's engine never started");
                return;
            }
            // Deliberately not Ticked: the simulator must run whether or not anyone listens.
            engine.Activity += a => Note("! " + a);
        }
        catch (ObjectDisposedException)
        {
            // The test finished first.
        }
    }

    private void Note(string line)
    {
        lock (trace)
        {
            trace.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            while (trace.Count > 40) trace.Dequeue();
        }
    }

    public TestApp App { get; }
    public int MqttPort { get; }
    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<SimulatorApp> StartAsync(bool ingestion = true, bool kestrel = false, double acceleration = 1200)
    {
        var port = TestApp.FreePort();
        var app = await TestApp.StartAsync(demo: false, kestrel: kestrel, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = ingestion ? "true" : "false",
            ["Ingestion:Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = "sim-secret",
            ["Simulation:Enabled"] = "true",
            ["Simulation:ReadingIntervalSeconds"] = "1",
            ["Simulation:TimeAcceleration"] = acceleration.ToString(CultureInfo.InvariantCulture),
            ["Simulation:LeakRate"] = "0",
            ["Simulation:TamperRate"] = "0",
            ["Simulation:MalformedRate"] = "0",
        });
        return new SimulatorApp(app, port);
    }

    public QuantifyDbContext Db() => Get<IDbContextFactory<QuantifyDbContext>>().CreateDbContext();

    public async Task<int> EstateAsync(string name = "Simulated Estate") =>
        Ok(await Get<EstateService>().CreateAsync(new EstateInput(name, EstateKind.SectionalTitle, null, "Pretoria", "Gauteng", null)));

    /// <summary>An occupied unit with a wallet topped up per pocket.</summary>
    public async Task<(int UnitId, int WalletId)> UnitWithWalletAsync(int estateId, string number, decimal electricity = 0, decimal water = 0)
    {
        var unitId = Ok(await Get<UnitService>().CreateAsync(new UnitInput(estateId, number, "1", "A", 60m, 2.5m, 2, 1)));
        var person = Ok(await Get<PersonService>().CreateAsync(new PersonInput("Sim", "Resident", IdentityDocumentType.Passport, "PX" + number + Guid.NewGuid().ToString("N")[..6], null, null)));
        Ok(await Get<OccupancyService>().AddTenancyAsync(unitId, person, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-3), null));
        var ledger = Get<LedgerService>();
        var walletId = await ledger.EnsureWalletAsync(unitId);
        var lines = new List<PostingLine>();
        if (electricity > 0) lines.Add(new(AccountCode.Wallet(walletId, Pocket.Electricity), electricity));
        if (water > 0) lines.Add(new(AccountCode.Wallet(walletId, Pocket.Water), water));
        if (lines.Count > 0)
        {
            lines.Add(new(AccountCode.PayFastClearing, -(electricity + water)));
            var posted = await ledger.PostAsync(new PostingRequest($"sim-top-up-{unitId}", TransactionType.TopUp, DateOnly.FromDateTime(DateTime.UtcNow), "Top-up", lines));
            Assert.True(posted.IsSuccess, posted.IsFailure ? posted.Errors[0].Message : "");
        }
        return (unitId, walletId);
    }

    public async Task TariffAsync(int estateId, Utility utility, decimal rate) =>
        Ok(await Get<TariffService>().CreateAsync(estateId, null, utility, $"Flat {utility}", new DateOnly(DateTime.UtcNow.Year, 1, 1), TariffRules.Flat(rate)));

    public async Task<int> MeterAsync(MeterInput input, int? unitId = null)
    {
        var id = Ok(await Get<MeterService>().CreateAsync(input));
        if (unitId is not null) Assert.True((await Get<MeterService>().AssignAsync(id, unitId)).IsSuccess);
        return id;
    }

    public async Task<decimal> BalanceAsync(int unitId, Pocket pocket) => (await Get<LedgerService>().BalancesAsync(unitId)).Single(b => b.Pocket == pocket).Balance;

    public async Task<List<MeterReading>> ReadingsAsync(int meterId)
    {
        await using var db = Db();
        return await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId).OrderBy(r => r.ReadAt).ToListAsync();
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds, failing with <paramref name="what"/> and the last value after <see cref="Deadline"/>.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, Func<T, string>? show = null)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > until)
                Assert.Fail($"Gave up after {Deadline.TotalSeconds:0} s waiting for {what}. Last seen: {(show is null ? value?.ToString() : show(value))}{Environment.NewLine}Simulator:{Environment.NewLine}{Trace}");
            await Task.Delay(250);
        }
    }

    private static int Ok(Quantify.Domain.Common.Result<int> r) => r.IsSuccess ? r.Value : throw new InvalidOperationException(r.Describe());

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
