namespace Quantify.Web.Data.Sql;

/// <summary>
/// The hand-written SQL of the schema (triggers and guards), kept as .sql files under Data/Sql/{Provider}/ and embedded
/// in the assembly. SQL Server's baseline migration applies its files; on SQLite <see cref="Guards.SqliteGuards"/> applies
/// its files at every start-up. A file is named after the trigger it creates, <c>TR_{Table}_{Purpose}.sql</c>, and the
/// SQL Server model declares each of them with <c>HasTrigger</c> (see <see cref="SqlServerQuantifyDbContext"/>).
/// </summary>
public static class DatabaseScripts
{
    private const string Prefix = "Quantify.Sql.";

    /// <summary>The script file names of one provider (e.g. <c>TR_LedgerLines_AppendOnly.sql</c>), in name order.</summary>
    public static IReadOnlyList<string> Files(DatabaseProvider provider)
    {
        var folder = $"{Prefix}{provider}/";
        return typeof(DatabaseScripts).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[folder.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The text of one script file.</summary>
    public static string Read(DatabaseProvider provider, string file)
    {
        var name = $"{Prefix}{provider}/{file}";
        using var stream = typeof(DatabaseScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No embedded SQL script '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The triggers SQL Server's schema has: one per file, the table taken from the file name.</summary>
    public static IReadOnlyList<DatabaseTrigger> SqlServerTriggers() =>
        Files(DatabaseProvider.SqlServer).Select(DatabaseTrigger.FromFileName).ToList();
}
