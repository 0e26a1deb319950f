using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Import;
using Quantify.Web.Security;

namespace Quantify.Tests.Import;

/// <summary>One demo app for the class; each test uses its own unit numbers, serials and references.</summary>
public sealed class ImportAppFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class ImportTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private const string Silverleaf = "Silverleaf Estate";
    private const string Harbour = "Harbour View Residences";

    private ImportService Imports => fixture.App.Services.GetRequiredService<ImportService>();

    private async Task<UserScope> ScopeOfAsync(string login)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == PortalClient.Email(login)).Select(u => u.Id).SingleAsync();
        return await fixture.App.Services.GetRequiredService<ScopeService>().LoadAsync(id);
    }

    private async Task<T> DbAsync<T>(Func<QuantifyDbContext, Task<T>> query)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private async Task<int> EstateIdAsync(string name) => await DbAsync(db => db.Estates.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    /// <summary>A workbook built here, outside the product, as an agent's Excel would save it.</summary>
    internal static byte[] Workbook(string sheetName, string[] headers, params object?[][] rows) => Workbook(sheetName, headers, null, rows);

    private static byte[] Workbook(string sheetName, string[] headers, Action<IXLWorksheet>? tweak, params object?[][] rows)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(sheetName);
        for (var c = 0; c < headers.Length; c++) ws.Cell(1, c + 1).Value = headers[c];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = ws.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case null: break;
                    case string s: cell.SetValue(s); break;
                    case DateTime d: cell.SetValue(d); break;
                    case int i: cell.SetValue(i); break;
                    case double x: cell.SetValue(x); break;
                    case decimal m: cell.SetValue((double)m); break;
                }
            }
        tweak?.Invoke(ws);
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    private static readonly string[] UnitHeaders = ["Estate", "Unit number", "Floor", "Building", "Size m2", "Participation quota %", "Bedrooms", "Bathrooms"];

    private static object?[] UnitRow(string estate, string number, object? size = null, object? bedrooms = null) =>
        [estate, number, "1", "Block Z", size, null, bedrooms, null];

    [Fact]
    public async Task Units_PreviewMarksBadCells_CommitLandsTheGoodRows_AndReUploadOfTheCorrectedFileLandsOnlyTheChange()
    {
        var agent = await ScopeOfAsync("agent");
        var first = Workbook("Units", UnitHeaders,
            UnitRow(Silverleaf, "IMP-1", 70.5, 2),
            UnitRow(Silverleaf, "IMP-2", "seventy", 2), // text in a number column
            UnitRow(Silverleaf, "IMP-3", 55, 1));

        var preview = await Imports.PreviewAsync(ImportKind.Units, first, "units.xlsx", agent, null);
        Assert.Empty(preview.FileErrors);
        var bad = Assert.Single(preview.Rows, r => r.Action == RowAction.Invalid);
        var error = Assert.Single(bad.Errors);
        Assert.Equal((3, "Size m2"), (error.Row, error.Column));
        Assert.Contains("'seventy' is text, but this column takes a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await DbAsync(db => db.Units.CountAsync(u => u.UnitNumber.StartsWith("IMP-"))));

        var committed = await Imports.CommitAsync(ImportKind.Units, first, "units.xlsx", agent, null);
        Assert.Equal(new ImportCounts(3, 2, 0, 0, 1), committed.Counts);
        Assert.Equal(["IMP-1", "IMP-3"], await DbAsync(db => db.Units.Where(u => u.UnitNumber.StartsWith("IMP-")).OrderBy(u => u.UnitNumber).Select(u => u.UnitNumber).ToListAsync()));
        Assert.All(await DbAsync(db => db.Units.Where(u => u.UnitNumber.StartsWith("IMP-")).Select(u => u.PaymentReference).ToListAsync()), r => Assert.False(string.IsNullOrEmpty(r)));

        // The corrected file: row 3 fixed, row 4 changed (bedrooms), row 2 as before.
        var corrected = Workbook("Units", UnitHeaders,
            UnitRow(Silverleaf, "IMP-1", 70.5, 2),
            UnitRow(Silverleaf, "IMP-2", 70, 2),
            UnitRow(Silverleaf, "IMP-3", 55, 3));
        var again = await Imports.CommitAsync(ImportKind.Units, corrected, "units-fixed.xlsx", agent, null);
        Assert.Equal(new ImportCounts(3, 1, 1, 1, 0), again.Counts);
        Assert.Equal(3, await DbAsync(db => db.Units.CountAsync(u => u.UnitNumber.StartsWith("IMP-"))));
        Assert.Equal(3, await DbAsync(db => db.Units.Where(u => u.UnitNumber == "IMP-3").Select(u => u.Bedrooms).SingleAsync()));
        Assert.Contains("Bedrooms 1 → 3", again.Rows.Single(r => r.Key.EndsWith("IMP-3", StringComparison.Ordinal)).Detail, StringComparison.Ordinal);

        // History keeps who, the counts and the original file byte for byte.
        var history = await Imports.HistoryAsync(agent);
        var run = history.First(h => h.FileName == "units-fixed.xlsx");
        Assert.Equal((3, 1, 1, 1, 0), (run.Total, run.Created, run.Updated, run.Unchanged, run.Failed));
        Assert.Equal(corrected, (await Imports.FileAsync(run.Id, agent))!.Value.Bytes);
    }

    [Fact]
    public async Task WrongHeaders_SayWhichIsMissingAndWhichIsUnknown()
    {
        var headers = UnitHeaders.Select(h => h == "Unit number" ? "Unit no" : h).ToArray();
        var report = await Imports.PreviewAsync(ImportKind.Units, Workbook("Units", headers, UnitRow(Silverleaf, "HDR-1")), "x.xlsx", await ScopeOfAsync("agent"), null);
        Assert.Empty(report.Rows);
        Assert.Contains(report.FileErrors, e => e.Message.StartsWith("Unknown column 'Unit no' in B1", StringComparison.Ordinal));
        Assert.Contains(report.FileErrors, e => e.Message.StartsWith("Missing column 'Unit number'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongSheet_NotAnXlsx_AndAnUnchangedTemplate_AreRefusedWithSpecificMessages()
    {
        var agent = await ScopeOfAsync("agent");
        var wrongSheet = await Imports.PreviewAsync(ImportKind.Units, Workbook("Sheet1", UnitHeaders, UnitRow(Silverleaf, "S-1")), "x.xlsx", agent, null);
        Assert.Contains("no sheet named 'Units' (it has 'Sheet1')", Assert.Single(wrongSheet.FileErrors).Message, StringComparison.Ordinal);

        var csv = await Imports.PreviewAsync(ImportKind.Units, "Estate,Unit number\nSilverleaf Estate,A1\n"u8.ToArray(), "units.csv", agent, null);
        Assert.Contains("not an Excel workbook", Assert.Single(csv.FileErrors).Message, StringComparison.Ordinal);

        var template = ImportTemplates.Build(ImportSchemas.Units, [Silverleaf]);
        var onlyExample = await Imports.PreviewAsync(ImportKind.Units, template, "template.xlsx", agent, null);
        Assert.Contains("only the template's example row", Assert.Single(onlyExample.FileErrors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergedCells_DuplicateUnits_AndUnknownEstate_EachMarkTheirRow_WhileGoodRowsLand()
    {
        var agent = await ScopeOfAsync("agent");
        // An existing unit whose number differs only in case.
        await Imports.CommitAsync(ImportKind.Units, Workbook("Units", UnitHeaders, UnitRow(Silverleaf, "MIX-A")), "seed.xlsx", agent, null);
        var file = Workbook("Units", UnitHeaders, ws => ws.Range("C6:D6").Merge(),
            UnitRow(Silverleaf, "MIX-1"),          // row 2: good
            UnitRow(Silverleaf, "MIX-1"),          // row 3: duplicate within the file
            UnitRow("Atlantis Towers", "MIX-2"),   // row 4: unknown estate
            UnitRow(Silverleaf, "mix-a"),          // row 5: clashes (case) with the database
            UnitRow(Silverleaf, "MIX-3"));         // row 6: merged cells
        var report = await Imports.CommitAsync(ImportKind.Units, file, "mixed.xlsx", agent, null);
        string ErrorOn(int row) => string.Join(" | ", report.Rows.Single(r => r.Row == row).Errors.Select(e => e.Message));
        Assert.Equal(RowAction.Create, report.Rows.Single(r => r.Row == 2).Action);
        Assert.Contains("Duplicate unit number 'MIX-1' for Silverleaf Estate in this file: row 2 has it too.", ErrorOn(3), StringComparison.Ordinal);
        Assert.Contains("Unknown estate 'Atlantis Towers'", ErrorOn(4), StringComparison.Ordinal);
        Assert.Contains("differs only in upper/lower case from the existing unit 'MIX-A'", ErrorOn(5), StringComparison.Ordinal);
        Assert.Contains("Cells C6:D6 are merged", ErrorOn(6), StringComparison.Ordinal);
        Assert.Equal(["MIX-1", "MIX-A"], await DbAsync(db => db.Units.Where(u => u.UnitNumber.StartsWith("MIX-") || u.UnitNumber.StartsWith("mix-")).OrderBy(u => u.UnitNumber).Select(u => u.UnitNumber).ToListAsync()));
    }

    [Fact]
    public async Task AnAgent_CannotImportIntoAnotherEstate_NorNameItOnARow()
    {
        var agent = await ScopeOfAsync("agent");
        var report = await Imports.CommitAsync(ImportKind.Units, Workbook("Units", UnitHeaders, UnitRow(Harbour, "NOPE-1")), "x.xlsx", agent, null);
        Assert.Contains("Unknown estate 'Harbour View Residences'", Assert.Single(report.Rows).Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(0, await DbAsync(db => db.Units.CountAsync(u => u.UnitNumber == "NOPE-1")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Imports.PreviewAsync(ImportKind.Units, [], "x.xlsx", agent, 999_999));
    }

    private static readonly string[] MeterHeaders = ["Estate", "Serial number", "Meter type", "Comms", "Device EUI", "Modbus address", "Manufacturer", "Model", "Installation date", "Unit number"];

    [Fact]
    public async Task Meters_WithEuisAndUnits_RefuseATakenEui_ThenOpeningReadingsLandOnce()
    {
        var agent = await ScopeOfAsync("agent");
        await Imports.CommitAsync(ImportKind.Units, Workbook("Units", UnitHeaders, UnitRow(Silverleaf, "MTR-1"), UnitRow(Silverleaf, "MTR-2")), "u.xlsx", agent, null);
        var takenEui = await DbAsync(db => db.Meters.Where(m => m.DeviceEui != null).Select(m => m.DeviceEui!).FirstAsync());
        var meters = Workbook("Meters", MeterHeaders,
            [Silverleaf, "IMP-EL-1", "Electricity", "Lora", "A1B2C3D4E5F60001", null, "Kamstrup", null, new DateTime(2026, 2, 1), "MTR-1"],
            [Silverleaf, "IMP-EL-2", "Electricity", "Lora", takenEui.ToUpperInvariant(), null, null, null, null, "MTR-2"],
            [Silverleaf, "IMP-WA-1", "Water", "Lora", "a1b2c3d4e5f60001", null, null, null, null, "MTR-1"]);
        var report = await Imports.CommitAsync(ImportKind.Meters, meters, "m.xlsx", agent, null);
        Assert.Equal(RowAction.Create, report.Rows.Single(r => r.Row == 2).Action);
        Assert.Contains($"Device EUI {takenEui} is already taken by meter", report.Rows.Single(r => r.Row == 3).Errors.Single().Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate device EUI a1b2c3d4e5f60001 in this file: row 2 has it too.", report.Rows.Single(r => r.Row == 4).Errors.Single().Message, StringComparison.Ordinal);
        var fitted = await DbAsync(db => db.Meters.Where(m => m.SerialNumber == "IMP-EL-1").Select(m => new { m.UnitId, m.DeviceEui }).SingleAsync());
        Assert.Equal(await DbAsync(db => db.Units.Where(u => u.UnitNumber == "MTR-1").Select(u => (int?)u.Id).SingleAsync()), fitted.UnitId);
        Assert.False(await DbAsync(db => db.Meters.AnyAsync(m => m.SerialNumber == "IMP-EL-2" || m.SerialNumber == "IMP-WA-1")));

        string[] readingHeaders = ["Estate", "Serial number", "Reading date", "Register"];
        var readings = Workbook("Readings", readingHeaders, [Silverleaf, "IMP-EL-1", new DateTime(2026, 3, 1), 1234.5]);
        Assert.Equal(1, (await Imports.CommitAsync(ImportKind.OpeningReadings, readings, "r.xlsx", agent, null)).Counts.Created);
        Assert.Equal(1, (await Imports.CommitAsync(ImportKind.OpeningReadings, readings, "r.xlsx", agent, null)).Counts.Unchanged);
        var changed = await Imports.PreviewAsync(ImportKind.OpeningReadings, Workbook("Readings", readingHeaders, [Silverleaf, "IMP-EL-1", new DateTime(2026, 3, 1), 1300]), "r.xlsx", agent, null);
        Assert.Contains("readings are never changed", changed.Rows.Single().Errors.Single().Message, StringComparison.Ordinal);
        var meterId = await DbAsync(db => db.Meters.Where(m => m.SerialNumber == "IMP-EL-1").Select(m => m.Id).SingleAsync());
        Assert.Equal(1, await DbAsync(db => db.MeterReadings.CountAsync(r => r.MeterId == meterId)));
    }

    internal static readonly string[] PersonHeaders = ["First name", "Last name", "ID type", "ID number", "Email", "Phone", "Estate", "Unit number", "Relationship", "Start date", "End date", "Share %"];

    [Fact]
    public async Task TenancyRows_OnboardTenantsInBulk_FindingThePersonByIdNumber_AndAReUploadChangesNothing()
    {
        var agent = await ScopeOfAsync("agent");
        await Imports.CommitAsync(ImportKind.Units, Workbook("Units", UnitHeaders, UnitRow(Silverleaf, "TEN-1"), UnitRow(Silverleaf, "TEN-2")), "u.xlsx", agent, null);
        var file = Workbook("People", PersonHeaders,
            ["Lerato", "Mokoena", "SA ID", "9001015009086", "lerato@example.com", null, Silverleaf, "TEN-1", "Tenant", new DateTime(2026, 1, 1), null, null],
            ["Lerato", "Mokoena", "SA ID", "9001015009086", null, null, Silverleaf, "TEN-2", "Owner", new DateTime(2025, 6, 1), null, 50],
            ["Sipho", "Dube", "SA ID", "9001015009087", null, null, Silverleaf, "TEN-2", "Tenant", new DateTime(2026, 1, 1), null, null]);
        var report = await Imports.CommitAsync(ImportKind.Persons, file, "people.xlsx", agent, null);
        Assert.Equal(2, report.Counts.Created);
        Assert.Contains("ID number", report.Rows.Single(r => r.Row == 4).Errors.Single().Column, StringComparison.Ordinal); // bad Luhn check digit
        var person = await DbAsync(db => db.Persons.Where(p => p.IdNumber == "9001015009086").Select(p => p.Id).SingleAsync());
        Assert.Equal(1, await DbAsync(db => db.Tenancies.CountAsync(t => t.PersonId == person)));
        Assert.Equal(1, await DbAsync(db => db.Ownerships.CountAsync(o => o.PersonId == person && o.SharePercent == 50)));
        Assert.Equal("Occupied", await DbAsync(db => db.Units.Where(u => u.UnitNumber == "TEN-1").Select(u => u.Occupancy.ToString()).SingleAsync()));
        // The tenant with an email is invited to log in, as the onboarding wizard does; the email lands in the pickup folder.
        Assert.Equal(1, await DbAsync(db => db.Invitations.CountAsync(i => i.PersonId == person && i.Email == "lerato@example.com")));
        var pickup = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Notifications:PickupDirectory"]!;
        static bool Invited(string f) => File.ReadAllText(f).Contains("lerato@example.com", StringComparison.Ordinal) && File.ReadAllText(f).Contains("accept-invitation", StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(pickup, "*.eml"), Invited);

        var again = await Imports.CommitAsync(ImportKind.Persons, file, "people.xlsx", agent, null);
        Assert.Equal((0, 0, 2), (again.Counts.Created, again.Counts.Updated, again.Counts.Unchanged));
        Assert.Equal(1, await DbAsync(db => db.Persons.CountAsync(p => p.IdNumber == "9001015009086")));
        Assert.Equal(1, await DbAsync(db => db.Invitations.CountAsync(i => i.PersonId == person))); // no second invitation
        Assert.Single(Directory.GetFiles(pickup, "*.eml"), Invited);
    }

    private static readonly string[] TopUpHeaders = ["Estate", "Unit number", "Type", "Pocket", "Amount", "Date", "Reference", "Description"];

    [Fact]
    public async Task ATopUpSheetUploadedTwice_PostsOnce()
    {
        var agent = await ScopeOfAsync("agent");
        await Imports.CommitAsync(ImportKind.Units, Workbook("Units", UnitHeaders, UnitRow(Silverleaf, "TOP-1")), "u.xlsx", agent, null);
        var file = Workbook("TopUps", TopUpHeaders,
            [Silverleaf, "TOP-1", "Top-up", "Electricity", 150.25, new DateTime(2026, 3, 5), "BULK-1", null],
            [Silverleaf, "TOP-1", "Adjustment", "Water", -20, new DateTime(2026, 3, 5), "BULK-2", "Leak credit reversed"],
            [Silverleaf, "TOP-1", "Top-up", "Water", 10.123, new DateTime(2026, 3, 5), "BULK-3", null]);
        var first = await Imports.CommitAsync(ImportKind.TopUps, file, "topups.xlsx", agent, null);
        Assert.Equal((2, 1), (first.Counts.Created, first.Counts.Failed));
        Assert.Contains("more than 2 decimals", first.Rows.Single(r => r.Row == 4).Errors.Single().Message, StringComparison.Ordinal);
        var second = await Imports.CommitAsync(ImportKind.TopUps, file, "topups.xlsx", agent, null);
        Assert.Equal((0, 2), (second.Counts.Created, second.Counts.Unchanged));

        var unitId = await DbAsync(db => db.Units.Where(u => u.UnitNumber == "TOP-1").Select(u => u.Id).SingleAsync());
        var balances = await fixture.App.Services.GetRequiredService<Quantify.Web.Features.Ledger.LedgerService>().BalancesAsync(unitId);
        Assert.Equal(150.25m, balances.Single(b => b.Pocket == Quantify.Domain.Ledger.Pocket.Electricity).Balance);
        Assert.Equal(-20m, balances.Single(b => b.Pocket == Quantify.Domain.Ledger.Pocket.Water).Balance);
        Assert.Equal(2, await DbAsync(db => db.LedgerTransactions.CountAsync(t => t.IdempotencyKey.StartsWith("import:top-up:"))));
    }

    [Fact]
    public async Task Api_AgentOfOneEstate_IsRefusedAnotherEstate_AndGetsRowErrorsAsJsonForTheirOwn()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var harbour = await EstateIdAsync(Harbour);
        var silverleaf = await EstateIdAsync(Silverleaf);
        var file = Workbook("Units", UnitHeaders, [null, "API-1", "1", null, "big", null, null, null]);

        var refused = await client.PostAsync($"/api/v1/imports/units?estateId={harbour}&dryRun=true", Upload(file));
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{refused.StatusCode}: {await refused.Content.ReadAsStringAsync()} {refused.Headers.Location}");

        var preview = await client.PostAsync($"/api/v1/imports/units?estateId={silverleaf}&dryRun=true", Upload(file));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        using var json = JsonDocument.Parse(await preview.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("rows")[0].GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Equal("Size m2", error.GetProperty("column").GetString());

        var template = await client.GetAsync("/api/v1/imports/templates/meters.xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using var wb = new XLWorkbook(new MemoryStream(await template.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["Meters", "Lists", "Notes"], wb.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal(MeterHeaders, Enumerable.Range(1, MeterHeaders.Length).Select(c => wb.Worksheet("Meters").Cell(1, c).GetString()).ToArray());
        Assert.NotEmpty(wb.Worksheet("Meters").DataValidations);
        // The estate drop-down lists only the agent's estate.
        Assert.Equal(Silverleaf, wb.Worksheet("Lists").Cell(2, 1).GetString());
        Assert.True(wb.Worksheet("Lists").Cell(3, 1).IsEmpty());

        using var tenant = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var tenantPost = await tenant.PostAsync("/api/v1/imports/units?dryRun=true", Upload(file));
        Assert.True(tenantPost.StatusCode == HttpStatusCode.Forbidden, $"{tenantPost.StatusCode}: {await tenantPost.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Api_A50MegabyteUpload_IsRefusedBeforeParsing_AndANonWorkbookGetsA400WithTheReason()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var huge = await client.PostAsync("/api/v1/imports/units?dryRun=true", Upload(new byte[50 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("the limit is 10 MB", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var pdf = await client.PostAsync("/api/v1/imports/units?dryRun=true", Upload("%PDF-1.7 not a workbook"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("The file is a PDF", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AdminUnitsList_IsAWorkbookWithTypedCells_AndAgentsAreRefusedIt()
    {
        using var admin = await PortalClient.SignedInAsync(fixture.App, "admin");
        var response = await admin.GetAsync("/api/v1/exports/admin/units.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var wb = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var ws = wb.Worksheet("Units");
        Assert.Equal("Id", ws.Cell(1, 1).GetString());
        Assert.Equal(XLDataType.Number, ws.Cell(2, 1).DataType);
        Assert.True(ws.LastRowUsed().RowNumber() > 10);

        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/exports/admin/units.xlsx")).StatusCode);
        var own = await agent.GetAsync("/api/v1/exports/agent-units.xlsx");
        using var agentBook = new XLWorkbook(new MemoryStream(await own.Content.ReadAsByteArrayAsync()));
        var estates = Enumerable.Range(2, agentBook.Worksheet("Units").LastRowUsed().RowNumber() - 1).Select(r => agentBook.Worksheet("Units").Cell(r, 1).GetString()).Distinct().ToList();
        Assert.Equal([Silverleaf], estates);
    }

    [Fact]
    public void XlsxExport_WritesNumbersAsNumbers_DatesAsDates_AndMoneyTo2dp()
    {
        var bytes = XlsxExport.Build("Rows", [(Name: "A", Count: 3, Amount: 10.005m, Day: new DateOnly(2026, 3, 1))],
        [
            new("Name", r => r.Name), new("Count", r => r.Count, ExportType.Integer), new("Amount", r => r.Amount, ExportType.Money), new("Day", r => r.Day, ExportType.Date),
        ]);
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet("Rows");
        Assert.Equal(XLDataType.Number, ws.Cell(2, 2).DataType);
        Assert.Equal(10.0, ws.Cell(2, 3).GetDouble());
        Assert.Equal(XLDataType.DateTime, ws.Cell(2, 4).DataType);
        Assert.Equal(new DateTime(2026, 3, 1), ws.Cell(2, 4).GetDateTime());
    }

    private static MultipartFormDataContent Upload(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", "upload.xlsx" } };
    }
}
