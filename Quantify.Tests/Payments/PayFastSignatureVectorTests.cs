using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// PayFast's signatures against vectors worked out by hand from payfast-php-sdk (Notification::dataToString and
/// pfValidSignature for the ITN, Auth::generateSignature for the checkout form): the parameter strings below were
/// written out by hand with PHP urlencode rules, cross-checked with Python's quote_plus (plus '~' → %7E), and hashed
/// outside the product with <c>printf '%s' "$P&amp;passphrase=jt7NOE43FZPn" | md5sum</c>. "jt7NOE43FZPn" is PayFast's
/// documented sandbox passphrase.
/// </summary>
public class PayFastSignatureVectorTests
{
    private const string SandboxPassphrase = "jt7NOE43FZPn";

    /// <summary>A completed top-up's ITN as PayFast posts it: blank item_description, custom_str2-5 and custom_int1-5;
    /// '+', '~', an apostrophe and a non-ASCII name.</summary>
    public static List<KeyValuePair<string, string>> GenuineItn() =>
    [
        new("m_payment_id", "QP-261201-0A1B2C3D"),
        new("pf_payment_id", "1089250"),
        new("payment_status", "COMPLETE"),
        new("item_name", "Prepaid utilities Silverleaf A101"),
        new("item_description", ""),
        new("amount_gross", "150.00"),
        new("amount_fee", "-7.25"),
        new("amount_net", "142.75"),
        new("custom_str1", "Zoë O'Brien ~ unit A+B"),
        new("custom_str2", ""), new("custom_str3", ""), new("custom_str4", ""), new("custom_str5", ""),
        new("custom_int1", ""), new("custom_int2", ""), new("custom_int3", ""), new("custom_int4", ""), new("custom_int5", ""),
        new("name_first", "Zoë"),
        new("name_last", "O'Brien"),
        new("email_address", "zoe.obrien+wallet@example.co.za"),
        new("merchant_id", "10000100"),
    ];

    /// <summary>The ITN parameter string, by hand: every field, blanks included, received order, PHP urlencode.</summary>
    public const string GenuineParamString =
        "m_payment_id=QP-261201-0A1B2C3D&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Prepaid+utilities+Silverleaf+A101" +
        "&item_description=&amount_gross=150.00&amount_fee=-7.25&amount_net=142.75&custom_str1=Zo%C3%AB+O%27Brien+%7E+unit+A%2BB" +
        "&custom_str2=&custom_str3=&custom_str4=&custom_str5=&custom_int1=&custom_int2=&custom_int3=&custom_int4=&custom_int5=" +
        "&name_first=Zo%C3%AB&name_last=O%27Brien&email_address=zoe.obrien%2Bwallet%40example.co.za&merchant_id=10000100";

    /// <summary>md5(GenuineParamString + "&amp;passphrase=jt7NOE43FZPn"), by md5sum.</summary>
    public const string GenuineSignature = "ba346fe42df7bd9cffd908a249d183c6";

    /// <summary>The same fields as a browser-style form body (spaces as %20, '~' and '\'' raw): the signature is over the
    /// decoded values re-encoded, not over the bytes as received.</summary>
    public const string GenuineBodyAsPosted =
        "m_payment_id=QP-261201-0A1B2C3D&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Prepaid%20utilities%20Silverleaf%20A101" +
        "&item_description=&amount_gross=150.00&amount_fee=-7.25&amount_net=142.75&custom_str1=Zo%c3%ab%20O'Brien%20~%20unit%20A%2bB" +
        "&custom_str2=&custom_str3=&custom_str4=&custom_str5=&custom_int1=&custom_int2=&custom_int3=&custom_int4=&custom_int5=" +
        "&name_first=Zo%C3%AB&name_last=O'Brien&email_address=zoe.obrien%2Bwallet%40example.co.za&merchant_id=10000100" +
        "&signature=" + GenuineSignature;

    [Fact]
    public void ItnParamString_IsEveryPostedFieldInReceivedOrder_BlanksIncluded_PhpUrlencoded()
    {
        Assert.Equal(GenuineParamString, PayFastSignature.ItnParamString(GenuineItn()));
    }

    [Fact]
    public void ItnSignature_MatchesTheHandComputedVector()
    {
        Assert.Equal(GenuineSignature, PayFastSignature.SignItn(GenuineItn(), SandboxPassphrase));
    }

