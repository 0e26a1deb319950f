using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Schema;

/// <summary>A list in a query reaches SQLite as one JSON parameter, whatever its length.</summary>
public sealed class SqliteProviderOptionsTests
{
    [Fact]
    public async Task AListLongerThanSqlitesVariableLimit_IsOneParameter_AndTheQueryRuns()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        // SQLite refuses more than 32,766 variables in one statement; one parameter per id would fail here.
        var ids = Enumerable.Range(1, 40_000).ToList();
        var query = db.MeterStates.AsNoTracking().Where(s => ids.Contains(s.MeterId));

        var sql = query.ToQueryString();
        Assert.Contains("json_each(@ids)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("@ids1", sql, StringComparison.Ordinal);
        Assert.Empty(await query.ToListAsync());
    }
}
