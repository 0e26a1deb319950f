using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>The stand-in's validate URL comes from the addresses the server bound, never from a request.</summary>
public class PayFastValidateAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5042", "http://127.0.0.1:5042/")]
    [InlineData("http://localhost:5042", "http://localhost:5042/")]
    [InlineData("http://[::]:5042", "http://127.0.0.1:5042/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("https://localhost:7036;http://localhost:5042", "http://localhost:5042/")]
    [InlineData("https://[::]:7036", "https://localhost:7036/")]
    public void LoopbackBase_ComesFromTheBoundAddress(string bound, string expected) =>
        Assert.Equal(expected, PayFastValidateAddress.LoopbackBase(bound.Split(';'))?.ToString());

    [Fact]
    public void LoopbackBase_IsNull_WhenNothingIsBound() => Assert.Null(PayFastValidateAddress.LoopbackBase([]));
}
