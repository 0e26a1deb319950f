using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Security;

namespace Quantify.Tests.Onboarding;

/// <summary>One demo app for the onboarding tests; each test works on its own unit.</summary>
public sealed class OnboardingFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public RecordingListener Listener { get; } = new();

    public async Task InitializeAsync() => App = await TestApp.StartAsync(services: s => s.AddSingleton<ITenantLifecycleListener>(Listener));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class RecordingListener : ITenantLifecycleListener
{
    public List<(string Kind, TenantLifecycleEvent Event)> Events { get; } = [];

    public Task OnboardedAsync(TenantLifecycleEvent e, CancellationToken ct)
    {
        lock (Events) Events.Add(("onboarded", e));
        return Task.CompletedTask;
    }

    public Task OffboardedAsync(TenantLifecycleEvent e, CancellationToken ct)
    {
        lock (Events) Events.Add(("offboarded", e));
        return Task.CompletedTask;
    }
}

public partial class OnboardingTests(OnboardingFixture fixture) : IClassFixture<OnboardingFixture>
{
    private static readonly JsonSerializerOptions Json = OnboardingService.Json;
    private IServiceProvider Services => fixture.App.Services;
    private DateOnly Today => Quantify.Web.Features.EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);

    private async Task<int> UnitAsync(string estatePrefix, string number)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Units.Where(u => u.UnitNumber == number && u.PaymentReference.StartsWith(estatePrefix)).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A reading for every meter of the unit, <paramref name="add"/> above its last one.</summary>
    private async Task<List<MeterReadingInput>> ReadingsAsync(int unitId, decimal add = 10m) =>
        (await Services.GetRequiredService<OnboardingService>().MetersAsync(unitId))
        .Select(m => new MeterReadingInput { MeterId = m.MeterId, Register = (m.LastRegister ?? 1000m) + add }).ToList();

    private async Task<decimal> WalletBalanceAsync(int unitId) => (await Services.GetRequiredService<LedgerService>().BalancesAsync(unitId)).Sum(p => p.Balance);

    private static OnboardTenantRequest NewTenant(string idNumber, string email, DateOnly moveIn, List<MeterReadingInput> readings) => new()
    {
        Person = new OnboardPersonInput { FirstName = "Naledi", LastName = "Mokoena", IdType = IdentityDocumentType.SaId, IdNumber = idNumber, Email = email, Phone = "0825550199" },
        MoveInDate = moveIn,
        OpeningReadings = readings,
    };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), Json)!;

    [Fact]
    public async Task Onboarding_ANewPerson_CreatesTenancyOpeningReadingsAndInvitation_AndTheInvitedTenantSeesOnlyThatUnit()
    {
        var unitId = await UnitAsync("SLF", "A107"); // vacant in the demo
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var email = "naledi.mokoena@example.co.za";
        var readings = await ReadingsAsync(unitId);
        var response = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/onboard-tenant", NewTenant(DemoSeeder.SaId(new Random(71)), email, Today, readings), Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await ReadAsync<OnboardTenantResult>(response);
        Assert.True(result.PersonCreated);
        Assert.True(result.InvitationSent);
        Assert.Equal(readings.Count, result.OpeningReadings.Count);

        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var tenancy = await db.Tenancies.SingleAsync(t => t.Id == result.TenancyId);
            Assert.Equal((unitId, result.PersonId, Today), (tenancy.UnitId, tenancy.PersonId, tenancy.StartDate));
            var ids = result.OpeningReadings.Select(r => r.ReadingId).ToList();
            var stored = await db.MeterReadings.Where(r => ids.Contains(r.Id)).ToListAsync();
            Assert.All(stored, r => Assert.Null(r.Amount)); // opening readings are never billed
            Assert.All(stored, r => Assert.NotEqual(Quantify.Domain.Metering.ReadingStatus.Billed, r.Status));
        }
        Assert.Contains(fixture.Listener.Events, e => e.Kind == "onboarded" && e.Event.TenancyId == result.TenancyId && e.Event.UnitId == unitId);

        // The invitation email is in the pickup folder with a link that sets a password.
        var pickup = Services.GetRequiredService<NotificationOptions>().PickupDirectory!;
        var mail = Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(b => b.Address == email));
        var token = Uri.UnescapeDataString(TokenLink().Match(mail.TextBody ?? "").Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), mail.TextBody);

        using var browser = fixture.App.CreateClient();
        var page = await browser.GetStringAsync("/account/accept-invitation?token=" + Uri.EscapeDataString(token));
        Assert.Contains("Naledi Mokoena", page, StringComparison.Ordinal);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "accept-invitation",
            ["__RequestVerificationToken"] = AntiForgery().Match(page).Groups[1].Value,
            ["Input.Token"] = token,
            ["Input.Password"] = "NewTenant2026x",
            ["Input.Confirm"] = "NewTenant2026x",
        });
        var accepted = await browser.PostAsync("/account/accept-invitation", form);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/tenant", accepted.Headers.Location?.OriginalString);

        // A fresh browser signs in with the new password and reaches exactly that unit.
        using var tenant = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.LoginAsync(tenant, email, "NewTenant2026x")).StatusCode);
        var home = PortalClient.Decode(await tenant.GetStringAsync("/tenant"));
        Assert.Contains("A107", home, StringComparison.Ordinal);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            await using var services = Services.CreateAsyncScope();
            var scope = await services.ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(userId);
            Assert.Equal([unitId], scope.TenantUnits.ToArray());
            Assert.Empty(scope.OwnerUnits);
            Assert.Empty(scope.EstatesByRole);
        }

        // The link works once.
        var again = PortalClient.Decode(await browser.GetStringAsync("/account/accept-invitation?token=" + Uri.EscapeDataString(token)));
        Assert.Contains("already used", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onboarding_AnExistingPerson_IsFoundByIdNumber_NotDuplicated()
    {
        var idNumber = DemoSeeder.SaId(new Random(72));
        var existing = await Services.GetRequiredService<PersonService>().CreateAsync(
            new PersonInput("Thabo", "Nkosi", IdentityDocumentType.SaId, idNumber, "thabo.nkosi@example.co.za", "0825550100"));
        Assert.True(existing.IsSuccess, existing.Describe());
        var unitId = await UnitAsync("SLF", "B107"); // vacant in the demo
        var request = NewTenant(idNumber, "", Today, await ReadingsAsync(unitId));
        request.Person.FirstName = "Somebody";
        request.Person.LastName = "Else";
        var result = await Services.GetRequiredService<OnboardingService>().OnboardTenantAsync(unitId, request);
        Assert.True(result.IsSuccess, result.Describe());
        Assert.False(result.Value.PersonCreated);
        Assert.Equal(existing.Value, result.Value.PersonId);
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Persons.CountAsync(p => p.IdNumber == idNumber));
        Assert.Equal("thabo.nkosi@example.co.za", await db.Invitations.Where(i => i.PersonId == existing.Value).Select(i => i.Email).SingleAsync());
    }

    [Fact]
    public async Task Onboarding_IntoAnOccupiedUnit_IsRefused_NamingTheCurrentTenant()
    {
        var unitId = await UnitAsync("SLF", "A103");
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var response = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/onboard-tenant", NewTenant(DemoSeeder.SaId(new Random(73)), "x@example.co.za", Today, await ReadingsAsync(unitId)), Json);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("MoveInDate")[0].GetString()!;
        Assert.Matches("Unit A103 already has .+ as tenant from \\d{4}-\\d{2}-\\d{2} with no move-out date: offboard them", message);
    }

    [Fact]
    public async Task BadInput_GetsAProblemBody_NamingEachFieldAndWhy()
    {
        var unitId = await UnitAsync("SLF", "A107");
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var response = await agent.PostAsync($"/api/v1/units/{unitId}/onboard-tenant", JsonContent.Create(new
        {
            person = new { firstName = "A", lastName = "B", idType = "SaId", idNumber = "8001015009088" },
            openingReadings = new[] { new { meterId = 1, register = -5 } },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("required", errors.GetProperty("MoveInDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("check digit", errors.GetProperty("Person.IdNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("negative", errors.GetProperty("OpeningReadings[0].Register")[0].GetString(), StringComparison.Ordinal);

        var malformed = await agent.PostAsync($"/api/v1/units/{unitId}/onboard-tenant", new StringContent("{\"moveInDate\": \"soon\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("moveInDate", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgent_OnboardingIntoAnotherEstatesUnit_Gets403_AndNothingIsWritten()
    {
        var unitId = await UnitAsync("HVR", "108"); // Harbour View: the agent manages only Silverleaf
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var request = NewTenant(DemoSeeder.SaId(new Random(74)), "intruder@example.co.za", Today, []);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/onboard-tenant", request, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/offboard-tenant", new OffboardTenantRequest { MoveOutDate = Today }, Json)).StatusCode);
        using var trustee = await PortalClient.SignedInAsync(fixture.App, "trustee"); // a role that may not onboard at all
        var refused = await trustee.PostAsJsonAsync($"/api/v1/units/{unitId}/onboard-tenant", request, Json);
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Persons.AnyAsync(p => p.Email == "intruder@example.co.za"));
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/units/{unitId}/onboard-tenant", request, Json)).StatusCode);
    }

    [Fact]
    public async Task TheWizardsAndPayoutsPage_OpenForTheAgentsOwnUnits_AndNotForOthers()
    {
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var own = await UnitAsync("SLF", "B106");
        Assert.Contains("Onboard a tenant into B106", PortalClient.Decode(await agent.GetStringAsync($"/agent/units/{own}/onboard")), StringComparison.Ordinal);
        Assert.Contains("Offboard the tenant of B106", PortalClient.Decode(await agent.GetStringAsync($"/agent/units/{own}/offboard")), StringComparison.Ordinal);
        Assert.Contains("Refunds owed to moved-out tenants", await agent.GetStringAsync("/agent/payouts"), StringComparison.Ordinal);
        var unitPage = PortalClient.Decode(await agent.GetStringAsync($"/agent/units/{own}"));
        Assert.Contains($"/agent/units/{own}/onboard", unitPage, StringComparison.Ordinal);

        var foreign = await UnitAsync("HVR", "107");
        var denied = await agent.GetStringAsync($"/agent/units/{foreign}/onboard");
        Assert.Contains("data-testid=\"access-denied\"", denied, StringComparison.Ordinal);
        Assert.DoesNotContain("Onboard a tenant into", denied, StringComparison.Ordinal);

        using var owner = await PortalClient.SignedInAsync(fixture.App, "owner");
        Assert.NotEqual(HttpStatusCode.OK, (await owner.GetAsync("/agent/payouts")).StatusCode);
    }

    [Fact]
    public async Task Offboarding_WithACredit_BillsTheClosingReadings_RefundsTheRest_AndTheLedgerVerifies()
    {
        var unitId = await UnitAsync("SLF", "A102");
        await MetersReportAsync(unitId, 1000m, TimeSpan.FromHours(2)); // the meters' last telemetry, two hours ago
        var before = await WalletBalanceAsync(unitId);
        Assert.True(before > 0);
        var refundsBefore = await RefundsPayableAsync();
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var response = await agent.PostAsJsonAsync($"/api/v1/units/{unitId}/offboard-tenant",
            new OffboardTenantRequest { MoveOutDate = Today, ClosingReadings = await ReadingsAsync(unitId, 2m), RefundBankReference = "Lease file 2026/A102" }, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ReadAsync<OffboardTenantResult>(response);
        Assert.True(result.FinalCharges > 0, "the closing readings' consumption is billed");
        Assert.Contains(result.ClosingReadings, r => r.Status == "Billed" && r.Consumption == 2m && r.Charged > 0);
        Assert.Equal(before - result.FinalCharges, result.RefundAmount);
        Assert.NotNull(result.PayoutId);
        Assert.Null(result.ArrearsId);
        Assert.Equal(0m, await WalletBalanceAsync(unitId));
        Assert.Equal(refundsBefore + result.RefundAmount, await RefundsPayableAsync());

        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var payout = await db.Payouts.SingleAsync(p => p.Id == result.PayoutId);
            Assert.Equal((PayoutStatus.Pending, result.RefundAmount!.Value, result.PersonId, "Lease file 2026/A102"), (payout.Status, payout.Amount, payout.PersonId, payout.BankDetailsReference));
            Assert.Equal(Today, (await db.Tenancies.SingleAsync(t => t.Id == result.TenancyId)).EndDate);
        }
        var walletId = await Services.GetRequiredService<LedgerService>().EnsureWalletAsync(unitId);
        var verified = await Services.GetRequiredService<LedgerVerifier>().VerifyAsync(walletId, null);
        Assert.True(verified.IsValid, verified.Summary);

        // The agent pays it: refunds payable → bank; it leaves the pending list.
        var agentScope = await AgentScopeAsync();
        var payouts = Services.GetRequiredService<PayoutService>();
        Assert.Contains(await payouts.PayoutsAsync(agentScope), p => p.Id == result.PayoutId);
        Assert.True((await payouts.MarkPaidAsync(agentScope, result.PayoutId!.Value, "FNB 000123")).IsSuccess);
        Assert.DoesNotContain(await payouts.PayoutsAsync(agentScope), p => p.Id == result.PayoutId);
        Assert.Equal(refundsBefore, await RefundsPayableAsync());
        Assert.True((await payouts.MarkPaidAsync(agentScope, result.PayoutId.Value, "FNB 000123")).IsFailure, "a refund is paid once");
        Assert.Contains(fixture.Listener.Events, e => e.Kind == "offboarded" && e.Event.TenancyId == result.TenancyId);
    }

    [Fact]
    public async Task Offboarding_WithADebt_HandsItToArrears_OnThePerson_AndTheNextTenantStartsAtZero()
    {
        var unitId = await UnitAsync("SLF", "A104");
        var ledger = Services.GetRequiredService<LedgerService>();
        var walletId = await ledger.EnsureWalletAsync(unitId);
        int estateId;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            estateId = await db.Units.Where(u => u.Id == unitId).Select(u => u.EstateId).SingleAsync();
        var owed = await WalletBalanceAsync(unitId) + 150m;
        var charged = await ledger.PostAsync(new PostingRequest($"test-debt-{unitId}", TransactionType.Consumption, Today, "Test: heavy usage",
            [new(AccountCode.Wallet(walletId, Pocket.Electricity), -owed), new(AccountCode.Revenue(estateId, Pocket.Electricity), owed)]));
        Assert.True(charged.IsSuccess, charged.Describe());
        Assert.Equal(-150m, await WalletBalanceAsync(unitId));

        var result = await Services.GetRequiredService<OnboardingService>().OffboardTenantAsync(unitId, new OffboardTenantRequest { MoveOutDate = Today, ClosingReadings = await ReadingsAsync(unitId, 0m) });
        Assert.True(result.IsSuccess, result.Describe());
        Assert.Equal(0m, result.Value.FinalCharges); // no consumption since the last reading
        Assert.Equal(150m, result.Value.DebtAmount);
        Assert.Null(result.Value.PayoutId);
        Assert.Equal(0m, await WalletBalanceAsync(unitId));
        var arrears = await Services.GetRequiredService<PayoutService>().ArrearsAsync(await AgentScopeAsync());
        var row = Assert.Single(arrears, a => a.Id == result.Value.ArrearsId);
        Assert.Equal((result.Value.PersonId, 150m, "A104"), (row.PersonId, row.Amount, row.UnitNumber));
        Assert.True((await Services.GetRequiredService<LedgerVerifier>().VerifyAsync(walletId, null)).IsValid);
    }

    [Fact]
    public async Task Offboarding_DeactivatesTheLogin_SoTheTenantCanNoLongerSignIn()
    {
        var unitId = await UnitAsync("SLF", "A101"); // the demo tenant's unit
        using var before = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.LoginAsync(before, PortalClient.Email("tenant"))).StatusCode);

        var result = await Services.GetRequiredService<OnboardingService>().OffboardTenantAsync(unitId, new OffboardTenantRequest { MoveOutDate = Today, ClosingReadings = await ReadingsAsync(unitId, 1m) });
        Assert.True(result.IsSuccess, result.Describe());
        Assert.True(result.Value.LoginDeactivated);

        using var after = fixture.App.CreateClient();
        var refused = await PortalClient.LoginAsync(after, PortalClient.Email("tenant"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("deactivated", PortalClient.Decode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRequestTwice_DoesNothingTheSecondTime()
    {
        var onboarding = Services.GetRequiredService<OnboardingService>();
        var unitId = await UnitAsync("SLF", "A105");
        var off = new OffboardTenantRequest { IdempotencyKey = "test-offboard-a105", MoveOutDate = Today, ClosingReadings = await ReadingsAsync(unitId, 2m) };
        var first = await onboarding.OffboardTenantAsync(unitId, off);
        Assert.True(first.IsSuccess, first.Describe());
        var second = await onboarding.OffboardTenantAsync(unitId, off);
        Assert.True(second.IsSuccess, second.Describe());
        Assert.True(second.Value.Replayed);
        Assert.Equal(first.Value.PayoutId, second.Value.PayoutId);

        var on = NewTenant(DemoSeeder.SaId(new Random(75)), "twice@example.co.za", Today.AddDays(1), await ReadingsAsync(unitId, 3m));
        var moveIn1 = await onboarding.OnboardTenantAsync(unitId, on);
        Assert.True(moveIn1.IsSuccess, moveIn1.Describe());
        on.OpeningReadings = await ReadingsAsync(unitId, 4m); // a retry from a client that re-read the meters: still the same move-in
        var moveIn2 = await onboarding.OnboardTenantAsync(unitId, on);
        Assert.True(moveIn2.IsSuccess, moveIn2.Describe());
        Assert.True(moveIn2.Value.Replayed);
        Assert.Equal(moveIn1.Value.TenancyId, moveIn2.Value.TenancyId);

        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Payouts.CountAsync(p => p.UnitId == unitId));
        Assert.Equal(1, await db.Tenancies.CountAsync(t => t.UnitId == unitId && t.PersonId == moveIn1.Value.PersonId));
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.PersonId == moveIn1.Value.PersonId));
        Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.IdempotencyKey == "settle:test-offboard-a105"));
    }

    /// <summary>Every meter of the unit reports <paramref name="register"/> through the ordinary pipeline, <paramref name="ago"/> before now.</summary>
    private async Task MetersReportAsync(int unitId, decimal register, TimeSpan ago)
    {
        var at = Services.GetRequiredService<TimeProvider>().GetUtcNow() - ago;
        var meters = await Services.GetRequiredService<OnboardingService>().MetersAsync(unitId);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { readings = meters.Select(m => new { serial = m.Serial, register, timestamp = at.ToString("o") }) });
        var outcome = await Services.GetRequiredService<Quantify.Ingestion.Pipeline.IMessageProcessor>()
            .ProcessOneAsync(new Quantify.Ingestion.Pipeline.IncomingMessage(Quantify.Ingestion.Pipeline.MessageSource.Http, "quantify/gateways/test/readings", body, at), default);
        Assert.True(outcome.Accepted, outcome.Description);
    }

    private async Task<decimal> RefundsPayableAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return (await db.LedgerAccounts.Where(a => a.Code == AccountCode.RefundsPayable.ToString()).Select(a => a.Balance).ToListAsync()).Sum();
    }

    private async Task<string> AgentUserIdAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == PortalClient.Email("agent")).Select(u => u.Id).SingleAsync();
    }

    private async Task<UserScope> AgentScopeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(await AgentUserIdAsync());
    }

    [GeneratedRegex(@"accept-invitation\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
