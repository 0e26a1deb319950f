using Microsoft.AspNetCore.Identity;

namespace Quantify.Web.Identity;

/// <summary>Where a finished sign-in goes (a safe local return URL, else the role's area), or the message when it failed.</summary>
public sealed record SignInLanding(string? Target, string? Error)
{
    public static async Task<SignInLanding> AfterAsync(SignInResult result, ApplicationUser user, UserManager<ApplicationUser> users, TimeProvider clock, string? returnUrl)
    {
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            return new(null, $"Too many failed attempts: this account is locked until {until?.ToOffset(TimeSpan.FromHours(2)):HH:mm} (SAST). Try again later or ask an administrator.");
        }
        if (result.IsNotAllowed) return new(null, "This account is deactivated. Ask your managing agent or an administrator.");
        if (!result.Succeeded) return new(null, "That code is not right (or was already used). Check the time on your phone and try the next code.");
        user.LastLoginAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        var roles = await users.GetRolesAsync(user);
        var landing = Roles.All.FirstOrDefault(roles.Contains) is { } role ? Roles.AreaOf(role) : "/";
        return new(IsLocal(returnUrl) ? returnUrl : landing, null);
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url != "/" && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(url, UriKind.Relative);
}
