using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Data.Sql;

namespace Quantify.Tests.Schema;

/// <summary>
/// No SQL Server can run on these machines, so the SQL Server path is checked without one: every T-SQL text the product
/// ships is parsed by Microsoft's own parser (ScriptDom, SQL Server 2022 grammar), and the triggers it creates are
/// compared with what the EF model declares (a table with a trigger must be declared, or EF inserts with OUTPUT).
/// </summary>
public class SqlServerTsqlTests
{
    [Fact]
    public void DatabaseScript_ParsesWithoutErrors()
    {
        var errors = TsqlText.Parse(File.ReadAllText(Repo.PathOf("database", "sqlserver.sql")), out _);
        Assert.True(errors.Count == 0, "database/sqlserver.sql does not parse:\n" + string.Join("\n", errors.Select(TsqlText.Describe)));
    }

    [Fact]
    public void EverySqlStringOfTheSqlServerMigrations_Parses()
    {
        var failures = new List<string>();
        var checkedStrings = 0;
        foreach (var sql in MigrationSqlStrings())
        {
            checkedStrings++;
            foreach (var text in TsqlText.WithExecBodies(sql))
            {
                var errors = TsqlText.Parse(text, out _);
                failures.AddRange(errors.Select(e => $"{TsqlText.Describe(e)} in: {text[..Math.Min(120, text.Length)]}"));
            }
        }
        Assert.True(checkedStrings >= DatabaseScripts.Files(DatabaseProvider.SqlServer).Count, "The baseline applies no hand-written SQL");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryTriggerTheSchemaCreates_IsDeclaredInTheSqlServerModel_AndViceVersa()
    {
        var created = TsqlText.CreatedTriggers(File.ReadAllText(Repo.PathOf("database", "sqlserver.sql")));
        Assert.NotEmpty(created);

        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var declared = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetDeclaredTriggers().Select(t => (Name: t.GetDatabaseName()!, Table: e.GetTableName()!)))
            .ToHashSet();

        var undeclared = created.Where(c => !declared.Contains(c)).ToList();
        Assert.True(undeclared.Count == 0, "Triggers created but not declared with HasTrigger (EF would insert with OUTPUT and SQL Server would refuse): "
                                           + string.Join(", ", undeclared.Select(t => $"{t.Name} ON {t.Table}")));
        var missing = declared.Where(d => !created.Contains(d)).ToList();
        Assert.True(missing.Count == 0, "Triggers declared in the model but never created: " + string.Join(", ", missing.Select(t => $"{t.Name} ON {t.Table}")));
    }

    [Theory]
    [InlineData("LedgerTransactions")]
    [InlineData("LedgerLines")]
    public void LedgerTables_CarryTheirTriggers_InTheSqlServerModel(string table)
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        Assert.Contains(entity.GetDeclaredTriggers(), t => t.GetDatabaseName() == $"TR_{table}_AppendOnly");
    }

    [Fact]
    public void EachSqlServerScriptFile_CreatesTheTriggerItIsNamedAfter_OnItsTable()
    {
        foreach (var trigger in DatabaseScripts.SqlServerTriggers())
        {
            var created = TsqlText.CreatedTriggers(DatabaseScripts.Read(DatabaseProvider.SqlServer, trigger.File));
            Assert.Equal([(trigger.Name, trigger.Table)], created);
        }
    }

    [Fact]
    public void AParseError_IsReported()
    {
        // The checks above would pass vacuously if the parser accepted anything.
        Assert.NotEmpty(TsqlText.Parse("CREATE TRIGGER [TR_X] ON [X] AFTER INSERT AS BEGIN THROW 51001 'no comma', 1; END;", out _));
        Assert.NotEmpty(TsqlText.Parse("EXEC(N'CREATE TABLE [X] ([Id] int')", out _).Concat(
            TsqlText.WithExecBodies("EXEC(N'CREATE TABLE [X] ([Id] int')").Skip(1).SelectMany(t => TsqlText.Parse(t, out _))));
    }

    /// <summary>Every raw SQL string the SQL Server migrations execute (their <see cref="SqlOperation"/>s).</summary>
    private static IEnumerable<string> MigrationSqlStrings()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrations = db.GetService<IMigrationsAssembly>();
        var list = new List<string>();
        foreach (var type in migrations.Migrations.Values)
        {
            var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
            list.AddRange(migration.UpOperations.Concat(migration.DownOperations).OfType<SqlOperation>().Select(o => o.Sql));
        }
        return list;
    }
}
