using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Quantify.Tests.Infrastructure;
using static Quantify.Tests.Api.ApiTestKit;

namespace Quantify.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c> as an integrator meets it: every operation named, summarised, tagged and with its error
/// responses as problem details; clean under Redocly's recommended rules (the pinned CLI test.sh installs in
/// tools/redocly); and the committed Kiota client is what the current document generates.
/// </summary>
public class OpenApiDocumentTests(OpenApiAppFixture fixture) : IClassFixture<OpenApiAppFixture>
{
    private TestApp App => fixture.App;

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<(string Text, JsonElement Doc)> DocumentAsync()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (text, doc.RootElement.Clone());
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name)).Select(m => (p.Name, m.Name.ToUpperInvariant(), m.Value)));

    [Fact]
    public async Task EveryOperation_HasAnOperationIdSummaryAndTags()
    {
        var (_, doc) = await DocumentAsync();
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        var missing = new List<string>();
        foreach (var (path, method, op) in operations)
        {
            if (!op.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString())) missing.Add($"{method} {path}: operationId");
            if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) missing.Add($"{method} {path}: summary");
            if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0
                || tags.EnumerateArray().Any(t => t.GetString() is null or "Quantify.Web")) missing.Add($"{method} {path}: tags");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("ListUnits", doc.GetProperty("paths").GetProperty("/api/v1/units").GetProperty("get").GetProperty("operationId").GetString());
        var declaredTags = doc.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        foreach (var tag in operations.SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray()).Select(t => t.GetString()!).Distinct())
            Assert.False(string.IsNullOrWhiteSpace(declaredTags.GetValueOrDefault(tag)), $"tag {tag} has no description");
    }

    [Fact]
    public async Task MoneyAndQuantities_AreDocumentedAsDecimal_NeverAsDouble()
    {
        var (_, doc) = await DocumentAsync();
        var formats = new List<(string Where, string Format)>();
        void Walk(JsonElement e, string where)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                    if (p.Name == "format" && p.Value.ValueKind == JsonValueKind.String) formats.Add((where, p.Value.GetString()!));
                    else Walk(p.Value, $"{where}/{p.Name}");
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var item in e.EnumerateArray()) Walk(item, where);
        }
        Walk(doc, "");
        var doubles = formats.Where(f => f.Format is "double" or "float").Select(f => f.Where).ToList();
        Assert.True(doubles.Count == 0, "binary floating point in the document (a client would lose cents):\n" + string.Join("\n", doubles));
        Assert.Contains(formats, f => f.Format == "decimal" && f.Where.EndsWith("/properties/balance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_DocumentsItsErrorsAsProblemDetails()
    {
        var (_, doc) = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var (path, method, op) in Operations(doc))
        {
            var responses = op.GetProperty("responses");
            foreach (var status in new[] { "401", "403", "429" })
                if (!responses.TryGetProperty(status, out _)) wrong.Add($"{method} {path}: no {status}");
            if (path.Contains('{', StringComparison.Ordinal) && !responses.TryGetProperty("404", out _)) wrong.Add($"{method} {path}: no 404");
            foreach (var r in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
                if (!r.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var media)
                    || media.GetProperty("schema").GetProperty("$ref").GetString() != "#/components/schemas/ProblemDetails")
                    wrong.Add($"{method} {path}: {r.Name} is not a problem-details body");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        foreach (var path in new[] { "/api/v1/units/{id}/onboard-tenant", "/api/v1/units/{id}/offboard-tenant" })
        {
            var op = doc.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.True(op.GetProperty("responses").TryGetProperty("409", out _), $"{path}: the conflict answer is documented");
            Assert.True(op.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), $"{path}: the body is documented");
        }
        // The configured address ("https://portal.example.co.za/"), never the request's Host header, and no trailing slash.
        Assert.Equal(OpenApiAppFixture.PublicBaseUrl, doc.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheDocument_LintsCleanWithRedoclysRecommendedRules()
    {
        var redocly = Repo.PathOf("tools/redocly/node_modules/.bin/redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run ./test.sh (it installs tools/redocly with npm ci).");
        var (text, _) = await DocumentAsync();
        var dir = Directory.CreateTempSubdirectory("quantify-openapi-");
        try
        {
            var file = Path.Combine(dir.FullName, "v1.json");
            await File.WriteAllTextAsync(file, text);
            var (exit, output) = await RunAsync(redocly, ["lint", file, "--extends", "recommended", "--format", "json"], dir.FullName);
            var json = output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)];
            using var report = JsonDocument.Parse(json);
            var totals = report.RootElement.GetProperty("totals");
            var problems = report.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}");
            Assert.True(exit == 0 && totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
                $"redocly lint (exit {exit}):\n{string.Join("\n", problems)}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ApiErrors_AreProblemDetails_EvenWhenTheEndpointGaveNoBody()
    {
        using var key = KeyClient(App, (await CreateKeyAsync(App, "admin")).Key);
        using var portal = await PortalClient.SignedInAsync(App, "admin");
        // A binding failure (page is not a number), a statement of a unit that does not exist, an import that does not exist
        // (each endpoint answers with a bare status), and a POST to a read-only route.
        foreach (var (client, method, url, status) in new[]
                 {
                     (key, HttpMethod.Get, "/api/v1/units?page=abc", HttpStatusCode.BadRequest),
                     (key, HttpMethod.Get, "/api/v1/units/987654/statements/2026/1.pdf", HttpStatusCode.NotFound),
                     (portal, HttpMethod.Get, "/api/v1/imports/987654/file", HttpStatusCode.NotFound),
                     (key, HttpMethod.Post, "/api/v1/estates", HttpStatusCode.MethodNotAllowed),
                 })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url));
            Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.True(IsProblem(response), $"{url}: {response.Content.Headers.ContentType}");
            var problem = await JsonAsync(response, status);
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }

    internal static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var kv in env ?? new Dictionary<string, string>()) start.Environment[kv.Key] = kv.Value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
