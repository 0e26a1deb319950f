using Quantify.Domain.Common;

namespace Quantify.Domain.Metering;

public enum MeterType { Electricity, Water, Solar, HotWater, BulkElectricity, BulkWater }
public enum CommsType { Lora, Modbus, Rs485, Cellular, NbIot, Plc, Wifi, Manual }
public enum CommsStatus { Online, Offline, Error }
public enum Utility { Electricity, Water, HotWater, Solar }

public static class MeterTypes
{
    public static bool IsBulk(this MeterType t) => t is MeterType.BulkElectricity or MeterType.BulkWater;

    public static Utility Utility(this MeterType t) => t switch
    {
        MeterType.Electricity or MeterType.BulkElectricity => Metering.Utility.Electricity,
        MeterType.Water or MeterType.BulkWater => Metering.Utility.Water,
        MeterType.HotWater => Metering.Utility.HotWater,
        _ => Metering.Utility.Solar,
    };

    public static string UnitOfMeasure(this MeterType t) => t.Utility() switch
    {
        Metering.Utility.Water or Metering.Utility.HotWater => "kL",
        _ => "kWh",
    };
}

/// <summary>
/// A physical meter (configuration, versioned). Bulk meters belong to the estate (no unit); unit meters are assigned to at most one unit,
/// one per utility. Decommissioned, never deleted once it has readings, alerts or commands.
/// </summary>
public sealed class Meter : AuditableEntity
{
    private Meter() { }

    public int EstateId { get; private set; }
    public int? UnitId { get; private set; }
    public string SerialNumber { get; private set; } = "";
    public MeterType Type { get; private set; }
    public CommsType Comms { get; private set; } = Defaults.MeterComms;
    public string? DeviceEui { get; private set; }
    public string? Manufacturer { get; private set; }
    public string? Model { get; private set; }
    public string? FirmwareVersion { get; private set; }
    public DateOnly? InstallationDate { get; private set; }
    public bool IsPrepaid { get; private set; } = true;
    /// <summary>Modbus slave address, for Modbus/RS485 meters.</summary>
    public int? ModbusAddress { get; private set; }
    /// <summary>The gateway the meter reports through (required for Modbus meters: it is the one we poll).</summary>
    public int? GatewayId { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset? DecommissionedAt { get; private set; }
    public string? DecommissionReason { get; private set; }

    /// <summary>What the meter last reported. Kept in its own table so readings do not version the meter row.</summary>
    public MeterState State { get; private set; } = new();

    public Utility Utility => Type.Utility();

    public static Result<Meter> Create(int estateId, string serialNumber, MeterType type, CommsType comms, string? deviceEui,
        string? manufacturer = null, string? model = null, DateOnly? installationDate = null, int? modbusAddress = null)
    {
        var m = new Meter { EstateId = estateId, Type = type };
        var r = m.Update(serialNumber, comms, deviceEui, manufacturer, model, installationDate, modbusAddress);
        return r.IsSuccess ? Result<Meter>.Ok(m) : Result<Meter>.Fail(r.Errors);
    }

    public Result Update(string serialNumber, CommsType comms, string? deviceEui, string? manufacturer, string? model,
        DateOnly? installationDate, int? modbusAddress)
    {
        var v = new Validator()
            .Required(serialNumber, nameof(SerialNumber), "Serial number").MaxLength(serialNumber, 100, nameof(SerialNumber), "Serial number")
            .MaxLength(manufacturer, 100, nameof(Manufacturer), "Manufacturer").MaxLength(model, 100, nameof(Model), "Model")
            .Range(modbusAddress, 1, 247, nameof(ModbusAddress), "Modbus address");
        string? eui = null;
        if (!string.IsNullOrWhiteSpace(deviceEui))
        {
            var parsed = Metering.DeviceEui.Parse(deviceEui, nameof(DeviceEui));
            if (parsed.IsFailure) foreach (var e in parsed.Errors) v.Add(e);
            else eui = parsed.Value.Value;
        }
        else if (comms == CommsType.Lora)
        {
            v.Add(new Error("required", "A LoRaWAN meter needs its device EUI.", nameof(DeviceEui)));
        }
        if (comms is CommsType.Modbus or CommsType.Rs485 && modbusAddress is null)
            v.Add(new Error("required", "A Modbus/RS485 meter needs its slave address (1-247).", nameof(ModbusAddress)));
        if (!v.IsValid) return v.ToResult();
        SerialNumber = serialNumber.Trim();
        Comms = comms;
        DeviceEui = eui;
        Manufacturer = manufacturer?.Trim();
        Model = model?.Trim();
        InstallationDate = installationDate;
        ModbusAddress = modbusAddress;
        return Result.Ok();
    }

    public Result AssignToUnit(int? unitId)
    {
        if (unitId is not null && Type.IsBulk())
            return Result.Fail(new Error("bulk_meter_unit", "A bulk meter measures the whole estate and cannot be assigned to a unit.", nameof(UnitId)));
        if (unitId is not null && !IsActive)
            return Result.Fail(new Error("decommissioned", "A decommissioned meter cannot be assigned to a unit.", nameof(UnitId)));
        UnitId = unitId;
        return Result.Ok();
    }


    public void AttachToGateway(int? gatewayId) => GatewayId = gatewayId;

    public void Decommission(DateTimeOffset at, string reason)
    {
        IsActive = false;
        UnitId = null;
        DecommissionedAt = at;
        DecommissionReason = reason;
        State.MarkOffline();
    }

    public void Recommission()
    {
        IsActive = true;
        DecommissionedAt = null;
        DecommissionReason = null;
    }
}

/// <summary>
/// A meter's live state: last reading, last contact, battery, relay. Changes with every reading, so it is not versioned
/// or audited (the readings themselves are the history); one row per meter.
/// </summary>
public sealed class MeterState
{
    public int MeterId { get; private set; }
    public CommsStatus CommsStatus { get; private set; } = CommsStatus.Offline;
    public decimal? LastReading { get; private set; }
    public DateTimeOffset? LastReadingAt { get; private set; }
    public DateTimeOffset? LastSeenAt { get; private set; }
    public int? BatteryPercent { get; private set; }
    public bool RelayClosed { get; private set; } = true;
    /// <summary>Billing month-to-date (local calendar month) after the last billed reading: feeds block and free-basic pricing.</summary>
    public DateOnly? BillingMonth { get; private set; }
    public decimal BillingMonthQuantity { get; private set; }
    public decimal BillingMonthFreeBasicUsed { get; private set; }
    /// <summary>The month's cost so far excl. VAT, unrounded (the anchor of cumulative rounding, so cents never drift).</summary>
    public decimal? BillingMonthCostUnrounded { get; private set; }

