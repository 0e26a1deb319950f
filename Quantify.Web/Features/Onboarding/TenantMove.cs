namespace Quantify.Web.Features.Onboarding;

public enum TenantMoveKind { Onboard, Offboard }

/// <summary>
/// The record of one committed move-in or move-out, keyed by its idempotency key: a repeated request finds it and gets
/// the first answer back (<see cref="ResultJson"/>) instead of a second tenancy or a second settlement.
/// </summary>
public sealed class TenantMove
{
    private TenantMove() { }

    public TenantMove(string idempotencyKey, TenantMoveKind kind, int unitId, int personId, int tenancyId, string resultJson, DateTimeOffset at, string? byUserId)
    {
        IdempotencyKey = idempotencyKey;
        Kind = kind;
        UnitId = unitId;
        PersonId = personId;
        TenancyId = tenancyId;
        ResultJson = resultJson;
        CreatedAt = at;
        CreatedById = byUserId;
    }

    public int Id { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public TenantMoveKind Kind { get; private set; }
    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public int TenancyId { get; private set; }
    public string ResultJson { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedById { get; private set; }
}
