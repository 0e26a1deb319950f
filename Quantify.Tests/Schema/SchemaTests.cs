using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Schema;

public class SchemaTests
{
    [Fact]
    public void SqliteModel_HasNoPendingChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model changed without a migration: run database/migrations.sh add NAME");
    }

    [Fact]
    public void SqlServerModel_HasNoPendingChanges()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model changed without a migration: run database/migrations.sh add NAME");
    }

    [Fact]
    public void SqlServerScript_InDatabaseFolder_IsCurrent()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var committed = File.ReadAllText(Repo.PathOf("database", "sqlserver.sql")).TrimStart('\uFEFF');
        Assert.True(Normalise(generated) == Normalise(committed), "database/sqlserver.sql is stale: run database/migrations.sh script");
    }

    [Theory]
    [InlineData("Estates")]
    [InlineData("Units")]
    [InlineData("Persons")]
    [InlineData("Meters")]
    [InlineData("Tenancies")]
    [InlineData("Ownerships")]
    [InlineData("EstateSettings")]
    [InlineData("Wallets")]
    [InlineData("WalletPockets")]
    public void SqlServerScript_VersionsMasterDataTables(string table)
    {
        var script = File.ReadAllText(Repo.PathOf("database", "sqlserver.sql"));
        var pattern = $@"CREATE TABLE \[{table}\] \([^;]*PERIOD FOR SYSTEM_TIME[^;]*SYSTEM_VERSIONING = ON \(HISTORY_TABLE = [^;]*\[{table}History\]\)";
        Assert.Matches(new System.Text.RegularExpressions.Regex(pattern), script);
    }

    [Fact]
    public void SqliteMigrations_AreAppliedAtStartup_NotEnsureCreated()
    {
        var code = File.ReadAllText(Repo.PathOf("Quantify.Web", "Data", "DataRegistration.cs"));
        Assert.Contains("MigrateAsync", code, StringComparison.Ordinal);
        var all = Directory.EnumerateFiles(Repo.PathOf("Quantify.Web"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal));
        Assert.DoesNotContain(all, f => File.ReadAllText(f).Contains("EnsureCreated", StringComparison.Ordinal));
    }

    private static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
