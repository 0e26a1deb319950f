using System.Text.Json.Serialization;

using Quantify.Domain.Common;

namespace Quantify.Domain.Tariffs;

[JsonConverter(typeof(JsonStringEnumConverter<TariffKind>))]
public enum TariffKind { Flat, InclineBlocks, TimeOfUse }

[JsonConverter(typeof(JsonStringEnumConverter<TouBand>))]
public enum TouBand { OffPeak, Standard, Peak }

[JsonConverter(typeof(JsonStringEnumConverter<ChargePer>))]
public enum ChargePer { Day, Month }

/// <summary>Eskom's demand seasons: high demand (winter, June to August by default) and low demand (the rest).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Season>))]
public enum Season { LowDemand, HighDemand }

/// <summary>One step of an inclining block tariff: units of the month above the previous block's end, up to <see cref="UpTo"/>.</summary>
public sealed record TariffBlock
{
    /// <summary>The month-to-date quantity this block ends at (inclusive); null for the last, open-ended block.</summary>
    public decimal? UpTo { get; init; }

    /// <summary>Rand per kWh or kL, excluding VAT.</summary>
    public decimal Rate { get; init; }
}

/// <summary>A charge that does not depend on consumption: a daily service charge, a monthly basic charge.</summary>
public sealed record FixedCharge
{
    public string Description { get; init; } = "";

    /// <summary>Rand per day or per month, excluding VAT.</summary>
    public decimal Amount { get; init; }

    public ChargePer Per { get; init; } = ChargePer.Month;
}

/// <summary>Local clock hours [<see cref="FromHour"/>, <see cref="ToHour"/>) priced in one band; 0 to 24.</summary>
public sealed record TouHours
{
    public int FromHour { get; init; }
    public int ToHour { get; init; }
    public TouBand Band { get; init; }
}

/// <summary>Rand per kWh for each band of one season, excluding VAT.</summary>
public sealed record TouRates
{
    public decimal Peak { get; init; }
    public decimal Standard { get; init; }
    public decimal OffPeak { get; init; }

    public decimal For(TouBand band) => band switch
    {
        TouBand.Peak => Peak,
        TouBand.Standard => Standard,
        _ => OffPeak,
    };
}

/// <summary>The hour bands of one season for each day type, and the season's rates. Each day type must cover 0-24 exactly once.</summary>
public sealed record TouSeasonSchedule
{
    public IReadOnlyList<TouHours> Weekday { get; init; } = [];
    public IReadOnlyList<TouHours> Saturday { get; init; } = [];
    public IReadOnlyList<TouHours> Sunday { get; init; } = [];
    public TouRates Rates { get; init; } = new();

    public IReadOnlyList<TouHours> For(DayType dayType) => dayType switch
    {
        DayType.Saturday => Saturday,
        DayType.Sunday => Sunday,
        _ => Weekday,
    };

    /// <summary>The band of a local clock hour (0-23) on a day type; throws when the schedule does not cover it (validate first).</summary>
    public TouBand BandAt(DayType dayType, int hour)
    {
        foreach (var h in For(dayType))
        {
            if (h.FromHour <= hour && hour < h.ToHour) return h.Band;
        }
        throw new DomainException($"The {dayType} schedule does not cover hour {hour}.");
    }
}

/// <summary>Time-of-use: which months are high-demand season, and the bands and rates of each season.</summary>
public sealed record TimeOfUseRules
{
    /// <summary>Calendar months (1-12) of the high-demand season; every other month is low-demand.</summary>
    public IReadOnlyList<int> HighDemandMonths { get; init; } = [6, 7, 8];
    public TouSeasonSchedule HighDemand { get; init; } = new();
    public TouSeasonSchedule LowDemand { get; init; } = new();

    public Season SeasonOf(int month) => HighDemandMonths.Contains(month) ? Season.HighDemand : Season.LowDemand;

    public TouSeasonSchedule For(Season season) => season == Season.HighDemand ? HighDemand : LowDemand;
}

/// <summary>
/// What a tariff version charges. Immutable, and stored as JSON (System.Text.Json, enums as strings): public
/// get/init properties only. All rates and amounts are rand per kWh or kL (or per day/month) EXCLUDING VAT.
/// Only the section of the chosen <see cref="Kind"/> is priced; the others are ignored (an editor may keep them).
/// </summary>
public sealed record TariffRules
{
    public TariffKind Kind { get; init; } = TariffKind.Flat;