    public void RecordBilling(DateOnly month, decimal quantity, decimal freeBasicUsed, decimal? costUnrounded)
    {
        BillingMonth = month;
        BillingMonthQuantity = quantity;
        BillingMonthFreeBasicUsed = freeBasicUsed;
        BillingMonthCostUnrounded = costUnrounded;
    }

    /// <summary>No billed reading to carry a month-to-date from (every billed reading of the meter was held).</summary>
    public void ClearBilling()
    {
        BillingMonth = null;
        BillingMonthQuantity = 0;
        BillingMonthFreeBasicUsed = 0;
        BillingMonthCostUnrounded = null;
    }

    /// <summary>Sets the last reading back to the latest accepted one, after readings it came from were held (the one-off check).</summary>
    public void RestoreLastReading(decimal? register, DateTimeOffset? at)
    {
        LastReading = register;
        LastReadingAt = at;
    }

    public void RecordSeen(DateTimeOffset at, int? batteryPercent = null)
    {
        LastSeenAt = at;
        CommsStatus = CommsStatus.Online;
        if (batteryPercent is not null) BatteryPercent = batteryPercent;
    }

    public void RecordReading(decimal register, DateTimeOffset at)
    {
        if (LastReadingAt is null || at >= LastReadingAt)
        {
            LastReading = register;
            LastReadingAt = at;
        }
        RecordSeen(at);
    }

    public void MarkOffline() => CommsStatus = CommsStatus.Offline;

    public void SetRelay(bool closed) => RelayClosed = closed;
}
