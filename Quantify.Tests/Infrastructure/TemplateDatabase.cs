using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Tests.Infrastructure;

/// <summary>
/// The schema is created once per test run, exactly as production start-up creates it (migrations, SQLite history
/// triggers and guards through <see cref="DatabaseInitializer"/>); each test then gets a copy of that file.
/// </summary>
public static class TemplateDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? templatePath;

    /// <summary>Writes a fresh copy of the migrated, empty database to <paramref name="target"/>.</summary>
    public static async Task CopyToAsync(string target)
    {
        File.Copy(await PathAsync(), target, overwrite: true);
    }

    private static async Task<string> PathAsync()
    {
        if (templatePath is not null) return templatePath;
        await Gate.WaitAsync();
        try
        {
            if (templatePath is not null) return templatePath;
            var path = Path.Combine(Path.GetTempPath(), $"quantify-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, DefaultTimeout = 30 }.ToString();
            var factory = new Factory(connectionString, new AuditInterceptor(TimeProvider.System));
            await new DatabaseInitializer(factory, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
            await using (var db = factory.CreateDbContext())
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                    if (File.Exists(f)) File.Delete(f);
            };
            return templatePath = path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class Factory(string connectionString, AuditInterceptor audit) : IDbContextFactory<QuantifyDbContext>
    {
        public QuantifyDbContext CreateDbContext() =>
            new SqliteQuantifyDbContext(new DbContextOptionsBuilder<SqliteQuantifyDbContext>().UseSqlite(connectionString, Quantify.Web.Data.SqliteProviderOptions.Configure).AddInterceptors(audit).Options);
    }
}
