using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Family;
using Quantify.Domain.Support;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Security;

namespace Quantify.Tests.Family;

public sealed class MoveOutAccessFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true, kestrel: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Moving the tenant out ends the wallet access of the household they let onto the unit's wallet, audited.</summary>
public class MoveOutAccessTests(MoveOutAccessFixture fixture) : IClassFixture<MoveOutAccessFixture>
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private async Task<QuantifyDbContext> DbAsync() => await Service<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();

    private async Task<string> UserIdAsync(string local)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.Email == PortalClient.Email(local)).Select(u => u.Id).SingleAsync();
    }

    private async Task<UserScope> ScopeAsync(string userId) =>
        await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(userId);

    [Fact]
    public async Task MoveOut_RevokesTheHouseholdsGrantsAndPendingInvitations_Audited_AndOpenScreensAreTold()
    {
        var tenant = await UserIdAsync("tenant");
        var agent = await UserIdAsync("agent");
        var unit = (await ScopeAsync(tenant)).TenantUnits.Single();
        var access = Service<WalletAccessService>();

        // One member accepts (a login), one invitation is still pending.
        var topUp = await access.InviteAsync(tenant, unit, new InviteRequest("gogo.moveout@example.com", "Gogo", "Dlamini", WalletAccessLevel.TopUp, 200m, null), fixture.App.BaseUrl!);
        Assert.True(topUp.IsSuccess, topUp.IsFailure ? topUp.Describe() : null);
        var pickup = Service<IConfiguration>()["Notifications:PickupDirectory"]!;
        var mail = Directory.GetFiles(pickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.ToString().Contains("gogo.moveout@example.com", StringComparison.Ordinal));
        var token = WebUtility.UrlDecode(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"token=([A-Za-z0-9_\-%]+)").Groups[1].Value);
        var member = await Service<InvitationService>().AcceptAsync(token, "Gogo!2026-long");
        Assert.True(member.IsSuccess, member.IsFailure ? member.Describe() : null);
        var view = await access.InviteAsync(tenant, unit, new InviteRequest("aunt.moveout@example.com", "Thandi", "Dlamini", WalletAccessLevel.View, null, null), fixture.App.BaseUrl!);
        Assert.True(view.IsSuccess, view.IsFailure ? view.Describe() : null);
        Assert.Contains(unit, (await ScopeAsync(member.Value)).FamilyUnits);

        var told = new TaskCompletionSource();
        using var sub = Service<AccessSignal>().Subscribe(member.Value, () => { told.TrySetResult(); return Task.CompletedTask; });
        var today = Quantify.Web.Features.EstateToday.In(Service<TimeProvider>(), null);
        var closing = (await Service<OnboardingService>().MetersAsync(unit))
            .Select(m => new MeterReadingInput { MeterId = m.MeterId, Register = (m.LastRegister ?? 1000m) + 1m }).ToList();
        using (UserContext.Begin(agent, null))
        {
            var result = await Service<OnboardingService>().OffboardTenantAsync(unit, new OffboardTenantRequest { MoveOutDate = today, ClosingReadings = closing });
            Assert.True(result.IsSuccess, result.IsFailure ? result.Describe() : null);
        }
        await told.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await using var db = await DbAsync();
        var grants = await db.WalletAccessGrants.AsNoTracking().Where(g => g.Id == topUp.Value || g.Id == view.Value).ToListAsync();
        Assert.Equal(2, grants.Count);
        Assert.All(grants, g => Assert.Equal((false, agent), (g.IsActive, g.RevokedById)));
        foreach (var g in grants)
        {
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(WalletAccessGrant) && a.EntityId == g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")
                .ToListAsync();
            Assert.Contains(audit, a => a.UserId == agent && a.ChangesJson.Contains("RevokedAt", StringComparison.Ordinal));
        }
        Assert.Equal(InvitationStatus.Revoked, (await db.Invitations.AsNoTracking().SingleAsync(i => i.Email == "aunt.moveout@example.com")).Status);
        Assert.DoesNotContain(unit, (await ScopeAsync(member.Value)).FamilyUnits);
    }
}
