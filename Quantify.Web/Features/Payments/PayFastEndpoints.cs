using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Quantify.Web.Features.Payments;

public static class PayFastEndpoints
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env)
    {
        var options = configuration.GetSection("PayFast").Get<PayFastOptions>() ?? new PayFastOptions();
        if (env.IsProduction()) options.UseLocalStandIn = false;
        services.AddSingleton(options);
        services.AddHttpClient("payfast", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<PayFastService>();
        services.AddSingleton<PayFastStandIn>();
        services.AddSingleton<EftService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        // PayFast posts ITNs here. Always 200: PayFast retries otherwise; what failed is stored with its reason.
        app.MapPost("/api/payments/payfast/itn", async (HttpContext ctx, PayFastService payfast) =>
        {
            var fields = await ReadOrderedFormAsync(ctx.Request);
            await payfast.ProcessItnAsync(fields, ctx.Connection.RemoteIpAddress, BaseUrl(ctx.Request), ctx.RequestAborted);
            return Results.Text("OK");
        }).AllowAnonymous().DisableAntiforgery();

        var options = app.ServiceProvider.GetRequiredService<PayFastOptions>();
        if (!options.UseLocalStandIn) return app;
        var standIn = app.MapGroup("/payfast-standin/eng").AllowAnonymous().DisableAntiforgery();
        standIn.MapPost("/process", async (HttpContext ctx, PayFastStandIn s) => Results.Content(s.PaymentPage(await ReadOrderedFormAsync(ctx.Request)), "text/html"));
        standIn.MapPost("/pay", async (HttpContext ctx, PayFastStandIn s, IHttpClientFactory http) =>
        {
            var form = await ReadOrderedFormAsync(ctx.Request);
            var returnUrl = await s.CompleteAsync(form, http, ctx.RequestAborted);
            return Results.Redirect(returnUrl);
        });
        standIn.MapPost("/query/validate", async (HttpContext ctx, PayFastStandIn s) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            return Results.Text(s.Validate(await reader.ReadToEndAsync()) ? "VALID" : "INVALID");
        });
        return app;
    }

    public static string BaseUrl(HttpRequest r) => $"{r.Scheme}://{r.Host}";

    /// <summary>Form fields in the order they were posted (the ITN signature depends on it).</summary>
    public static async Task<List<KeyValuePair<string, string>>> ReadOrderedFormAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), p.Length > 1 ? WebUtility.UrlDecode(p[1]) : ""))
            .ToList();
    }
}

/// <summary>
/// A local stand-in for PayFast, for the demo and tests: it checks the payment form's signature like PayFast does,
/// shows a pay page, posts a signed ITN to the notify URL from loopback, and answers the validate call for ITNs it
/// issued. The real ITN checking code runs unchanged against it.
/// </summary>
public sealed class PayFastStandIn(PayFastOptions options)
{
    private readonly ConcurrentDictionary<string, byte> issued = new();

    /// <summary>The last ITN body sent (lets tests replay exactly what PayFast would resend).</summary>
    public string? LastItnBody { get; private set; }

    public string PaymentPage(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var fields = form.ToDictionary(f => f.Key, f => f.Value);
        var ok = fields.TryGetValue("signature", out var sig) && PayFastSignature.SameSignature(PayFastSignature.Sign(PayFastSignature.InFormOrder(fields), options.Passphrase), sig);
        var hidden = string.Concat(form.Select(f => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(f.Key)}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
        var amount = fields.GetValueOrDefault("amount", "?");
        return $$"""
            <!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"><title>PayFast (local stand-in)</title>
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
        var itn = new List<KeyValuePair<string, string>>
        {
            new("m_payment_id", f.GetValueOrDefault("m_payment_id", "")),
            new("pf_payment_id", (1_000_000 + RandomNumberGenerator.GetInt32(8_999_999)).ToString(CultureInfo.InvariantCulture)),
            new("payment_status", outcome),
            new("item_name", f.GetValueOrDefault("item_name", "")),
            new("item_description", ""),
            new("amount_gross", gross.ToString("0.00", CultureInfo.InvariantCulture)),
            new("amount_fee", fee.ToString("0.00", CultureInfo.InvariantCulture)),
            new("amount_net", (gross + fee).ToString("0.00", CultureInfo.InvariantCulture)),
            new("name_first", "Test"),
            new("name_last", "Payer"),
            new("email_address", f.GetValueOrDefault("email_address", "")),
            new("merchant_id", f.GetValueOrDefault("merchant_id", "")),
        };
        itn.Add(new("signature", PayFastSignature.Sign(itn, options.Passphrase)));
        issued[PayFastSignature.ParamString(itn)] = 0;
        using var client = http.CreateClient("payfast");
        LastItnBody = string.Join('&', itn.Select(p => $"{p.Key}={PayFastSignature.Encode(p.Value)}"));
        using var body = new StringContent(LastItnBody, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var _ = await client.PostAsync(f["notify_url"], body, ct);
        return outcome == "COMPLETE" ? f["return_url"] : f.GetValueOrDefault("cancel_url", f["return_url"]);
    }

    public bool Validate(string paramString) => issued.ContainsKey(paramString.Trim());
}
