using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Quantify.Domain.Common;

/// <summary>
/// SHA-256 of text as lower-case hex: the UTF-8 bytes of <c>first</c> followed by those of <c>second</c>. Encoded on the
/// stack (a pooled buffer for long text): the ledger hashes every line and posting the ingestion engine writes.
/// </summary>
public static class Sha256Hex
{
    private const int StackBytes = 1024;

    public static string Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second = default)
    {
        var most = Encoding.UTF8.GetMaxByteCount(first.Length + second.Length);
        byte[]? rented = null;
        var buffer = most <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var written = Encoding.UTF8.GetBytes(first, buffer);
            written += Encoding.UTF8.GetBytes(second, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
