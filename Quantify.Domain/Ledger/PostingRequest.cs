using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Quantify.Domain.Common;

namespace Quantify.Domain.Ledger;

/// <summary>
/// What to post: a balanced set of lines with the key of its cause (payment id, reading id, import row), so posting it
/// twice is harmless. Built by <see cref="Postings"/>; the ledger appends it.
/// </summary>
public sealed record PostingRequest(string IdempotencyKey, TransactionType Type, DateOnly ValueDate, string Description, IReadOnlyList<PostingLine> Lines,
    long? ReversesId = null)
{
    /// <summary>Why the ledger would refuse this posting, or null: a key, two or more non-zero whole-cent lines that sum to zero.</summary>
    public Error? Validate()
    {
        if (string.IsNullOrWhiteSpace(IdempotencyKey)) return new Error("no_key", "Every posting needs an idempotency key (payment id, reading id or import row).", nameof(IdempotencyKey));
        if (Lines.Count < 2) return new Error("too_few_lines", "A transaction needs at least two lines.", nameof(Lines));
        var sum = 0m;
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (!line.Account.IsDefined) return new Error("no_account", "Every line needs an account.", nameof(Lines));
            if (line.Amount == 0) return new Error("zero_line", "A line of R 0,00 moves nothing: leave it out.", nameof(Lines));
            if (decimal.Round(line.Amount, 2) != line.Amount) return new Error("fractional_cents", "Ledger amounts are whole cents.", nameof(Lines));
            sum += line.Amount;
        }
        if (sum != 0) return new Error("unbalanced", $"The lines sum to {Money.Format(sum)}; a transaction must sum to zero.", nameof(Lines));
        return null;
    }

    /// <summary>
    /// Hash of what was asked for (type, value date, reversed id, lines in code order), stored with the transaction so
    /// a replay with different content is told apart from a true replay. The text form is fixed: stored hashes depend on it.
    /// </summary>
    public string ContentHash()
    {
        var text = string.Join('\n', new[] { Type.ToString(), ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReversesId?.ToString(CultureInfo.InvariantCulture) ?? "" }
            .Concat(Lines.Select(l => (Code: l.Account.ToString(), l.Amount)).OrderBy(l => l.Code, StringComparer.Ordinal).ThenBy(l => l.Amount)
                .Select(l => $"{l.Code}={l.Amount.ToString("0.00", CultureInfo.InvariantCulture)}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The wallets this posting touches (their chains advance), without duplicates.</summary>
    public int[] WalletIds()
    {
        var ids = new List<int>(Lines.Count);
        foreach (var line in Lines)
            if (line.Account.WalletId is int w && !ids.Contains(w)) ids.Add(w);
        return [.. ids];
    }
}
