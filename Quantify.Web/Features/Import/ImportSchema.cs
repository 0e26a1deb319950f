using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;

namespace Quantify.Web.Features.Import;

/// <summary>What a file imports. Each kind has its own template, sheet and natural key (docs/import.md).</summary>
public enum ImportKind { Units, Persons, Meters, OpeningReadings, OpeningBalances, TopUps }

public enum ColumnType { Text, Integer, Number, Money, Date, Choice }

/// <summary>
/// One column of a template. <see cref="Field"/> is the Domain's field name, so a Domain validation error on that field
/// is shown against this column.
/// </summary>
public sealed record ImportColumn(string Header, ColumnType Type, bool Required, string Example, string Note, string? Field = null,
    IReadOnlyList<string>? Choices = null, bool EstateChoices = false, double Width = 18);

public sealed record ImportSchema(ImportKind Kind, string Slug, string Title, string SheetName, string NaturalKey, string Description, IReadOnlyList<ImportColumn> Columns)
{
    public ImportColumn? Column(string header) => Columns.FirstOrDefault(c => string.Equals(c.Header, header, StringComparison.OrdinalIgnoreCase));
}

public static class ImportSchemas
{
    public const string Estate = "Estate";
    public const string UnitNumber = "Unit number";

    public static readonly string[] Relationships = ["Tenant", "Owner", "Family member"];
    public static readonly string[] IdTypes = ["SA ID", "Passport"];
    public static readonly string[] Pockets = [nameof(Pocket.Electricity), nameof(Pocket.Water), nameof(Pocket.HotWater), nameof(Pocket.Solar), nameof(Pocket.Unallocated)];
    public static readonly string[] PostingTypes = ["Top-up", "Adjustment"];

    private static ImportColumn EstateColumn => new(Estate, ColumnType.Choice, true, "Silverleaf Estate",
        "The estate's name exactly as in Quantify (pick from the list). Only estates you manage are accepted.", "EstateId", EstateChoices: true, Width: 26);

    public static readonly ImportSchema Units = new(ImportKind.Units, "units", "Units", "Units", "Estate + unit number",
        "One row per unit. A row whose estate and unit number already exist updates that unit.",
        [
            EstateColumn,
            new(UnitNumber, ColumnType.Text, true, "EXAMPLE-1", "Unique within the estate (at most 50 characters).", "UnitNumber"),
            new("Floor", ColumnType.Text, false, "1", "Optional (at most 20 characters).", "Floor", Width: 10),
            new("Building", ColumnType.Text, false, "Block A", "Optional (at most 50 characters).", "Building"),
            new("Size m2", ColumnType.Number, false, "74.5", "Optional, a number of square metres.", "SizeSqm", Width: 10),
            new("Participation quota %", ColumnType.Number, false, "1.25", "Optional, 0 to 100.", "ParticipationQuota", Width: 22),
            new("Bedrooms", ColumnType.Integer, false, "2", "Optional whole number, 0 to 50.", "Bedrooms", Width: 11),
            new("Bathrooms", ColumnType.Integer, false, "1", "Optional whole number, 0 to 50.", "Bathrooms", Width: 11),
        ]);

    public static readonly ImportSchema Persons = new(ImportKind.Persons, "persons", "People, ownerships and tenancies", "People", "ID number (+ unit and start date for the link)",
        "One row per person and unit link. The person is found by ID/passport number or created; the row then links them to the unit as tenant (move-in), owner or family member.",
        [
            new("First name", ColumnType.Text, true, "Thandi", "Required.", "FirstName"),
            new("Last name", ColumnType.Text, true, "Nkosi", "Required.", "LastName"),
            new("ID type", ColumnType.Choice, true, "SA ID", "SA ID (13 digits, checked) or Passport.", "IdType", IdTypes, Width: 12),
            new("ID number", ColumnType.Text, true, "8001015009087", "The natural key of a person: type it as text so Excel keeps every digit.", "IdNumber", Width: 18),
            new("Email", ColumnType.Text, false, "thandi@example.com", "Optional.", "Email", Width: 26),
            new("Phone", ColumnType.Text, false, "+27821234567", "Optional.", "Phone", Width: 16),
            EstateColumn with { Required = false, Note = "The estate of the unit to link (leave blank with the unit number for a person only)." },
            new(UnitNumber, ColumnType.Text, false, "EXAMPLE-1", "The unit to link the person to (blank: person only).", "UnitId"),
            new("Relationship", ColumnType.Choice, false, "Tenant", "Tenant, Owner or Family member (needed with a unit).", "Role", Relationships, Width: 16),
            new("Start date", ColumnType.Date, false, "2026-03-01", "Move-in date (tenant, family) or transfer date (owner). Needed with a unit.", "StartDate", Width: 13),
            new("End date", ColumnType.Date, false, "", "Optional: move-out or sale date.", "EndDate", Width: 13),
            new("Share %", ColumnType.Number, false, "", "Owners only: ownership share (default 100).", "SharePercent", Width: 10),
        ]);

