using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// Just enough of the Chrome DevTools Protocol to drive a headless Chromium from the benchmark without a browser
/// automation package in the application (Playwright lives in the test project only): start the browser, set a session
/// cookie, open tabs and evaluate JavaScript in them. One WebSocket to the browser, flat sessions per tab.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> pending = new();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private Task? receiver;
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public int ProcessId => process.Id;

    public static async Task<HeadlessChromium> StartAsync(string executable, CancellationToken ct = default)
    {
        var profile = Path.Combine(Path.GetTempPath(), "quantify-bench-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-extensions", "--mute-audio", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium writes the port it chose and the browser endpoint's path to DevToolsActivePort.
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var clock = Stopwatch.StartNew();
            string[] lines = [];
            while (lines.Length < 2)
            {
                if (process.HasExited) throw new InvalidOperationException($"{executable} exited with code {process.ExitCode} before opening its DevTools port.");
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{executable} did not open its DevTools port within 30 s.");
                await Task.Delay(50, ct);
                try { if (File.Exists(portFile)) lines = (await File.ReadAllLinesAsync(portFile, ct)).Where(l => l.Length > 0).ToArray(); }
                catch (IOException) { }
            }
            await browser.socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), ct);
            browser.receiver = Task.Run(browser.ReceiveLoopAsync, CancellationToken.None);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command (to the browser, or to a tab's session) and returns its result.</summary>
    public async Task<JsonNode?> SendAsync(string method, object? parameters = null, string? sessionId = null, CancellationToken ct = default)
    {
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(parameters) };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sendGate.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            sendGate.Release();
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await using (timeout.Token.Register(() => reply.TrySetCanceled()))
            return await reply.Task;
    }

    /// <summary>Sets a cookie for every tab (the signed-in session).</summary>
    public Task SetCookieAsync(string name, string value, Uri site, CancellationToken ct = default) =>
        SendAsync("Storage.setCookies", new { cookies = new[] { new { name, value, domain = site.Host, path = "/", httpOnly = true } } }, ct: ct);

    /// <summary>Opens a tab at <paramref name="url"/> and attaches to it.</summary>
    public async Task<ChromiumTab> OpenAsync(string url, CancellationToken ct = default)
    {
        var target = await SendAsync("Target.createTarget", new { url }, ct: ct);
        var targetId = target!["targetId"]!.GetValue<string>();
        var attached = await SendAsync("Target.attachToTarget", new { targetId, flatten = true }, ct: ct);
        return new ChromiumTab(this, targetId, attached!["sessionId"]!.GetValue<string>());
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"] is not { } idNode || !pending.TryRemove(idNode.GetValue<int>(), out var reply)) continue; // events are not needed
                if (node["error"] is { } error) reply.TrySetException(new InvalidOperationException($"DevTools: {error.ToJsonString()}"));
                else reply.TrySetResult(node["result"]);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        foreach (var reply in pending.Values) reply.TrySetCanceled();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open) await SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or OperationCanceledException or WebSocketException) { }
        await stop.CancelAsync();
        if (receiver is not null) await receiver.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        socket.Dispose();
        if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
        process.Dispose();
        stop.Dispose();
        sendGate.Dispose();
        try { Directory.Delete(profile, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One tab of <see cref="HeadlessChromium"/>.</summary>
public sealed class ChromiumTab(HeadlessChromium browser, string targetId, string sessionId)
{
    /// <summary>Evaluates an expression in the page (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken ct = default)
    {
        var result = await browser.SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, sessionId, ct);
        if (result?["exceptionDetails"] is { } ex) throw new InvalidOperationException($"In the page: {ex.ToJsonString()}");
        return result?["result"]?["value"];
    }

    /// <summary>Polls until the expression is true in the page.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await EvaluateAsync($"!!({expression})", ct) is JsonValue v && v.GetValue<bool>()) return;
            }
            catch (InvalidOperationException) { } // navigation in progress: the context went away
            if (clock.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for: {expression}");
            await Task.Delay(25, ct);
        }
    }

    public Task NavigateAsync(string url, CancellationToken ct = default) => browser.SendAsync("Page.navigate", new { url }, sessionId, ct);

    public Task CloseAsync(CancellationToken ct = default) => browser.SendAsync("Target.closeTarget", new { targetId }, ct: ct);
}
