using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quantify.Domain.Ledger;

/// <summary>
/// The fingerprint of an estate's ledger lines for a period, printed on the audit pack and recomputed by
/// <c>ledger verify --estate ID --period yyyy-MM</c>: SHA-256 (lower-case hex) of the canonical lines, one per line,
/// each ending in <c>\n</c>, in transaction id then line id order. A line's canonical form is
/// <c>number|yyyy-MM-dd|type|account code|amount (0.00)|idempotency key</c>, invariant culture, so any change to a
/// posted line, a line added to or removed from the period, or a reordering gives another hash.
/// </summary>
public static class LedgerPeriodHash
{
    public static string Canonical(string transactionNumber, DateOnly valueDate, TransactionType type, string accountCode, decimal amount, string idempotencyKey) =>
        string.Join('|', transactionNumber, valueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), type.ToString(), accountCode,
            amount.ToString("0.00", CultureInfo.InvariantCulture), idempotencyKey);

    public static string Compute(IEnumerable<string> canonicalLines)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in canonicalLines) sha.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
