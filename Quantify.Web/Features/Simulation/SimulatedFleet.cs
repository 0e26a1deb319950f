using Quantify.Domain.Estates;
using Quantify.Domain.Metering;

namespace Quantify.Web.Features.Simulation;

/// <summary>What the simulator reads about a meter from the database.</summary>
public sealed record MeterRecord(int Id, int EstateId, int? UnitId, string Serial, MeterType Type, CommsType Comms, string? DeviceEui, string? Model,
    int? ModbusAddress, int? GatewayId, decimal? LastReading, bool RelayClosed, Occupancy? Occupancy, string? TimeZone);

/// <summary>What the simulator reads about a gateway from the database.</summary>
public sealed record GatewayRecord(int Id, int EstateId, string Code, GatewayKind Kind, string? Endpoint, int KeyVersion);

/// <summary>How a simulated meter's readings leave the simulator.</summary>
public enum SimulatedTransport
{
    /// <summary>ChirpStack v4 uplinks through the MQTT broker.</summary>
    LoRaWan,
    /// <summary>Served as a Modbus slave on its gateway's loopback endpoint, for the app's poller.</summary>
    Modbus,
    /// <summary>Signed batches to the app's 4G/NB-IoT gateway endpoint.</summary>
    Http,
}

/// <summary>One meter's reading at the end of an interval, with the faults the dice chose for it.</summary>
public sealed record SimulatedReading(SimulatedMeter Meter, DateTimeOffset At, decimal Register, bool SupplyOn, bool Leak, bool Tamper, decimal? TemperatureC,
    double RatePerHour, uint FrameCounter, MalformedKind? Malformed);

/// <summary>The kinds of garbage a misbehaving LoRaWAN device or codec produces.</summary>
public enum MalformedKind { WrongLength, UnknownPort, BrokenJson }

