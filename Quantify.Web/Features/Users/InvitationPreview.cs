namespace Quantify.Web.Features.Users;

/// <summary>What the accept page shows before the person chooses a password; <see cref="Problem"/> says why the link is unusable.</summary>
public sealed record InvitationPreview(string Email, string DisplayName, string Role, IReadOnlyList<string> Covers, bool HasLogin, string? Problem);
