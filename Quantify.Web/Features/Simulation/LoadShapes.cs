namespace Quantify.Web.Features.Simulation;

/// <summary>
/// How one household differs from the average: how much it uses, when it gets up, how big its solar array is. Derived
/// from the meter id alone (a fixed hash, not <see cref="Random"/>), so a meter behaves the same on every run and machine.
/// </summary>
public readonly record struct Household(int MeterId, double Scale, double ShiftHours, double SolarKwp)
{
    public static Household For(int meterId) => new(
        meterId,
        Scale: 0.6 + (0.9 * LoadShapes.Hash01(meterId, 1)),          // 0.6-1.5 × the average household
        ShiftHours: -0.75 + (1.5 * LoadShapes.Hash01(meterId, 2)),   // up to 45 minutes earlier or later
        SolarKwp: 2.0 + (3.0 * LoadShapes.Hash01(meterId, 3)));      // 2-5 kWp rooftop array
}

/// <summary>
/// Residential load shapes for a South African household, by local time: pure functions, so they are unit-tested and the
/// simulator stays deterministic. Each returns an average rate at that moment (kW, or litres per hour); a small
/// per-meter, per-five-minute ripple (also hashed) keeps two readings from looking machine-made.
/// Southern hemisphere: winter is June-August (more electricity and hot water), summer days are longer (more solar).
/// </summary>
public static class LoadShapes
{
    /// <summary>A vacant unit's electricity: standby only (a fridge left on, the DB board, a router), flat day and night.</summary>
    public const double VacantBaseKw = 0.04;

    /// <summary>Average household electricity demand in kW: a night base load, a morning peak around 07:00 and a larger evening peak around 19:00.</summary>
    public static double ElectricityKw(DateTime local, Household h)
    {
        var hour = HourOf(local);
        var kw = 0.30
                 + (1.30 * Bump(hour, 6.8 + h.ShiftHours, 0.9))
                 + (2.00 * Bump(hour, 18.8 + h.ShiftHours, 1.5))
                 + (0.35 * Bump(hour, 13.0, 2.5));
        return kw * WinterFactor(local) * h.Scale * Ripple(h.MeterId, local);
    }

    /// <summary>Cold water in litres per hour: morning and evening showers, some use through the day, toilets at night.</summary>
    public static double WaterLitresPerHour(DateTime local, Household h)
    {
        var hour = HourOf(local);
        var lph = 0.8
                  + (55.0 * Bump(hour, 6.8 + h.ShiftHours, 0.8))
                  + (35.0 * Bump(hour, 19.0 + h.ShiftHours, 1.3))
                  + (9.0 * Bump(hour, 13.0, 3.0));
        return lph * SummerFactor(local, 0.10) * h.Scale * Ripple(h.MeterId, local);
    }

    /// <summary>Hot water in litres per hour: showers and dishes, a little more in winter.</summary>
    public static double HotWaterLitresPerHour(DateTime local, Household h)
    {
        var hour = HourOf(local);
        var lph = 0.2
                  + (22.0 * Bump(hour, 6.7 + h.ShiftHours, 0.7))
                  + (14.0 * Bump(hour, 19.5 + h.ShiftHours, 1.2));
        return lph * (1.0 + (0.15 * Seasonal(local, winterDay: 196))) * h.Scale * Ripple(h.MeterId, local);
    }

    /// <summary>Hot water temperature at the meter: about 60 °C, dipping while a lot is drawn.</summary>
    public static double HotWaterTemperatureC(DateTime local, Household h) =>
        Math.Clamp(61.0 - (0.25 * HotWaterLitresPerHour(local, h)) + (2.0 * (Hash01(h.MeterId, Bucket(local)) - 0.5)), 45.0, 65.0);

    /// <summary>
    /// Rooftop solar output in kW: a bell over the daylight hours (zero between sunset and sunrise), lower in winter, and a
    /// per-day cloud factor (hashed from the meter and the date).
    /// </summary>
    public static double SolarKw(DateTime local, Household h)
    {
        var (sunrise, sunset) = Daylight(local);
        var hour = HourOf(local);
        if (hour <= sunrise || hour >= sunset) return 0.0;
        var x = (hour - sunrise) / (sunset - sunrise);
        var clouds = 0.55 + (0.45 * Hash01(h.MeterId, local.Year * 1000 + local.DayOfYear));
        return h.SolarKwp * 0.8 * Math.Pow(Math.Sin(Math.PI * x), 1.3) * (0.85 + (0.15 * SummerCurve(local))) * clouds;
    }

    /// <summary>Sunrise and sunset (local decimal hours) for Gauteng: about 13.7 h of daylight at midsummer, 10.3 h at midwinter.</summary>
    public static (double Sunrise, double Sunset) Daylight(DateTime local)
    {
        var length = 12.0 + (1.7 * SummerCurve(local));
        const double solarNoon = 12.2;
        return (solarNoon - (length / 2), solarNoon + (length / 2));
    }

    /// <summary>Space heating and geysers: 1.35 × in mid-July, 0.90 × in mid-January.</summary>
    public static double WinterFactor(DateTime local) => 1.125 + (0.225 * Seasonal(local, winterDay: 196));

    /// <summary>A deterministic number in [0, 1) from two integers (SplitMix64 finaliser): the same inputs give the same value everywhere.</summary>
    public static double Hash01(long a, long b)
    {
        unchecked
        {
            var z = ((ulong)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)b + 0x632BE59BD9B4E019UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }

    private static double HourOf(DateTime local) => local.TimeOfDay.TotalHours;

    /// <summary>A Gaussian bump of height 1 centred on <paramref name="centre"/>, measured around the clock (23:00 is close to 01:00).</summary>
    private static double Bump(double hour, double centre, double width)
    {
        var d = ((hour - centre) % 24 + 36) % 24 - 12;
        return Math.Exp(-(d * d) / (2 * width * width));
    }

    /// <summary>1 on <paramref name="winterDay"/> (day of year), -1 half a year later, a cosine in between.</summary>
    private static double Seasonal(DateTime local, int winterDay) => Math.Cos(2 * Math.PI * (local.DayOfYear - winterDay) / 365.0);

    private static double SummerCurve(DateTime local) => Seasonal(local, winterDay: 355);

    private static double SummerFactor(DateTime local, double amplitude) => 1.0 + (amplitude * SummerCurve(local));

    private static long Bucket(DateTime local) => local.Ticks / TimeSpan.FromMinutes(5).Ticks;

    /// <summary>±12 % ripple that changes every five minutes, per meter.</summary>
    private static double Ripple(int meterId, DateTime local) => 0.88 + (0.24 * Hash01(meterId, Bucket(local)));
}
