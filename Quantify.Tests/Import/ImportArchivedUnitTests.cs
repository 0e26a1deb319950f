using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Import;
using Quantify.Web.Security;

namespace Quantify.Tests.Import;

/// <summary>
/// A row that names an archived unit is refused, and a commit writes nothing for it, while the good rows of the same
/// file still land (issue 11 item 8, mutant c: an archived unit's row was committed despite its error, and no import
/// test had an archived unit in it).
/// </summary>
public class ImportArchivedUnitTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private const string Silverleaf = "Silverleaf Estate";
    private static readonly string[] UnitHeaders = ["Estate", "Unit number", "Floor", "Building", "Size m2", "Participation quota %", "Bedrooms", "Bathrooms"];
    private static readonly string[] MeterHeaders = ["Estate", "Serial number", "Meter type", "Comms", "Device EUI", "Modbus address", "Manufacturer", "Model", "Installation date", "Unit number"];
    private static readonly string[] BalanceHeaders = ["Estate", "Unit number", "Pocket", "Amount", "Balance date"];

    private ImportService Imports => fixture.App.Services.GetRequiredService<ImportService>();

    private async Task<T> DbAsync<T>(Func<QuantifyDbContext, Task<T>> query)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private async Task<UserScope> AgentAsync()
    {
        var id = await DbAsync(db => db.Users.Where(u => u.Email == PortalClient.Email("agent")).Select(u => u.Id).SingleAsync());
        return await fixture.App.Services.GetRequiredService<ScopeService>().LoadAsync(id);
    }

    private static byte[] Workbook(string sheetName, string[] headers, params object?[][] rows)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(sheetName);
        for (var c = 0; c < headers.Length; c++) ws.Cell(1, c + 1).Value = headers[c];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                switch (rows[r][c])
                {
                    case string s: ws.Cell(r + 2, c + 1).SetValue(s); break;
                    case int i: ws.Cell(r + 2, c + 1).SetValue(i); break;
                    case double x: ws.Cell(r + 2, c + 1).SetValue(x); break;
                    case DateTime d: ws.Cell(r + 2, c + 1).SetValue(d); break;
                }
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    /// <summary>Two units made by import; the first is then archived ("sold"), the second stays active.</summary>
    private async Task<(int Archived, int Active)> TwoUnitsOneArchivedAsync(UserScope agent, string prefix)
    {
        var made = await Imports.CommitAsync(ImportKind.Units,
            Workbook("Units", UnitHeaders, [Silverleaf, prefix + "-1", "1", "Block Q", 60.0, null, 2, 1], [Silverleaf, prefix + "-2", "1", "Block Q", 60.0, null, 2, 1]),
            "units.xlsx", agent, null);
        Assert.Equal(2, made.Counts.Created);
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var archived = await db.Units.SingleAsync(u => u.UnitNumber == prefix + "-1");
        archived.Archive(DateTimeOffset.UtcNow, "sold");
        await db.SaveChangesAsync();
        return (archived.Id, await db.Units.Where(u => u.UnitNumber == prefix + "-2").Select(u => u.Id).SingleAsync());
    }

    [Fact]
    public async Task AUnitsRow_ForAnArchivedUnit_IsRefused_AndItsChangeIsNotCommitted()
    {
        var agent = await AgentAsync();
        var (archived, active) = await TwoUnitsOneArchivedAsync(agent, "ARC");
        var file = Workbook("Units", UnitHeaders, [Silverleaf, "ARC-1", "1", "Block Q", 60.0, null, 4, 1], [Silverleaf, "ARC-2", "1", "Block Q", 60.0, null, 4, 1]);

        var preview = await Imports.PreviewAsync(ImportKind.Units, file, "units.xlsx", agent, null);
        var refused = preview.Rows.Single(r => r.Row == 2);
        Assert.Equal(RowAction.Invalid, refused.Action);
        Assert.Contains("is archived", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);

        var committed = await Imports.CommitAsync(ImportKind.Units, file, "units.xlsx", agent, null);
        Assert.Equal(new ImportCounts(2, 0, 1, 0, 1), committed.Counts);
        Assert.Equal(RowAction.Invalid, committed.Rows.Single(r => r.Row == 2).Action);
        Assert.Equal(2, await DbAsync(db => db.Units.Where(u => u.Id == archived).Select(u => u.Bedrooms).SingleAsync()));
        Assert.False(await DbAsync(db => db.Units.Where(u => u.Id == archived).Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(4, await DbAsync(db => db.Units.Where(u => u.Id == active).Select(u => u.Bedrooms).SingleAsync()));
    }

    [Fact]
    public async Task AMeterRow_ForAnArchivedUnit_IsRefused_AndNoMeterIsFittedToIt()
    {
        var agent = await AgentAsync();
        var (archived, active) = await TwoUnitsOneArchivedAsync(agent, "ARM");
        var file = Workbook("Meters", MeterHeaders,
            [Silverleaf, "ARM-EL-1", "Electricity", "Manual", null, null, null, null, null, "ARM-1"],
            [Silverleaf, "ARM-EL-2", "Electricity", "Manual", null, null, null, null, null, "ARM-2"]);

        var committed = await Imports.CommitAsync(ImportKind.Meters, file, "meters.xlsx", agent, null);

        var refused = committed.Rows.Single(r => r.Row == 2);
        Assert.Equal(RowAction.Invalid, refused.Action);
        Assert.Contains(refused.Errors, e => e.Message.Contains("is archived", StringComparison.Ordinal));
        Assert.False(await DbAsync(db => db.Meters.AnyAsync(m => m.SerialNumber == "ARM-EL-1" || m.UnitId == archived)));
        Assert.Equal(active, await DbAsync(db => db.Meters.Where(m => m.SerialNumber == "ARM-EL-2").Select(m => m.UnitId).SingleAsync()));
    }

    [Fact]
    public async Task AnOpeningBalanceRow_ForAnArchivedUnit_IsRefused_AndNothingIsPosted()
    {
        var agent = await AgentAsync();
        var (archived, _) = await TwoUnitsOneArchivedAsync(agent, "ARB");
        var file = Workbook("Balances", BalanceHeaders, [Silverleaf, "ARB-1", "Electricity", 50.0, new DateTime(2026, 11, 1)]);

        var committed = await Imports.CommitAsync(ImportKind.OpeningBalances, file, "balances.xlsx", agent, null);

        var refused = Assert.Single(committed.Rows);
        Assert.Equal(RowAction.Invalid, refused.Action);
        Assert.Contains(refused.Errors, e => e.Message.Contains("is archived", StringComparison.Ordinal));
        Assert.False(await DbAsync(db => db.LedgerLines.AnyAsync(l => db.Wallets.Any(w => w.Id == l.WalletId && w.UnitId == archived))));
    }
}
