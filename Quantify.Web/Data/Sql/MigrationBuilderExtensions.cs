using Microsoft.EntityFrameworkCore.Migrations;

namespace Quantify.Web.Data.Sql;

/// <summary>Applies the embedded SQL Server scripts from a migration (bitwarden's <c>SqlResource</c> way).</summary>
public static class MigrationBuilderExtensions
{
    /// <summary>
    /// Every SQL Server script file, each wrapped in <c>EXEC(N'...')</c> so that it is the first statement of its own
    /// batch (CREATE TRIGGER must be) also inside the idempotent script's <c>IF NOT EXISTS ... BEGIN ... END</c> blocks.
    /// </summary>
    public static void ApplySqlServerScripts(this MigrationBuilder migrationBuilder)
    {
        foreach (var file in DatabaseScripts.Files(DatabaseProvider.SqlServer))
            migrationBuilder.Sql(Exec(DatabaseScripts.Read(DatabaseProvider.SqlServer, file)));
    }

    public static string Exec(string sql) => "EXEC(N'" + sql.Trim().Replace("'", "''", StringComparison.Ordinal) + "');";
}
