using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Ingestion.Cellular;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Per-gateway signing keys, derived (HMAC-SHA256) from the server's master key, the gateway code and its key version,
/// so no secret is stored in the database and rotating is bumping the version. The master key comes from
/// configuration (Ingestion:GatewayMasterKey) or, failing that, a random key kept in the data folder.
/// </summary>
public sealed class GatewayKeys(byte[] masterKey)
{
    public static GatewayKeys FromConfiguration(IConfiguration configuration, string dataDirectory)
    {
        var configured = configuration["Ingestion:GatewayMasterKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return new GatewayKeys(Encoding.UTF8.GetBytes(configured));
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "gateway-master.key");
        if (!File.Exists(path)) File.WriteAllText(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        return new GatewayKeys(Convert.FromHexString(File.ReadAllText(path).Trim()));
    }

    /// <summary>The key the gateway signs with (hex), shown to the installer once.</summary>
    public string KeyFor(string gatewayCode, int keyVersion) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(masterKey, Encoding.UTF8.GetBytes($"{gatewayCode}:{keyVersion.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>Signature = hex(HMAC-SHA256(key, timestamp + "." + body)).</summary>
    public static string Sign(string key, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));
    }
}

/// <summary>
/// <c>POST /api/v1/gateways/{code}/readings</c>: 4G and NB-IoT gateways push reading batches (the gateway JSON batch
/// format) signed with their key: headers <c>X-Quantify-Timestamp</c> (Unix seconds, within 5 minutes) and
/// <c>X-Quantify-Signature: sha256=&lt;hex&gt;</c>. Accepted batches go through the same pipeline as MQTT and the
/// response (202) is sent only once the batch is committed, so a gateway that gets no 202 simply resends. A gateway may
/// report only the meters attached to it (or its whole estate when so set, <see cref="GatewayScope"/>): a batch naming
/// any other meter is refused (403) and kept as a dead letter with the reason.
/// </summary>
public static class GatewayEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/gateways/{code}/readings", ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string code, HttpRequest request, IDbContextFactory<QuantifyDbContext> factory, GatewayKeys keys,
        IIngestionSink sink, IDeadLetterStore deadLetters, IngestionOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!options.Enabled) return Problem(503, "Ingestion is switched off on this instance.");
        if (request.ContentLength > MaxBodyBytes) return Problem(413, $"A batch may be at most {MaxBodyBytes} bytes.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var gateway = await db.Gateways.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, ct);
        if (gateway is null || !gateway.IsActive) return Problem(401, $"Unknown or inactive gateway '{code}'.");

        var timestamp = request.Headers["X-Quantify-Timestamp"].ToString();
        var signature = request.Headers["X-Quantify-Signature"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
            return Problem(401, "X-Quantify-Timestamp must be the Unix time in seconds.");
        var now = clock.GetUtcNow();
        if ((now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > MaxClockSkew)
            return Problem(401, $"X-Quantify-Timestamp is more than {MaxClockSkew.TotalMinutes:0} minutes from server time {now:u}: check the gateway clock.");
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal)) return Problem(401, "X-Quantify-Signature must be 'sha256=<hex HMAC>'.");

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes) return Problem(413, $"A batch may be at most {MaxBodyBytes} bytes.");
        var body = buffer.ToArray();
        var expected = GatewayKeys.Sign(keys.KeyFor(gateway.Code, gateway.KeyVersion), timestamp, body);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature["sha256=".Length..].ToLowerInvariant())))
            return Problem(401, "Signature does not match: sign timestamp + \".\" + body with the gateway's key (HMAC-SHA256, hex).");

        var topic = $"{GatewayBatchDecoder.TopicPrefix}{gateway.Code}/readings";
        var message = new IncomingMessage(MessageSource.Http, topic, body, now);
        var decoded = GatewayBatchDecoder.Decode(message);
        if (decoded.IsError) return Problem(422, decoded.Error!);
        var messageId = BatchId(decoded, body);
        if (await GatewayScope.RefusalAsync(db, gateway, decoded, ct) is { } refusal)
        {
            // Kept as a dead letter (once per distinct batch) so the refusal shows in the portal and can be replayed
            // after the meter is attached; the gateway is told why.
            if (!await db.DeadLetters.AnyAsync(d => d.MessageId == messageId, ct))
                await deadLetters.AddAsync([new DeadLetterItem(MessageSource.Http, topic, body, refusal, now, messageId)], ct);
            return Problem(403, refusal);
        }

        // Unknown meters are not refused here: the pipeline dead-letters them so they can be replayed once registered.
        await sink.AcceptAsync(message with { MessageId = messageId }, ct);
        return Results.Accepted(value: new { accepted = decoded.Readings.Count, gateway = gateway.Code });
    }

    private static string BatchId(DecodedMessage decoded, byte[] body) =>
        "http:" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + ":" + decoded.Readings.Count.ToString(CultureInfo.InvariantCulture);

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
