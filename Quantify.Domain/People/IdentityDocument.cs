using Quantify.Domain.Common;

namespace Quantify.Domain.People;

public enum IdentityDocumentType { SaId, Passport }

/// <summary>A South African ID number (13 digits, valid date of birth, Luhn check digit) or a passport number.</summary>
public static class IdentityDocument
{
    public static Result<string> Validate(IdentityDocumentType type, string? number, string field = "IdNumber")
    {
        if (string.IsNullOrWhiteSpace(number))
            return Result<string>.Fail(new Error("required", "ID or passport number is required.", field));
        var n = number.Replace(" ", "", StringComparison.Ordinal).Trim();
        return type switch
        {
            IdentityDocumentType.SaId => ValidateSaId(n, field),
            _ => n.Length is >= 5 and <= 20 && n.All(char.IsLetterOrDigit)
                ? Result<string>.Ok(n.ToUpperInvariant())
                : Result<string>.Fail(new Error("invalid_passport", $"Passport number '{n}' must be 5-20 letters or digits.", field)),
        };
    }

    private static Result<string> ValidateSaId(string n, string field)
    {
        if (n.Length != 13 || !n.All(char.IsAsciiDigit))
            return Result<string>.Fail(new Error("invalid_sa_id", $"SA ID number '{n}' must be exactly 13 digits.", field));
        if (!HasValidBirthDate(n))
            return Result<string>.Fail(new Error("invalid_sa_id", $"SA ID number '{n}' does not start with a valid date of birth (YYMMDD).", field));
        if (!LuhnValid(n))
            return Result<string>.Fail(new Error("invalid_sa_id", $"SA ID number '{n}' fails its check digit (the last digit should be {LuhnCheckDigit(n[..12])}).", field));
        return Result<string>.Ok(n);
    }

    /// <summary>True when the first six digits are a real date (YYMMDD) in the 1900s or 2000s.</summary>
    public static bool HasValidBirthDate(string saId)
    {
        if (saId.Length < 6 || !int.TryParse(saId[..2], out var yy) || !int.TryParse(saId[2..4], out var mm) || !int.TryParse(saId[4..6], out var dd))
            return false;
        if (mm is < 1 or > 12 || dd < 1) return false;
        return dd <= DateTime.DaysInMonth(1900 + yy, mm) || dd <= DateTime.DaysInMonth(2000 + yy, mm);
    }

    public static bool LuhnValid(string digits) => LuhnCheckDigit(digits[..^1]) == digits[^1] - '0';

    public static int LuhnCheckDigit(string payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
