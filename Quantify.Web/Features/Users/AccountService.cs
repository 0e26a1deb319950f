using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Users;

/// <summary>
/// Account self-service: profile, forgot/reset password, email confirmation, sign out everywhere. Links in emails use
/// the configured public address (<c>Onboarding:PublicBaseUrl</c>), never the request's Host header, so a forged host
/// cannot steer a reset link elsewhere. Nothing here logs a password, token or code.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, IEmailSender email, OnboardingOptions options, TimeProvider clock, ILogger<AccountService> log)
{
    public const string ResetPath = "/account/reset-password";
    public const string ConfirmPath = "/account/confirm-email";
    public const string ConfirmChangePath = "/account/confirm-email-change";

    /// <summary>The answer to a forgot-password request, the same whether or not the address has a login.</summary>
    public const string ForgotAnswer = "If that address has a Quantify login, a link to choose a new password is on its way. It works once, for 24 hours. Check your spam folder too.";

    public string PublicBaseUrl => options.PublicBaseUrl.TrimEnd('/');

    public async Task<Result> UpdateProfileAsync(string userId, ProfileUpdate update, CancellationToken ct = default)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(update.Name) || update.Name.Trim().Length > 120) errors.Add(new Error("name", "Enter your name (up to 120 characters).", "Name"));
        var phone = string.IsNullOrWhiteSpace(update.Phone) ? null : update.Phone.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (phone is not null && (phone.Length is < 10 or > 15 || !phone.TrimStart('+').All(char.IsAsciiDigit)))
            errors.Add(new Error("phone", "Enter a mobile number such as 082 555 0123 or +27825550123.", "Phone"));
        if (update.BySms && phone is null) errors.Add(new Error("sms_needs_phone", "SMS notices need a mobile number.", "Phone"));
        if (errors.Count > 0) return Result.Fail(errors);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such login."));
        var before = new { user.DisplayName, user.PhoneNumber, user.NotifyByEmail, user.NotifyBySms, user.NotifyByPush };
        user.DisplayName = update.Name.Trim();
        user.PhoneNumber = phone;
        user.NotifyByEmail = update.ByEmail;
        user.NotifyBySms = update.BySms;
        user.NotifyByPush = update.ByPush;
        var r = await users.UpdateAsync(user);
        if (!r.Succeeded) return Result.Fail(r.Errors.Select(e => new Error(e.Code, e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        AccountAudit.Add(db, userId, clock.GetUtcNow(), AccountAudit.LoginEntity, userId, "Profile",
            new { Old = before, New = new { user.DisplayName, user.PhoneNumber, user.NotifyByEmail, user.NotifyBySms, user.NotifyByPush } });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Mails a reset link when the address has an active login; does nothing visible otherwise (same answer, see <see cref="ForgotAnswer"/>).</summary>
    public async Task RequestPasswordResetAsync(string? emailAddress, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(emailAddress)) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(emailAddress.Trim());
        if (user is null || !user.IsActive) return;
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = $"{PublicBaseUrl}{ResetPath}?email={Uri.EscapeDataString(user.Email!)}&code={token}";
        await TrySendAsync(user.Email!, "Choose a new Quantify password",
            $"Hello {user.DisplayName},\n\nSomeone (we hope you) asked to reset the password of your Quantify login. Open this link to choose a new one:\n\n{link}\n\n" +
            "The link works once, for 24 hours. If you did not ask, ignore this email: your password stays as it is.", ct);
    }

    /// <summary>Sets a new password with a reset link's code. A used, expired or tampered code gets one clear answer.</summary>
    public async Task<Result> ResetPasswordAsync(string? emailAddress, string? code, string password, CancellationToken ct = default)
    {
        var unusable = new Error("invalid_link", "This reset link has expired or was already used. Ask for a new one on the \"Forgot password\" page.");
        if (string.IsNullOrWhiteSpace(emailAddress) || string.IsNullOrWhiteSpace(code)) return Result.Fail(unusable);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(emailAddress);
        if (user is null || !user.IsActive) return Result.Fail(unusable);
        string token;
        try { token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code)); }
        catch (FormatException) { return Result.Fail(unusable); }
        var r = await users.ResetPasswordAsync(user, token, password);
        if (!r.Succeeded)
            return Result.Fail(r.Errors.Any(e => e.Code == "InvalidToken") ? [unusable] : r.Errors.Select(e => new Error(e.Code, e.Description, "Password")));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        AccountAudit.Add(db, user.Id, clock.GetUtcNow(), AccountAudit.LoginEntity, user.Id, "PasswordReset", new { user.Email });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task SendEmailConfirmationAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null || user.EmailConfirmed) return;
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await TrySendAsync(user.Email, "Confirm your Quantify email address",
            $"Hello {user.DisplayName},\n\nOpen this link to confirm that {user.Email} is yours:\n\n{PublicBaseUrl}{ConfirmPath}?userId={Uri.EscapeDataString(user.Id)}&code={token}\n", ct);
    }

    public async Task<Result> ConfirmEmailAsync(string? userId, string? code, CancellationToken ct = default)
    {
        var unusable = new Error("invalid_link", "This confirmation link is not valid any more. Sign in and ask for a new one on your account page.");
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(code)) return Result.Fail(unusable);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(unusable);
        string token;
        try { token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code)); }
        catch (FormatException) { return Result.Fail(unusable); }
        var r = await users.ConfirmEmailAsync(user, token);
        if (!r.Succeeded) return Result.Fail(unusable);
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        AccountAudit.Add(db, user.Id, clock.GetUtcNow(), AccountAudit.LoginEntity, user.Id, "EmailConfirmed", new { user.Email });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// Asks to change the login's email (its sign-in name): a link to confirm goes to the NEW address (proving it is
    /// theirs) and a notice to the old one; nothing changes until the link is opened. Identity's change-email token is
    /// bound to the new address and the security stamp.
    /// </summary>
    public async Task<Result> RequestEmailChangeAsync(string userId, string? newEmail, CancellationToken ct = default)
    {
        var address = newEmail?.Trim() ?? "";
        var v = new Validator().Required(address, "NewEmail", "New email").MaxLength(address, 256, "NewEmail", "New email");
        if (address.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(address, out _)) v.Add(new Error("bad_email", $"'{address}' is not an email address.", "NewEmail"));
        if (!v.IsValid) return v.ToResult();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        if (string.Equals(user.Email, address, StringComparison.OrdinalIgnoreCase)) return Result.Fail(new Error("same_email", "That is already your email address.", "NewEmail"));
        if (await users.FindByEmailAsync(address) is not null)
            return Result.Fail(new Error("email_taken", "Another Quantify login already uses that address.", "NewEmail"));
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GenerateChangeEmailTokenAsync(user, address)));
        var link = $"{PublicBaseUrl}{ConfirmChangePath}?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(address)}&code={token}";
        await TrySendAsync(address, "Confirm your new Quantify email address",
            $"Hello {user.DisplayName},\n\nOpen this link to make {address} your Quantify sign-in address (instead of {user.Email}):\n\n{link}\n\nIf you did not ask for this, ignore this email.\n", ct);
        if (user.Email is { } old)
            await TrySendAsync(old, "Your Quantify email address is being changed",
                $"Hello {user.DisplayName},\n\nSomeone signed in as you asked to change your Quantify sign-in address to {address}. It changes only when the link sent there is opened. If this was not you, change your password now.\n", ct);
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        AccountAudit.Add(db, user.Id, clock.GetUtcNow(), AccountAudit.LoginEntity, user.Id, "EmailChangeRequested", new { user.Email, NewEmail = address });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Opens the link sent to the new address: the email and sign-in name change, the address counts as confirmed, other sessions end.</summary>
    public async Task<Result> ConfirmEmailChangeAsync(string? userId, string? newEmail, string? code, CancellationToken ct = default)
    {
        var unusable = new Error("invalid_link", "This link is not valid any more (used, expired, or your account changed since). Sign in and ask for the change again on your account page.");
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(newEmail) || string.IsNullOrWhiteSpace(code)) return Result.Fail(unusable);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(unusable);
        string token;
        try { token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code)); }
        catch (FormatException) { return Result.Fail(unusable); }
        var old = user.Email;
        if (await users.FindByEmailAsync(newEmail) is { } other && other.Id != user.Id)
            return Result.Fail(new Error("email_taken", "Another Quantify login now uses that address: ask for the change again with another one."));
        var changed = await users.ChangeEmailAsync(user, newEmail, token); // checks the token, sets EmailConfirmed, changes the stamp
        if (!changed.Succeeded) return Result.Fail(unusable);
        if (string.Equals(user.UserName, old, StringComparison.OrdinalIgnoreCase)) await users.SetUserNameAsync(user, newEmail);
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        // Notices go to the person's address: it follows the login's (audited as a person change by the interceptor).
        if (user.PersonId is { } personId && await db.Persons.FindAsync([personId], ct) is { AnonymisedAt: null } person
            && string.Equals(person.Email, old, StringComparison.OrdinalIgnoreCase))
            person.Update(person.FirstName, person.LastName, person.IdDocumentType, person.IdNumber, user.Email, person.Phone, person.DateOfBirth, person.AlternativePhone);
        AccountAudit.Add(db, user.Id, clock.GetUtcNow(), AccountAudit.LoginEntity, user.Id, "EmailChanged", new { OldEmail = old, user.Email });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Ends every session of the login: the security stamp changes, so every cookie fails its next check.</summary>
    public async Task SignOutEverywhereAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return;
        await users.UpdateSecurityStampAsync(user);
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        AccountAudit.Add(db, userId, clock.GetUtcNow(), AccountAudit.LoginEntity, userId, "SignOutEverywhere", new { user.Email });
        await db.SaveChangesAsync(ct);
    }

    private async Task TrySendAsync(string to, string subject, string body, CancellationToken ct)
    {
        try { await email.SendAsync(to, subject, body, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning("Account email to {Email} not sent: {Error}", to, ex.Message); }
    }
}
