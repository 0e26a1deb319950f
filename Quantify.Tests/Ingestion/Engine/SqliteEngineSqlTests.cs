using Quantify.Web.Features.Ingestion.Engine;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>The SQLite statements number their values with bare placeholders, in the order they are bound.</summary>
public sealed class SqliteEngineSqlTests
{
    [Fact]
    public void EveryValue_IsABarePlaceholder_RowByRow()
    {
        var sql = new SqliteEngineSql();
        var insert = sql.Insert("T", ["A", "B", "C"], 2, explicitIds: true);
        Assert.Equal("INSERT INTO \"T\" (\"A\", \"B\", \"C\") VALUES (?, ?, ?), (?, ?, ?);", insert);
        var update = sql.Update("T", ["Id"], ["X", "Y"], 2);
        Assert.Equal("UPDATE \"T\" SET \"X\" = v.column2, \"Y\" = v.column3 FROM (VALUES (?, ?, ?), (?, ?, ?)) AS v WHERE \"T\".\"Id\" = v.column1;", update);
        // A named parameter would make SQLite search the names before it while preparing: 64 rows of 21 columns would be ~900,000 comparisons.
        Assert.DoesNotContain("@", sql.Matching("T", ["A", "B"], 500), StringComparison.Ordinal);
        Assert.Equal(1000, sql.Matching("T", ["A", "B"], 500).Count(c => c == '?'));
        Assert.Equal("SELECT t.\"A\", t.\"B\" FROM (VALUES (?, ?), (?, ?)) AS v INNER JOIN \"T\" AS t ON t.\"A\" = v.column1 AND t.\"B\" = v.column2;",
            sql.Matching("T", ["A", "B"], 2));
        Assert.Equal("\"odd\"\"name\"", sql.Quote("odd\"name"));
    }

    [Theory]
    [InlineData(17, 64, 64)]    // the readings insert: 1,088 parameters
    [InlineData(100, 64, 20)]   // wider rows: as many as 2,000 parameters allow
    [InlineData(2, 500, 500)]   // the dedupe join
    [InlineData(5000, 64, 1)]   // wider than the limit: still one row per statement
    public void RowsPerStatement_StaysUnderTheParameterLimit(int columns, int wanted, int rows)
    {
        Assert.Equal(rows, new SqliteEngineSql().RowsPerStatement(columns, wanted));
    }

    [Fact]
    public void SqlServer_KeepsNamedParameters()
    {
        Assert.Equal("INSERT INTO [T] ([A], [B]) VALUES (@p0_0, @p0_1), (@p1_0, @p1_1);", new SqlServerEngineSql().Insert("T", ["A", "B"], 2, explicitIds: false));
    }
}
