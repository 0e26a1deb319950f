using System.Runtime.CompilerServices;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Tariffs;

/// <summary>
/// Prices consumption and fixed charges. Pure: no clock, no time-zone lookup, no I/O.
/// </summary>
/// <remarks>
/// <para><b>Splitting.</b> A reading's interval [From, To) is cut at local midnight on the 1st of each month (blocks and
/// free basic reset), at the local midnights where the tariff version changes, and - for time-of-use versions - at
/// every local hour edge (bands, day types and seasons change only there). The quantity is apportioned linearly in
/// time by cumulative rounding to <see cref="QuantityDecimals"/> places: part i gets round(Q·t≤i/T) − round(Q·t&lt;i/T),
/// the last part ends at exactly Q, so the parts always add up to the reading's quantity.</para>
/// <para><b>Blocks and free basic.</b> Within a month the month-to-date quantity picks the block, exactly at the edge.
/// For an eligible unit the first units of each month are free (up to the allowance); they still count towards the
/// blocks.</para>
/// <para><b>Rounding (no cent drift).</b> Amounts are computed exactly in decimal; a reading is charged
/// round(month cost after it) − round(month cost before it), with round = whole cents, MidpointRounding.AwayFromZero.
/// VAT likewise: round(VAT% × round(after)) − round(VAT% × round(before)). So the readings of a month always add up,
/// to the cent, to the month priced in one go, VAT included. Line amounts are rounded to cents and the cent or two
/// this carries lands on the lines with the largest rounding remainder, so the lines add up to the charge.</para>
/// </remarks>
public static class TariffPricer
{
    /// <summary>Decimal places quantities are apportioned to when a reading is split.</summary>
    public const int QuantityDecimals = 6;

    /// <summary>Whole cents, half a cent away from zero (as <see cref="Money.RoundToCents"/>).</summary>
    public static decimal RoundToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Prices the consumption of <paramref name="quantity"/> over [<paramref name="from"/>, <paramref name="to"/>) for
    /// the unit in <paramref name="context"/>, under whichever versions of <paramref name="tariffs"/> are in effect
    /// (the unit's override wins over the estate default, day by day).
    /// </summary>
    public static Result<ConsumptionCharge> Price(TariffSet tariffs, PricingContext context, DateTimeOffset from, DateTimeOffset to, decimal quantity) =>
        PriceCore(new Resolver(tariffs, null), TariffText.UnitOf(tariffs.Utility ?? Utility.Electricity), context, from, to, quantity);