    public static readonly ImportSchema Meters = new(ImportKind.Meters, "meters", "Meters", "Meters", "Serial number (the device EUI is unique too)",
        "One row per meter. A row whose serial number exists updates that meter (EUI, comms, unit).",
        [
            EstateColumn,
            new("Serial number", ColumnType.Text, true, "EL-000123", "Unique across Quantify.", "SerialNumber"),
            new("Meter type", ColumnType.Choice, true, nameof(MeterType.Electricity), "The utility measured.", "Type", Enum.GetNames<MeterType>()),
            new("Comms", ColumnType.Choice, true, nameof(CommsType.Lora), "How the meter reports.", "Comms", Enum.GetNames<CommsType>(), Width: 12),
            new("Device EUI", ColumnType.Text, false, "70B3D57ED0001234", "16 hex digits, required for LoRaWAN meters, unique.", "DeviceEui", Width: 20),
            new("Modbus address", ColumnType.Integer, false, "", "1-247, required for Modbus/RS485 meters.", "ModbusAddress", Width: 15),
            new("Manufacturer", ColumnType.Text, false, "Kamstrup", "Optional.", "Manufacturer"),
            new("Model", ColumnType.Text, false, "Omnipower", "Optional.", "Model"),
            new("Installation date", ColumnType.Date, false, "2026-02-15", "Optional.", "InstallationDate", Width: 16),
            new(UnitNumber, ColumnType.Text, false, "EXAMPLE-1", "The unit the meter is fitted to (blank: not fitted). One meter per utility per unit.", "UnitId"),
        ]);

    public static readonly ImportSchema OpeningReadings = new(ImportKind.OpeningReadings, "opening-readings", "Opening readings", "Readings", "Meter serial + reading date",
        "The register of each meter when Quantify takes over: stored as the baseline the next reading bills from. A reading is never changed once stored.",
        [
            EstateColumn,
            new("Serial number", ColumnType.Text, true, "EL-000123", "The meter's serial number.", "SerialNumber"),
            new("Reading date", ColumnType.Date, true, "2026-03-01", "The day the register was read (not in the future).", "ReadAt", Width: 14),
            new("Register", ColumnType.Number, true, "12345.6", "The cumulative register (kWh or kL), zero or more.", "Register", Width: 14),
        ]);

    public static readonly ImportSchema OpeningBalances = new(ImportKind.OpeningBalances, "opening-balances", "Opening balances", "Balances", "Estate + unit number + pocket",
        "The wallet balance a unit brings from the previous system, once per unit and pocket (negative = debt). Posted through the ledger against the opening-balances account.",
        [
            EstateColumn,
            new(UnitNumber, ColumnType.Text, true, "EXAMPLE-1", "The unit.", "UnitId"),
            new("Pocket", ColumnType.Choice, true, nameof(Pocket.Electricity), "The wallet pocket.", "Pocket", Pockets, Width: 14),
            new("Amount", ColumnType.Money, true, "250.00", "Rand, 2 decimals; negative for a debt carried over.", "Amount", Width: 12),
            new("Balance date", ColumnType.Date, true, "2026-03-01", "The value date of the balance.", "ValueDate", Width: 14),
        ]);

    public static readonly ImportSchema TopUps = new(ImportKind.TopUps, "top-ups", "Bulk top-ups and adjustments", "TopUps", "Estate + reference",
        "One wallet posting per row. The reference is the row's natural key: uploading the same reference again never posts twice.",
        [
            EstateColumn,
            new(UnitNumber, ColumnType.Text, true, "EXAMPLE-1", "The unit.", "UnitId"),
            new("Type", ColumnType.Choice, true, "Top-up", "Top-up (money received in the bank) or Adjustment (a correction, may be negative).", "Type", PostingTypes, Width: 13),
            new("Pocket", ColumnType.Choice, true, nameof(Pocket.Electricity), "The wallet pocket.", "Pocket", Pockets, Width: 14),
            new("Amount", ColumnType.Money, true, "100.00", "Rand, 2 decimals. Top-ups are positive.", "Amount", Width: 12),
            new("Date", ColumnType.Date, true, "2026-03-05", "Value date.", "ValueDate", Width: 13),
            new("Reference", ColumnType.Text, true, "BULK-2026-03-0001", "Unique per estate (e.g. your batch and line number).", "Reference", Width: 24),
            new("Description", ColumnType.Text, false, "March bulk top-up", "Optional, shown on the statement.", "Description", Width: 28),
        ]);

    public static readonly IReadOnlyList<ImportSchema> All = [Units, Persons, Meters, OpeningReadings, OpeningBalances, TopUps];

    public static ImportSchema For(ImportKind kind) => All.Single(s => s.Kind == kind);

    public static ImportSchema? BySlug(string slug) => All.FirstOrDefault(s => string.Equals(s.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
