using Quantify.Domain.Metering;

namespace Quantify.Ingestion.Modbus;

/// <summary>The four Modbus data tables.</summary>
public enum ModbusTable { Coils, DiscreteInputs, InputRegisters, HoldingRegisters }

/// <summary>
/// One value a meter exposes: the table and 0-based PDU address it lives at, how its words are laid out, and the factor
/// that turns the raw number into <see cref="Unit"/>. <see cref="IsBilling"/> marks the register billed from.
/// </summary>
public sealed record ModbusRegister(string Name, ModbusTable Table, ushort Address, ModbusDataType Type, decimal Scale, string Unit, bool IsBilling = false)
{
    public int RegisterCount => ModbusValues.RegisterCount(Type);

    /// <summary>True when <paramref name="address"/> is one of the words this value occupies.</summary>
    public bool Covers(ushort address) => address >= Address && address < Address + RegisterCount;
}

/// <summary>A coil that switches something: for meters, the supply relay or water valve (on = closed = supply connected).</summary>
public sealed record ModbusCoil(string Name, ushort Address);

/// <summary>What a meter model exposes over Modbus, as data: its registers, which one is billed, and its relay coil if it has one.</summary>
public sealed record ModbusRegisterMap(string Model, string Description, Utility Utility, IReadOnlyList<ModbusRegister> Registers, ModbusCoil? RelayCoil = null)
{
    /// <summary>The register billed from (each map has exactly one; <see cref="ModbusRegisterMaps"/> checks).</summary>
    public ModbusRegister Billing => Registers.Single(r => r.IsBilling);

    public ModbusRegister? Find(string name) => Registers.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public ModbusRegister Get(string name) => Find(name) ?? throw new KeyNotFoundException($"Register map {Model} has no register '{name}'.");
}