    /// <summary>Written only when a reading meets a day without a tariff (not for every reading priced).</summary>
    private static string NoTariffMessage(Utility? utility, int? unitId, DateOnly date) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"No {(utility is { } u ? u.ToString().ToLowerInvariant() + " " : "")}tariff is in effect on {date:yyyy-MM-dd}{(unitId is null ? "" : $" for unit {unitId}")}; add one for the estate or the unit.");

    /// <summary>Prices under the given versions of one estate and utility (see <see cref="Price(TariffSet, PricingContext, DateTimeOffset, DateTimeOffset, decimal)"/>).</summary>
    public static Result<ConsumptionCharge> Price(IEnumerable<Tariff> versions, PricingContext context, DateTimeOffset from, DateTimeOffset to, decimal quantity) =>
        Price(new TariffSet(versions), context, from, to, quantity);

    /// <summary>Prices under bare rules that apply at all times (previews, what-if comparisons). Invalid rules fail with their validation errors.</summary>
    public static Result<ConsumptionCharge> Price(TariffRules rules, Utility utility, PricingContext context, DateTimeOffset from, DateTimeOffset to, decimal quantity)
        => PriceCore(new Resolver(null, new Version(0, "", rules)), TariffText.UnitOf(utility), context, from, to, quantity);

    /// <summary>
    /// The fixed charges for one local day: each daily charge, plus the monthly charges on the 1st (charged in advance).
    /// Rounded cumulatively within the month, so the days of a month add up to <see cref="FixedChargesForMonth(TariffRules, int, int)"/>.
    /// </summary>
    public static Charge FixedChargesFor(TariffRules rules, DateOnly day) => FixedChargesFor(rules, day, 0);

    /// <inheritdoc cref="FixedChargesFor(TariffRules, DateOnly)"/>
    public static Charge FixedChargesFor(Tariff tariff, DateOnly day) => FixedChargesFor(tariff.Rules, day, tariff.Id);

    /// <summary>A whole month's fixed charges: daily charges × days in the month, plus the monthly charges.</summary>
    public static Charge FixedChargesForMonth(TariffRules rules, int year, int month) => FixedChargesForMonth(rules, year, month, 0);

    /// <inheritdoc cref="FixedChargesForMonth(TariffRules, int, int)"/>
    public static Charge FixedChargesForMonth(Tariff tariff, int year, int month) => FixedChargesForMonth(tariff.Rules, year, month, tariff.Id);

    /// <summary>
    /// The fixed charges for one local day of a unit occupied on <paramref name="occupiedDays"/> (day numbers) of that
    /// month. Daily charges are as in <see cref="FixedChargesFor(TariffRules, DateOnly)"/>. Each monthly charge A is pro
    /// rata: A × days occupied / days in the month, accrued on the occupied days and rounded cumulatively to the cent
    /// (half away from zero): day d carries round(A·k(d)/N) − round(A·(k(d)−1)/N), k(d) being the occupied days up to and
    /// including d, so the month adds up to round(A × days occupied / N) exactly, and a full month to A.
    /// </summary>
    public static Charge FixedChargesFor(TariffRules rules, DateOnly day, IReadOnlySet<int> occupiedDays) => FixedChargesFor(rules, day, 0, occupiedDays);

    /// <inheritdoc cref="FixedChargesFor(TariffRules, DateOnly, IReadOnlySet{int})"/>
    public static Charge FixedChargesFor(Tariff tariff, DateOnly day, IReadOnlySet<int> occupiedDays) => FixedChargesFor(tariff.Rules, day, tariff.Id, occupiedDays);

    private static Charge FixedChargesFor(TariffRules rules, DateOnly day, int tariffId, IReadOnlySet<int>? occupied = null)
    {
        var month = FirstOfMonth(day);
        var d = day.Day;
        var n = DateTime.DaysInMonth(day.Year, day.Month);
        var lines = new List<ChargeLine>();
        foreach (var c in rules.FixedCharges)
        {
            if (c.Per == ChargePer.Day)
                lines.Add(FixedLine(c, 1m, "day", RoundToCents(c.Amount * d) - RoundToCents(c.Amount * (d - 1)), c.Amount, month, tariffId));
            else if (occupied is null)
            {
                if (d == 1) lines.Add(FixedLine(c, 1m, "month", RoundToCents(c.Amount), c.Amount, month, tariffId));
            }
            else if (occupied.Contains(d))
            {
                var share = MonthlyThrough(c.Amount, occupied, d, n) - MonthlyThrough(c.Amount, occupied, d - 1, n);
                lines.Add(FixedLine(c, 1m, $"day of {n}", share, c.Amount / n, month, tariffId) with
                {
                    Description = $"{c.Description} (pro rata, 1/{n} month)", Rate = Math.Round(c.Amount / n, 4, MidpointRounding.AwayFromZero),
                });
            }
        }
        var vatRate = rules.VatPercent / 100m;
        var vat = RoundToCents(vatRate * FixedExclThrough(rules, d, occupied, n)) - RoundToCents(vatRate * FixedExclThrough(rules, d - 1, occupied, n));
        return new Charge { Lines = lines, ExclVat = lines.Sum(l => l.Amount), Vat = vat, VatPercent = rules.VatPercent };
    }

    /// <summary>A monthly charge's pro-rata share up to and including day <paramref name="d"/>: round(A × occupied days ≤ d / N).</summary>
    private static decimal MonthlyThrough(decimal amount, IReadOnlySet<int> occupied, int d, int n) =>
        d <= 0 ? 0m : RoundToCents(amount * occupied.Count(x => x <= d) / n);

    private static Charge FixedChargesForMonth(TariffRules rules, int year, int month, int tariffId)
    {
        var first = new DateOnly(year, month, 1);
        var days = DateTime.DaysInMonth(year, month);
        var lines = rules.FixedCharges
            .Select(c => c.Per == ChargePer.Day
                ? FixedLine(c, days, "day", RoundToCents(c.Amount * days), c.Amount * days, first, tariffId)
                : FixedLine(c, 1m, "month", RoundToCents(c.Amount), c.Amount, first, tariffId))
            .ToList();
        var vat = RoundToCents(rules.VatPercent / 100m * FixedExclThrough(rules, days));
        return new Charge { Lines = lines, ExclVat = lines.Sum(l => l.Amount), Vat = vat, VatPercent = rules.VatPercent };
    }

    /// <summary>The month's fixed charges (whole cents, excl VAT) up to and including day <paramref name="days"/>.</summary>
    private static decimal FixedExclThrough(TariffRules rules, int days, IReadOnlySet<int>? occupied = null, int daysInMonth = 0) => days <= 0
        ? 0m
        : rules.FixedCharges.Sum(c => c.Per == ChargePer.Day ? RoundToCents(c.Amount * days)
            : occupied is null ? RoundToCents(c.Amount) : MonthlyThrough(c.Amount, occupied, days, daysInMonth));

    private static ChargeLine FixedLine(FixedCharge c, decimal quantity, string unit, decimal amount, decimal exact, DateOnly month, int tariffId) => new()
    {
        Kind = ChargeLineKind.Fixed,
        Description = c.Description,
        Quantity = quantity,
        Unit = unit,
        Rate = c.Amount,
        Amount = amount,
        ExactAmount = exact,
        Month = month,
        TariffId = tariffId,
    };

    // ---------------------------------------------------------------- consumption

    /// <summary>
    /// One tariff version as the pricer uses it: its rules, their validation and the line descriptions it writes, each
    /// worked out once per version (every reading of an estate is priced under the same few versions).
    /// </summary>
    private sealed class Version(int tariffId, string name, TariffRules rules)
    {
        private IReadOnlyList<Error>? problems;
        private Names? names;
        private readonly string?[] touNames = new string?[6];

        public int TariffId { get; } = tariffId;
        public string Name { get; } = name;
        public TariffRules Rules { get; } = rules;

        /// <summary>Why the rules cannot price (empty when they can).</summary>
        public IReadOnlyList<Error> Problems => problems ??= Rules.Validate();

        /// <summary>
        /// Whether this still describes <paramref name="tariff"/>: a version not yet in effect may be amended in place, and
        /// a new one gets its id when saved. (The name only words errors of rules that cannot price, and amending validates.)
        /// </summary>
        public bool Describes(Tariff tariff) => tariff.Id == TariffId && ReferenceEquals(tariff.Rules, Rules);

        public string BlockName(int index, string unit) => NamesIn(unit).Blocks[index];

        public string FreeBasicName(string unit) => NamesIn(unit).FreeBasic;

        public string TouName(Season season, TouBand band) =>
            touNames[(int)season * 3 + (int)band] ??= $"{TariffText.BandTitle(band)} ({TariffText.SeasonName(season)})";

        /// <summary>The descriptions that name the unit of measure (one object, so a reader on another thread sees all or none).</summary>
        private sealed record Names(string Unit, string[] Blocks, string FreeBasic);

        private Names NamesIn(string unit)
        {
            if (names is { } cached && cached.Unit == unit) return cached;
            var blocks = new string[Rules.Blocks.Count];
            var lower = 0m;
            for (var i = 0; i < blocks.Length; i++)
            {
                var upTo = Rules.Blocks[i].UpTo;
                blocks[i] = BlockTitle(i, lower, upTo, unit);
                lower = upTo ?? lower;
            }
            return names = new Names(unit, blocks, $"Free basic ({TariffText.Num(Rules.FreeBasicPerMonth)} {unit} a month)");
        }

        private static string BlockTitle(int index, decimal lower, decimal? upTo, string unit)
        {
            var n = index + 1;
            if (upTo is { } u) return index == 0 ? $"Block {n} (≤{TariffText.Num(u)} {unit})" : $"Block {n} (>{TariffText.Num(lower)} to {TariffText.Num(u)} {unit})";
            return index == 0 ? $"Block {n} (all {unit})" : $"Block {n} (>{TariffText.Num(lower)} {unit})";
        }
    }

    /// <summary>The version of each tariff, kept while the tariff object lives (weakly: a reloaded set starts afresh).</summary>
    private static readonly ConditionalWeakTable<Tariff, Version> VersionCache = new();

    private static Version VersionOf(Tariff tariff)
    {
        if (VersionCache.TryGetValue(tariff, out var version) && version.Describes(tariff)) return version;
        version = new Version(tariff.Id, tariff.Name, tariff.Rules);
        VersionCache.AddOrUpdate(tariff, version);
        return version;
    }

    /// <summary>Where the versions come from: a tariff set (day by day, the unit's override first) or one fixed version.</summary>
    private readonly struct Resolver(TariffSet? set, Version? fixedVersion)
    {
        public Version? On(DateOnly date, int? unitId) =>
            fixedVersion ?? (set!.EffectiveOn(date, unitId) is { } t ? VersionOf(t) : null);

        public string NoTariff(DateOnly date, int? unitId) => set is null ? "" : NoTariffMessage(set.Utility, unitId, date);

        /// <summary>Adds the instants in (from, to) where the unit's tariff may change (local midnights starting or ending a version).</summary>
        public void AddChanges(List<DateTimeOffset> cuts, int? unitId, TimeZoneInfo tz, DateTimeOffset from, DateTimeOffset to)
        {
            if (set is null) return;
            var firstDay = DateOnly.FromDateTime(Local(from, tz));
            var lastDay = DateOnly.FromDateTime(Local(to, tz));
            foreach (var t in set.Versions)
            {
                if (t.UnitId is not null && t.UnitId != unitId) continue;
                Add(t.EffectiveFrom);
                if (t.EffectiveTo is { } end) Add(end);
            }

            void Add(DateOnly d)
            {
                if (d <= firstDay || d > lastDay) return;
                var at = ToInstant(d, tz);
                if (at > from && at < to) cuts.Add(at);
            }
        }
    }

    /// <summary>A stretch of the interval with one version, month and (time-of-use) band.</summary>
    private sealed class Piece(DateTimeOffset start, DateTimeOffset end, DateOnly month, Version version, Season? season, TouBand? band)
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset End { get; set; } = end;
        public DateOnly Month { get; } = month;
        public Version Version { get; } = version;
        public Season? Season { get; } = season;
        public TouBand? Band { get; } = band;
        public decimal Quantity { get; set; }
    }

    private static Result<ConsumptionCharge> PriceCore(Resolver resolver, string unit, PricingContext context, DateTimeOffset from, DateTimeOffset to, decimal quantity)
    {
        if (to < from) return Fail("to_before_from", $"The reading ends ({to:O}) before it starts ({from:O}).", "To");
        if (quantity < 0) return Fail("negative_quantity", $"Consumption cannot be negative ({quantity}).", "Quantity");
        var tz = context.TimeZone;
        var unitId = context.UnitId;
        var startMonth = FirstOfMonth(DateOnly.FromDateTime(Local(from, tz)));

        var mtd = context.MonthToDate ?? MonthToDate.None;
        if (mtd.Month == default && (mtd.Quantity != 0 || mtd.FreeBasicUsed != 0 || (mtd.CostUnrounded ?? 0) != 0))
            return Fail("month_missing", "Month-to-date figures were given without the month they are for.", "MonthToDate.Month");
        if (mtd.Quantity < 0 || mtd.FreeBasicUsed < 0)
            return Fail("negative_month_to_date", "Month-to-date quantities cannot be negative.", "MonthToDate");
        if (mtd.Month > startMonth)
            return Fail("out_of_order", $"The month-to-date state is for {mtd.Month:yyyy-MM}, later than the reading's start ({startMonth:yyyy-MM}); price readings in order.", "MonthToDate.Month");
        var carried = mtd.Month == startMonth ? mtd : null;

        // 1. Cut the interval at month starts and tariff changes (local midnights).
        var cuts = new List<DateTimeOffset>(4) { from, to };
        var monthStart = startMonth.AddMonths(1);
        while (ToInstant(monthStart, tz) is var at && at < to)
        {
            cuts.Add(at);
            monthStart = monthStart.AddMonths(1);
        }
        resolver.AddChanges(cuts, unitId, tz, from, to);
        if (cuts.Count > 2)
        {
            cuts.Sort();
            var distinct = 1;
            for (var i = 1; i < cuts.Count; i++)
                if (cuts[i] != cuts[distinct - 1]) cuts[distinct++] = cuts[i];
            cuts.RemoveRange(distinct, cuts.Count - distinct);
        }

        // 2. Resolve the version of each segment; cut time-of-use segments at hour edges and label each piece's band.
        var pieces = new List<Piece>(2);
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (a, b) = (cuts[i], cuts[i + 1]);
            var date = DateOnly.FromDateTime(Local(a, tz));
            var version = resolver.On(date, unitId);
            if (version is null)
                return Fail("no_tariff", resolver.NoTariff(date, unitId), "Tariff");
            if (version.Problems is { Count: > 0 } problems)
                return Result<ConsumptionCharge>.Fail(problems.Select(e => e with { Message = Named(version, e.Message) }));
            var month = FirstOfMonth(date);
            if (version.Rules.Kind != TariffKind.TimeOfUse)
            {
                pieces.Add(new Piece(a, b, month, version, null, null));
                continue;
            }
            var t = a;
            do
            {
                var local = Local(t, tz);
                var next = ToInstant(new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified).AddHours(1), tz);
                if (next <= t) next = t.AddHours(1);
                if (next > b) next = b;
                var tou = version.Rules.TimeOfUse!;
                var season = tou.SeasonOf(local.Month);
                var band = tou.For(season).BandAt(SouthAfricanCalendar.DayTypeOf(DateOnly.FromDateTime(local)), local.Hour);
                if (pieces.Count > 0 && pieces[^1] is var last && last.End == t && ReferenceEquals(last.Version, version) && last.Month == month && last.Season == season && last.Band == band)
                    last.End = next;
                else
                    pieces.Add(new Piece(t, next, month, version, season, band));
                t = next;
            }
            while (t < b);
        }

        // 3. Apportion the quantity linearly in time, cumulatively rounded so the parts add up to it exactly.
        var totalTicks = (to - from).Ticks;
        long ticks = 0;
        var before = 0m;
        for (var i = 0; i < pieces.Count; i++)
        {
            ticks += (pieces[i].End - pieces[i].Start).Ticks;
            var upTo = i == pieces.Count - 1 || totalTicks == 0
                ? quantity
                : Math.Min(quantity, Math.Round(quantity * ticks / totalTicks, QuantityDecimals, MidpointRounding.AwayFromZero));
            pieces[i].Quantity = upTo - before;
            before = upTo;
        }

        // 4. Price each month's pieces (consecutive: the pieces run in time order) from its month-to-date state; round cumulatively.
        var lines = new List<ChargeLine>(2);
        var exclVat = 0m;
        var vat = 0m;
        var months = new List<MonthToDate>(1);
        for (var first = 0; first < pieces.Count;)
        {
            var month = pieces[first].Month;
            var end = first + 1;
            while (end < pieces.Count && pieces[end].Month == month) end++;
            var isCarried = carried is not null && month == carried.Month;
            var position = isCarried ? carried!.Quantity : 0m;
            var freeUsed = isCarried ? carried!.FreeBasicUsed : 0m;
            var costBefore = 0m;
            if (isCarried)
            {
                if (carried!.CostUnrounded is { } c) costBefore = c;
                else if (carried.Quantity != 0 || carried.FreeBasicUsed != 0)
                {
                    var version = pieces[first].Version;
                    if (version.Rules.Kind == TariffKind.TimeOfUse)
                        return Fail("month_cost_required", "Time-of-use pricing needs the month's unrounded cost so far (MonthToDate.CostUnrounded from the previous reading).", "MonthToDate.CostUnrounded");
                    var replay = new LineAccumulator(month, unit);
                    decimal replayPosition = 0m, replayFree = 0m;
                    replay.Consume(version, null, null, carried.Quantity, ref replayPosition, ref replayFree, carried.FreeBasicUsed);
                    costBefore = replay.ExactTotal;
                }
            }

            var acc = new LineAccumulator(month, unit);
            for (var i = first; i < end; i++)
            {
                var p = pieces[i];
                var allowance = context.FreeBasicEligible ? p.Version.Rules.FreeBasicPerMonth : 0m;
                acc.Consume(p.Version, p.Season, p.Band, p.Quantity, ref position, ref freeUsed, allowance);
            }
            var costAfter = costBefore + acc.ExactTotal;
            var monthExcl = RoundToCents(costAfter) - RoundToCents(costBefore);
            var vatRate = pieces[end - 1].Version.Rules.VatPercent / 100m;
            vat += RoundToCents(vatRate * RoundToCents(costAfter)) - RoundToCents(vatRate * RoundToCents(costBefore));
            exclVat += monthExcl;
            acc.AddLines(monthExcl, lines);
            months.Add(new MonthToDate { Month = month, Quantity = position, FreeBasicUsed = freeUsed, CostUnrounded = costAfter });
            first = end;
        }

        return Result<ConsumptionCharge>.Ok(new ConsumptionCharge
        {
            Lines = lines,
            ExclVat = exclVat,
            Vat = vat,
            VatPercent = pieces[^1].Version.Rules.VatPercent,
            After = months[^1],
            Months = months,
        });
    }

    /// <summary>Collects one month's priced quantities into lines (one per block, band, free basic...).</summary>
    private sealed class LineAccumulator(DateOnly month, string unit)
    {
        private sealed class Entry(Version version, ChargeLineKind kind, string description, decimal rate, int? block, Season? season, TouBand? band)
        {
            public Version Version { get; } = version;
            public ChargeLineKind Kind { get; } = kind;
            public string Description { get; } = description;
            public decimal Rate { get; } = rate;
            public int? Block { get; } = block;
            public Season? Season { get; } = season;
            public TouBand? Band { get; } = band;
            public decimal Quantity { get; set; }
            public decimal Exact { get; set; }
        }

        private readonly List<Entry> entries = new(2);

        public decimal ExactTotal { get; private set; }

        public void Consume(Version v, Season? season, TouBand? band, decimal quantity, ref decimal position, ref decimal freeUsed, decimal allowance)
        {
            if (quantity <= 0) return;
            var free = Math.Min(quantity, Math.Max(0m, allowance - freeUsed));
            if (free > 0)
            {
                Add(v, ChargeLineKind.FreeBasic, v.FreeBasicName(unit), 0m, free);
                freeUsed += free;
                position += free;
            }
            var rest = quantity - free;
            if (rest <= 0) return;
            var rules = v.Rules;
            switch (rules.Kind)
            {
                case TariffKind.Flat:
                    Add(v, ChargeLineKind.Flat, "Consumption (flat rate)", rules.FlatRate ?? 0m, rest);
                    break;
                case TariffKind.InclineBlocks:
                    var lower = 0m;
                    for (var i = 0; i < rules.Blocks.Count; i++)
                    {
                        var block = rules.Blocks[i];
                        var upper = block.UpTo ?? decimal.MaxValue;
                        var portion = Math.Min(position + rest, upper) - Math.Max(position, lower);
                        if (portion > 0) Add(v, ChargeLineKind.Block, v.BlockName(i, unit), block.Rate, portion, blockNumber: i + 1);
                        if (block.UpTo is null) break;
                        lower = upper;
                    }
                    break;
                case TariffKind.TimeOfUse:
                    var s = season!.Value;
                    var bnd = band!.Value;
                    Add(v, ChargeLineKind.TimeOfUse, v.TouName(s, bnd), rules.TimeOfUse!.For(s).Rates.For(bnd), rest, season: s, band: bnd);
                    break;
            }
            position += rest;
        }

        /// <summary>Adds the lines in whole cents to <paramref name="into"/>, adding up to <paramref name="target"/> (largest-remainder for the carried cents).</summary>
        public void AddLines(decimal target, List<ChargeLine> into)
        {
            var amounts = new decimal[entries.Count];
            var sum = 0m;
            for (var i = 0; i < amounts.Length; i++) sum += amounts[i] = RoundToCents(entries[i].Exact);
            var cents = (int)((target - sum) * 100m);
            while (cents != 0)
            {
                var pick = -1;
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i].Rate == 0 || (cents < 0 && amounts[i] < 0.01m)) continue;
                    var remainder = entries[i].Exact - amounts[i];
                    // The first line wins a tie, as MaxBy and MinBy do.
                    if (pick < 0 || (cents > 0 ? remainder > entries[pick].Exact - amounts[pick] : remainder < entries[pick].Exact - amounts[pick])) pick = i;
                }
                if (pick < 0) throw new DomainException($"Cannot spread {cents} cent(s) over the lines of {month:yyyy-MM}.");
                amounts[pick] += cents > 0 ? 0.01m : -0.01m;
                cents += cents > 0 ? -1 : 1;
            }
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                into.Add(new ChargeLine
                {
                    Kind = e.Kind,
                    Description = e.Description,
                    Quantity = e.Quantity,
                    Unit = unit,
                    Rate = e.Rate,
                    Amount = amounts[i],
                    ExactAmount = e.Exact,
                    Month = month,
                    TariffId = e.Version.TariffId,
                    Block = e.Block,
                    Band = e.Band,
                    Season = e.Season,
                });
            }
        }

        private void Add(Version v, ChargeLineKind kind, string description, decimal rate, decimal quantity, int? blockNumber = null, Season? season = null, TouBand? band = null)
        {
            var exact = quantity * rate;
            ExactTotal += exact;
            foreach (var e in entries)
            {
                if (!ReferenceEquals(e.Version, v) || e.Kind != kind || e.Description != description || e.Rate != rate) continue;
                e.Quantity += quantity;
                e.Exact += exact;
                return;
            }
            entries.Add(new Entry(v, kind, description, rate, blockNumber, season, band) { Quantity = quantity, Exact = exact });
        }
    }

    // ---------------------------------------------------------------- time

    internal static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    internal static DateTime Local(DateTimeOffset instant, TimeZoneInfo tz) => TimeZoneInfo.ConvertTime(instant, tz).DateTime;

    /// <summary>The instant of local midnight starting <paramref name="date"/>.</summary>
    internal static DateTimeOffset ToInstant(DateOnly date, TimeZoneInfo tz) => ToInstant(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), tz);

    /// <summary>
    /// The instant of a local wall-clock time. A time skipped by a daylight-saving jump moves to the first valid
    /// quarter hour after it; a time that occurs twice takes its first occurrence.
    /// </summary>
    internal static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo tz)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (tz.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = tz.IsAmbiguousTime(local) ? tz.GetAmbiguousTimeOffsets(local).Max() : tz.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static string Named(Version v, string message) => v.TariffId == 0 && v.Name.Length == 0 ? message : $"Tariff '{v.Name}' (#{v.TariffId}): {message}";

    private static Result<ConsumptionCharge> Fail(string code, string message, string field) => Result<ConsumptionCharge>.Fail(new Error(code, message, field));
}
