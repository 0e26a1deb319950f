using System.Security.Cryptography;
using System.Text;

namespace Quantify.Web.Features.Payments;

/// <summary>
/// PayFast's two MD5 signatures (payfast-php-sdk: <c>Auth::generateSignature</c> for the checkout form,
/// <c>Notification::dataToString</c> + <c>pfValidSignature</c> for the ITN). Both join name=value pairs with '&amp;',
/// encode values the way PHP's <c>urlencode</c> does (space as '+', upper-case hex, only A-Z a-z 0-9 - _ . left as they
/// are, so '~' is %7E), append <c>&amp;passphrase=</c> + the urlencoded passphrase when one is set, and hash in lower-case hex.
/// They differ in which fields: the form signs the non-blank fields, trimmed, in PayFast's documented order; the ITN signs
/// every posted field in the order received, blanks included and untrimmed, up to the <c>signature</c> field.
/// </summary>
public static class PayFastSignature
{
    /// <summary>The payment form's fields in the order PayFast documents them.</summary>
    public static readonly string[] FormOrder =
    [
        "merchant_id", "merchant_key", "return_url", "cancel_url", "notify_url", "name_first", "name_last", "email_address", "cell_number",
        "m_payment_id", "amount", "item_name", "item_description", "custom_int1", "custom_int2", "custom_int3", "custom_int4", "custom_int5",
        "custom_str1", "custom_str2", "custom_str3", "custom_str4", "custom_str5", "email_confirmation", "confirmation_address", "payment_method",
    ];

    /// <summary>The checkout form's parameter string: non-blank fields, trimmed, in the order given (use <see cref="InFormOrder"/>).</summary>
    public static string FormParamString(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Where(f => f.Key != "signature" && f.Value.Trim().Length > 0).Select(f => $"{f.Key}={Encode(f.Value.Trim())}"));

    /// <summary>The checkout form's signature.</summary>
    public static string SignForm(IEnumerable<KeyValuePair<string, string>> fields, string? passphrase) =>
        Md5(WithPassphrase(FormParamString(fields), passphrase?.Trim()));

    /// <summary>
    /// The ITN's parameter string, as posted to PayFast's validate URL: every field in received order, blanks included,
    /// values not trimmed, stopping at <c>signature</c> (fields after it are not signed).
    /// </summary>
    public static string ItnParamString(IEnumerable<KeyValuePair<string, string>> posted) =>
        string.Join('&', posted.TakeWhile(f => f.Key != "signature").Select(f => $"{f.Key}={Encode(f.Value)}"));

    /// <summary>The ITN's signature.</summary>
    public static string SignItn(IEnumerable<KeyValuePair<string, string>> posted, string? passphrase) =>
        Md5(WithPassphrase(ItnParamString(posted), passphrase));

    public static IEnumerable<KeyValuePair<string, string>> InFormOrder(IReadOnlyDictionary<string, string> fields) =>
        FormOrder.Where(fields.ContainsKey).Select(k => new KeyValuePair<string, string>(k, fields[k]));

    /// <summary>PHP urlencode over the UTF-8 bytes.</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static bool SameSignature(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a.ToLowerInvariant()), Encoding.ASCII.GetBytes(b.ToLowerInvariant()));

    private static string WithPassphrase(string paramString, string? passphrase) =>
        string.IsNullOrEmpty(passphrase) ? paramString : paramString + "&passphrase=" + Encode(passphrase);

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
