using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Ingestion.ChirpStack;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Protocols;
using Xunit.Abstractions;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// The reliability claim, for real: an external mosquitto broker, the app as its own process subscribed with QoS 1 on a
/// persistent session (shared subscription), readings published while the app is killed (SIGKILL) mid-stream and then
/// restarted. Every published reading must be stored once and billed once, and the rand totals must agree.
/// </summary>
public sealed class KillMidStreamTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Eui = "70b3d57ed0010000"; // demo meter SLF-E-A101 (Silverleaf, inclining-block tariff)
    private const string Topic = $"application/quantify/device/{Eui}/event/up";
    private const int Total = 600;
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "quantify-kill-" + Guid.NewGuid().ToString("N"));
    private readonly int brokerPort = TestApp.FreePort();
    private readonly int webPort = TestApp.FreePort();
    private Process? broker;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDir);
        var conf = Path.Combine(dataDir, "mosquitto.conf");
        File.WriteAllText(conf, $"""
            listener {brokerPort} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 100000
            max_inflight_messages 100
            """);
        broker = Process.Start(new ProcessStartInfo("mosquitto", ["-c", conf]) { RedirectStandardError = true, RedirectStandardOutput = true })
                 ?? throw new InvalidOperationException("mosquitto did not start (./test.sh installs it).");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (broker is { HasExited: false }) broker.Kill(entireProcessTree: true);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private Process StartApp()
    {
        var dll = Repo.PathOf("Quantify.Web", "bin", "Release", "net10.0", "Quantify.Web.dll");
        if (!File.Exists(dll)) dll = Repo.PathOf("Quantify.Web", "bin", "Debug", "net10.0", "Quantify.Web.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{webPort}"])
        {
            WorkingDirectory = Repo.PathOf("Quantify.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (k, v) in new Dictionary<string, string>
                 {
                     ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                     ["Database__DataDirectory"] = dataDir,
                     ["Demo__Seed"] = "true",
                     ["Jobs__Enabled"] = "false",
                     ["Simulation__Enabled"] = "false",
                     ["Ingestion__Enabled"] = "true",
                     ["Ingestion__Mqtt__Mode"] = "External",
                     ["Ingestion__Mqtt__Host"] = "127.0.0.1",
                     ["Ingestion__Mqtt__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
                     ["Ingestion__Mqtt__ClientId"] = "quantify-kill-test",
                     ["Logging__LogLevel__Default"] = "Warning",
                 })
            psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("The app did not start.");
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) Log("app: " + e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log("app! " + e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private void Log(string line)
    {
        try { output.WriteLine(line); } catch (InvalidOperationException) { /* test finished */ }
    }

    private async Task<T> QueryAsync<T>(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(dataDir, "quantify.db")};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    private Task<long> StoredAsync() =>
        QueryAsync<long>($"SELECT COUNT(*) FROM MeterReadings r JOIN Meters m ON m.Id = r.MeterId WHERE m.DeviceEui = '{Eui}'");

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try { if (await condition()) return; }
            catch (Exception ex) when (ex is SqliteException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The database is not created yet or busy, or mosquitto is still starting: look again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    private static byte[] Uplink(int i, DateTimeOffset start) =>
        System.Text.Encoding.UTF8.GetBytes(ChirpStackDecoderTests.Uplink(Eui, 10,
            MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, 5000m + i * 0.5m, RelayClosed: true)),
            dedup: $"00000000-0000-4000-8000-{i:000000000000}", time: start.AddMinutes(15 * i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));

    [Fact]
    public async Task KillingTheAppMidStream_AndRestarting_BillsEveryPublishedReadingExactlyOnce()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-15 * (Total + 10));
        var app = StartApp();
        using var publisher = new MqttClientFactory().CreateMqttClient();
        try
        {
            await WaitForAsync(async () =>
            {
                if (!publisher.IsConnected)
                    await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).WithClientId("kill-test-publisher").Build());
                // The first reading doubles as the probe: once it is stored, the app's persistent session exists.
                await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(Uplink(0, start))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                return await StoredAsync() >= 1;
            }, "the app to subscribe and store the first reading");

            var publishing = Task.Run(async () =>
            {
                for (var i = 1; i < Total; i++)
                {
                    await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(Uplink(i, start))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                    if (i % 50 == 0) await Task.Delay(100);
                }
            });
            await WaitForAsync(async () => await StoredAsync() >= 100, "100 readings before the kill");
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            var atKill = await StoredAsync();
            output.WriteLine($"Killed with {atKill} of {Total} readings stored.");
            await publishing;
            Assert.True(atKill < Total, "The kill came after everything was stored; nothing was tested.");

            SqliteConnection.ClearAllPools();
            app = StartApp();
            await WaitForAsync(async () => await StoredAsync() >= Total, $"all {Total} readings after the restart", 180);
            await Task.Delay(1500); // anything redelivered twice would land now

            Assert.Equal(Total, await StoredAsync());
            var billed = await QueryAsync<long>($"SELECT COUNT(*) FROM MeterReadings r JOIN Meters m ON m.Id = r.MeterId WHERE m.DeviceEui = '{Eui}' AND r.Status = 'Billed'");
            Assert.Equal(Total - 1, billed); // the first reading is the baseline
            var consumption = await QueryAsync<double>($"SELECT SUM(CAST(r.Consumption AS REAL)) FROM MeterReadings r JOIN Meters m ON m.Id = r.MeterId WHERE m.DeviceEui = '{Eui}'");
            Assert.Equal((Total - 1) * 0.5, consumption, 6);
            var postings = await QueryAsync<long>($"SELECT COUNT(*) FROM LedgerTransactions t WHERE t.IdempotencyKey LIKE 'reading:%'");
            Assert.Equal(billed, postings);
            // Rand totals: what the readings say they cost equals what the wallet was debited for consumption.
            var charged = await QueryAsync<string>($"SELECT GROUP_CONCAT(r.Amount, ';') FROM MeterReadings r JOIN Meters m ON m.Id = r.MeterId WHERE m.DeviceEui = '{Eui}' AND r.Amount IS NOT NULL");
            var debited = await QueryAsync<string>("SELECT GROUP_CONCAT(l.Amount, ';') FROM LedgerLines l JOIN LedgerTransactions t ON t.Id = l.TransactionId JOIN LedgerAccounts a ON a.Id = l.AccountId WHERE t.IdempotencyKey LIKE 'reading:%' AND a.Code LIKE 'wallet:%'");
            var chargedSum = charged.Split(';').Sum(s => decimal.Parse(s, CultureInfo.InvariantCulture));
            var debitedSum = debited.Split(';').Sum(s => decimal.Parse(s, CultureInfo.InvariantCulture));
            output.WriteLine($"Charged {chargedSum:0.00}, debited {debitedSum:0.00}");
            Assert.True(chargedSum > 0);
            Assert.Equal(chargedSum, -debitedSum);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }
}
