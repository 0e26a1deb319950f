namespace Quantify.Web.Features.Users;

/// <summary>What a person may change about their own login: name, mobile number and the channels notices also go to.</summary>
public sealed record ProfileUpdate(string Name, string? Phone, bool ByEmail, bool BySms, bool ByPush);
