namespace Quantify.Web.Features.Users;

/// <summary>A pending invitation as the admin and agent screens list it.</summary>
public sealed record PendingInvitationRow(int Id, string Email, string DisplayName, string Role, IReadOnlyList<string> Covers, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, bool Expired, int SendCount);
