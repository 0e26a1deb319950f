using System.Text.Json;
using System.Text.Json.Serialization;
using Quantify.Domain.Common;
using Quantify.Domain.People;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// Moving a tenant in and out of a unit in one step each: the entry point the wizards and the API use. Each piece reads
/// on its own: <see cref="UnitOccupancyQueries"/> (what the wizards show), <see cref="MoveInService"/>,
/// <see cref="MoveOutService"/>, <see cref="WalletSettlement"/>, <see cref="InvitationService"/>,
/// <see cref="MeterReadingChecks"/> and <see cref="TenantMoveLog"/> (idempotency). See docs/onboarding.md.
/// </summary>
public sealed class OnboardingService(UnitOccupancyQueries queries, MoveInService moveIn, MoveOutService moveOut)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The unit's estate, or null if the unit does not exist (callers check the estate against the user's scope).</summary>
    public Task<int?> EstateOfUnitAsync(int unitId, CancellationToken ct = default) => queries.EstateOfUnitAsync(unitId, ct);

    public Task<IReadOnlyList<UnitMeterRow>> MetersAsync(int unitId, CancellationToken ct = default) => queries.MetersAsync(unitId, ct);

    /// <summary>The current tenant (lease holder) of the unit, if any: tenancy id and name.</summary>
    public Task<(int TenancyId, int PersonId, string Name, DateOnly Since)?> CurrentTenantAsync(int unitId, CancellationToken ct = default) =>
        queries.CurrentTenantAsync(unitId, ct);

    /// <summary>The person with this ID or passport number, if one exists (the wizard's look-up).</summary>
    public Task<Person?> FindPersonAsync(IdentityDocumentType type, string? number, CancellationToken ct = default) => queries.FindPersonAsync(type, number, ct);

    public Task<decimal> WalletBalanceAsync(int unitId, CancellationToken ct = default) => queries.WalletBalanceAsync(unitId, ct);

    public Task<Result<OnboardTenantResult>> OnboardTenantAsync(int unitId, OnboardTenantRequest request, string? linkBase = null, CancellationToken ct = default) =>
        moveIn.OnboardTenantAsync(unitId, request, linkBase, ct);

    public Task<Result<OffboardPreview>> PreviewOffboardAsync(int unitId, IReadOnlyList<MeterReadingInput> closing, CancellationToken ct = default) =>
        moveOut.PreviewOffboardAsync(unitId, closing, ct);

    public Task<Result<OffboardTenantResult>> OffboardTenantAsync(int unitId, OffboardTenantRequest request, CancellationToken ct = default) =>
        moveOut.OffboardTenantAsync(unitId, request, ct);
}
