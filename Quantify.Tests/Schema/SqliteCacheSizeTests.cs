using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Schema;

/// <summary>Database:SqliteCacheSizeMb sizes the page cache of every SQLite connection the application opens.</summary>
public sealed class SqliteCacheSizeTests
{
    private static async Task<long> CacheSizeAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task EveryConnection_GetsTheConfiguredCache_InKibibytes()
    {
        await using var configured = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Database:SqliteCacheSizeMb"] = "48" });
        Assert.Equal(-48 * 1024, await CacheSizeAsync(configured));
        await using var defaults = await TestApp.StartAsync(demo: false);
        Assert.Equal(-128 * 1024, await CacheSizeAsync(defaults));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4097")]
    public async Task ASizeOutOfRange_StopsStartUp_NamingTheSetting(string megabytes)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Database:SqliteCacheSizeMb"] = megabytes }));
        var message = error is AggregateException { InnerException: { } inner } ? inner.Message : error.Message;
        Assert.Contains("Database:SqliteCacheSizeMb must be between 2 and 4096", message, StringComparison.Ordinal);
        Assert.Contains($"it is {megabytes}", message, StringComparison.Ordinal);
    }
}
