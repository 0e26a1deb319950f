using System.Globalization;

namespace Quantify.Ingestion.Modbus;

/// <summary>How a value is laid out in 16-bit registers. Registers are big-endian on the wire; for 32-bit values the word order is named.</summary>
public enum ModbusDataType
{
    UInt16,
    Int16,
    /// <summary>Two registers, high word first (ABCD), as Eastron and most meters use.</summary>
    UInt32,
    Int32,
    /// <summary>IEEE 754 single precision, high word first (ABCD): Eastron SDM input registers.</summary>
    Float32,
    /// <summary>Two registers, low word first (CDAB), as some PLCs and water meters use.</summary>
    UInt32LowWordFirst,
    Float32LowWordFirst,
}

/// <summary>Register words to numbers and back.</summary>
public static class ModbusValues
{
    public static int RegisterCount(ModbusDataType type) => type is ModbusDataType.UInt16 or ModbusDataType.Int16 ? 1 : 2;

    public static short ToInt16(ushort register) => unchecked((short)register);

    public static uint ToUInt32(ushort high, ushort low) => ((uint)high << 16) | low;

    public static int ToInt32(ushort high, ushort low) => unchecked((int)ToUInt32(high, low));

    public static float ToFloat32(ushort high, ushort low) => BitConverter.UInt32BitsToSingle(ToUInt32(high, low));

    /// <summary>A float as two registers, high word first.</summary>
    public static ushort[] FromFloat32(float value) => FromUInt32(BitConverter.SingleToUInt32Bits(value));

    /// <summary>A 32-bit value as two registers, high word first.</summary>
    public static ushort[] FromUInt32(uint value) => [(ushort)(value >> 16), (ushort)(value & 0xFFFF)];

    /// <summary>
    /// The number the registers hold. Floats convert through their shortest round-trip text, so a meter's 1234.5 stays
    /// 1234.5 rather than the nearest binary fraction. Throws <see cref="ModbusProtocolException"/> for NaN, infinity or too few registers.
    /// </summary>
    public static decimal Decode(ModbusDataType type, ReadOnlySpan<ushort> registers)
    {
        if (registers.Length < RegisterCount(type)) throw new ModbusProtocolException($"{type} needs {RegisterCount(type)} registers; {registers.Length} given.");
        return type switch
        {
            ModbusDataType.UInt16 => registers[0],
            ModbusDataType.Int16 => ToInt16(registers[0]),
            ModbusDataType.UInt32 => ToUInt32(registers[0], registers[1]),
            ModbusDataType.Int32 => ToInt32(registers[0], registers[1]),
            ModbusDataType.UInt32LowWordFirst => ToUInt32(registers[1], registers[0]),
            ModbusDataType.Float32 => FloatToDecimal(ToFloat32(registers[0], registers[1])),
            ModbusDataType.Float32LowWordFirst => FloatToDecimal(ToFloat32(registers[1], registers[0])),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>The registers that hold <paramref name="value"/>. Integers must be whole and in range (throws <see cref="ArgumentOutOfRangeException"/> otherwise).</summary>
    public static ushort[] Encode(ModbusDataType type, decimal value)
    {
        switch (type)
        {
            case ModbusDataType.Float32: return FromFloat32((float)value);
            case ModbusDataType.Float32LowWordFirst: return Swap(FromFloat32((float)value));
        }
        if (value != decimal.Truncate(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"{type} holds whole numbers only.");
        return type switch
        {
            ModbusDataType.UInt16 => [checked((ushort)InRange(value, ushort.MinValue, ushort.MaxValue, type))],
            ModbusDataType.Int16 => [unchecked((ushort)(short)InRange(value, short.MinValue, short.MaxValue, type))],
            ModbusDataType.UInt32 => FromUInt32((uint)InRange(value, uint.MinValue, uint.MaxValue, type)),
            ModbusDataType.Int32 => FromUInt32(unchecked((uint)(int)InRange(value, int.MinValue, int.MaxValue, type))),
            ModbusDataType.UInt32LowWordFirst => Swap(FromUInt32((uint)InRange(value, uint.MinValue, uint.MaxValue, type))),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    private static decimal InRange(decimal value, decimal min, decimal max, ModbusDataType type) =>
        value < min || value > max ? throw new ArgumentOutOfRangeException(nameof(value), value, $"{type} holds {min} to {max}.") : value;

    private static ushort[] Swap(ushort[] words) => [words[1], words[0]];

    private static decimal FloatToDecimal(float f)
    {
        if (!float.IsFinite(f)) throw new ModbusProtocolException($"Register holds {f.ToString(CultureInfo.InvariantCulture)}, not a number.");
        return decimal.TryParse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new ModbusProtocolException($"Register value {f.ToString(CultureInfo.InvariantCulture)} is out of range.");
    }
}
