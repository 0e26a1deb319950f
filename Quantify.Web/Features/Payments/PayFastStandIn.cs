using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Quantify.Web.Features.Payments;

/// <summary>
/// A local stand-in for PayFast, for the demo and tests: it checks the payment form's signature like PayFast does,
/// shows a pay page, posts a signed ITN to the notify URL from loopback — with the blank fields a real ITN carries,
/// signed over every field in order like PayFast — and answers the validate call for ITNs it issued. The real ITN
/// checking code runs unchanged against it.
/// </summary>
public sealed class PayFastStandIn(PayFastOptions options)
{
    /// <summary>The HTTP client the stand-in posts ITNs with (not the one that confirms them).</summary>
    public const string ClientName = "payfast-standin";

    private readonly ConcurrentDictionary<string, byte> issued = new();

    /// <summary>The last ITN body sent (lets tests replay exactly what PayFast would resend).</summary>
    public string? LastItnBody { get; private set; }

    public string PaymentPage(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var fields = form.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var ok = fields.TryGetValue("signature", out var sig) && PayFastSignature.SameSignature(PayFastSignature.SignForm(PayFastSignature.InFormOrder(fields), options.Passphrase), sig);
        var hidden = string.Concat(form.Select(f => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(f.Key)}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
        var amount = fields.GetValueOrDefault("amount", "?");
        return $$"""
            <!DOCTYPE html><html lang="en-ZA"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>PayFast (local stand-in)</title>
            <style>body{font-family:sans-serif;max-width:420px;margin:3rem auto;padding:1rem} button{padding:.7rem 1.2rem;margin-right:.5rem}</style></head>
            <body><h2>PayFast — local stand-in</h2>
            {{(ok ? $"<p>Pay <b data-testid=\"standin-amount\">R {WebUtility.HtmlEncode(amount)}</b> for {WebUtility.HtmlEncode(fields.GetValueOrDefault("item_name", ""))}.</p>" : "<p style=\"color:#b71c1c\" data-testid=\"standin-bad-signature\">The payment request's signature is wrong: PayFast would refuse it.</p>")}}
            <form method="post" action="/payfast-standin/eng/pay">{{hidden}}
            <button type="submit" name="outcome" value="COMPLETE" {{(ok ? "" : "disabled")}} id="standin-pay">Pay now (test card)</button>
            <button type="submit" name="outcome" value="CANCELLED" id="standin-cancel">Cancel</button></form>
            <p><small>This page stands in for PayFast in the demo and tests. Configure PayFast:ProcessUrl and ValidateUrl for sandbox or live.</small></p></body></html>
            """;
    }

    public async Task<string> CompleteAsync(IReadOnlyList<KeyValuePair<string, string>> form, IHttpClientFactory http, CancellationToken ct)
    {
        var f = form.GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var outcome = f.GetValueOrDefault("outcome", "COMPLETE");
        var gross = decimal.Parse(f["amount"], CultureInfo.InvariantCulture);
        var fee = -Math.Round(gross * 0.035m + 2m, 2, MidpointRounding.AwayFromZero);
        // The fields and order of a real ITN, blanks included (PayFast signs them all).
        var itn = new List<KeyValuePair<string, string>>
        {
            new("m_payment_id", f.GetValueOrDefault("m_payment_id", "")),
            new("pf_payment_id", (1_000_000 + RandomNumberGenerator.GetInt32(8_999_999)).ToString(CultureInfo.InvariantCulture)),
            new("payment_status", outcome),
            new("item_name", f.GetValueOrDefault("item_name", "")),
            new("item_description", f.GetValueOrDefault("item_description", "")),
            new("amount_gross", gross.ToString("0.00", CultureInfo.InvariantCulture)),
            new("amount_fee", fee.ToString("0.00", CultureInfo.InvariantCulture)),
            new("amount_net", (gross + fee).ToString("0.00", CultureInfo.InvariantCulture)),
        };
        for (var i = 1; i <= 5; i++) itn.Add(new($"custom_str{i}", f.GetValueOrDefault($"custom_str{i}", "")));
        for (var i = 1; i <= 5; i++) itn.Add(new($"custom_int{i}", f.GetValueOrDefault($"custom_int{i}", "")));
        itn.Add(new("name_first", "Zoë"));
        itn.Add(new("name_last", "O'Brien"));
        itn.Add(new("email_address", f.GetValueOrDefault("email_address", "")));
        itn.Add(new("merchant_id", f.GetValueOrDefault("merchant_id", "")));
        itn.Add(new("signature", PayFastSignature.SignItn(itn, options.Passphrase)));
        issued[PayFastSignature.ItnParamString(itn)] = 0;
        using var client = http.CreateClient(ClientName);
        LastItnBody = string.Join('&', itn.Select(p => $"{p.Key}={PayFastSignature.Encode(p.Value)}"));
        using var body = new StringContent(LastItnBody, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var _ = await client.PostAsync(f["notify_url"], body, ct);
        return outcome == "COMPLETE" ? f["return_url"] : f.GetValueOrDefault("cancel_url", f["return_url"]);
    }

    /// <summary>PayFast's validate: VALID only for the parameter string of an ITN this stand-in sent.</summary>
    public bool Validate(string paramString) => issued.ContainsKey(paramString.Trim());
}
