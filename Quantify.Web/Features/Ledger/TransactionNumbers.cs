using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ledger;

/// <summary>
/// Ledger transaction numbers that cannot collide: <c>QTX-2026-000123</c>, a per-year (UTC) counter advanced by one
/// statement inside the caller's database transaction (the row lock serialises concurrent writers, on any number of
/// instances). Numbers posted before this scheme (<c>QTX-yyMMdd-XXXXXXXX</c>, a day and 4 random bytes) are kept as they
/// are: each is hashed into its wallet chain, and their shape (6 digits, then 8 hex) can never equal a new one.
/// </summary>
public static class TransactionNumbers
{
    /// <summary>SQLite (3.35+): insert the year's row or advance it, returning the new last number.</summary>
    public const string SqliteAllocate =
        "INSERT INTO \"TransactionNumberSequences\" (\"Year\", \"Last\") VALUES (@year, @count) " +
        "ON CONFLICT (\"Year\") DO UPDATE SET \"Last\" = \"Last\" + @count RETURNING \"Last\";";

    /// <summary>SQL Server: the same, as one MERGE under HOLDLOCK (no insert race for a new year's row).</summary>
    public const string SqlServerAllocate =
        "MERGE [TransactionNumberSequences] WITH (HOLDLOCK) AS t USING (SELECT @year AS [Year]) AS s ON t.[Year] = s.[Year] " +
        "WHEN MATCHED THEN UPDATE SET t.[Last] = t.[Last] + @count " +
        "WHEN NOT MATCHED THEN INSERT ([Year], [Last]) VALUES (@year, @count) " +
        "OUTPUT inserted.[Last];";

    /// <summary>The readable number of the <paramref name="sequence"/>th transaction of <paramref name="year"/>.</summary>
    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"QTX-{year:D4}-{sequence:D6}");

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers of the year inside the context's current transaction (or
    /// on their own if there is none) and returns them in order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AllocateAsync(QuantifyDbContext db, int year, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = db.Provider == DatabaseProvider.SqlServer ? SqlServerAllocate : SqliteAllocate;
            Add(command, "@year", year);
            Add(command, "@count", (long)count);
            var last = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var numbers = new string[count];
            for (var i = 0; i < count; i++) numbers[i] = Format(year, last - count + 1 + i);
            return numbers;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
