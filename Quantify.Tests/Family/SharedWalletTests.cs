using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;
using Quantify.Domain.Support;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Features.Payments;
using Quantify.Web.Security;

namespace Quantify.Tests.Family;

public sealed class SharedWalletFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true, kestrel: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Shared wallets, caps, revocation and wallet groups through the real services, the local PayFast stand-in and the ledger.</summary>
public class SharedWalletTests(SharedWalletFixture fixture) : IClassFixture<SharedWalletFixture>
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private async Task<QuantifyDbContext> DbAsync() => await Service<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();

    private async Task<string> UserIdAsync(string local)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.Email == PortalClient.Email(local)).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> TenantUnitAsync(string userId) =>
        (await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(userId)).TenantUnits.Single();

    private async Task<decimal> TotalAsync(int unitId) => (await Service<LedgerService>().BalancesAsync(unitId)).Sum(b => b.Balance);

    /// <summary>Invites an email and accepts the emailed invitation, returning the new login's user id.</summary>
    private async Task<(int GrantId, string MemberUserId)> InviteAndAcceptAsync(string tenantUserId, int unitId, string email, WalletAccessLevel level, decimal? perTopUp, decimal? perMonth)
    {
        var invited = await Service<WalletAccessService>().InviteAsync(tenantUserId, unitId, new InviteRequest(email, "Gogo", "Mokoena", level, perTopUp, perMonth), fixture.App.BaseUrl!);
        Assert.True(invited.IsSuccess, invited.IsFailure ? invited.Describe() : null);
        var pickup = Service<IConfiguration>()["Notifications:PickupDirectory"]!;
        var mail = Directory.GetFiles(pickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("token=", StringComparison.Ordinal));
        var token = WebUtility.UrlDecode(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"token=([A-Za-z0-9_\-%]+)").Groups[1].Value);
        var accepted = await Service<InvitationService>().AcceptAsync(token, "Gogo!2026-long");
        Assert.True(accepted.IsSuccess, accepted.IsFailure ? accepted.Describe() : null);
        return (invited.Value, accepted.Value);
    }

    private async Task PayAsync(PayFastCheckout checkout)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.App.BaseUrl!) };
        var pay = await browser.PostAsync("/payfast-standin/eng/pay", new FormUrlEncodedContent(checkout.Fields.Append(new("outcome", "COMPLETE"))));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
    }

    private async Task<Result<PayFastCheckout>> TopUpAsUserAsync(string userId, int unitId, decimal amount)
    {
        using var actor = UserContext.Begin(userId, null);
        return await Service<PayFastService>().CreateCheckoutAsync(unitId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }, fixture.App.BaseUrl!, null);
    }

    [Fact]
    public async Task Member_TopsUpWithinTheCap_AboveItIsRefusedBeforePayment_AndHistoryShowsPaidBy()
    {
        var tenant = await UserIdAsync("tenant");
        var unit = await TenantUnitAsync(tenant);
        var (_, member) = await InviteAndAcceptAsync(tenant, unit, "gogo.cap@example.com", WalletAccessLevel.TopUp, 150m, 400m);
        Assert.Contains(unit, (await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(member)).FamilyUnits);

        var above = await TopUpAsUserAsync(member, unit, 200m);
        Assert.True(above.IsFailure);
        Assert.Contains("R 150,00", above.Describe(), StringComparison.Ordinal);
        await using (var db = await DbAsync())
            Assert.False(await db.Payments.AnyAsync(p => p.CreatedById == member)); // refused before any payment was started

        var before = await TotalAsync(unit);
        var within = await TopUpAsUserAsync(member, unit, 120m);
        Assert.True(within.IsSuccess, within.IsFailure ? within.Describe() : null);
        await PayAsync(within.Value);
        Assert.Equal(before + 120m, await TotalAsync(unit));

        var (history, _) = await Service<WalletQueries>().HistoryAsync(unit, null, null, null, 0, 20);
        Assert.Contains(history, e => e.Description.Contains(within.Value.Reference, StringComparison.Ordinal) && e.PaidBy == "Gogo Mokoena");

        var monthly = await TopUpAsUserAsync(member, unit, 150m); // 120 paid + 150 started = 270, within 400; R 130 left
        Assert.True(monthly.IsSuccess);
        var overMonth = await TopUpAsUserAsync(member, unit, 140m);
        Assert.Contains("R 400,00", overMonth.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_WhileAPaymentIsPending_LetsItLand_ButBlocksNewOnes_AndDropsTheUnitFromTheScope()
    {
        var tenant = await UserIdAsync("tenant");
        var unit = await TenantUnitAsync(tenant);
        var (grantId, member) = await InviteAndAcceptAsync(tenant, unit, "gogo.revoke@example.com", WalletAccessLevel.TopUp, 300m, null);
        var pending = await TopUpAsUserAsync(member, unit, 50m);
        Assert.True(pending.IsSuccess);

        var told = new TaskCompletionSource();
        using var sub = Service<AccessSignal>().Subscribe(member, () => { told.TrySetResult(); return Task.CompletedTask; });
        Assert.True((await Service<WalletAccessService>().RevokeAsync(tenant, grantId)).IsSuccess);
        await told.Task.WaitAsync(TimeSpan.FromSeconds(10)); // open screens of the member are told at once

        Assert.DoesNotContain(unit, (await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(member)).FamilyUnits);
        var blocked = await TopUpAsUserAsync(member, unit, 20m);
        Assert.Equal("no_access", blocked.Errors.Single().Code);

        var before = await TotalAsync(unit);
        await PayAsync(pending.Value); // started before the revocation: money is never lost
        Assert.Equal(before + 50m, await TotalAsync(unit));
        await using var db = await DbAsync();
        var grant = await db.WalletAccessGrants.SingleAsync(g => g.Id == grantId);
        Assert.Equal(tenant, grant.RevokedById);
    }

    [Fact]
    public async Task OnlyManageHolders_Invite_AndAViewGrantWithACap_IsRefusedWithTheField()
    {
        var tenant = await UserIdAsync("tenant");
        var unit = await TenantUnitAsync(tenant);
        var family = await UserIdAsync("family");
        var notManager = await Service<WalletAccessService>().InviteAsync(family, unit, new InviteRequest("x@example.com", "X", "Y", WalletAccessLevel.View), fixture.App.BaseUrl!);
        Assert.Equal("not_manager", notManager.Errors.Single().Code);
        var capOnView = await Service<WalletAccessService>().InviteAsync(tenant, unit, new InviteRequest("viewer@example.com", "V", "W", WalletAccessLevel.View, null, 100m), fixture.App.BaseUrl!);
        Assert.Equal(nameof(WalletAccessGrant.CapPerMonth), capOnView.Errors.Single().Field);
        var below = await Service<WalletAccessService>().InviteAsync(tenant, unit, new InviteRequest("minus@example.com", "M", "N", WalletAccessLevel.TopUp, -5m, null), fixture.App.BaseUrl!);
        Assert.Equal(nameof(WalletAccessGrant.CapPerTopUp), below.Errors.Single().Field);
    }

    [Fact]
    public async Task InvitingAnEmailWithALogin_ExtendsThatLogin_NoDuplicate()
    {
        var tenant = await UserIdAsync("tenant");
        var unit = await TenantUnitAsync(tenant);
        var r = await Service<WalletAccessService>().InviteAsync(tenant, unit, new InviteRequest(PortalClient.Email("owner"), "Any", "Name", WalletAccessLevel.View), fixture.App.BaseUrl!);
        Assert.True(r.IsSuccess, r.IsFailure ? r.Describe() : null);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == PortalClient.Email("owner")));
        var owner = await db.Users.SingleAsync(u => u.Email == PortalClient.Email("owner"));
        Assert.False(await db.Invitations.AnyAsync(i => i.Email == PortalClient.Email("owner") && i.Status == InvitationStatus.Pending));
        Assert.Contains(unit, (await fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(owner.Id)).FamilyUnits);
    }

    [Fact]
    public async Task ParentsGroupTopUp_IsSplitAcrossThreeUnitsToTheCent_EachPartPostedToItsWallet()
    {
        var parent = await UserIdAsync("parent");
        int[] units;
        await using (var db = await DbAsync())
        {
            var person = await db.Users.Where(u => u.Id == parent).Select(u => u.PersonId!.Value).SingleAsync();
            var granted = await db.WalletAccessGrants.Where(g => g.PersonId == person && g.RevokedAt == null).Select(g => g.UnitId).ToListAsync();
            var third = await db.Units.Where(u => u.UnitNumber == "A104" && u.Estate.Name == "Silverleaf Estate").Select(u => u.Id).SingleAsync();
            db.WalletAccessGrants.Add(WalletAccessGrant.Create(third, person, WalletAccessLevel.TopUp, null, null, DateTimeOffset.UtcNow, null).Value);
            await db.SaveChangesAsync();
            units = [.. granted.Order(), third];
        }
        var groups = Service<WalletGroupService>();
        var groupId = (await groups.CreateAsync(parent, "Three flats", SplitRule.Evenly)).Value;
        foreach (var u in units) Assert.True((await groups.AddMemberAsync(parent, groupId, u)).IsSuccess);
        var notMine = await groups.AddMemberAsync(parent, groupId, await TenantUnitAsync(await UserIdAsync("tenant")));
        Assert.Equal("cannot_top_up", notMine.Errors.Single().Code);

        var before = new Dictionary<int, decimal>();
        foreach (var u in units) before[u] = await TotalAsync(u);
        Result<(PayFastCheckout Checkout, IReadOnlyList<(int UnitId, decimal Amount)> Parts)> started;
        using (UserContext.Begin(parent, null)) started = await groups.StartTopUpAsync(parent, groupId, 100m, fixture.App.BaseUrl!);
        Assert.True(started.IsSuccess, started.IsFailure ? started.Describe() : null);
        Assert.Equal([(units[0], 33.34m), (units[1], 33.33m), (units[2], 33.33m)], started.Value.Parts);
        await PayAsync(started.Value.Checkout);

        Assert.Equal(before[units[0]] + 33.34m, await TotalAsync(units[0]));
        Assert.Equal(before[units[1]] + 33.33m, await TotalAsync(units[1]));
        Assert.Equal(before[units[2]] + 33.33m, await TotalAsync(units[2]));
        await using var check = await DbAsync();
        var payment = await check.Payments.SingleAsync(p => p.Reference == started.Value.Checkout.Reference);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        var lines = await check.LedgerLines.Where(l => l.TransactionId == payment.LedgerTransactionId).ToListAsync();
        Assert.Equal(0m, lines.Sum(l => l.Amount));
        Assert.Equal(100m, lines.Where(l => l.Amount > 0).Sum(l => l.Amount));
    }

    [Fact]
    public async Task LowBalanceNotices_OfAGroupMember_ReachTheGroupsPayer()
    {
        var parent = await UserIdAsync("parent");
        var group = Assert.Single(await Service<WalletGroupService>().GroupsAsync(parent), g => g.Name == "Student flats");
        await using var db = await DbAsync();
        var recipients = await Quantify.Web.Features.CreditControl.UnitRecipients.ForAsync(db, [group.Members[0].UnitId], DateOnly.FromDateTime(DateTime.UtcNow), default);
        Assert.Contains(parent, recipients[group.Members[0].UnitId]);
    }
}
