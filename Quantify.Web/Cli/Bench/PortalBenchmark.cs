using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Cli.Bench;

/// <summary>Median and maximum of a set of timings, in milliseconds.</summary>
public sealed record Timing(int Count, double Median, double P99, double Max)
{
    public static Timing Of(IReadOnlyCollection<double> ms)
    {
        if (ms.Count == 0) return new Timing(0, double.NaN, double.NaN, double.NaN);
        var sorted = ms.Order().ToArray();
        return new Timing(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => Count == 0 ? "no samples" : string.Create(CultureInfo.InvariantCulture, $"median {Median:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms (n={Count})");
}

public sealed record PortalBenchReport(string Machine, PortalBenchOptions Options, TimeSpan Seeding, double ColdPageMs, Timing AgentPage, Timing UnitQuery, Timing EstateQuery,
    Timing? BrowserGrid, int? Circuits, long? HeapPerCircuit, long? WorkingSetPerCircuit, Timing? PublishToScreen, int Missed, IReadOnlyList<string> Notes, IngestLoad? Load = null)
{
    public bool Complete => Missed == 0 && AgentPage.Count > 0;

    public string ToText()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Portal benchmark: {Options.Units:N0} units, {Machine}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  seeding                                   {Seeding.TotalSeconds:0.0} s");
        s.AppendLine(CultureInfo.InvariantCulture, $"  (a) GET /agent, first after start (cold)  {ColdPageMs:0.0} ms");
        s.AppendLine(CultureInfo.InvariantCulture, $"  (a) GET /agent, prerendered page (warm)   {AgentPage}   target < 500 ms: median {(AgentPage.Median < 500 ? "met" : "MISSED")}, max {(AgentPage.Max < 500 ? "met" : "MISSED")}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  (a) AreaQueries.UnitPageAsync page 1      {UnitQuery}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  (a) AreaQueries.EstatesForAsync (cards)   {EstateQuery}");
        if (BrowserGrid is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"  (a) browser: navigate to 25 rows shown    {BrowserGrid}");
        if (Circuits is int n)
            s.AppendLine(CultureInfo.InvariantCulture, $"  (b) per idle circuit ({n} circuits)       managed heap {HeapPerCircuit / 1024.0:N0} KiB, working set {WorkingSetPerCircuit / 1024.0:N0} KiB{(Options.CircuitPath == "/tenant" ? "" : $" (page {Options.CircuitPath})")}");
        if (PublishToScreen is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"  (c) MQTT publish -> balance on screen     {PublishToScreen}{(Missed > 0 ? $", {Missed} never shown" : "")}{(Load is null ? "" : "   target p99 <= 1 s under load: " + (PublishToScreen.P99 <= 1000 ? "met" : "MISSED"))}");
        if (Load is { } load)
            s.AppendLine(CultureInfo.InvariantCulture, $"  (c) meanwhile, other meters' readings     offered {load.Rate:N0}/s for {load.Seconds:0.0} s: published {load.Published:N0} ({load.Published / load.Seconds:N0}/s), committed {load.Committed:N0} ({load.Committed / load.Seconds:N0}/s), failed {load.Failed:N0}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  load average at the end                   {LoadAverage()}");
        foreach (var note in Notes) s.AppendLine("  note: " + note);
        return s.ToString();
    }

    /// <summary>The machine's 1/5/15-minute load average (Linux), for judging how noisy the figures are.</summary>
    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a"; }
        catch (IOException) { return "n/a"; }
    }
}

/// <summary>The ingestion load offered during (c) with --ingest-rate: what was published and committed meanwhile.</summary>
public sealed record IngestLoad(int Rate, double Seconds, long Published, long Committed, long Failed);

/// <summary>
/// The portal's figures (issue 5, part 12), measured on the application's own host on a fresh SQLite database:
/// (a) the agent's unit list for a large estate (prerendered page over HTTP, the grid's page query, and in Chromium the
/// time until the grid shows its first page), (b) server memory per idle Blazor circuit, (c) MQTT publish to the new
/// balance on a tenant's screen. Chromium is driven over the DevTools protocol (<see cref="HeadlessChromium"/>).
/// </summary>
public static partial class PortalBenchmark
{
    private const string Username = "quantify-bench";

