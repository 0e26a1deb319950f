using System.Globalization;

namespace Quantify.Domain.Common;

/// <summary>An amount of South African rand. Always decimal; rounded to cents only where a posting needs it.</summary>
public readonly record struct Money(decimal Amount) : IComparable<Money>
{
    public static readonly Money Zero = new(0m);
    private static readonly CultureInfo ZaCulture = CreateZa();

    public static Money Rand(decimal amount) => new(amount);
    public Money RoundToCents() => new(Math.Round(Amount, 2, MidpointRounding.AwayFromZero));
    public bool IsNegative => Amount < 0;

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);
    public static Money operator -(Money a) => new(-a.Amount);
    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor);
    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;
    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;
    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount;
    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <summary>South African format: "R 1 234,56" (space thousands, comma decimals).</summary>
    public override string ToString() => Format(Amount);

    public static string Format(decimal amount)
    {
        var abs = Math.Abs(Math.Round(amount, 2, MidpointRounding.AwayFromZero));
        var text = abs.ToString("#,##0.00", ZaCulture);
        return (amount < 0 ? "-R " : "R ") + text;
    }

    private static CultureInfo CreateZa()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberGroupSeparator = " ";
        c.NumberFormat.NumberDecimalSeparator = ",";
        return c;
    }
}
