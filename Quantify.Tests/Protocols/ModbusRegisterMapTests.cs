using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;

namespace Quantify.Tests.Protocols;

/// <summary>The register maps hold the addresses from the manufacturers' tables, one billing register each.</summary>
public class ModbusRegisterMapTests
{
    [Theory]
    [InlineData("SDM120")]
    [InlineData("SDM630")]
    [InlineData("sdm120-qr")]
    public void EastronMaps_ReadEnergyVoltageCurrentAndPower_FromInputRegistersAsBigEndianFloats(string model)
    {
        var map = ModbusRegisterMaps.Get(model);
        Assert.Equal(Utility.Electricity, map.Utility);
        Assert.Equal(new ModbusRegister("total_active_energy", ModbusTable.InputRegisters, 0x0156, ModbusDataType.Float32, 1m, "kWh", IsBilling: true), map.Billing);
        var prefix = map.Model.StartsWith("SDM630", StringComparison.Ordinal) ? "phase1_" : "";
        Assert.Equal(0x0000, map.Get(prefix + "voltage").Address);
        Assert.Equal(0x0006, map.Get(prefix + "current").Address);
        Assert.Equal(0x000C, map.Get(prefix + "active_power").Address);
        Assert.All(map.Registers, r => Assert.Equal((ModbusTable.InputRegisters, ModbusDataType.Float32), (r.Table, r.Type)));
    }

    [Fact]
    public void Sdm630_HasAllThreePhases()
    {
        var map = ModbusRegisterMaps.Sdm630;
        Assert.Equal([0x0000, 0x0002, 0x0004], new[] { "phase1_voltage", "phase2_voltage", "phase3_voltage" }.Select(n => (int)map.Get(n).Address));
        Assert.Equal([0x0006, 0x0008, 0x000A], new[] { "phase1_current", "phase2_current", "phase3_current" }.Select(n => (int)map.Get(n).Address));
        Assert.Equal([0x000C, 0x000E, 0x0010], new[] { "phase1_active_power", "phase2_active_power", "phase3_active_power" }.Select(n => (int)map.Get(n).Address));
        Assert.Null(map.RelayCoil);
    }

    [Fact]
    public void GenericWater_BillsLitresAsKilolitres_AndSwitchesItsValveOnTheQuantifyRelayCoil()
    {
        var map = ModbusRegisterMaps.Get("WATER-GENERIC");
        Assert.Equal(Utility.Water, map.Utility);
        Assert.Equal((ModbusTable.HoldingRegisters, (ushort)0, ModbusDataType.UInt32, 0.001m, "kL"), (map.Billing.Table, map.Billing.Address, map.Billing.Type, map.Billing.Scale, map.Billing.Unit));
        Assert.Equal(ModbusRegisterMaps.QuantifyRelay, map.RelayCoil);
        Assert.Equal(12.345m, ModbusValues.Decode(map.Billing.Type, [0, 12345]) * map.Billing.Scale);
    }

    [Fact]
    public void EveryMap_HasExactlyOneBillingRegister_AndAnUnknownModelIsNamed()
    {
        Assert.All(ModbusRegisterMaps.All, m => Assert.Single(m.Registers, r => r.IsBilling));
        Assert.Equal(ModbusRegisterMaps.All.Count, ModbusRegisterMaps.All.Select(m => m.Model).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var ex = Assert.Throws<KeyNotFoundException>(() => ModbusRegisterMaps.Get("SDM72"));
        Assert.Equal("No Modbus register map for model 'SDM72'. Known: SDM120, SDM630, SDM120-QR, SDM630-QR, WATER-GENERIC.", ex.Message);
    }
}
