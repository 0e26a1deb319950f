using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Tests.Infrastructure;

/// <summary>
/// A real SQLite database file, deleted afterwards: a copy of the schema that production start-up creates
/// (<see cref="TemplateDatabase"/>), so each test starts from the migrated, empty database without migrating again.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string path, ManualClock clock)
    {
        Path = path;
        Clock = clock;
        ConnectionString = $"Data Source={path};Foreign Keys=True;Default Timeout=30";
        Factory = new ContextFactory(ConnectionString, new AuditInterceptor(clock));
    }

    public string Path { get; }
    public string ConnectionString { get; }
    public ManualClock Clock { get; }
    public IDbContextFactory<QuantifyDbContext> Factory { get; }

    public static async Task<TestDatabase> CreateAsync(ManualClock? clock = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"quantify-test-{Guid.NewGuid():N}.db");
        await TemplateDatabase.CopyToAsync(path);
        return new TestDatabase(path, clock ?? new ManualClock());
    }

    public QuantifyDbContext Create() => Factory.CreateDbContext();

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { Path, Path + "-wal", Path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }

    private sealed class ContextFactory(string connectionString, AuditInterceptor audit) : IDbContextFactory<QuantifyDbContext>
    {
        public QuantifyDbContext CreateDbContext() =>
            new SqliteQuantifyDbContext(new DbContextOptionsBuilder<SqliteQuantifyDbContext>().UseSqlite(connectionString, Quantify.Web.Data.SqliteProviderOptions.Configure).AddInterceptors(audit).Options);
    }
}

/// <summary>A clock tests can move.</summary>
public sealed class ManualClock(DateTimeOffset? start = null) : TimeProvider
{
    private DateTimeOffset now = start ?? new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset at) => now = at;
}
