using System.Buffers;
using System.Globalization;
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
        // Written into one pooled buffer and hashed from it: the engine hashes every consumption posting it writes.
        var lines = new (string Code, decimal Amount)[Lines.Count];
        var length = 64;
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = (Lines[i].Account.ToString(), Lines[i].Amount);
            length += lines[i].Code.Length + 40;
        }
        Array.Sort(lines, static (a, b) => string.CompareOrdinal(a.Code, b.Code) is var c and not 0 ? c : a.Amount.CompareTo(b.Amount));
        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var text = new Writer(chars);
            text.Append(Type.ToString());
            text.Append('\n');
            text.Format(ValueDate, "yyyy-MM-dd");
            text.Append('\n');
            if (ReversesId is long reverses) text.Format(reverses, "");
            foreach (var (code, amount) in lines)
            {
                text.Append('\n');
                text.Append(code);
                text.Append('=');
                text.Format(amount, "0.00");
            }
            return Sha256Hex.Of(chars.AsSpan(0, text.Length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Appends to a rented buffer sized by the caller (invariant culture).</summary>
    private ref struct Writer(char[] buffer)
    {
        public int Length { get; private set; }

        public void Append(char c) => buffer[Length++] = c;

        public void Append(string s)
        {
            s.CopyTo(buffer.AsSpan(Length));
            Length += s.Length;
        }

        public void Format<T>(T value, string format) where T : ISpanFormattable
        {
            if (!value.TryFormat(buffer.AsSpan(Length), out var n, format, CultureInfo.InvariantCulture))
                throw new InvalidOperationException("The content-hash buffer is too small.");
            Length += n;
        }
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
