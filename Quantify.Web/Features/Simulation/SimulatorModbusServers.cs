using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;

namespace Quantify.Web.Features.Simulation;

/// <summary>
/// The RS485-to-Ethernet gateways of the simulated estate: one <see cref="ModbusSlaveSimulator"/> per Modbus gateway
/// endpoint on this machine, serving each meter behind it at its Modbus address with its model's register map (an
/// unknown model gets <c>SDM120-QR</c>, or <c>WATER-GENERIC</c> for water). The app's poller reads them like real meters;
/// writing the relay coil switches the simulated supply.
/// </summary>
public sealed class SimulatorModbusServers(TimeProvider clock, ILogger log) : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);
    private readonly Dictionary<int, Server> servers = [];

    /// <summary>A coil write on a served meter: (meter id, relay closed).</summary>
    public event Action<int, bool>? RelayChanged;

    /// <summary>Problems worth telling the operator (port taken, address clash), once each.</summary>
    public event Action<string>? Problem;

    private sealed class Server(GatewayRecord gateway, int port)
    {
        public GatewayRecord Gateway { get; } = gateway;
        public int Port { get; } = port;
        public ModbusSlaveSimulator? Simulator { get; set; }
        public DateTimeOffset RetryAt { get; set; }
        public ConcurrentDictionary<byte, int> MeterOfUnit { get; } = new();
        public HashSet<int> Clashes { get; } = [];
    }

    /// <summary>The port of a loopback "host:port" endpoint (127.x.x.x, ::1 or localhost), else null: only those can be served here.</summary>
    public static int? LoopbackPort(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || !Gateway.IsHostPort(endpoint)) return null;
        var i = endpoint.LastIndexOf(':');
        var host = endpoint[..i].Trim('[', ']');
        var port = int.Parse(endpoint[(i + 1)..], CultureInfo.InvariantCulture);
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return loopback ? port : null;
    }

    public static ModbusRegisterMap MapFor(SimulatedMeter m) =>
        (m.Record.Model is { } model ? ModbusRegisterMaps.Find(model) : null)
        ?? (m.Type.Utility() == Utility.Water ? ModbusRegisterMaps.GenericWater : ModbusRegisterMaps.Sdm120WithRelay);

    /// <summary>The endpoints being served and how many meters each has, for the report.</summary>
    public IReadOnlyList<(string Gateway, int Port, int Meters, bool Listening)> Served =>
        [.. servers.Values.Select(s => (s.Gateway.Code, s.Port, s.MeterOfUnit.Count, s.Simulator is not null))];

    /// <summary>Starts servers for new gateways and adds new meters (existing ones keep their registers and coils).</summary>
    public void Sync(IReadOnlyList<SimulatedMeter> modbusMeters)
    {
        foreach (var group in modbusMeters.Where(m => m.Gateway is not null).GroupBy(m => m.Gateway!.Id))
        {
            var gateway = group.First().Gateway!;
            if (LoopbackPort(gateway.Endpoint) is not int port) continue;
            if (!servers.TryGetValue(gateway.Id, out var server))
            {
                server = new Server(gateway, port);
                servers[gateway.Id] = server;
            }
            if (server.Simulator is null && !TryStart(server)) continue;
            foreach (var m in group)
            {
                var unit = (byte)m.Record.ModbusAddress!.Value;
                if (server.MeterOfUnit.TryGetValue(unit, out var existing))
                {
                    if (existing != m.Id && server.Clashes.Add(m.Id))
                        Tell($"Modbus: {m.Serial} has address {unit} on {gateway.Code}, which another meter already uses; it is not served.");
                    continue;
                }
                server.Simulator!.AddMeter(unit, MapFor(m), relayClosed: m.SupplyOn);
                server.MeterOfUnit[unit] = m.Id;
            }
        }
    }

    private bool TryStart(Server server)
    {
        if (clock.GetUtcNow() < server.RetryAt) return false;
        var sim = new ModbusSlaveSimulator();
        try
        {
            sim.Start(server.Port, server.Gateway.Kind == GatewayKind.ModbusRtuOverTcp ? ModbusFraming.Rtu : ModbusFraming.Tcp);
        }
        catch (SocketException ex)
        {
            server.RetryAt = clock.GetUtcNow() + RetryAfter;
            _ = sim.DisposeAsync().AsTask();
            Tell($"Modbus: cannot listen on 127.0.0.1:{server.Port} for gateway {server.Gateway.Code} ({ex.Message}); is another simulator running? Trying again in a minute.");
            return false;
        }
        sim.RelayChanged += (_, e) =>
        {
            if (server.MeterOfUnit.TryGetValue(e.UnitId, out var meterId)) RelayChanged?.Invoke(meterId, e.Closed);
        };
        server.Simulator = sim;
        server.MeterOfUnit.Clear();
        log.LogInformation("Simulated Modbus gateway {Gateway} listening on 127.0.0.1:{Port} ({Framing})", server.Gateway.Code, server.Port, sim.Framing);
        return true;
    }

    /// <summary>Writes the readings into the served meters' registers: energy or volume, and live power, current, voltage or flow.</summary>
    public int Update(IReadOnlyList<SimulatedReading> readings)
    {
        var updated = 0;
        foreach (var r in readings)
        {
            var server = r.Meter.Gateway is { } g ? servers.GetValueOrDefault(g.Id) : null;
            if (server?.Simulator is null) continue;
            var unit = (byte)r.Meter.Record.ModbusAddress!.Value;
            if (!server.MeterOfUnit.TryGetValue(unit, out var meterId) || meterId != r.Meter.Id) continue;
            var meter = server.Simulator.Meter(unit);
            meter.SetReading(r.Register);
            // Live values are the real-time rate at this hour (what a household draws), not the accelerated one.
            var rate = r.SupplyOn ? r.RatePerHour : 0;
            var volts = 229m + (decimal)(4 * LoadShapes.Hash01(r.Meter.Id, r.At.ToUnixTimeSeconds()));
            Set(meter, "import_active_energy", r.Register);
            Set(meter, "voltage", volts);
            Set(meter, "frequency", 50.0m);
            Set(meter, "active_power", Math.Round((decimal)rate * 1000m, 1));
            Set(meter, "current", Math.Round((decimal)rate * 1000m / volts, 2));
            Set(meter, "total_system_power", Math.Round((decimal)rate * 1000m, 1));
            foreach (var phase in new[] { 1, 2, 3 })
            {
                Set(meter, $"phase{phase}_voltage", volts);
                Set(meter, $"phase{phase}_active_power", Math.Round((decimal)rate * 1000m / 3, 1));
                Set(meter, $"phase{phase}_current", Math.Round((decimal)rate * 1000m / 3 / volts, 2));
            }
            Set(meter, "flow_rate", Math.Round((decimal)rate * 1000m));
            updated++;
        }
        return updated;
    }

    private static void Set(ModbusSimulatedMeter meter, string register, decimal value)
    {
        if (meter.Map.Find(register) is { } r)
            meter.SetValue(r.Name, r.Type == ModbusDataType.UInt16 ? Math.Clamp(value, 0, ushort.MaxValue) : value);
    }

    private void Tell(string message)
    {
#pragma warning disable CA2254 // Composed once for the log and the verb's console.
        log.LogWarning(message);
#pragma warning restore CA2254
        Problem?.Invoke(message);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in servers.Values)
            if (s.Simulator is not null) await s.Simulator.DisposeAsync();
        servers.Clear();
    }
}
