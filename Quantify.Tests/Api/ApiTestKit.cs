using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Api;

/// <summary>Creates API keys the way the page does (through <see cref="ApiKeyService"/>) and calls the API with them.</summary>
public static class ApiTestKit
{
    public static readonly string[] AllRead =
        [ApiPermissions.ReadEstates, ApiPermissions.ReadUnits, ApiPermissions.ReadPersons, ApiPermissions.ReadMeters, ApiPermissions.ReadWallets,
         ApiPermissions.ReadTransactions, ApiPermissions.ReadReadings];

    public static async Task<UserScope> ScopeOfAsync(TestApp app, string login)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(PortalClient.Email(login));
        Assert.NotNull(user);
        return await scope.ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(user.Id);
    }

    public static async Task<CreatedApiKey> CreateKeyAsync(TestApp app, string login, string[]? permissions = null, int[]? estates = null, string name = "test key")
    {
        var result = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(await ScopeOfAsync(app, login),
            new NewApiKey(name, permissions ?? AllRead, estates ?? [], DateTimeOffset.UtcNow.AddDays(30)));
        Assert.True(result.IsSuccess, result.Describe());
        return result.Value;
    }

    public static HttpClient KeyClient(TestApp app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The body as JSON, after asserting the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    public static async Task<int> EstateIdAsync(TestApp app, string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Estates.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    public static async Task<T> DbAsync<T>(TestApp app, Func<QuantifyDbContext, Task<T>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static bool IsProblem(HttpResponseMessage r) => r.Content.Headers.ContentType?.MediaType == "application/problem+json";

    public static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    public const string Silverleaf = "Silverleaf Estate";
    public const string Harbour = "Harbour View Residences";
}

