using System.Buffers.Binary;

namespace Quantify.Ingestion.ChirpStack;

/// <summary>The four LoRaWAN meter profiles Quantify decodes, by frame port (docs/protocols.md has the byte layouts).</summary>
public enum MeterProfile { Electricity = 10, Water = 20, HotWater = 30, Solar = 40 }

/// <summary>One decoded meter frame: the register in kWh or kL and the flags the profile carries.</summary>
public sealed record MeterFrame(MeterProfile Profile, decimal Register, bool? RelayClosed = null, bool Leak = false, bool Tamper = false, decimal? TemperatureC = null);

/// <summary>
/// Raw FRMPayload layouts (big-endian). Electricity/solar: uint32 Wh + flags. Water: uint32 litres + flags.
/// Hot water: uint32 litres + int16 tenths of °C + flags. Flags: bit0 relay closed (electricity) or leak (water),
/// bit1 tamper. Encoding is provided too, for the simulator and for tests.
/// </summary>
public static class MeterPayloads
{
    public static int LengthOf(MeterProfile profile) => profile == MeterProfile.HotWater ? 7 : 5;

    public static bool TryDecode(int fPort, ReadOnlySpan<byte> data, out MeterFrame? frame, out string? error)
    {
        frame = null;
        error = null;
        if (!Enum.IsDefined(typeof(MeterProfile), fPort))
        {
            error = $"Unknown fPort {fPort}: expected 10 (electricity), 20 (water), 30 (hot water) or 40 (solar).";
            return false;
        }
        var profile = (MeterProfile)fPort;
        if (data.Length != LengthOf(profile))
        {
            error = $"A {profile} frame on fPort {fPort} is {LengthOf(profile)} bytes, this one is {data.Length}.";
            return false;
        }
        var raw = BinaryPrimitives.ReadUInt32BigEndian(data);
        var register = raw / 1000m;
        var flags = data[^1];
        frame = profile switch
        {
            MeterProfile.Electricity => new MeterFrame(profile, register, RelayClosed: (flags & 1) != 0, Tamper: (flags & 2) != 0),
            MeterProfile.Water => new MeterFrame(profile, register, Leak: (flags & 1) != 0, Tamper: (flags & 2) != 0),
            MeterProfile.HotWater => new MeterFrame(profile, register, Leak: (flags & 1) != 0, Tamper: (flags & 2) != 0,
                TemperatureC: BinaryPrimitives.ReadInt16BigEndian(data[4..6]) / 10m),
            _ => new MeterFrame(profile, register, Tamper: (flags & 2) != 0),
        };
        return true;
    }

    public static byte[] Encode(MeterFrame frame)
    {
        var bytes = new byte[LengthOf(frame.Profile)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)Math.Round(frame.Register * 1000m)));
        if (frame.Profile == MeterProfile.HotWater)
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(4, 2), checked((short)Math.Round((frame.TemperatureC ?? 0m) * 10m)));
        byte flags = 0;
        if (frame.RelayClosed == true || frame.Leak) flags |= 1;
        if (frame.Tamper) flags |= 2;
        bytes[^1] = flags;
        return bytes;
    }
}
