using Quantify.Domain.Common;

namespace Quantify.Domain.Metering;

/// <summary>
/// How a gateway reaches us. Cellular (4G) and NB-IoT gateways push readings to our HTTP endpoint (signed) or MQTT;
/// Modbus gateways are polled by us: Modbus TCP, RTU frames over a TCP socket (cheap RS485-Ethernet converters), or
/// RTU on a local RS485 serial port.
/// </summary>
public enum GatewayKind { Cellular, NbIot, ModbusTcp, ModbusRtuOverTcp, ModbusSerial }

/// <summary>
/// A data concentrator on an estate. Master data (versioned): decommissioned, never deleted once meters used it.
/// The HTTP signing key is not stored: it is derived from the server's master key, the code and <see cref="KeyVersion"/>,
/// so rotating a key is bumping the version.
/// </summary>
public sealed class Gateway : AuditableEntity
{
    private Gateway() { }

    public int EstateId { get; private set; }
    /// <summary>The gateway's own identifier (in its URL and MQTT topic), unique.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public GatewayKind Kind { get; private set; }
    /// <summary>Modbus gateways: "host:port" (TCP) or a serial device path such as /dev/ttyUSB0.</summary>
    public string? Endpoint { get; private set; }
    /// <summary>Modbus gateways: how often each meter behind it is read.</summary>
    public int PollIntervalSeconds { get; private set; } = 60;
    public int KeyVersion { get; private set; } = 1;
    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// Off (the default): the gateway may report only meters attached to it (<see cref="Meter.GatewayId"/>). On: any meter
    /// of its estate, for a concentrator that serves the whole estate. Never meters of another estate.
    /// </summary>
    public bool ReportsEstateWide { get; private set; }

    public bool IsModbus => Kind is GatewayKind.ModbusTcp or GatewayKind.ModbusRtuOverTcp or GatewayKind.ModbusSerial;

    public static Result<Gateway> Create(int estateId, string code, string name, GatewayKind kind, string? endpoint = null, int pollIntervalSeconds = 60)
    {
        var g = new Gateway { EstateId = estateId, Kind = kind };
        var r = g.Update(code, name, endpoint, pollIntervalSeconds);
        return r.IsSuccess ? Result<Gateway>.Ok(g) : Result<Gateway>.Fail(r.Errors);
    }

    public Result Update(string code, string name, string? endpoint, int pollIntervalSeconds)
    {
        code = code.Trim();
        var v = new Validator()
            .Required(code, nameof(Code), "Gateway code").MaxLength(code, 64, nameof(Code), "Gateway code")
            .Required(name, nameof(Name), "Name").MaxLength(name, 200, nameof(Name), "Name")
            .MaxLength(endpoint, 200, nameof(Endpoint), "Endpoint")
            .Range(pollIntervalSeconds, 5, 86_400, nameof(PollIntervalSeconds), "Poll interval (seconds)");
        if (code.Length > 0 && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            v.Add(new Error("invalid", "Gateway code may hold only letters, digits, '-' and '_' (it appears in URLs and MQTT topics).", nameof(Code)));
        if (IsModbus && string.IsNullOrWhiteSpace(endpoint))
            v.Add(new Error("required", "A Modbus gateway needs its endpoint: host:port, or a serial device such as /dev/ttyUSB0.", nameof(Endpoint)));
        if (Kind is GatewayKind.ModbusTcp or GatewayKind.ModbusRtuOverTcp && !string.IsNullOrWhiteSpace(endpoint) && !IsHostPort(endpoint))
            v.Add(new Error("invalid", $"'{endpoint}' is not host:port (e.g. 10.0.0.20:502).", nameof(Endpoint)));
        if (!v.IsValid) return Result.Fail(v.Errors);
        Code = code;
        Name = name.Trim();
        Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim();
        PollIntervalSeconds = pollIntervalSeconds;
        return Result.Ok();
    }

    /// <summary>Invalidates the current signing key; the gateway must be given the new one.</summary>
    public void RotateKey() => KeyVersion++;

    public void SetEstateWideReporting(bool on) => ReportsEstateWide = on;

    /// <summary>Whether a reading this gateway sends for a meter of <paramref name="meterEstateId"/> behind <paramref name="meterGatewayId"/> may be accepted.</summary>
    public bool MayReport(int meterEstateId, int? meterGatewayId) =>
        meterEstateId == EstateId && (meterGatewayId == Id || ReportsEstateWide);

    public void Deactivate() => IsActive = false;
    public void Reactivate() => IsActive = true;

    public static bool IsHostPort(string endpoint)
    {
        var i = endpoint.LastIndexOf(':');
        return i > 0 && int.TryParse(endpoint[(i + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
    }
}
