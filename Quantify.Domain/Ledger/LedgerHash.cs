using System.Globalization;
using Quantify.Domain.Common;

namespace Quantify.Domain.Ledger;

/// <summary>
/// The per-wallet hash chain: hash = SHA-256(previous hash || canonical bytes of the line). The canonical form fixes
/// field order, invariant formatting and two decimals, so the same entry always hashes the same on every machine.
/// </summary>
public static class LedgerHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Canonical(long sequence, int walletId, string transactionNumber, TransactionType type, DateOnly valueDate,
        string accountCode, decimal amount, string idempotencyKey) =>
        string.Join('|', sequence.ToString(CultureInfo.InvariantCulture), walletId.ToString(CultureInfo.InvariantCulture), transactionNumber, type.ToString(),
            valueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), accountCode, amount.ToString("0.00", CultureInfo.InvariantCulture), idempotencyKey);

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="previousHash"/> followed by <paramref name="canonical"/>, as lower-case hex.</summary>
    public static string Next(string previousHash, string canonical) => Sha256Hex.Of(previousHash, canonical);
}
