using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Quantify.Web.Features.Api;

/// <summary>
/// One convention for every operation of <c>/openapi/v1.json</c>, whichever feature maps it, so a generated client gets
/// meaningful names and an integrator sees every error an operation can answer:
/// <list type="bullet">
/// <item><c>operationId</c>: the endpoint's name (<c>.WithName("ListUnits")</c>), else one derived from the method and
/// route (<c>POST /api/v1/wallet-groups/{id}/topup</c> → <c>postWalletGroupsByIdTopup</c>), unique by construction.</item>
/// <item>summary: <c>.WithSummary(...)</c>, else one derived from the method and route.</item>
/// <item>tags: <c>.WithTags(...)</c>, else the first route segment after <c>/api/v1</c> (<c>wallet-groups</c> → "Wallet groups");
/// every tag used is listed in the document with a description.</item>
/// <item>error responses with problem-details bodies (<c>application/problem+json</c>), only those the endpoint can
/// answer: 401 and 403 when it needs authorization, 429 when it is rate limited, 400 when it binds query, header, form or
/// body values, 404 when its route has parameters; anything declared with <c>.ProducesProblem(...)</c> (409 for a
/// rule conflict, say) is kept. Bodiless error answers under <c>/api</c> get a problem body from <see cref="ApiProblemBodies"/>.</item>
/// </list>
/// </summary>
public static class ApiDocumentConventions
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Descriptions of the document's tags; a tag not listed here gets a generic one naming its route.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Estates"] = "Estates (sites) the caller may read.",
        ["Units"] = "Units of the caller's estates, with the move-in and move-out of tenants and monthly statements.",
        ["Persons"] = "Owners, tenants and family members of the caller's units (never their ID numbers).",
        ["Meters"] = "Meters and their live state.",
        ["Wallets"] = "Prepaid wallets per unit, their pockets and history.",
        ["Transactions"] = "Ledger transactions that touch the caller's wallets.",
        ["Readings"] = "Meter readings.",
        ["Ledger"] = "The hash-chained ledger's integrity check.",
        ["Reports"] = "Arrears, consumption and financial reports per estate (JSON, CSV, XLSX or PDF).",
        ["Webhooks"] = "Webhook subscriptions and deliveries of an estate (portal session of an admin or managing agent).",
        ["Imports"] = "Bulk import of master data from Excel workbooks (portal session).",
        ["Exports"] = "Excel exports of the portal's grids (portal session).",
    };

    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is not valid: a parameter or the body is malformed or breaks a rule (the problem's detail and errors say which).",
        [StatusCodes.Status401Unauthorized] = "No credentials, or the API key is unknown, revoked or expired.",
        [StatusCodes.Status403Forbidden] = "The API key lacks the permission, the caller's role may not use this operation, or the estate is outside the caller's scope.",
        [StatusCodes.Status404NotFound] = "The resource does not exist or is outside the caller's scope.",
        [StatusCodes.Status409Conflict] = "The request conflicts with the current state (the problem's codes say which rule).",
        [StatusCodes.Status413PayloadTooLarge] = "The upload is larger than allowed.",
        [StatusCodes.Status429TooManyRequests] = "Rate limit reached; retry after the number of seconds in the Retry-After header.",
    };

    public static Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var route = Route(description.RelativePath);
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();

        if (string.IsNullOrWhiteSpace(operation.OperationId)) operation.OperationId = DerivedOperationId(method, route);
        if (string.IsNullOrWhiteSpace(operation.Summary)) operation.Summary = DerivedSummary(method, route);

        var defaultTag = typeof(ApiDocumentConventions).Assembly.GetName().Name;
        var tags = operation.Tags?.Select(t => t.Name).Where(n => n is not null && n != defaultTag).ToList() ?? [];
        if (tags.Count == 0) operation.Tags = new HashSet<OpenApiTagReference> { new(TagOf(route), context.Document) };

        var statuses = new SortedSet<int>();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any()) { statuses.Add(StatusCodes.Status401Unauthorized); statuses.Add(StatusCodes.Status403Forbidden); }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any()) statuses.Add(StatusCodes.Status429TooManyRequests);
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query || p.Source == BindingSource.Body || p.Source == BindingSource.Form
                || p.Source == BindingSource.FormFile || p.Source == BindingSource.Header)
            || operation.RequestBody is not null)
            statuses.Add(StatusCodes.Status400BadRequest);
        if (route.Contains('{', StringComparison.Ordinal)) statuses.Add(StatusCodes.Status404NotFound);

        operation.Responses ??= [];
        foreach (var declared in operation.Responses.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0).Where(s => s >= 400))
            statuses.Add(declared);
        foreach (var status in statuses)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = ErrorDescriptions.TryGetValue(status, out var text) ? text : ReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Money and quantities are <c>decimal</c>: the document says <c>format: decimal</c> (not ASP.NET Core's default
    /// <c>double</c>), so a generated client keeps them exact (Kiota maps it to <c>decimal</c>).
    /// </summary>
    public static Task TransformSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(decimal)) schema.Format = "decimal";
        return Task.CompletedTask;
    }

    /// <summary>The server (the configured public address, no trailing slash), the problem schema and a description for every tag used.</summary>
    public static Task TransformDocumentAsync(OpenApiDocument document, string publicBaseUrl)
    {
        document.Servers = [new OpenApiServer { Url = publicBaseUrl.TrimEnd('/'), Description = "This Quantify installation." }];
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // RFC 9457 problem details; the same shape ASP.NET Core writes. Extensions (errors, codes) may follow.
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Validation problems add `errors` (field → messages); rule conflicts add `codes`.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A URI reference naming the problem type." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A short summary of the problem." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "The HTTP status code." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What went wrong, in words a person can act on." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A URI reference for this occurrence." },
            },
        };
        var used = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.TryGetValue(name, out var text) ? text : $"Operations under /api/v1/{Slug(name)}.",
        }));
        return Task.CompletedTask;
    }

    /// <summary>The route without its constraints: <c>api/v1/units/{unitId:int}</c> → <c>/api/v1/units/{unitId}</c>.</summary>
    public static string Route(string? relativePath)
    {
        var path = "/" + (relativePath ?? "").TrimStart('/');
        var sb = new StringBuilder(path.Length);
        var inParameter = false;
        var skipping = false;
        foreach (var c in path)
        {
            if (c == '{') { inParameter = true; skipping = false; sb.Append(c); continue; }
            if (c == '}') { inParameter = false; skipping = false; sb.Append(c); continue; }
            if (inParameter && (c == ':' || c == '=' || c == '?')) { skipping = true; continue; }
            if (!skipping) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><c>GET /api/v1/units/{unitId}/statements/{year}/{month}.pdf</c> → <c>getUnitsByUnitIdStatementsByYearByMonthPdf</c>.</summary>
    public static string DerivedOperationId(string method, string route)
    {
        var sb = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in Segments(route))
        {
            if (segment.StartsWith('{')) sb.Append("By");
            foreach (var word in Words(segment)) sb.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
        }
        return sb.ToString();
    }

    /// <summary><c>POST /api/v1/wallet-groups/{id}/topup</c> → "Post wallet groups by id topup".</summary>
    public static string DerivedSummary(string method, string route)
    {
        var words = new List<string> { method[0] + method[1..].ToLowerInvariant() };
        foreach (var segment in Segments(route))
        {
            if (segment.StartsWith('{')) words.Add("by");
            words.AddRange(Words(segment).Select(w => w.ToLowerInvariant()));
        }
        return string.Join(' ', words);
    }

    /// <summary>The first segment after <c>/api/v1</c>, as words: <c>wallet-groups</c> → "Wallet groups".</summary>
    public static string TagOf(string route)
    {
        var first = Segments(route).FirstOrDefault(s => !s.StartsWith('{')) ?? "api";
        var words = Words(first).Select(w => w.ToLowerInvariant()).ToList();
        var text = string.Join(' ', words);
        return text.Length == 0 ? "Api" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string Slug(string tag) => tag.ToLowerInvariant().Replace(' ', '-');

    private static IEnumerable<string> Segments(string route)
    {
        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var skip = parts.Count >= 2 && parts[0] == "api" && parts[1].StartsWith('v') ? 2 : parts.Count >= 1 && parts[0] == "api" ? 1 : 0;
        return parts.Skip(skip);
    }

    /// <summary>Letters and digits of a segment split at anything else (<c>{unitId}</c> → unitId; <c>history.csv</c> → history, csv).</summary>
    private static List<string> Words(string segment)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in segment)
        {
            if (char.IsLetterOrDigit(c)) { current.Append(c); continue; }
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
