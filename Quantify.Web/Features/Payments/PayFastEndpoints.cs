using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Quantify.Web.Features.Payments;

public static class PayFastEndpoints
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env)
    {
        services.AddOptions<PayFastOptions>().Bind(configuration.GetSection(PayFastOptions.Section))
            .PostConfigure(o => { if (env.IsProduction()) o.UseLocalStandIn = false; })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayFastOptions>, PayFastOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PayFastOptions>>().Value);
        services.AddHttpClient("payfast", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(PayFastStandIn.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<PayFastValidateAddress>();
        services.AddSingleton<PayFastService>();
        services.AddSingleton<PayFastPayoutImport>();
        services.AddSingleton<PayFastStandIn>();
        services.AddSingleton<EftService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<PayFastOptions>();
        if (!options.Enabled) return app;

        // PayFast posts ITNs here. Always 200: PayFast retries otherwise; what failed is stored with its reason.
        // The source address is the connection's, or the client's as forwarded by a configured known proxy (QuantifyApp).
        app.MapPost("/api/payments/payfast/itn", async (HttpContext ctx, PayFastService payfast) =>
        {
            var fields = await ReadOrderedFormAsync(ctx.Request, options.MaxItnBytes, ctx.RequestAborted);
            if (fields is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            await payfast.ProcessItnAsync(fields, ctx.Connection.RemoteIpAddress, ctx.RequestAborted);
            return Results.Text("OK");
        }).AllowAnonymous().DisableAntiforgery();

        if (!options.UseLocalStandIn) return app;
        const int standInLimit = 64 * 1024;
        var standIn = app.MapGroup("/payfast-standin/eng").AllowAnonymous().DisableAntiforgery();
        standIn.MapPost("/process", async (HttpContext ctx, PayFastStandIn s) =>
            await ReadOrderedFormAsync(ctx.Request, standInLimit, ctx.RequestAborted) is { } form
                ? Results.Content(s.PaymentPage(form), "text/html; charset=utf-8")
                : Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        standIn.MapPost("/pay", async (HttpContext ctx, PayFastStandIn s, IHttpClientFactory http) =>
        {
            var form = await ReadOrderedFormAsync(ctx.Request, standInLimit, ctx.RequestAborted);
            if (form is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            var returnUrl = await s.CompleteAsync(form, http, ctx.RequestAborted);
            return Results.Redirect(returnUrl);
        });
        standIn.MapPost("/query/validate", async (HttpContext ctx, PayFastStandIn s) =>
            await ReadBodyAsync(ctx.Request, standInLimit, ctx.RequestAborted) is { } body
                ? Results.Text(s.Validate(body) ? "VALID" : "INVALID")
                : Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        return app;
    }

    /// <summary>Form fields in the order they were posted (the ITN signature depends on it); null when the body exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<List<KeyValuePair<string, string>>?> ReadOrderedFormAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, maxBytes, ct);
        return body is null ? null : ParseForm(body);
    }

    /// <summary>application/x-www-form-urlencoded, order kept: '+' is a space, %XX are UTF-8 bytes.</summary>
    public static List<KeyValuePair<string, string>> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), p.Length > 1 ? WebUtility.UrlDecode(p[1]) : ""))
            .ToList();

    /// <summary>The body as UTF-8 text, or null when it is larger than <paramref name="maxBytes"/> (refused before it is read in full).</summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        var buffer = new byte[maxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), ct)) > 0) total += read;
        return total > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }
}
