namespace Quantify.Web.Features.Users;

/// <summary>An accepted invitation: the login it created or extended and the area the person lands in.</summary>
public sealed record AcceptedInvitation(string UserId, string Landing);
