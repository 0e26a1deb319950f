using System.Security.Cryptography;
using System.Text;

namespace Quantify.Web.Features.Payments;

/// <summary>
/// PayFast's signature: the non-blank fields as name=value pairs joined by '&amp;', values URL-encoded the way PHP's
/// urlencode does (space as '+', upper-case hex, only A-Z a-z 0-9 - _ . left as they are), then '&amp;passphrase=...'
/// when a passphrase is set, MD5 in lower-case hex. For the payment form the fields go in PayFast's documented order;
/// for an ITN, in the order they were received, without the signature field.
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

    public static string ParamString(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Where(f => f.Key != "signature" && !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Key}={Encode(f.Value.Trim())}"));

    public static string Sign(IEnumerable<KeyValuePair<string, string>> fields, string? passphrase)
    {
        var text = ParamString(fields);
        if (!string.IsNullOrEmpty(passphrase)) text += "&passphrase=" + Encode(passphrase.Trim());
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static IEnumerable<KeyValuePair<string, string>> InFormOrder(IReadOnlyDictionary<string, string> fields) =>
        FormOrder.Where(fields.ContainsKey).Select(k => new KeyValuePair<string, string>(k, fields[k]));

    /// <summary>PHP urlencode.</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder();
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
}