    [Fact]
    public void ItnSignature_WithoutAPassphrase_IsTheMd5OfTheParamStringAlone()
    {
        // printf '%s' "$P" | md5sum
        Assert.Equal("35fa9b1acbb85b114b46e0593e40a407", PayFastSignature.SignItn(GenuineItn(), null));
        Assert.Equal("35fa9b1acbb85b114b46e0593e40a407", PayFastSignature.SignItn(GenuineItn(), ""));
    }

    [Fact]
    public void ItnSignature_UrlencodesThePassphrase()
    {
        // printf '%s' "$P&passphrase=my+salt%7E1" | md5sum
        Assert.Equal("566ce52b936de333c83e9c026a76e0ec", PayFastSignature.SignItn(GenuineItn(), "my salt~1"));
    }

    [Fact]
    public void ItnSignature_IsNotTheBlankDroppingRule_ThatRefusedGenuineNotifications()
    {
        // The old rule (blank fields left out) gives md5 da78eae5…: a genuine ITN carrying blanks never matched it.
        Assert.NotEqual("da78eae5bcfc74a2c217ebc85e2e2c86", PayFastSignature.SignItn(GenuineItn(), SandboxPassphrase));
    }

    [Fact]
    public void ItnParamString_StopsAtTheSignatureField()
    {
        var posted = GenuineItn();
        posted.Add(new("signature", GenuineSignature));
        posted.Add(new("added_after", "not signed"));
        Assert.Equal(GenuineParamString, PayFastSignature.ItnParamString(posted));
        Assert.Equal(GenuineSignature, PayFastSignature.SignItn(posted, SandboxPassphrase));
    }

    [Fact]
    public void ItnBody_ParsedInOrder_ReproducesTheSignature_WhateverUrlEncodingThePosterUsed()
    {
        var parsed = PayFastEndpoints.ParseForm(GenuineBodyAsPosted);
        Assert.Equal(GenuineItn().Append(new("signature", GenuineSignature)), parsed);
        Assert.Equal(GenuineSignature, PayFastSignature.SignItn(parsed, SandboxPassphrase));
    }

    [Fact]
    public void ItnSignature_ChangesWhenAnyValueChanges_EvenABlankOne()
    {
        var tampered = GenuineItn();
        tampered[9] = new("custom_str2", " ");
        Assert.NotEqual(GenuineSignature, PayFastSignature.SignItn(tampered, SandboxPassphrase));
    }

    [Fact]
    public void FormSignature_LeavesBlanksOut_AndUsesTheDocumentedOrder_MatchingTheHandComputedVector()
    {
        // By hand, documented order, blanks (cell_number, item_description) left out:
        // merchant_id=10000100&merchant_key=46f0cd694581a&return_url=https%3A%2F%2Fq.example%2Ftenant%2Fwallet%3Fpaid%3DQP-1
        // &notify_url=https%3A%2F%2Fq.example%2Fapi%2Fpayments%2Fpayfast%2Fitn&name_first=Zo%C3%AB&name_last=O%27Brien
        // &m_payment_id=QP-1&amount=150.00&item_name=Prepaid+utilities+Silverleaf+A101&passphrase=jt7NOE43FZPn → md5sum
        var fields = new Dictionary<string, string>
        {
            ["item_name"] = "Prepaid utilities Silverleaf A101", ["amount"] = "150.00", ["m_payment_id"] = "QP-1", ["item_description"] = "",
            ["cell_number"] = "", ["name_last"] = "O'Brien", ["name_first"] = "Zoë", ["notify_url"] = "https://q.example/api/payments/payfast/itn",
            ["return_url"] = "https://q.example/tenant/wallet?paid=QP-1", ["merchant_key"] = "46f0cd694581a", ["merchant_id"] = "10000100",
        };
        Assert.Equal("6be2b878186171145c6cd4a33425dcfe", PayFastSignature.SignForm(PayFastSignature.InFormOrder(fields), SandboxPassphrase));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("~", "%7E")]
    [InlineData("O'Brien", "O%27Brien")]
    [InlineData("ë", "%C3%AB")]
    [InlineData("-_.", "-_.")]
    [InlineData("a+b/c?d=e&f", "a%2Bb%2Fc%3Fd%3De%26f")]
    [InlineData("*!()", "%2A%21%28%29")]
    public void Encode_FollowsPhpUrlencode(string value, string expected) => Assert.Equal(expected, PayFastSignature.Encode(value));
}
