namespace Quantify.Web.Features.Users;

/// <summary>
/// The result of an invitation: the one-time link (shown to the inviter only when asked for, e.g. by the CLI), whether it
/// extended a login that already existed (then the role and scope apply at once), and whether the email went out.
/// </summary>
public sealed record InviteOutcome(int InvitationId, string Link, bool ExtendedExistingLogin, bool Emailed);
