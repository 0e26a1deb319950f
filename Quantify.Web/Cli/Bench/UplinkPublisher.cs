using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Ingestion.ChirpStack;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// One simulated ChirpStack: an MQTTnet client publishing ChirpStack v4 uplink JSON (QoS 1) for its share of the meters,
/// round-robin, each reading 15 minutes after the meter's previous one with a higher register. Several publishes are in
/// flight at once, but fewer than the meters it owns, so a meter's next reading is only sent once the broker has
/// acknowledged its previous one: per-meter order is kept, as ChirpStack keeps it.
/// </summary>
public sealed class UplinkPublisher(IReadOnlyList<BenchMeter> meters, CommitRecorder recorder, LoadGate gate) : IAsyncDisposable
{
    private const string Empty = "{}";
    private const string Close = "}}}}";
    private const string ApplicationId = "5d1f0c2a-bench-4c1e-9a8f-0b0e0c0d0e0f";
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly long[] sequence = new long[meters.Count];
    private long published;
    private long failed;

    public long Published => Interlocked.Read(ref published);
    public long Failed => Interlocked.Read(ref failed);

    public async Task ConnectAsync(string host, int port, string username, string password, string clientId, CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithCredentials(username, password).WithClientId(clientId)
            .WithCleanSession(true).WithTimeout(TimeSpan.FromSeconds(30)).Build();
        var result = await client.ConnectAsync(options, ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"Publisher {clientId} refused: {result.ResultCode}");
    }

    /// <summary>Publishes until <paramref name="ct"/> is cancelled, then waits for the broker to acknowledge what is in flight.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var window = new SemaphoreSlim(Math.Clamp(meters.Count / 2, 1, 256));
        var inFlight = new List<Task>();
        try
        {
            for (var round = 0; !ct.IsCancellationRequested; round++)
                for (var i = 0; i < meters.Count && !ct.IsCancellationRequested; i++)
                {
                    await gate.WaitTurnAsync(ct);
                    await window.WaitAsync(ct);
                    inFlight.Add(PublishAsync(i, window));
                    if (inFlight.Count >= 4096) inFlight.RemoveAll(t => t.IsCompleted);
                }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(inFlight);
    }

    private async Task PublishAsync(int index, SemaphoreSlim window)
    {
        try
        {
            var meter = meters[index];
            var n = ++sequence[index];
            var dedupeId = Guid.NewGuid().ToString();
            var payload = Uplink(meter, n, dedupeId);
            var message = new MqttApplicationMessageBuilder().WithTopic($"application/{ApplicationId}/device/{meter.DeviceEui}/event/up")
                .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            recorder.Publishing(dedupeId, Stopwatch.GetTimestamp());
            var result = await client.PublishAsync(message, CancellationToken.None);
            if (result.IsSuccess) Interlocked.Increment(ref published);
            else Interlocked.Increment(ref failed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref failed);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>The n-th uplink of a meter, shaped as ChirpStack v4 publishes it (JSON encoding), raw payload in <c>data</c>.</summary>
    public static byte[] Uplink(BenchMeter meter, long n, string dedupeId)
    {
        var register = meter.BaselineRegister + (n * meter.StepKwh);
        var time = meter.BaselineAt + (n * BenchSeeder.ReadingInterval);
        var data = Convert.ToBase64String(MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, register, RelayClosed: true)));
        var json = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"deduplicationId":"{{{dedupeId}}}","time":"{{{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}}}","deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","tenantName":"Quantify","applicationId":"{{{ApplicationId}}}","applicationName":"Benchmark meters","deviceProfileId":"0b3a7d43-1f3e-4b5c-9a6d-5e1f2a3b4c5d","deviceProfileName":"Quantify electricity v1","deviceName":"{{{meter.SerialNumber}}}","devEui":"{{{meter.DeviceEui}}}","deviceClassEnabled":"CLASS_A","tags":{{{Empty}}}},"devAddr":"01fa2b3c","adr":true,"dr":5,"fCnt":{{{n}}},"fPort":10,"confirmed":false,"data":"{{{data}}}","rxInfo":[{"gatewayId":"0016c001f153a14c","uplinkId":{{{n % 65536}}},"nsTime":"{{{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}}}","rssi":-87,"snr":9.5,"channel":2,"location":{},"context":"AAAAAA==","metadata":{},"crcStatus":"CRC_OK"}],"txInfo":{"frequency":868100000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"{{{Close}}}
            """);
        return Encoding.UTF8.GetBytes(json);
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        client.Dispose();
    }
}
