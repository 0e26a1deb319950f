using System.Globalization;

using Quantify.Domain.Metering;

namespace Quantify.Domain.Tariffs;

/// <summary>How tariff lines and messages write quantities and units.</summary>
public static class TariffText
{
    private static readonly NumberFormatInfo ZaNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = " ", NegativeSign = "-" };

    /// <summary>The South African way, as <see cref="Common.Money"/> writes rand: "10,5", "1 200".</summary>
    public static string Num(decimal value) => value.ToString("#,##0.######", ZaNumbers);

    public static string UnitOf(Utility utility) => utility is Utility.Water or Utility.HotWater ? "kL" : "kWh";

    public static string SeasonName(Season season) => season == Season.HighDemand ? "high season" : "low season";

    public static string BandTitle(TouBand band) => band switch
    {
        TouBand.Peak => "Peak",
        TouBand.Standard => "Standard",
        _ => "Off-peak",
    };
}
