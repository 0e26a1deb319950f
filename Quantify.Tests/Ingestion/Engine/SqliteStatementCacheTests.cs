using Microsoft.Data.Sqlite;
using Quantify.Web.Features.Ingestion.Engine;
using SQLitePCL;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>The engine's prepared statements are reused on the same connection and never outlive a change of connection.</summary>
public sealed class SqliteStatementCacheTests
{
    private static async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task AStatementReturned_IsHandedOutAgain_OnlyOnItsOwnConnection()
    {
        await using var a = await OpenAsync();
        await using var b = await OpenAsync();
        using var cache = new SqliteStatementCache();

        var first = cache.Rent(a.Handle!, "SELECT 1");
        cache.Return(a.Handle!, "SELECT 1", first);
        Assert.Same(first, cache.Rent(a.Handle!, "SELECT 1"));
        // While rented it is not handed out twice.
        var second = cache.Rent(a.Handle!, "SELECT 1");
        Assert.NotSame(first, second);
        cache.Return(a.Handle!, "SELECT 1", first);
        cache.Return(a.Handle!, "SELECT 1", second);
        Assert.True(second.IsClosed);
        Assert.Equal(1, cache.Count);

        // Another connection: the first one's statements are finalized, and a late return for it is finalized too.
        var onB = cache.Rent(b.Handle!, "SELECT 1");
        Assert.True(first.IsClosed);
        Assert.Equal(0, cache.Count);
        var late = raw.sqlite3_prepare_v2(a.Handle!, "SELECT 2", out var stray) == raw.SQLITE_OK ? stray : throw new InvalidOperationException();
        cache.Return(a.Handle!, "SELECT 2", late);
        Assert.True(late.IsClosed);
        cache.Return(b.Handle!, "SELECT 1", onB);
        Assert.Equal(1, cache.Count);

        cache.Clear();
        Assert.True(onB.IsClosed);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task RedefiningAFunction_MakesSqlitePrepareAKeptStatementAgain_AndItIsCounted()
    {
        await using var a = await OpenAsync();
        using var cache = new SqliteStatementCache();
        var statement = cache.Rent(a.Handle!, "SELECT 1");
        Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
        raw.sqlite3_reset(statement);
        cache.Return(a.Handle!, "SELECT 1", statement);
        Assert.Equal((1L, 0L), (cache.Prepares, cache.Reprepares));

        // What EF Core does each time it opens a connection: (re)define its functions. SQLite then expires every statement
        // prepared on that connection, and prepares it again at its next step.
        a.CreateFunction("ef_probe", (long x) => x);
        a.CreateFunction("ef_probe", (long x) => x + 1);
        statement = cache.Rent(a.Handle!, "SELECT 1");
        Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
        raw.sqlite3_reset(statement);
        cache.Return(a.Handle!, "SELECT 1", statement);
        Assert.Equal((1L, 1L), (cache.Prepares, cache.Reprepares));
    }

    [Fact]
    public async Task ABadStatement_IsReportedAsSqlitesError()
    {
        await using var a = await OpenAsync();
        using var cache = new SqliteStatementCache();
        var error = Assert.Throws<SqliteException>(() => cache.Rent(a.Handle!, "SELEC 1"));
        Assert.Contains("syntax error", error.Message, StringComparison.Ordinal);
    }
}
