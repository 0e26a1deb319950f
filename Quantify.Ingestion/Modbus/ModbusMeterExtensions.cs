namespace Quantify.Ingestion.Modbus;

/// <summary>Reads and switches meters through their <see cref="ModbusRegisterMap"/>: the calls the poller and relay commands use.</summary>
public static class ModbusMeterExtensions
{
    /// <summary>Reads one mapped value (function 04 for input registers, 03 for holding) and applies its scale.</summary>
    public static async Task<decimal> ReadValueAsync(this ModbusMaster master, byte unitId, ModbusRegister register, CancellationToken ct = default)
    {
        var count = (ushort)register.RegisterCount;
        var words = register.Table switch
        {
            ModbusTable.InputRegisters => await master.ReadInputRegistersAsync(unitId, register.Address, count, ct),
            ModbusTable.HoldingRegisters => await master.ReadHoldingRegistersAsync(unitId, register.Address, count, ct),
            _ => throw new InvalidOperationException($"Register '{register.Name}' is in the {register.Table} table, which holds bits, not numbers."),
        };
        return ModbusValues.Decode(register.Type, words) * register.Scale;
    }

    /// <summary>The billing register in its unit (kWh, kL).</summary>
    public static Task<decimal> ReadBillingRegisterAsync(this ModbusMaster master, byte unitId, ModbusRegisterMap map, CancellationToken ct = default) =>
        master.ReadValueAsync(unitId, map.Billing, ct);

    /// <summary>True when the relay is closed (supply on); null when the model has no relay coil.</summary>
    public static async Task<bool?> ReadRelayClosedAsync(this ModbusMaster master, byte unitId, ModbusRegisterMap map, CancellationToken ct = default) =>
        map.RelayCoil is { } coil ? (await master.ReadCoilsAsync(unitId, coil.Address, 1, ct))[0] : null;

    /// <summary>Closes (supply on) or opens (supply off) the relay with function 05. Throws <see cref="InvalidOperationException"/> for a model without a relay.</summary>
    public static Task SetRelayAsync(this ModbusMaster master, byte unitId, ModbusRegisterMap map, bool closed, CancellationToken ct = default) =>
        map.RelayCoil is { } coil
            ? master.WriteSingleCoilAsync(unitId, coil.Address, closed, ct)
            : throw new InvalidOperationException($"Model {map.Model} has no relay coil.");
}
