using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection("Import"));
        services.AddSingleton<ImportHandler, UnitsImport>();
        services.AddSingleton<ImportHandler, PersonsImport>();
        services.AddSingleton<ImportHandler, MetersImport>();
        services.AddSingleton<ImportHandler, OpeningReadingsImport>();
        services.AddSingleton<ImportHandler, OpeningBalancesImport>();
        services.AddSingleton<ImportHandler, TopUpsImport>();
        services.AddSingleton<ImportService>();
        return services;
    }

    /// <summary>Estate names for a template's drop-down: the estates the user may import into.</summary>
    public static async Task<IReadOnlyList<string>> EstateNamesAsync(IDbContextFactory<QuantifyDbContext> factory, UserScope scope, CancellationToken ct)
    {
        var allowed = ImportService.ImportableEstates(scope);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Estates.AsNoTracking().Where(e => e.IsActive && (allowed == null || allowed.Contains(e.Id))).OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(ct);
    }

    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder app)
    {
        // Signed-in users only; the role and estate checks are in each handler (admins, and managing agents within their estates), answering 403.
        var importers = app.MapGroup("/api/v1/imports").RequireAuthorization().RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).WithTags("Imports");

        importers.MapGet("/templates/{kind}.xlsx", async (string kind, HttpContext http, ScopeService scopes, IDbContextFactory<QuantifyDbContext> factory) =>
        {
            if (ImportSchemas.BySlug(kind) is not { } schema) return UnknownKind(kind);
            var scope = await scopes.ForAsync(http.User, http.RequestAborted);
            if (!ImportService.MayImport(scope, null)) return NotAllowed();
            var names = await EstateNamesAsync(factory, scope, http.RequestAborted);
            return Results.File(ImportTemplates.Build(schema, names), XlsxExport.ContentType, ImportTemplates.FileName(schema));
        }).WithName("GetImportTemplate").WithSummary("Download the Excel template of an import kind")
        .Produces<byte[]>(StatusCodes.Status200OK, XlsxExport.ContentType);

        // Multipart upload (field "file"). dryRun=true (the default) previews; false commits the good rows.
        importers.MapPost("/{kind}", async (string kind, int? estateId, bool? dryRun, HttpContext http, ScopeService scopes, ImportService imports) =>
        {
            var ct = http.RequestAborted;
            if (ImportSchemas.BySlug(kind) is not { } schema) return UnknownKind(kind);
            var scope = await scopes.ForAsync(http.User, ct);
            if (!ImportService.MayImport(scope, estateId)) return NotAllowed();
            // Refused before a byte of the body is read.
            if (http.Request.ContentLength is long length && length > imports.MaxFileBytes + 64 * 1024)
                return TooLarge(imports.SizeError(length)!);
            if (!http.Request.HasFormContentType)
                return Results.Problem(statusCode: 400, title: "Expected a multipart upload", detail: "POST the workbook as multipart/form-data in a field named 'file'.");
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = imports.MaxFileBytes + 64 * 1024 }, ct);
            }
            catch (InvalidDataException)
            {
                return TooLarge($"The upload is larger than the {imports.MaxFileBytes / 1024.0 / 1024.0:0.#} MB limit. Split it into smaller files.");
            }
            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file)
                return Results.Problem(statusCode: 400, title: "No file", detail: "Attach the workbook in a form field named 'file'.");
            if (imports.SizeError(file.Length) is { } tooBig) return TooLarge(tooBig);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            var report = dryRun ?? true
                ? await imports.PreviewAsync(schema.Kind, bytes, file.FileName, scope, estateId, ct)
                : await imports.CommitAsync(schema.Kind, bytes, file.FileName, scope, estateId, null, ct);
            var body = ToJson(report);
            return report.FileErrors.Count > 0
                ? Results.Problem(statusCode: 400, title: "The workbook could not be imported", detail: string.Join(" ", report.FileErrors.Select(e => e.Message)),
                    extensions: System.Text.Json.JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value))
                : Results.Json(body);
        }).WithName("ImportWorkbook").WithSummary("Preview or commit an Excel import")
        .WithDescription("Multipart upload (field `file`). `dryRun=true` (the default) previews; `false` commits the good rows. Admins, and managing agents within their estates.")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).Produces(StatusCodes.Status200OK, contentType: "application/json");

        importers.MapGet("/history", async (HttpContext http, ScopeService scopes, ImportService imports) =>
        {
            var scope = await scopes.ForAsync(http.User, http.RequestAborted);
            return ImportService.MayImport(scope, null) ? Results.Json(await imports.HistoryAsync(scope, 100, http.RequestAborted)) : NotAllowed();
        }).WithName("ListImports").WithSummary("List recent imports");

        importers.MapGet("/{id:long}/file", async (long id, HttpContext http, ScopeService scopes, ImportService imports) =>
        {
            var file = await imports.FileAsync(id, await scopes.ForAsync(http.User, http.RequestAborted), http.RequestAborted);
            return file is { } f ? Results.File(f.Bytes, XlsxExport.ContentType, f.FileName) : Results.NotFound();
        }).WithName("GetImportFile").WithSummary("Download the workbook of an earlier import")
        .Produces<byte[]>(StatusCodes.Status200OK, XlsxExport.ContentType);

        MapExports(app);
        return app;
    }

    private static void MapExports(IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).WithTags("Exports");
        // The agent's unit grid (their estates only), with the grid's search.
        exports.MapGet("/agent-units.xlsx", async (string? search, HttpContext http, ScopeService scopes, AreaQueries areas, TimeProvider clock) =>
        {
            var scope = await scopes.ForAsync(http.User, http.RequestAborted);
            var page = await areas.UnitPageAsync(scope, Roles.ManagingAgent, search, 0, 100_000, http.RequestAborted);
            var bytes = XlsxExport.Build("Units", page.Items,
            [
                new("Estate", u => u.EstateName, Width: 26), new("Unit", u => u.UnitNumber, Width: 12), new("Building", u => u.Building),
                new("Occupancy", u => u.Occupancy.ToString(), Width: 12), new("Tenant", u => u.TenantName, Width: 26), new("Payment reference", u => u.PaymentReference, Width: 20),
            ]);
            return Results.File(bytes, XlsxExport.ContentType, XlsxExport.FileName("units", clock.GetUtcNow()));
        }).RequireAuthorization(Policies.AgentArea).WithName("ExportAgentUnits").WithSummary("Export the managing agent's units (Excel)");

        var admin = exports.MapGroup("/admin").RequireAuthorization(Policies.AdminArea);
        admin.MapGet("/units.xlsx", async (string? search, bool? archived, UnitService units, TimeProvider clock, HttpContext http) =>
        {
            var page = await units.ListAsync(new PageQuery(0, 1_000_000, search, archived ?? false), http.RequestAborted);
            return Results.File(XlsxExport.Build("Units", page.Items,
            [
                new("Id", u => u.Id, ExportType.Integer, 8), new("Estate", u => u.EstateName, Width: 26), new("Unit", u => u.UnitNumber, Width: 12), new("Building", u => u.Building),
                new("Occupancy", u => u.Occupancy.ToString(), Width: 12), new("Payment reference", u => u.PaymentReference, Width: 20), new("Active", u => u.IsActive, Width: 8),
            ]), XlsxExport.ContentType, XlsxExport.FileName("units", clock.GetUtcNow()));
        }).WithName("ExportUnits").WithSummary("Export every unit (Excel, admins)");
        admin.MapGet("/persons.xlsx", async (string? search, bool? archived, PersonService persons, TimeProvider clock, HttpContext http) =>
        {
            var page = await persons.ListAsync(new PageQuery(0, 1_000_000, search, archived ?? false), http.RequestAborted);
            return Results.File(XlsxExport.Build("People", page.Items,
            [
                new("Id", p => p.Id, ExportType.Integer, 8), new("Name", p => p.FullName, Width: 28), new("ID type", p => p.IdType.ToString(), Width: 10),
                new("ID number", p => p.IdNumber, Width: 18), new("Email", p => p.Email, Width: 28), new("Phone", p => p.Phone), new("Active", p => p.IsActive, Width: 8),
            ]), XlsxExport.ContentType, XlsxExport.FileName("people", clock.GetUtcNow()));
        }).WithName("ExportPersons").WithSummary("Export every person (Excel, admins)");
        admin.MapGet("/meters.xlsx", async (string? search, bool? archived, MeterService meters, TimeProvider clock, HttpContext http) =>
        {
            var page = await meters.ListAsync(new PageQuery(0, 1_000_000, search, archived ?? false), null, http.RequestAborted);
            return Results.File(XlsxExport.Build("Meters", page.Items,
            [
                new("Id", m => m.Id, ExportType.Integer, 8), new("Estate", m => m.EstateName, Width: 26), new("Unit", m => m.UnitNumber, Width: 12),
                new("Serial number", m => m.SerialNumber, Width: 18), new("Type", m => m.Type.ToString(), Width: 14), new("Comms", m => m.Comms.ToString(), Width: 10),
                new("Device EUI", m => m.DeviceEui, Width: 20), new("Status", m => m.Status.ToString(), Width: 10), new("Last seen", m => m.LastSeenAt, ExportType.DateTime, 18),
                new("Active", m => m.IsActive, Width: 8),
            ]), XlsxExport.ContentType, XlsxExport.FileName("meters", clock.GetUtcNow()));
        }).WithName("ExportMeters").WithSummary("Export every meter (Excel, admins)");
    }

    private static IResult UnknownKind(string kind) =>
        Results.Problem(statusCode: 404, title: "Unknown import kind", detail: $"'{kind}' is not an import kind. Kinds: {string.Join(", ", ImportSchemas.All.Select(s => s.Slug))}.");

    private static IResult NotAllowed() => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
        detail: "Imports are for admins, and for managing agents within the estates they manage.");

    private static IResult TooLarge(string detail) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: detail);

    public static object ToJson(ImportReport r) => new
    {
        kind = ImportSchemas.For(r.Kind).Slug,
        fileName = r.FileName,
        committed = r.Committed,
        runId = r.RunId,
        counts = new { total = r.Counts.Total, created = r.Counts.Created, updated = r.Counts.Updated, unchanged = r.Counts.Unchanged, failed = r.Counts.Failed },
        skippedExampleRows = r.SkippedExampleRows,
        fileErrors = r.FileErrors.Select(e => e.Message),
        rows = r.Rows.Select(x => new
        {
            row = x.Row, action = x.Action.ToString(), key = x.Key, detail = x.Detail,
            errors = x.Errors.Select(e => new { row = e.Row, column = e.Column, message = e.Message }),
        }),
    };
}
