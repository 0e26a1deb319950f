using System.Text;
using System.Text.RegularExpressions;

namespace Quantify.Web.Components.Shared;

/// <summary>
/// The words people see for enum values and roles (docs/portal.md, "Wording"). Code names such as HotWater, TopUp,
/// SaId or ModbusTcp never reach a page: every enum shown goes through <see cref="Of"/>, which knows the product's own
/// terms and otherwise writes the name as a sentence ("StudentHousing" → "Student housing").
/// </summary>
public static partial class Display
{
    private static readonly Dictionary<string, string> Terms = new(StringComparer.Ordinal)
    {
        ["SaId"] = "SA ID",
        ["Lora"] = "LoRaWAN",
        ["NbIot"] = "NB-IoT",
        ["Rs485"] = "RS-485",
        ["Plc"] = "Power-line (PLC)",
        ["Wifi"] = "Wi-Fi",
        ["Sms"] = "SMS",
        ["InApp"] = "In the portal",
        ["Push"] = "Web push",
        ["ModbusTcp"] = "Modbus TCP",
        ["ModbusRtuOverTcp"] = "Modbus RTU over TCP",
        ["ModbusSerial"] = "Modbus serial (RS-485)",
        ["TopUp"] = "Top-up",
        ["OffPeak"] = "Off-peak",
        ["TimeOfUse"] = "Time of use",
        ["InclineBlocks"] = "Inclining blocks",
        ["Days0To29"] = "0–29 days",
        ["Days30To59"] = "30–59 days",
        ["Days60To89"] = "60–89 days",
        ["Days90Plus"] = "90 days or more",
        ["PayFastClearing"] = "PayFast clearing",
        ["VatOutput"] = "VAT output",
        ["DebtCap"] = "Debt cap reached",
        ["ClockSkew"] = "Clock out of sync",
        ["RelayOff"] = "Switch off",
        ["RelayOn"] = "Switch on",
        ["ReadNow"] = "Read now",
        ["SyncClock"] = "Set the clock",
        ["HandToAgent"] = "Handed to the agent",
        ["Eft"] = "EFT",
        ["PayFast"] = "PayFast",
        ["Mqtt"] = "MQTT",
        ["Http"] = "HTTP",
        ["SqlServer"] = "SQL Server",
        ["SQLite"] = "SQLite",
        // Roles
        ["ManagingAgent"] = "Managing agent",
        ["BodyCorporate"] = "Body corporate",
        ["FamilyMember"] = "Family member",
        ["UtilityProvider"] = "Utility provider",
        ["SuperAdmin"] = "Super admin",
    };

    /// <summary>The display name of an enum value.</summary>
    public static string Of(Enum? value) => value is null ? "—" : Of(value.ToString());

    /// <summary>The display name of a code name (an enum member or a role name).</summary>
    public static string Of(string? name)
    {
        if (string.IsNullOrEmpty(name) || !Identifier().IsMatch(name)) return name ?? ""; // already words, not a code name
        if (Terms.TryGetValue(name, out var term)) return term;
        var words = Words().Matches(name).Select(m => m.Value).ToList();
        if (words.Count <= 1) return name;
        var text = new StringBuilder(words[0]);
        foreach (var w in words.Skip(1)) text.Append(' ').Append(w.All(char.IsUpper) && w.Length > 1 ? w : w.ToLowerInvariant());
        return text.ToString();
    }

    /// <summary>True when <paramref name="text"/> contains a code name a person should not see (two or more joined capitalised words).</summary>
    public static bool LooksLikeCode(string text) => CodeName().IsMatch(text.Replace("PayFast", "", StringComparison.Ordinal));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|[0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex CodeName();
}