    /// <summary>Rand per unit for <see cref="TariffKind.Flat"/>.</summary>
    public decimal? FlatRate { get; init; }

    /// <summary>Inclining blocks, ascending; the month-to-date quantity picks the block and resets on the 1st.</summary>
    public IReadOnlyList<TariffBlock> Blocks { get; init; } = [];

    public TimeOfUseRules? TimeOfUse { get; init; }

    /// <summary>Free units a month for units registered as eligible (indigent): the first units of each month are free.</summary>
    public decimal FreeBasicPerMonth { get; init; }

    public IReadOnlyList<FixedCharge> FixedCharges { get; init; } = [];

    /// <summary>VAT in percent, added on top of the excl-VAT amounts and shown separately.</summary>
    public decimal VatPercent { get; init; } = Defaults.VatRate * 100m;

    public static TariffRules Flat(decimal rate) => new() { Kind = TariffKind.Flat, FlatRate = rate };

    /// <summary>Electricity in two blocks: R2.50/kWh up to 350 kWh a month, R3.10/kWh above (excl VAT); 50 kWh free basic electricity for eligible units.</summary>
    public static TariffRules SampleElectricityBlocks() => new()
    {
        Kind = TariffKind.InclineBlocks,
        Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }],
        FreeBasicPerMonth = 50m,
    };

    /// <summary>
    /// Water in Cape Town-style steps (0-6, 6-10.5, 10.5-20, 20-35, above 35 kL a month); 6 kL free basic water for
    /// eligible units. The rates (R/kL excl VAT) are illustrative, not a municipality's published tariff.
    /// </summary>
    public static TariffRules SampleWaterBlocks() => new()
    {
        Kind = TariffKind.InclineBlocks,
        Blocks =
        [
            new() { UpTo = 6m, Rate = 26.10m },
            new() { UpTo = 10.5m, Rate = 37.50m },
            new() { UpTo = 20m, Rate = 52.25m },
            new() { UpTo = 35m, Rate = 80.40m },
            new() { UpTo = null, Rate = 180.00m },
        ],
        FreeBasicPerMonth = 6m,
    };

    /// <summary>
    /// Homeflex-like time-of-use (Eskom's classic hours; the rates are illustrative, not Eskom's published ones).
    /// High season June-August: weekdays peak 06-09 and 17-19, standard 09-17 and 19-22, off-peak 22-06.
    /// Low season: weekdays peak 07-10 and 18-20, standard 06-07, 10-18 and 20-22, off-peak 22-06.
    /// Saturdays standard 07-12 and 18-20, off-peak otherwise; Sundays and public holidays off-peak all day.
    /// A daily service charge of R3.50 excl VAT.
    /// </summary>
    public static TariffRules SampleTimeOfUse()
    {
        IReadOnlyList<TouHours> saturday =
        [
            Hours(0, 7, TouBand.OffPeak), Hours(7, 12, TouBand.Standard), Hours(12, 18, TouBand.OffPeak),
            Hours(18, 20, TouBand.Standard), Hours(20, 24, TouBand.OffPeak),
        ];
        IReadOnlyList<TouHours> sunday = [Hours(0, 24, TouBand.OffPeak)];
        return new()
        {
            Kind = TariffKind.TimeOfUse,
            TimeOfUse = new TimeOfUseRules
            {
                HighDemandMonths = [6, 7, 8],
                HighDemand = new TouSeasonSchedule
                {
                    Weekday =
                    [
                        Hours(0, 6, TouBand.OffPeak), Hours(6, 9, TouBand.Peak), Hours(9, 17, TouBand.Standard),
                        Hours(17, 19, TouBand.Peak), Hours(19, 22, TouBand.Standard), Hours(22, 24, TouBand.OffPeak),
                    ],
                    Saturday = saturday,
                    Sunday = sunday,
                    Rates = new TouRates { Peak = 7.10m, Standard = 2.20m, OffPeak = 1.20m },
                },
                LowDemand = new TouSeasonSchedule
                {
                    Weekday =
                    [
                        Hours(0, 6, TouBand.OffPeak), Hours(6, 7, TouBand.Standard), Hours(7, 10, TouBand.Peak),
                        Hours(10, 18, TouBand.Standard), Hours(18, 20, TouBand.Peak), Hours(20, 22, TouBand.Standard),
                        Hours(22, 24, TouBand.OffPeak),
                    ],
                    Saturday = saturday,
                    Sunday = sunday,
                    Rates = new TouRates { Peak = 2.30m, Standard = 1.60m, OffPeak = 1.05m },
                },
            },
            FixedCharges = [new() { Description = "Service charge", Amount = 3.50m, Per = ChargePer.Day }],
        };
    }

    /// <summary>Every problem with these rules, each with the field it is about and a message a tariff editor can act on.</summary>
    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        void Add(string code, string field, string message) => errors.Add(new Error(code, message, field));

        if (!Enum.IsDefined(Kind)) Add("invalid_kind", nameof(Kind), $"Unknown tariff kind '{Kind}'.");
        if (VatPercent is < 0 or > 100) Add("out_of_range", nameof(VatPercent), $"VAT must be between 0% and 100% (it is {TariffText.Num(VatPercent)}%).");
        if (FreeBasicPerMonth < 0) Add("negative", nameof(FreeBasicPerMonth), "Free basic allowance cannot be negative.");

        var fixedCharges = FixedCharges ?? [];
        for (var i = 0; i < fixedCharges.Count; i++)
        {
            var c = fixedCharges[i];
            var field = $"{nameof(FixedCharges)}[{i}]";
            if (c is null) { Add("required", field, $"Fixed charge {i + 1} is empty."); continue; }
            if (string.IsNullOrWhiteSpace(c.Description)) Add("required", field + ".Description", $"Fixed charge {i + 1} needs a description.");
            else if (c.Description.Length > 100) Add("too_long", field + ".Description", $"Fixed charge {i + 1}: the description must be at most 100 characters.");
            if (c.Amount < 0) Add("negative", field + ".Amount", $"Fixed charge {i + 1} ({c.Description}) cannot be negative.");
            if (!Enum.IsDefined(c.Per)) Add("invalid", field + ".Per", $"Fixed charge {i + 1} must be per day or per month.");
        }

        switch (Kind)
        {
            case TariffKind.Flat:
                if (FlatRate is null) Add("required", nameof(FlatRate), "A flat tariff needs a rate per unit.");
                else if (FlatRate < 0) Add("negative", nameof(FlatRate), "The flat rate cannot be negative.");
                break;
            case TariffKind.InclineBlocks:
                ValidateBlocks(Add);
                break;
            case TariffKind.TimeOfUse:
                ValidateTimeOfUse(Add);
                break;
        }
        return errors;
    }

    private void ValidateBlocks(Action<string, string, string> add)
    {
        var blocks = Blocks ?? [];
        if (blocks.Count == 0)
        {
            add("required", nameof(Blocks), "A block tariff needs at least one block.");
            return;
        }
        decimal? previousEnd = 0m;
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            var field = $"{nameof(Blocks)}[{i}]";
            if (b is null) { add("required", field, $"Block {i + 1} is empty."); continue; }
            if (b.Rate < 0) add("negative", field + ".Rate", $"Block {i + 1}: the rate cannot be negative.");
            var isLast = i == blocks.Count - 1;
            if (b.UpTo is null && !isLast)
                add("open_block_not_last", field + ".UpTo", $"Block {i + 1} has no upper limit, but block {i + 2} follows it; only the last block can be open-ended.");
            if (b.UpTo is { } upTo)
            {
                if (isLast)
                    add("last_block_bounded", field + ".UpTo", $"The last block (block {i + 1}) must have no upper limit, so every unit above {TariffText.Num(upTo)} is priced.");
                if (upTo <= 0)
                    add("not_positive", field + ".UpTo", $"Block {i + 1} must end above 0 (it ends at {TariffText.Num(upTo)}).");
                else if (previousEnd is { } prev && upTo <= prev && i > 0)
                    add("blocks_not_ascending", field + ".UpTo", $"Block {i + 1} ends at {TariffText.Num(upTo)}, which is not above block {i}'s end ({TariffText.Num(prev)}); blocks must be in ascending order.");
            }
            if (b.UpTo is not null && (previousEnd is null || b.UpTo > previousEnd)) previousEnd = b.UpTo;
        }
    }

    private void ValidateTimeOfUse(Action<string, string, string> add)
    {
        if (TimeOfUse is null)
        {
            add("required", nameof(TimeOfUse), "A time-of-use tariff needs its seasons, hours and rates.");
            return;
        }
        var months = TimeOfUse.HighDemandMonths ?? [];
        foreach (var m in months.Where(m => m is < 1 or > 12).Distinct())
            add("invalid_month", $"{nameof(TimeOfUse)}.{nameof(TimeOfUseRules.HighDemandMonths)}", $"High-demand month {m} is not a month (1-12).");
        foreach (var m in months.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key))
            add("duplicate_month", $"{nameof(TimeOfUse)}.{nameof(TimeOfUseRules.HighDemandMonths)}", $"High-demand month {m} is listed more than once.");

        foreach (var season in new[] { Season.HighDemand, Season.LowDemand })
        {
            var schedule = TimeOfUse.For(season);
            var seasonField = $"{nameof(TimeOfUse)}.{season}";
            var seasonName = season == Season.HighDemand ? "High season" : "Low season";
            if (schedule is null) { add("required", seasonField, $"{seasonName} needs hours and rates."); continue; }
            var rates = schedule.Rates ?? new TouRates();
            foreach (var band in new[] { TouBand.Peak, TouBand.Standard, TouBand.OffPeak })
            {
                if (rates.For(band) < 0)
                    add("negative", $"{seasonField}.Rates.{band}", $"{seasonName}: the {BandName(band)} rate cannot be negative.");
            }
            foreach (var dayType in new[] { DayType.Weekday, DayType.Saturday, DayType.Sunday })
                ValidateDay(add, schedule.For(dayType) ?? [], $"{seasonField}.{dayType}", $"{seasonName}, {DayTypeName(dayType)}");
        }
    }

    private static void ValidateDay(Action<string, string, string> add, IReadOnlyList<TouHours> hours, string field, string label)
    {
        var cover = new int[24];
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            if (h is null) { add("required", $"{field}[{i}]", $"{label}: hour range {i + 1} is empty."); continue; }
            if (h.FromHour < 0 || h.ToHour > 24 || h.FromHour >= h.ToHour)
            {
                add("invalid_hours", $"{field}[{i}]", $"{label}: hours {h.FromHour}-{h.ToHour} are not a range within 0-24 (from must be before to).");
                continue;
            }
            if (!Enum.IsDefined(h.Band)) add("invalid", $"{field}[{i}].Band", $"{label}: hours {h.FromHour}-{h.ToHour} have no valid band.");
            for (var hour = h.FromHour; hour < h.ToHour; hour++) cover[hour]++;
        }
        foreach (var (from, to) in Runs(cover, c => c == 0))
            add("hours_not_covered", field, $"{label}: hours {from:00}:00-{to:00}:00 are not covered; every hour from 0 to 24 needs a band.");
        foreach (var (from, to) in Runs(cover, c => c > 1))
            add("hours_overlap", field, $"{label}: hours {from:00}:00-{to:00}:00 are in more than one range.");
    }

    private static IEnumerable<(int From, int To)> Runs(int[] cover, Func<int, bool> match)
    {
        var start = -1;
        for (var hour = 0; hour <= 24; hour++)
        {
            var hit = hour < 24 && match(cover[hour]);
            if (hit && start < 0) start = hour;
            if (!hit && start >= 0)
            {
                yield return (start, hour);
                start = -1;
            }
        }
    }

    internal static string BandName(TouBand band) => band switch
    {
        TouBand.Peak => "peak",
        TouBand.Standard => "standard",
        _ => "off-peak",
    };

    private static string DayTypeName(DayType d) => d switch
    {
        DayType.Saturday => "Saturdays",
        DayType.Sunday => "Sundays and public holidays",
        _ => "weekdays",
    };

    private static TouHours Hours(int from, int to, TouBand band) => new() { FromHour = from, ToHour = to, Band = band };
}
