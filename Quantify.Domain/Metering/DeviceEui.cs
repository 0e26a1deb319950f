using Quantify.Domain.Common;

namespace Quantify.Domain.Metering;

/// <summary>A LoRaWAN device EUI: 16 hex digits, stored lower-case without separators.</summary>
public readonly record struct DeviceEui
{
    private DeviceEui(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts "70B3D5...", "70-b3-d5-...", "70:B3:..." or with spaces; rejects anything that is not 16 hex digits.</summary>
    public static Result<DeviceEui> Parse(string? input, string field = "DeviceEui")
    {
        if (string.IsNullOrWhiteSpace(input))
            return Result<DeviceEui>.Fail(new Error("required", "Device EUI is required.", field));
        var cleaned = new string(input.Where(c => c is not (':' or '-' or ' ')).ToArray()).ToLowerInvariant();
        if (cleaned.Length != 16 || !cleaned.All(Uri.IsHexDigit))
            return Result<DeviceEui>.Fail(new Error("invalid_eui",
                $"Device EUI '{input.Trim()}' must be exactly 16 hexadecimal characters (0-9, a-f); separators ':' and '-' are allowed.", field));
        return Result<DeviceEui>.Ok(new DeviceEui(cleaned));
    }

    public override string ToString() => Value;
}
