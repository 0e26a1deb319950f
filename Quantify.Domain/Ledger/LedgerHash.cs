using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    public static string Next(string previousHash, string canonical)
    {
        // Encoded on the stack (a pooled buffer for a rare long line): this runs for every wallet line the engine writes.
        var most = Encoding.UTF8.GetMaxByteCount(previousHash.Length + canonical.Length);
        byte[]? rented = null;
        var buffer = most <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var written = Encoding.UTF8.GetBytes(previousHash, buffer);
            written += Encoding.UTF8.GetBytes(canonical, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const int StackBytes = 1024;
}
