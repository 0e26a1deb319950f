using Quantify.Web.Features.Reports;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Settlement;

public static class SettlementRegistration
{
    public static IServiceCollection AddSettlement(this IServiceCollection services)
    {
        services.AddSingleton<SettlementService>();
        return services;
    }

    /// <summary>Downloads for admins: a payee's statement (PDF, XLSX) and a payout batch's bank file.</summary>
    public static IEndpointRouteBuilder MapSettlement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/settlement").RequireAuthorization(Policies.AdminArea)
            .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).WithTags("Settlement");

        group.MapGet("/runs/{runId:int}/statements/{payeeId:int}", async (int runId, int payeeId, string? format, SettlementService settlement, TimeProvider clock, HttpContext http) =>
        {
            if (format is not ("pdf" or "xlsx")) return Results.Problem("format must be pdf or xlsx.", statusCode: StatusCodes.Status400BadRequest);
            if (await settlement.StatementAsync(runId, payeeId, http.RequestAborted) is not { } statement) return Results.NotFound();
            var table = SettlementExports.Table(statement);
            return format == "pdf"
                ? Results.File(ReportExports.Pdf(table, clock.GetUtcNow(), "Quantify"), "application/pdf", SettlementExports.FileName(statement, "pdf"))
                : Results.File(ReportExports.Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", SettlementExports.FileName(statement, "xlsx"));
        }).WithName("GetSettlementStatement").WithSummary("A payee's settlement statement for a run (PDF or XLSX), tied to the ledger")
        .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/batches/{batchId:int}/file", async (int batchId, string? format, SettlementService settlement, HttpContext http) =>
        {
            var layout = format switch { "acb" => PayoutFileFormat.AcbCreditorCsv, null or "" or "generic" => PayoutFileFormat.GenericCsv, _ => (PayoutFileFormat?)null };
            if (layout is null) return Results.Problem("format must be generic or acb.", statusCode: StatusCodes.Status400BadRequest);
            return await settlement.BatchFileAsync(batchId, layout.Value, http.RequestAborted) is { } file
                ? Results.File(file.Bytes, "text/csv", file.FileName)
                : Results.NotFound();
        }).WithName("GetPayoutBatchFile").WithSummary("The bank file of an approved payout batch (generic CSV or the ACB creditor CSV)")
        .Produces<byte[]>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