    public static async Task<PortalBenchReport> RunAsync(PortalBenchOptions o, TextWriter progress, CancellationToken ct = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "quantify-portal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var mqttPort = FreePort();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var recorder = new CommitRecorder();
        var app = QuantifyApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Quantify"] = "",
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = "",
                ["Database:DataDirectory"] = folder,
                ["Demo:Seed"] = "false",
                ["Jobs:Enabled"] = "false",
                ["Simulation:Enabled"] = "false",
                ["Ingestion:Enabled"] = "true",
                ["Ingestion:Mqtt:Mode"] = "Embedded",
                ["Ingestion:Mqtt:Host"] = "127.0.0.1",
                ["Ingestion:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
                ["Ingestion:Mqtt:Username"] = Username,
                ["Ingestion:Mqtt:Password"] = password,
                ["Ingestion:Mqtt:ClientId"] = "quantify-ingestion-portal-bench",
                ["Notifications:PickupDirectory"] = Path.Combine(folder, "mail"),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
            // Counts commits for --ingest-rate (the load gate keeps at most 5,000 readings published but not committed).
            b.Services.AddSingleton<IBatchObserver>(recorder);
            // Not Production: static web assets (MudBlazor, blazor.web.js) come from the build's manifest, as in a test run.
        }, environment: "Benchmark", contentRoot: o.ContentRoot);
        try
        {
            return await MeasureAsync(app, o, mqttPort, password, recorder, progress, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (o.Keep) progress.WriteLine($"Database kept in {folder}");
            else
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    private static async Task<PortalBenchReport> MeasureAsync(WebApplication app, PortalBenchOptions o, int mqttPort, string password, CommitRecorder recorder, TextWriter progress,
        CancellationToken ct)
    {
        await app.PrepareAsync();
        var services = app.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // The tenant's readings are stamped 15 minutes apart after the baseline, all in the past.
        // With --ingest-rate every other meter gets readings too, each 15 minutes after its last: leave room for as many as (c) could publish.
        var loadPerMeter = o.IngestRate == 0 ? 0 : (long)Math.Ceiling(o.IngestRate * 1.5 * ((o.Readings * (o.SpacingMs + 2000) / 1000.0) + 60) / Math.Max(1, o.Units - 1));
        var baselineAt = Quarter(now - ((Math.Max(o.Readings, loadPerMeter) + 8) * BenchSeeder.ReadingInterval));
        progress.WriteLine($"Seeding {o.Units:N0} units with tenants, meters and wallets...");
        var seedClock = Stopwatch.StartNew();
        var estate = await PortalBenchSeeder.SeedAsync(services, o.Units, baselineAt, DateOnly.FromDateTime(now.UtcDateTime), ct);
        seedClock.Stop();

        app.UseQuantifyPipeline();
        await app.StartAsync(ct);
        var baseUrl = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var notes = new List<string>();

        // (a) The agent's unit list: the prerendered page over HTTP (what the server does before the first byte), then the
        // grid's first page query on its own (MudDataGrid ServerData loads after the circuit starts, not in the prerender).
        progress.WriteLine("(a) Agent unit list...");
        using var agent = await SignInAsync(baseUrl, estate.AgentEmail, ct);
        var cold = await TimeGetAsync(agent.Client, "/agent", ct);
        var pageTimes = new List<double>();
        for (var i = 0; i < o.Runs; i++) pageTimes.Add(await TimeGetAsync(agent.Client, "/agent", ct));

        var scope = await ScopeOfAsync(services, estate.AgentEmail);
        var areas = services.GetRequiredService<AreaQueries>();
        var queryTimes = new List<double>();
        var estateTimes = new List<double>();
        for (var i = 0; i <= o.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var page = await areas.UnitPageAsync(scope, Roles.ManagingAgent, null, 0, 25, ct);
            clock.Stop();
            if (page.TotalCount != o.Units) throw new InvalidOperationException($"The agent's unit list has {page.TotalCount} units, not {o.Units}.");
            if (i > 0) queryTimes.Add(clock.Elapsed.TotalMilliseconds); // the first run is the warm-up
            // The page's other query: the estate cards above the grid (counts of units, meters online, tickets).
            clock.Restart();
            await areas.EstatesForAsync(scope, Roles.ManagingAgent, ct);
            clock.Stop();
            if (i > 0) estateTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        Timing? grid = null, latency = null;
        int? circuits = null;
        long? heapPer = null, wsPer = null;
        IngestLoad? load = null;
        var missed = 0;
        if (!o.NoBrowser)
        {
            await using var chromium = await HeadlessChromium.StartAsync(o.Chromium, ct);
            grid = await BrowserGridAsync(chromium, baseUrl, agent.Cookies, o.Runs, ct);

            progress.WriteLine($"(b) {o.Circuits} idle circuits...");
            using var tenant = await SignInAsync(baseUrl, estate.TenantEmail, ct);
            long firstHeap;
            (heapPer, wsPer, firstHeap) = await MemoryPerCircuitAsync(chromium, baseUrl, tenant.Cookies, o, progress, ct);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"(b) is the second half of the circuits; the first {(o.Circuits < 2 ? o.Circuits : o.Circuits / 2)} cost {firstHeap / 1024.0:N0} KiB of heap each, one-time allocations of the process included."));
            circuits = o.Circuits;

            progress.WriteLine($"(c) {o.Readings} readings published to the broker{(o.IngestRate > 0 ? $", while {o.IngestRate:N0} readings/s go to the other {estate.Meters.Count - 1:N0} meters" : "")}...");
            (latency, missed, load) = await PublishToScreenAsync(chromium, baseUrl, estate, mqttPort, password, recorder, o, ct);
        }
        else notes.Add("--no-browser: (b) and (c) and the browser grid time were not measured.");

        return new PortalBenchReport(IngestBenchmark.Machine(), o, seedClock.Elapsed, cold, Timing.Of(pageTimes), Timing.Of(queryTimes), Timing.Of(estateTimes), grid, circuits, heapPer, wsPer,
            latency, missed, notes, load);
    }

    /// <summary>Time from navigation start (the browser's own clock) until the grid shows its first page, in fresh page loads.</summary>
    private static async Task<Timing> BrowserGridAsync(HeadlessChromium chromium, Uri baseUrl, CookieCollection cookies, int runs, CancellationToken ct)
    {
        foreach (Cookie c in cookies) await chromium.SetCookieAsync(c.Name, c.Value, baseUrl, ct);
        var tab = await chromium.OpenAsync("about:blank", ct);
        var times = new List<double>();
        const string rows = "document.querySelectorAll('[data-testid=unit-grid] tbody tr').length >= 25";
        for (var i = 0; i <= Math.Min(runs, 10); i++)
        {
            await tab.NavigateAsync(new Uri(baseUrl, $"/agent?run={i}").ToString(), ct);
            await tab.WaitForAsync($"location.search === '?run={i}' && document.readyState !== 'loading' && {rows}", TimeSpan.FromSeconds(60), ct);
            // performance.now() counts from this navigation's start; read it in the same tick the rows are seen.
            var ms = (await tab.EvaluateAsync($"new Promise(r => {{ const t = () => ({rows}) ? r(performance.now()) : requestAnimationFrame(t); t(); }})", ct))!.GetValue<double>();
            if (i > 0) times.Add(ms);
        }
        await tab.CloseAsync(ct);
        return Timing.Of(times);
    }

    /// <summary>Server memory (this process: the app runs in it) before and after opening N tenant pages, each its own circuit, left idle.</summary>
    private static async Task<(long Heap, long WorkingSet, long FirstHeap)> MemoryPerCircuitAsync(HeadlessChromium chromium, Uri baseUrl, CookieCollection cookies, PortalBenchOptions o,
        TextWriter progress, CancellationToken ct)
    {
        var n = o.Circuits;
        foreach (Cookie c in cookies) await chromium.SetCookieAsync(c.Name, c.Value, baseUrl, ct);
        // One tab holds the circuits as same-origin iframes: one renderer for Chromium, one circuit per frame for the server.
        var tab = await chromium.OpenAsync(new Uri(baseUrl, o.CircuitPath).ToString(), ct);
        await tab.WaitForAsync("document.body && document.body.dataset.interactive === 'true'", TimeSpan.FromSeconds(60), ct);
        await Task.Delay(2000, ct);
        // Two halves: the first pays what the process allocates once (caches filled by the first circuits of a page, pools
        // growing); the figure is the second half's, the cost of one more idle circuit. The first half's goes into a note.
        var first = n < 2 ? n : n / 2;
        var (heap0, ws0) = Measure();
        await OpenCircuitsAsync(tab, o.CircuitPath, 0, first, ct);
        await DumpPauseAsync(o, $"{first} idle circuits open", progress, ct);
        var (heap1, ws1) = Measure();
        if (first == n)
        {
            await tab.CloseAsync(ct);
            return ((heap1 - heap0) / n, (ws1 - ws0) / n, (heap1 - heap0) / n);
        }
        await OpenCircuitsAsync(tab, o.CircuitPath, first, n - first, ct);
        await DumpPauseAsync(o, $"{n} idle circuits open", progress, ct);
        var (heap2, ws2) = Measure();
        await tab.CloseAsync(ct);
        return ((heap2 - heap1) / (n - first), (ws2 - ws1) / (n - first), (heap1 - heap0) / first);
    }

    private static async Task OpenCircuitsAsync(ChromiumTab tab, string path, int from, int count, CancellationToken ct)
    {
        await tab.EvaluateAsync($$"""
            (() => { for (let i = {{from}}; i < {{from + count}}; i++) { const f = document.createElement('iframe'); f.src = '{{path}}?circuit=' + i; f.width = 360; f.height = 240; f.className = 'bench-circuit'; document.body.appendChild(f); } })()
            """, ct);
        await tab.WaitForAsync($"document.querySelectorAll('iframe.bench-circuit').length === {from + count} && [...document.querySelectorAll('iframe.bench-circuit')].every(f => f.contentDocument && f.contentDocument.body && f.contentDocument.body.dataset.interactive === 'true')",
            TimeSpan.FromSeconds(180), ct);
        await Task.Delay(5000, ct); // idle: initial renders and live subscriptions settled
    }

    /// <summary>With --dump-pause: says where the run is and waits, so that e.g. <c>dotnet-gcdump collect -p PID</c> can snapshot the heap.</summary>
    private static async Task DumpPauseAsync(PortalBenchOptions o, string point, TextWriter progress, CancellationToken ct)
    {
        if (o.DumpPause == 0) return;
        Measure();
        progress.WriteLine($"    pause {o.DumpPause} s for a heap snapshot ({point}), process {Environment.ProcessId}");
        await Task.Delay(TimeSpan.FromSeconds(o.DumpPause), ct);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>
    /// A tenant's wallet page; a MutationObserver stamps (browser clock) every change of the electricity balance text; each
    /// reading is stamped (same machine clock) just before it is published, and the next one waits until the screen moved.
    /// </summary>
    private static async Task<(Timing Latency, int Missed, IngestLoad? Load)> PublishToScreenAsync(HeadlessChromium chromium, Uri baseUrl, PortalBenchEstate estate, int mqttPort,
        string password, CommitRecorder recorder, PortalBenchOptions o, CancellationToken ct)
    {
        var meter = estate.TenantMeter;
        var tab = await chromium.OpenAsync(new Uri(baseUrl, "/tenant/wallet").ToString(), ct);
        const string balance = "[data-testid=balance-Electricity] .q-money";
        await tab.WaitForAsync($"document.body && document.body.dataset.interactive === 'true' && document.querySelector('{balance}')", TimeSpan.FromSeconds(60), ct);
        await tab.EvaluateAsync($$"""
            (() => {
              window.__changes = [];
              let last = document.querySelector('{{balance}}').innerText;
              new MutationObserver(() => {
                const e = document.querySelector('{{balance}}');
                if (e && e.innerText !== last) { last = e.innerText; window.__changes.push(performance.timeOrigin + performance.now()); }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            })()
            """, ct);

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithCredentials(Username, password)
            .WithClientId("portal-bench-chirpstack").WithCleanSession(true).Build(), ct);
        // --ingest-rate: the other meters' readings through the same broker, pipeline and live notifier while the tenant watches.
        var others = estate.Meters.Where(m => m.MeterId != meter.MeterId).ToList();
        var loadPublishers = new List<UplinkPublisher>();
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loadRuns = new List<Task>();
        var loadClock = Stopwatch.StartNew();
        long committed0 = recorder.Committed;
        if (o.IngestRate > 0 && others.Count > 0)
        {
            var count = Math.Clamp(others.Count / 250, 1, 8);
            var gate = new LoadGate(o.IngestRate, 5000, () => recorder.Committed - committed0);
            for (var p = 0; p < count; p++)
            {
                var publisher = new UplinkPublisher(others.Where((_, i) => i % count == p).ToList(), recorder, gate);
                await publisher.ConnectAsync("127.0.0.1", mqttPort, Username, password, $"portal-bench-load-{p}", ct);
                loadPublishers.Add(publisher);
            }
            loadClock.Restart();
            loadRuns.AddRange(loadPublishers.Select(p => Task.Run(() => p.RunAsync(stopLoad.Token), CancellationToken.None)));
            await Task.Delay(3000, ct); // warm-up: the pipeline is busy before the first timed reading
        }
        var latencies = new List<double>();
        var missed = 0;
        for (var n = 1; n <= o.Readings; n++)
        {
            var seen = (await tab.EvaluateAsync("window.__changes.length", ct))!.GetValue<int>();
            var message = new MqttApplicationMessageBuilder().WithTopic($"application/portal-bench/device/{meter.DeviceEui}/event/up")
                .WithPayload(UplinkPublisher.Uplink(meter, n, Guid.NewGuid().ToString())).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var publishedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            await mqtt.PublishAsync(message, ct);
            try
            {
                await tab.WaitForAsync($"window.__changes.length > {seen}", TimeSpan.FromSeconds(15), ct);
                var shownAt = (await tab.EvaluateAsync($"window.__changes[{seen}]", ct))!.GetValue<double>();
                latencies.Add(shownAt - publishedAt);
            }
            catch (TimeoutException)
            {
                missed++;
            }
            await Task.Delay(o.SpacingMs, ct);
        }
        IngestLoad? load = null;
        if (loadPublishers.Count > 0)
        {
            await stopLoad.CancelAsync();
            await Task.WhenAll(loadRuns);
            loadClock.Stop();
            load = new IngestLoad(o.IngestRate, loadClock.Elapsed.TotalSeconds, loadPublishers.Sum(p => p.Published), recorder.Committed - committed0, loadPublishers.Sum(p => p.Failed));
            foreach (var p in loadPublishers) await p.DisposeAsync();
        }
        await mqtt.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        await tab.CloseAsync(ct);
        return (Timing.Of(latencies), missed, load);
    }

    private sealed class SignedIn(HttpClient client, CookieContainer cookies, Uri baseUrl) : IDisposable
    {
        public HttpClient Client => client;
        public CookieCollection Cookies => cookies.GetCookies(baseUrl);
        public void Dispose() => client.Dispose();
    }

    /// <summary>Signs in through the real login form (antiforgery token and all), as a browser would.</summary>
    private static async Task<SignedIn> SignInAsync(Uri baseUrl, string email, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var form = await client.GetStringAsync("/login", ct);
        var token = Token().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = PortalBenchSeeder.Password,
        }), ct);
        if (response.Headers.Location?.ToString().StartsWith(Identity.TwoFactorRules.LoginPath, StringComparison.Ordinal) == true)
        {
            // The seeded agent signs in with two factors, like every agent (docs/accounts.md).
            var step = response.Headers.Location.ToString();
            var page = await client.GetStringAsync(step, ct);
            response = await client.PostAsync(step, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login-2fa",
                ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
                ["Input.Code"] = Identity.DemoAuthenticator.CodeNow(TimeProvider.System),
            }), ct);
        }
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("login", StringComparison.OrdinalIgnoreCase) == true)
            throw new InvalidOperationException($"Signing in as {email} failed ({(int)response.StatusCode}).");
        return new SignedIn(client, cookies, baseUrl);
    }

    private static async Task<double> TimeGetAsync(HttpClient client, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("unit-grid", StringComparison.Ordinal))
            throw new InvalidOperationException($"GET {path} returned {(int)response.StatusCode} without the unit grid.");
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<UserScope> ScopeOfAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        return await scope.ServiceProvider.GetRequiredService<ScopeService>().ForAsync(principal);
    }

    private static DateTimeOffset Quarter(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero);

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
