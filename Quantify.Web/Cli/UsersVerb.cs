using System.Globalization;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;

namespace Quantify.Web.Cli;

/// <summary>
/// `users add --email E --role ROLE [--estate ID]... [--unit ID]... [--name N] [--base-url URL]`: creates (or extends)
/// a login and prints a one-time set-password link valid 72 hours. The way to the first administrator on a new database.
/// </summary>
public static class UsersVerb
{
    public const string Usage = "usage: users add --email E --role ROLE [--estate ID]... [--unit ID]... [--name \"Full Name\"] [--base-url https://portal.example]\n" +
                                "roles: " + "Admin, Owner, FamilyMember, Trustee, ManagingAgent, Utility, Tenant";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["add", .. var rest])
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string? email = null, role = null, name = null, baseUrl = null;
        List<int> estates = [], units = [];
        for (var i = 0; i < rest.Length; i++)
        {
            var value = i + 1 < rest.Length ? rest[i + 1] : null;
            switch (rest[i])
            {
                case "--email" when value is not null: email = value; i++; break;
                case "--role" when value is not null: role = Roles.All.FirstOrDefault(r => string.Equals(r, value, StringComparison.OrdinalIgnoreCase)) ?? value; i++; break;
                case "--name" when value is not null: name = value; i++; break;
                case "--base-url" when value is not null: baseUrl = value; i++; break;
                case "--estate" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var e): estates.Add(e); i++; break;
                case "--unit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u): units.Add(u); i++; break;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{rest[i]}'.\n{Usage}");
                    return 2;
            }
        }
        if (email is null || role is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var linkBase = baseUrl ?? app.Services.GetRequiredService<OnboardingOptions>().PublicBaseUrl;
        var service = app.Services.GetRequiredService<AccessInvitationService>();
        var result = await service.InviteAsync(AccessInvitationService.Console, new InviteRequest(email, name ?? "", role, estates, units), linkBase,
            issueLinkForExisting: true);
        if (result.IsFailure)
        {
            foreach (var e in result.Errors) Console.Error.WriteLine(e.ToString());
            return 1;
        }
        Console.WriteLine(result.Value.ExtendedExistingLogin
            ? $"{email} already had a login: it now also has the {role} role and scope."
            : $"Invitation for {email} as {role} created; the login is made when the link is opened.");
        Console.WriteLine($"One-time set-password link (valid {AccessInvitationService.Lifetime.TotalHours:0} hours):");
        Console.WriteLine(result.Value.Link);
        return 0;
    }
}
