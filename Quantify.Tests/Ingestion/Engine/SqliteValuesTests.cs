using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ingestion.Engine;
using SQLitePCL;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>
/// The engine binds SQLite values by position itself (<see cref="SqliteValues"/>). Every column of every table it
/// writes, with edge values of the column's type, is bound both ways into an untyped column: through a parameter that
/// the column's EF type mapping creates (what EF Core sends to Microsoft.Data.Sqlite) and through the engine. Storage
/// class and value must be identical.
/// </summary>
public sealed class SqliteValuesTests
{
    private static readonly Type[] EngineTables = [typeof(MeterReading), typeof(LedgerTransaction), typeof(LedgerLine), typeof(LedgerAccount), typeof(WalletChain), typeof(MeterState)];

    private static IEnumerable<object?> Samples(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null || !type.IsValueType) yield return null;
        var t = underlying ?? type;
        if (t.IsEnum)
        {
            foreach (var value in Enum.GetValues(t)) yield return value;
            yield break;
        }
        IEnumerable<object> values = t switch
        {
            _ when t == typeof(string) => ["", "reading:123", "Élan, 'quoted' \"x\"", "€ 😀 ünïcødé", new string('x', 300)],
            _ when t == typeof(int) => [0, -7, int.MaxValue, int.MinValue],
            _ when t == typeof(long) => [0L, -1L, long.MaxValue, 639_010_000_000_000_000L],
            _ when t == typeof(bool) => [true, false],
            _ when t == typeof(decimal) => [0m, 1.10m, -0.01m, 12.5m, 123456789.123456789m, 79228162514264337593543950335m, -79228162514264337593543950335m, -0.0000001m, 0.0000000000000000000000000001m, decimal.Negate(0.000m)],
            _ when t == typeof(double) => [0d, -0.25, 1e-7, 123456.789],
            _ when t == typeof(DateTimeOffset) => [new DateTimeOffset(2026, 12, 7, 10, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567), DateTimeOffset.UnixEpoch, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)],
            _ when t == typeof(DateOnly) => [new DateOnly(2026, 2, 28), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31)],
            _ when t == typeof(DateTime) => [new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 10, 0, 0, 5, DateTimeKind.Unspecified)],
            _ when t == typeof(Guid) => [Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")],
            _ => throw new InvalidOperationException($"No sample values for {t.Name}: add them here before the engine writes such a column."),
        };
        foreach (var value in values) yield return value;
    }

    public static TheoryData<string> Tables() => new(EngineTables.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task EveryColumn_BindsAsEfCoreThroughMicrosoftDataSqlite(string table)
    {
        await using var world = await MasterDataWorld.CreateAsync();
        await using var db = world.Db.Create();
        var entity = db.Model.FindEntityType(EngineTables.Single(t => t.Name == table))!;
        var properties = entity.GetProperties().Select(p => p.Name).ToArray();
        var columns = (EngineColumns)typeof(EngineColumns).GetMethod(nameof(EngineColumns.For))!.MakeGenericMethod(entity.ClrType).Invoke(null, [db, properties])!;
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE v (ef, engine)";
            await create.ExecuteNonQueryAsync();
        }
        var compared = 0;
        for (var c = 0; c < properties.Length; c++)
        {
            var clr = entity.FindProperty(properties[c])!.ClrType;
            foreach (var value in Samples(clr))
            {
                await using (var clear = connection.CreateCommand())
                {
                    clear.CommandText = "DELETE FROM v; INSERT INTO v (ef) VALUES ($ef);";
                    clear.Parameters.Add(columns.Mappings[c].CreateParameter(clear, "$ef", value, nullable: true));
                    await clear.ExecuteNonQueryAsync();
                }
                Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, "UPDATE v SET engine = ?", out var statement));
                using (statement)
                {
                    SqliteValues.Bind(statement, 1, columns.ToProvider(c, value), connection.Handle!);
                    Assert.Equal(raw.SQLITE_DONE, raw.sqlite3_step(statement));
                }
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT typeof(ef) || ':' || quote(ef), typeof(engine) || ':' || quote(engine) FROM v";
                await using var reader = await read.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal((properties[c], value, reader.GetString(0)), (properties[c], value, reader.GetString(1)));
                compared++;
            }
        }
        Assert.True(compared > properties.Length, $"{table}: {compared} values compared");
    }

    [Fact]
    public async Task ATypeItDoesNotKnow_IsRefused_NotGuessed()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, "SELECT ?", out var statement));
        using (statement)
        {
            var error = Assert.Throws<NotSupportedException>(() => SqliteValues.Bind(statement, 1, TimeSpan.FromHours(1), connection.Handle!));
            Assert.Contains("TimeSpan", error.Message, StringComparison.Ordinal);
            var nan = Assert.Throws<InvalidOperationException>(() => SqliteValues.Bind(statement, 1, double.NaN, connection.Handle!));
            Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);
            // SQLite's own refusal (a position the statement does not have) is raised, not ignored.
            var range = Assert.Throws<SqliteException>(() => SqliteValues.Bind(statement, 2, 1L, connection.Handle!));
            Assert.Equal(raw.SQLITE_RANGE, range.SqliteErrorCode);
        }
    }
}
