using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Data.Temporal;

namespace Quantify.Web.Data;

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Connection string; for SQLite, empty means a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }
    public string DataDirectory { get; set; } = "App_Data";
    /// <summary>SQLite page cache per connection, in MiB (<see cref="SqliteCacheSize"/>).</summary>
    public int SqliteCacheSizeMb { get; set; } = 128;
    /// <summary>Milliseconds between background WAL checkpoints on SQLite (<see cref="SqliteCheckpointer"/>); 0 leaves them to SQLite's automatic checkpoints.</summary>
    public int SqliteCheckpointIntervalMs { get; set; } = 250;

    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return ConnectionString;
        if (Provider == DatabaseProvider.SqlServer)
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Quantify is not set.");
        var dir = Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory);
        Directory.CreateDirectory(dir);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "quantify.db"), ForeignKeys = true, DefaultTimeout = 30 }.ToString();
    }
}

public static class DataRegistration
{
    public static IServiceCollection AddQuantifyData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Quantify");
        var connectionString = options.ResolveConnectionString(contentRoot);
        services.AddSingleton(options);
        services.AddSingleton<AuditInterceptor>();
        var cacheSize = new SqliteCacheSize(options.SqliteCacheSizeMb);
        var checkpointEvery = SqliteCheckpointer.IntervalFrom(options.SqliteCheckpointIntervalMs);

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContextFactory<SqlServerQuantifyDbContext>((sp, o) =>
                o.UseSqlServer(connectionString, s => s.EnableRetryOnFailure()).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
            services.AddSingleton<IDbContextFactory<QuantifyDbContext>, ContextFactory<SqlServerQuantifyDbContext>>();
        }
        else
        {
            services.AddDbContextFactory<SqliteQuantifyDbContext>((sp, o) =>
                o.UseSqlite(connectionString, SqliteProviderOptions.Configure).AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), cacheSize));
            services.AddSingleton<IDbContextFactory<QuantifyDbContext>, ContextFactory<SqliteQuantifyDbContext>>();
            if (checkpointEvery is { } every)
            {
                services.AddSingleton(sp => new SqliteCheckpointer(connectionString, every, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
                services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
            }
        }
        // ASP.NET Identity's stores want a scoped context.
        services.AddScoped<QuantifyDbContext>(sp => sp.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContext());
        services.AddSingleton<HistoryService>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<QuantifyDbContext> where T : QuantifyDbContext
    {
        public QuantifyDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Applies migrations at start-up (the schema is never created any other way), then the SQLite history triggers and WAL.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<QuantifyDbContext> factory, ILogger<DatabaseInitializer> log)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) log.LogInformation("Applying {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteHistory.InstallAsync(db, ct);
            await Guards.SqliteGuards.InstallAsync(db, ct);
        }
    }
}

/// <summary>Design-time factories so `dotnet ef` can build each provider's migrations without running the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQuantifyDbContext>
{
    public SqliteQuantifyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteQuantifyDbContext>().UseSqlite("Data Source=design.db", SqliteProviderOptions.Configure).Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerQuantifyDbContext>
{
    public SqlServerQuantifyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerQuantifyDbContext>().UseSqlServer("Server=.;Database=Quantify;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
