using System.Globalization;
using Quantify.Domain.Arrears;
using Quantify.Web.Features.Arrears;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ArrearsService>();
        services.AddSingleton<ArrearsEscalationService>();
        services.AddSingleton<ArrearsResumeQueue>();
        services.AddSingleton<Ledger.IWalletPostingListener>(sp => sp.GetRequiredService<ArrearsResumeQueue>());
        services.AddHostedService<ArrearsResumeWorker>();
        services.AddSingleton<BillingReportService>();
        services.AddSingleton<AuditPackService>();
        return services;
    }

    private static readonly string[] Formats = ["json", "csv", "xlsx", "pdf"];

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports")
            .RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.ReadReports))
            .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy)
            .WithTags("Reports").ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null,
                ["application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf"]));

        group.MapGet("/arrears", async (int? estateId, string? format, HttpContext http, ScopeService scopes, ArrearsService arrears, TimeProvider clock) =>
        {
            var ct = http.RequestAborted;
            if (await CheckAsync(estateId, format, http, scopes) is { } refused) return refused;
            if (await arrears.ReportAsync(estateId!.Value, ct) is not { } report) return Results.NotFound();
            return Send(http, format, "arrears", report.EstateName, report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReportExports.Table(report),
                () => new
                {
                    report.EstateId,
                    report.EstateName,
                    asOf = report.AsOf,
                    totalDebt = report.TotalDebt,
                    buckets = report.Buckets.Select(b => new { bucket = b.Label, pockets = b.Pockets, debt = b.Debt }),
                    rows = report.Rows.Select(r => new
                    {
                        r.UnitId,
                        unit = r.UnitNumber,
                        tenant = r.Tenant,
                        pocket = BillingReportService.Name(r.Pocket),
                        balance = r.Balance,
                        debt = r.Debt,
                        debtCap = r.DebtCap,
                        atDebtCap = r.AtDebtCap,
                        arrearsSince = r.ArrearsSince,
                        daysInArrears = r.DaysInArrears,
                        bucket = r.BucketLabel,
                        suspended = r.Suspended,
                        lastStep = r.LastStep is { } s ? ArrearsAgeing.Label(s) : null,
                        lastPaymentDate = r.LastPaymentDate,
                        lastPaymentAmount = r.LastPaymentAmount,
                    }),
                }, clock.GetUtcNow());
        }).WithName("GetArrearsReport").WithSummary("Arrears report of an estate")
        .WithDescription("Debt per unit and pocket, aged in buckets. `format`: json (default), csv, xlsx or pdf. Needs `read:reports`.");

        group.MapGet("/consumption", async (int? estateId, string? month, string? from, string? to, string? format, HttpContext http, ScopeService scopes,
            BillingReportService reports) =>
        {
            if (await CheckAsync(estateId, format, http, scopes) is { } refused) return refused;
            var (period, error) = ReportAccess.Period(month, from, to);
            if (period is null) return Bad("Bad period", error!);
            if (await reports.ConsumptionAsync(estateId!.Value, period, http.RequestAborted) is not { } report) return Results.NotFound();
            return Send(http, format, "consumption", report.EstateName, period.FileStem, ReportExports.Table(report), () => report, report.GeneratedAt);
        }).WithName("GetConsumptionReport").WithSummary("Consumption report of an estate")
        .WithDescription("Consumption and charges per unit and utility for a month (`month=yyyy-MM`) or a range (`from`, `to`). `format`: json (default), csv, xlsx or pdf. Needs `read:reports`.");

        group.MapGet("/financial", async (int? estateId, string? month, string? from, string? to, string? format, HttpContext http, ScopeService scopes,
            BillingReportService reports) =>
        {
            if (await CheckAsync(estateId, format, http, scopes) is { } refused) return refused;
            var (period, error) = ReportAccess.Period(month, from, to);
            if (period is null) return Bad("Bad period", error!);
            if (await reports.FinancialAsync(estateId!.Value, period, http.RequestAborted) is not { } report) return Results.NotFound();
            return Send(http, format, "financial", report.EstateName, period.FileStem, ReportExports.Table(report), () => report, report.GeneratedAt);
        }).WithName("GetFinancialReport").WithSummary("Financial report of an estate")
        .WithDescription("Top-ups, charges, refunds and balances for a month (`month=yyyy-MM`) or a range (`from`, `to`). `format`: json (default), csv, xlsx or pdf. Needs `read:reports`.");
        group.MapGet("/audit", async (int? estateId, string? period, string? format, HttpContext http, ScopeService scopes, AuditPackService packs, TimeProvider clock) =>
        {
            if (await CheckAsync(estateId, format, http, scopes) is { } refused) return refused;
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) return Bad("Unknown format", "The audit pack has several tables: ask for pdf, xlsx or json.");
            if (!DateOnly.TryParseExact((period ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
                return Bad("Bad period", $"period '{period}' is not a month: use yyyy-MM, e.g. 2026-11.");
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Default).DateTime);
            if (month > today) return Bad("Bad period", $"{period} has not started yet.");
            if (await packs.BuildAsync(estateId!.Value, month, http.RequestAborted) is not { } pack) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return (format ?? "json").ToLowerInvariant() switch
            {
                "pdf" => Results.File(AuditPackExports.Pdf(pack), "application/pdf", ReportAccess.FileName("audit-pack", pack.EstateName, pack.Period, "pdf")),
                "xlsx" => Results.File(AuditPackExports.Xlsx(pack), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ReportAccess.FileName("audit-pack", pack.EstateName, pack.Period, "xlsx")),
                _ => Results.Ok(new
                {
                    pack.EstateId, pack.EstateName, pack.Period, pack.From, pack.To, pack.GeneratedAt,
                    summary = pack.Summary.Select(x => new { type = x.Type.ToString(), x.Count, x.Amount }),
                    balances = pack.Balances,
                    transactions = pack.Transactions.Select(t => new { t.Number, t.ValueDate, type = t.Type.ToString(), t.Description, t.Unit, t.Amount }),
                    settlementsAndPayouts = pack.SettlementsAndPayouts.Select(t => t.Number),
                    levies = pack.Levies.Select(t => t.Number),
                    loss = pack.Loss.Select(l => new { l.Utility, l.Bulk, l.Units, l.LossPercent, l.ThresholdPercent, l.Variance, l.WithinThreshold }),
                    trail = pack.Trail,
                    verification = new
                    {
                        chainHeads = pack.Verification.ChainHeads, pack.Verification.ChainsVerified, pack.Verification.Transactions, pack.Verification.Lines,
                        pack.Verification.PeriodHash, command = pack.Verification.Command(pack.EstateId, pack.Period),
                    },
                }),
            };
        }).WithName("GetAuditPack").WithSummary("Audit pack of an estate for a month")
        .WithDescription("Period summary, opening and closing balances, every transaction, settlements and payouts, levies, bulk-vs-units loss, the audit trail extract and a verification statement (chain heads and the period's ledger-line hash, recomputed by `ledger verify --estate ID --period yyyy-MM`). `period=yyyy-MM`; `format`: json (default), xlsx or pdf. Needs `read:reports`.");
        return app;
    }

    private static async Task<IResult?> CheckAsync(int? estateId, string? format, HttpContext http, ScopeService scopes)
    {
        if (estateId is null) return Bad("No estate", "Give estateId, e.g. ?estateId=1.");
        if (format is not null && !Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
            return Bad("Unknown format", $"format '{format}' is not one of {string.Join(", ", Formats)}.");
        var scope = await scopes.ForAsync(http.User, http.RequestAborted);
        if (!ReportAccess.CanRead(scope, estateId.Value) || (ApiKeys.ApiPermissionHandler.IsApiKey(http.User) && !Api.ApiScope.For(scope, http.User).SeesEstateInFull(estateId.Value)))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your estate", detail: $"Estate #{estateId} is outside your scope.");
        return null;
    }

    private static IResult Bad(string title, string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    private static IResult Send(HttpContext http, string? format, string kind, string estateName, string stem, ReportTable table, Func<object> json, DateTimeOffset generatedAt)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        return (format ?? "json").ToLowerInvariant() switch
        {
            "csv" => Results.File(ReportExports.Csv(table), "text/csv; charset=utf-8", ReportAccess.FileName(kind, estateName, stem, "csv")),
            "xlsx" => Results.File(ReportExports.Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ReportAccess.FileName(kind, estateName, stem, "xlsx")),
            "pdf" => Results.File(ReportExports.Pdf(table, generatedAt, estateName), "application/pdf", ReportAccess.FileName(kind, estateName, stem, "pdf")),
            _ => Results.Ok(json()),
        };
    }
}
