using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Quantify.Tests.Webhooks;

/// <summary>A webhook receiver on a real loopback port (Kestrel): records what arrives and answers with scripted status codes.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> script = new();

    public ConcurrentQueue<Received> Requests { get; } = new();
    /// <summary>Never answer (until the caller gives up).</summary>
    public bool Hang { get; set; }
    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var s in statuses) receiver.script.Enqueue(s);
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            receiver.Requests.Enqueue(new Received(ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (receiver.Hang)
            {
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
                catch (OperationCanceledException) { }
                return Results.StatusCode(200);
            }
            return Results.StatusCode(receiver.script.TryDequeue(out var code) ? code : 200);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What IHttpClientFactory gives the dispatcher in production, minus DI: no redirects, no cookies.</summary>
public sealed class PlainHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler handler = new() { AllowAutoRedirect = false, UseCookies = false };

    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => handler.Dispose();
}