/// <summary>A meter being simulated: its register, supply relay, frame counter and any leak in progress.</summary>
public sealed class SimulatedMeter
{
    internal SimulatedMeter(MeterRecord record, SimulatedTransport transport, GatewayRecord? gateway, DateTimeOffset now)
    {
        Record = record;
        Transport = transport;
        Gateway = gateway;
        Household = Household.For(record.Id);
        Register = record.LastReading ?? BaselineRegister(record.Id, record.Type);
        SupplyOn = !HasRelay || record.RelayClosed;
        AdvancedTo = now;
        FrameCounter = (uint)(LoadShapes.Hash01(record.Id, 4) * 1000);
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(record.TimeZone ?? Domain.Common.Defaults.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
    }

    public MeterRecord Record { get; private set; }
    public int Id => Record.Id;
    public string Serial => Record.Serial;
    public MeterType Type => Record.Type;
    public SimulatedTransport Transport { get; private set; }
    public GatewayRecord? Gateway { get; private set; }
    public Household Household { get; }
    public TimeZoneInfo Zone { get; private set; }

    /// <summary>The cumulative register in kWh or kL (unrounded; readings report it to the Wh or litre).</summary>
    public decimal Register { get; private set; }

    /// <summary>Relay (electricity) or valve (water) closed: supply on. Meters without one are always on.</summary>
    public bool SupplyOn { get; private set; }

    /// <summary>Unit electricity, water and hot-water meters switch their supply; solar and bulk meters have no relay.</summary>
    public bool HasRelay => Type is MeterType.Electricity or MeterType.Water or MeterType.HotWater;

    public DateTimeOffset AdvancedTo { get; private set; }
    public uint FrameCounter { get; private set; }
    public int LeakIntervalsLeft { get; private set; }
    public double LeakLitresPerHour { get; private set; }

    /// <summary>The rate at the last advance, in register units per simulated hour (for Modbus power and flow registers).</summary>
    public double RatePerHour { get; private set; }

    internal void Refresh(MeterRecord record, SimulatedTransport transport, GatewayRecord? gateway)
    {
        Record = record;
        Transport = transport;
        Gateway = gateway;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(record.TimeZone ?? Domain.Common.Defaults.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
    }

    internal void Add(decimal amount, DateTimeOffset to, double ratePerHour)
    {
        Register += amount;
        AdvancedTo = to;
        RatePerHour = ratePerHour;
    }

    internal void SetSupply(bool on) => SupplyOn = on;

    internal uint NextFrame() => ++FrameCounter;

    internal void StartLeak(int intervals, double litresPerHour)
    {
        LeakIntervalsLeft = intervals;
        LeakLitresPerHour = litresPerHour;
    }

    internal void LeakTick()
    {
        if (LeakIntervalsLeft > 0 && --LeakIntervalsLeft == 0) LeakLitresPerHour = 0;
    }

    /// <summary>A plausible register for a meter that has never reported: installed a while ago, deterministic per meter.</summary>
    public static decimal BaselineRegister(int meterId, MeterType type)
    {
        var (from, span) = type switch
        {
            MeterType.Electricity => (1_000m, 9_000m),
            MeterType.Water => (50m, 400m),
            MeterType.HotWater => (10m, 100m),
            MeterType.Solar => (500m, 5_000m),
            MeterType.BulkElectricity => (100_000m, 400_000m),
            _ => (5_000m, 20_000m),
        };
        return Math.Round(from + (span * (decimal)LoadShapes.Hash01(meterId, 5)), 3);
    }
}

/// <summary>
/// The simulated meters and their registers. Unit meters follow their load shape (scaled by <c>TimeAcceleration</c>)
/// while their supply is on; a bulk meter measures the sum of its estate's unit meters of the same utility plus a few
/// percent of losses, so the loss report has something to find. Thread-safe: relay changes from downlinks and Modbus
/// coil writes arrive between intervals and are applied at their own moment (the register is brought up to that
/// instant first), so no consumption is ever counted after a relay opened.
/// </summary>
public sealed class SimulatedFleet(double timeAcceleration, TimeSpan maxCatchUp, Random dice)
{
    private readonly Lock sync = new();
    private readonly Dictionary<int, SimulatedMeter> meters = [];
    private readonly Dictionary<(int EstateId, MeterType Bulk), decimal> pendingForBulk = [];

    public double TimeAcceleration { get; } = timeAcceleration;

    /// <summary>Fault rates (probabilities), set from options; zero by default so tests opt in.</summary>
    public double LeakRate { get; init; }
    public double TamperRate { get; init; }
    public double MalformedRate { get; init; }

    public int Count
    {
        get { lock (sync) return meters.Count; }
    }

    public IReadOnlyList<SimulatedMeter> Meters
    {
        get { lock (sync) return [.. meters.Values.OrderBy(m => m.Id)]; }
    }

    public SimulatedMeter? Find(int meterId)
    {
        lock (sync) return meters.GetValueOrDefault(meterId);
    }

    public SimulatedMeter? FindByEui(string eui)
    {
        lock (sync) return meters.Values.FirstOrDefault(m => string.Equals(m.Record.DeviceEui, eui, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Brings the fleet in line with the database: new active meters join (their register continues from the last
    /// reading), details of known ones are refreshed (their register and relay are the simulator's own), meters gone or
    /// decommissioned leave. Returns the meters that cannot be simulated, with the reason.
    /// </summary>
    public IReadOnlyList<(string Serial, string Reason)> Sync(IReadOnlyList<MeterRecord> records, IReadOnlyList<GatewayRecord> gateways, DateTimeOffset now)
    {
        var skipped = new List<(string, string)>();
        var byId = gateways.ToDictionary(g => g.Id);
        lock (sync)
        {
            var seen = new HashSet<int>();
            foreach (var r in records)
            {
                var gateway = r.GatewayId is int gid ? byId.GetValueOrDefault(gid) : null;
                var (transport, why) = TransportOf(r, gateway);
                if (transport is null)
                {
                    skipped.Add((r.Serial, why!));
                    continue;
                }
                seen.Add(r.Id);
                if (meters.TryGetValue(r.Id, out var known)) known.Refresh(r, transport.Value, gateway);
                else
                {
                    meters[r.Id] = new SimulatedMeter(r, transport.Value, gateway, now);
                    // A bulk meter joining now measures from now, not everything its estate used before.
                    if (r.Type.IsBulk()) pendingForBulk[(r.EstateId, r.Type)] = 0;
                }
            }
            foreach (var gone in meters.Keys.Where(id => !seen.Contains(id)).ToList()) meters.Remove(gone);
        }
        return skipped;
    }

    /// <summary>Which transport a meter reports through, or why it cannot be simulated.</summary>
    public static (SimulatedTransport? Transport, string? Why) TransportOf(MeterRecord r, GatewayRecord? gateway) => r.Comms switch
    {
        CommsType.Lora when r.DeviceEui is not null => (SimulatedTransport.LoRaWan, null),
        CommsType.Modbus or CommsType.Rs485 when r.ModbusAddress is null => (null, "no Modbus address"),
        CommsType.Modbus or CommsType.Rs485 when gateway is null => (null, "not behind an active Modbus gateway"),
        CommsType.Modbus or CommsType.Rs485 when gateway.Kind is not (GatewayKind.ModbusTcp or GatewayKind.ModbusRtuOverTcp) =>
            (null, $"its gateway {gateway.Code} is {gateway.Kind}; only Modbus TCP and RTU-over-TCP gateways are simulated"),
        CommsType.Modbus or CommsType.Rs485 when SimulatorModbusServers.LoopbackPort(gateway.Endpoint) is null =>
            (null, $"its gateway {gateway.Code} endpoint '{gateway.Endpoint}' is not on this machine (127.0.0.1/localhost)"),
        CommsType.Modbus or CommsType.Rs485 => (SimulatedTransport.Modbus, null),
        CommsType.Cellular or CommsType.NbIot when gateway is { Kind: GatewayKind.Cellular or GatewayKind.NbIot } => (SimulatedTransport.Http, null),
        CommsType.Cellular or CommsType.NbIot => (null, "not behind an active 4G/NB-IoT gateway"),
        _ => (null, $"{r.Comms} meters are not simulated"),
    };

    /// <summary>Advances every meter to <paramref name="now"/> (unit meters first, then the bulk meters that sum them), rolls the leak dice, and reads every meter.</summary>
    public IReadOnlyList<SimulatedReading> Advance(DateTimeOffset now)
    {
        lock (sync)
        {
            var all = meters.Values.OrderBy(m => m.Id).ToList();
            var bulkUtilities = all.Where(m => FeedsBulk(m.Type)).Select(m => (m.Record.EstateId, BulkOf(m.Type))).ToHashSet();
            foreach (var m in all.Where(m => !m.Type.IsBulk()))
            {
                m.LeakTick();
                if (m.Type is MeterType.Water or MeterType.HotWater && m.LeakIntervalsLeft == 0 && m.SupplyOn && Roll(LeakRate))
                    m.StartLeak(dice.Next(10, 41), 15 + (45 * dice.NextDouble()));
                AdvanceLocked(m, now);
            }
            foreach (var m in all.Where(m => m.Type.IsBulk()))
            {
                var key = (m.Record.EstateId, m.Type);
                if (bulkUtilities.Contains(key))
                {
                    var losses = 1.03m + (0.04m * (decimal)LoadShapes.Hash01(m.Record.EstateId, 6));
                    var amount = Math.Round(pendingForBulk.GetValueOrDefault(key) * losses, 6);
                    pendingForBulk[key] = 0;
                    var simulatedHours = (now - m.AdvancedTo).TotalHours * TimeAcceleration;
                    m.Add(amount, now, simulatedHours > 0 ? (double)amount / simulatedHours : 0);
                }
                else AdvanceLocked(m, now); // no unit meters simulated on the estate: twenty average households
            }
            return [.. all.Select(m => Read(m, now))];
        }
    }

    /// <summary>
    /// Switches a meter's relay or valve at <paramref name="at"/>: consumption up to that moment is counted first.
    /// Returns false when the meter is unknown or has no relay.
    /// </summary>
    public bool SetSupply(int meterId, bool on, DateTimeOffset at)
    {
        lock (sync)
        {
            if (!meters.TryGetValue(meterId, out var m) || !m.HasRelay) return false;
            if (m.SupplyOn != on)
            {
                AdvanceLocked(m, at);
                m.SetSupply(on);
            }
            return true;
        }
    }

    private void AdvanceLocked(SimulatedMeter m, DateTimeOffset to)
    {
        if (to <= m.AdvancedTo) return;
        var from = to - m.AdvancedTo > maxCatchUp ? to - maxCatchUp : m.AdvancedTo;
        var steps = Math.Max(1, (int)Math.Ceiling((to - from).TotalMinutes));
        var step = (to - from) / steps;
        double total = 0, rate = 0;
        for (var i = 0; i < steps; i++)
        {
            var mid = from + (step * (i + 0.5));
            rate = m.SupplyOn || !m.HasRelay ? RatePerHour(m, TimeZoneInfo.ConvertTime(mid, m.Zone).DateTime) : 0;
            total += rate * step.TotalHours * TimeAcceleration;
        }
        var amount = Math.Round((decimal)total, 6);
        m.Add(amount, to, rate);
        if (FeedsBulk(m.Type))
        {
            var key = (m.Record.EstateId, BulkOf(m.Type));
            pendingForBulk[key] = pendingForBulk.GetValueOrDefault(key) + amount;
        }
    }

    /// <summary>The meter's rate at a local time, in register units (kWh or kL) per simulated hour.</summary>
    public static double RatePerHour(SimulatedMeter m, DateTime local)
    {
        var h = m.Household;
        var vacant = m.Record.Occupancy is Occupancy.Vacant or Occupancy.Maintenance;
        var leak = m.LeakLitresPerHour / 1000.0;
        // Nobody lives in a vacant unit: no peaks, only a small base load (standby electricity), no water drawn (a leak still runs).
        if (vacant && m.Type is MeterType.Electricity or MeterType.Water or MeterType.HotWater)
            return m.Type == MeterType.Electricity ? LoadShapes.VacantBaseKw : leak;
        return m.Type switch
        {
            MeterType.Electricity => LoadShapes.ElectricityKw(local, h),
            MeterType.Water => (LoadShapes.WaterLitresPerHour(local, h) / 1000.0) + leak,
            MeterType.HotWater => (LoadShapes.HotWaterLitresPerHour(local, h) / 1000.0) + leak,
            MeterType.Solar => LoadShapes.SolarKw(local, h),
            MeterType.BulkElectricity => 20 * LoadShapes.ElectricityKw(local, Household.For(0)),
            _ => 20 * LoadShapes.WaterLitresPerHour(local, Household.For(0)) / 1000.0,
        };
    }

    private SimulatedReading Read(SimulatedMeter m, DateTimeOffset now)
    {
        var leak = m.LeakIntervalsLeft > 0;
        var tamper = Roll(TamperRate);
        var malformed = m.Transport == SimulatedTransport.LoRaWan && Roll(MalformedRate) ? (MalformedKind)dice.Next(0, 3) : (MalformedKind?)null;
        decimal? temperature = m.Type == MeterType.HotWater
            ? Math.Round((decimal)LoadShapes.HotWaterTemperatureC(TimeZoneInfo.ConvertTime(now, m.Zone).DateTime, m.Household), 1)
            : null;
        var frame = m.Transport == SimulatedTransport.LoRaWan ? m.NextFrame() : 0;
        return new SimulatedReading(m, now, Math.Round(m.Register, 3), m.SupplyOn, leak, tamper, temperature, m.RatePerHour, frame, malformed);
    }

    private bool Roll(double probability) => probability > 0 && dice.NextDouble() < probability;

    private static bool FeedsBulk(MeterType t) => t is MeterType.Electricity or MeterType.Water or MeterType.HotWater;

    private static MeterType BulkOf(MeterType t) => t == MeterType.Electricity ? MeterType.BulkElectricity : MeterType.BulkWater;
}
