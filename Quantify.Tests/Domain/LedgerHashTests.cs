using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

/// <summary>
/// The wallet hash chain's exact bytes. Every expected hash here was computed outside .NET, with coreutils:
/// <c>printf '%s' "$previous$canonical" | sha256sum</c>. A chain written by one version must verify under every later one.
/// </summary>
public class LedgerHashTests
{
    [Fact]
    public void TheCanonicalLine_FixesFieldOrder_InvariantFormatting_AndTwoDecimals()
    {
        var canonical = LedgerHash.Canonical(1, 42, "QTX-2026-000001", TransactionType.Consumption, new DateOnly(2026, 11, 2), "W42-ELECTRICITY", -12.34m, "reading:7");
        Assert.Equal("1|42|QTX-2026-000001|Consumption|2026-11-02|W42-ELECTRICITY|-12.34|reading:7", canonical);
        Assert.Equal("2|42|QTX-2026-000002|TopUp|2026-12-01|W42-ELECTRICITY|150.00|k", LedgerHash.Canonical(2, 42, "QTX-2026-000002", TransactionType.TopUp, new DateOnly(2026, 12, 1), "W42-ELECTRICITY", 150m, "k"));
    }

    [Theory]
    [InlineData("1|42|QTX-2026-000001|Consumption|2026-11-02|W42-ELECTRICITY|-12.34|reading:7", "6b7b319de9c07ded4a636a5aad03643260a455c502c1900f48a01d9202efbcff")]
    // Non-ASCII in a key is hashed as UTF-8 (two- and three-byte characters).
    [InlineData("7|9|QTX-2026-000123|TopUp|2026-12-01|W9-WATER|150.00|payfast:Ünïcode—€", "05f7ad50e2d23c5a8e2f004a9c5f6c5ea6fd7852ecb1c779070fe98e9b3660ad")]
    public void Next_IsSha256OfThePreviousHashThenTheLine_InLowerCaseHex(string canonical, string expected) =>
        Assert.Equal(expected, LedgerHash.Next(LedgerHash.Genesis, canonical));

    [Fact]
    public void Next_HashesALineLongerThanItsStackBuffer_TheSameWay()
    {
        // Past the 1,024 bytes encoded on the stack: 764 characters may need up to 2,295 bytes, and 700 euro signs take 2,100.
        Assert.Equal("e25c024532c4778be4be09059a64d94ed156f9dfce1094ca7495f4357655c9d7", LedgerHash.Next(LedgerHash.Genesis, new string('x', 700)));
        Assert.Equal("220c3e8d8bc89559f93ce7f75df5dbb4704540bbc33ee667642b9e3adaf8ada6", LedgerHash.Next(LedgerHash.Genesis, new string('€', 700)));
    }
}
