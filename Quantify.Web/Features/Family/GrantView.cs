using Quantify.Domain.Family;

namespace Quantify.Web.Features.Family;

/// <summary>A grant as its Manage holders see it, with who granted and who revoked it.</summary>
public sealed record GrantView(int Id, int UnitId, int PersonId, string PersonName, string? Email, WalletAccessLevel Level, decimal? CapPerTopUp, decimal? CapPerMonth,
    DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset? RevokedAt, string? RevokedBy, bool InvitationPending);
