using Quantify.Domain.Metering;
using static Quantify.Ingestion.Modbus.ModbusDataType;
using static Quantify.Ingestion.Modbus.ModbusTable;

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// The register maps Quantify knows, by model name (case-insensitive). Addresses are 0-based PDU addresses; the
/// manufacturers' tables number them from 30001 (input) and 40001 (holding). A meter's <c>Model</c> names its map.
/// </summary>
public static class ModbusRegisterMaps
{
    /// <summary>
    /// Coil 0x0000 on a Quantify relay controller: a small Modbus device at the meter that owns the contactor (or water
    /// valve) and answers on the meter's unit id, passing register reads through. On = relay closed = supply connected.
    /// </summary>
    public static readonly ModbusCoil QuantifyRelay = new("Quantify relay", 0x0000);

    private static readonly ModbusRegister[] Sdm120Registers =
    [
        new("voltage", InputRegisters, 0x0000, Float32, 1m, "V"),
        new("current", InputRegisters, 0x0006, Float32, 1m, "A"),
        new("active_power", InputRegisters, 0x000C, Float32, 1m, "W"),
        new("frequency", InputRegisters, 0x0046, Float32, 1m, "Hz"),
        new("import_active_energy", InputRegisters, 0x0048, Float32, 1m, "kWh"),
        new("export_active_energy", InputRegisters, 0x004A, Float32, 1m, "kWh"),
        new("total_active_energy", InputRegisters, 0x0156, Float32, 1m, "kWh", IsBilling: true),
    ];

    private static readonly ModbusRegister[] Sdm630Registers =
    [
        new("phase1_voltage", InputRegisters, 0x0000, Float32, 1m, "V"),
        new("phase2_voltage", InputRegisters, 0x0002, Float32, 1m, "V"),
        new("phase3_voltage", InputRegisters, 0x0004, Float32, 1m, "V"),
        new("phase1_current", InputRegisters, 0x0006, Float32, 1m, "A"),
        new("phase2_current", InputRegisters, 0x0008, Float32, 1m, "A"),
        new("phase3_current", InputRegisters, 0x000A, Float32, 1m, "A"),
        new("phase1_active_power", InputRegisters, 0x000C, Float32, 1m, "W"),
        new("phase2_active_power", InputRegisters, 0x000E, Float32, 1m, "W"),
        new("phase3_active_power", InputRegisters, 0x0010, Float32, 1m, "W"),
        new("total_system_power", InputRegisters, 0x0034, Float32, 1m, "W"),
        new("frequency", InputRegisters, 0x0046, Float32, 1m, "Hz"),
        new("import_active_energy", InputRegisters, 0x0048, Float32, 1m, "kWh"),
        new("export_active_energy", InputRegisters, 0x004A, Float32, 1m, "kWh"),
        new("total_active_energy", InputRegisters, 0x0156, Float32, 1m, "kWh", IsBilling: true),
    ];

    private static readonly ModbusRegister[] WaterRegisters =
    [
        new("volume", HoldingRegisters, 0x0000, ModbusDataType.UInt32, 0.001m, "kL", IsBilling: true),
        new("flow_rate", HoldingRegisters, 0x0002, ModbusDataType.UInt16, 1m, "L/h"),
    ];

    public static readonly ModbusRegisterMap Sdm120 = new("SDM120", "Eastron SDM120-Modbus, single phase (input registers, float32 big-endian words)", Utility.Electricity, Sdm120Registers);
    public static readonly ModbusRegisterMap Sdm630 = new("SDM630", "Eastron SDM630-Modbus V2, three phase (input registers, float32 big-endian words)", Utility.Electricity, Sdm630Registers);
    public static readonly ModbusRegisterMap Sdm120WithRelay = new("SDM120-QR", "Eastron SDM120 behind a Quantify relay controller", Utility.Electricity, Sdm120Registers, QuantifyRelay);
    public static readonly ModbusRegisterMap Sdm630WithRelay = new("SDM630-QR", "Eastron SDM630 behind a Quantify relay controller", Utility.Electricity, Sdm630Registers, QuantifyRelay);
    public static readonly ModbusRegisterMap GenericWater = new("WATER-GENERIC", "Generic Modbus water meter: litres as uint32 in holding registers, valve on the Quantify relay coil", Utility.Water, WaterRegisters, QuantifyRelay);

    public static IReadOnlyList<ModbusRegisterMap> All { get; } = Validated([Sdm120, Sdm630, Sdm120WithRelay, Sdm630WithRelay, GenericWater]);

    public static ModbusRegisterMap? Find(string model) => All.FirstOrDefault(m => string.Equals(m.Model, model.Trim(), StringComparison.OrdinalIgnoreCase));

    public static ModbusRegisterMap Get(string model) =>
        Find(model) ?? throw new KeyNotFoundException($"No Modbus register map for model '{model}'. Known: {string.Join(", ", All.Select(m => m.Model))}.");

    private static ModbusRegisterMap[] Validated(ModbusRegisterMap[] maps)
    {
        foreach (var map in maps)
        {
            if (map.Registers.Count(r => r.IsBilling) != 1) throw new InvalidOperationException($"Register map {map.Model} must mark exactly one billing register.");
            foreach (var group in map.Registers.GroupBy(r => r.Table))
            {
                var sorted = group.OrderBy(r => r.Address).ToList();
                for (var i = 1; i < sorted.Count; i++)
                    if (sorted[i - 1].Covers(sorted[i].Address)) throw new InvalidOperationException($"Register map {map.Model}: {sorted[i - 1].Name} overlaps {sorted[i].Name}.");
            }
            if (map.Registers.Any(r => r.Table is Coils or DiscreteInputs)) throw new InvalidOperationException($"Register map {map.Model}: values live in register tables; coils are for relays.");
        }
        return maps;
    }
}
