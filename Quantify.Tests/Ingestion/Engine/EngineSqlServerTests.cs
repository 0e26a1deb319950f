using Quantify.Tests.Schema;
using Quantify.Web.Features.Ingestion.Engine;

namespace Quantify.Tests.Ingestion.Engine;

/// <summary>The SQL Server side of the engine: every statement it would send parses as T-SQL (no figure is claimed for it).</summary>
public sealed class EngineSqlServerTests
{
    public static TheoryData<string> Statements()
    {
        var sql = new SqlServerEngineSql();
        string[] readings = ["Id", "MeterId", "ReadAt", "ReceivedAt", "Register", "Consumption", "DedupeKey", "Source", "Status", "Amount", "RelayClosed",
            "TemperatureC", "Leak", "Tamper", "HoldReason", "DeviceReadAt", "ResolvedAt"];
        return new TheoryData<string>
        {
            sql.NextId("MeterReadings"),
            sql.NextId("LedgerTransactions"),
            sql.Insert("MeterReadings", readings, 1, explicitIds: true),
            sql.Insert("MeterReadings", readings, sql.RowsPerStatement(readings.Length), explicitIds: true),
            sql.Insert("LedgerLines", ["TransactionId", "AccountId", "Amount", "WalletId", "Sequence", "PreviousHash", "Hash"], 192, explicitIds: false),
            sql.Update("LedgerAccounts", ["Id"], ["Balance"], 128),
            sql.Update("WalletChains", ["WalletId", "Length"], ["Length", "Head"], 3),
            sql.Update("MeterStates", ["MeterId"], ["CommsStatus", "LastReading", "LastReadingAt", "LastSeenAt", "RelayClosed", "BillingMonth"], 2),
            sql.Matching("MeterReadings", ["MeterId", "DedupeKey"], 1),
            sql.Matching("MeterReadings", ["MeterId", "DedupeKey"], sql.RowsPerStatement(2, 500)),
        };
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void EveryStatement_ParsesAsTSql(string statement)
    {
        var errors = TsqlText.Parse(statement, out _);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(TsqlText.Describe)) + "\n" + statement[..Math.Min(400, statement.Length)]);
    }

    [Fact]
    public void Statements_StayWithinSqlServersParameterLimit()
    {
        var sql = new SqlServerEngineSql();
        Assert.True(sql.RowsPerStatement(17) * 17 <= 2100);
        Assert.True(sql.RowsPerStatement(7, 192) * 7 <= 2100);
    }

    [Fact]
    public void AMalformedStatement_IsCaughtByTheParser()
    {
        Assert.NotEmpty(TsqlText.Parse("UPDATE t SET FROM [X] AS t INNER JOIN (VALUES (@p0_0)) AS v ([k0]) ON", out _));
    }
}
