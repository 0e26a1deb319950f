using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.Payments;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Tests.Reconciliation;

/// <summary>Each daily check, on a clean world and with exactly its fault seeded (through raw SQL where the application would refuse).</summary>
public class DailyReconciliationTests : IAsyncLifetime
{
    private sealed class Outbox : IEmailSender
    {
        public List<(string To, string Subject, string Body)> Sent { get; } = [];
        public Task SendAsync(string to, string subject, string body, CancellationToken ct) { Sent.Add((to, subject, body)); return Task.CompletedTask; }
    }

    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private ReconciliationService service = null!;
    private readonly Outbox mail = new();
    private int estateId, unitId, walletId, meterId;
    private string adminId = "";

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, "E-1");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        Assert.True((await ledger.PostAsync(Postings.TopUp("seed", w.Today, "EFT", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 100m }, AccountCode.Bank))).IsSuccess);
        service = new ReconciliationService(w.Db.Factory, new LedgerVerifier(w.Db.Factory), w.Db.Clock, new ReconciliationOptions(), mail, NullLogger<ReconciliationService>.Instance);
        await using var db = w.Db.Create();
        var admin = new Quantify.Web.Identity.ApplicationUser { UserName = "admin@example.co.za", NormalizedUserName = "ADMIN@EXAMPLE.CO.ZA", Email = "admin@example.co.za", DisplayName = "Admin" };
        db.Users.Add(admin);
        await db.SaveChangesAsync();
        var role = await db.Roles.SingleAsync(r => r.Name == Quantify.Web.Identity.Roles.Admin);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = admin.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        adminId = admin.Id;
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task SqlAsync(string sql, params object[] args)
    {
        await using var db = w.Db.Create();
        await db.Database.ExecuteSqlRawAsync(sql, args);
    }

    private async Task<CheckOutcome> RunAsync(string check)
    {
        var report = await service.RunAsync(w.Today);
        foreach (var other in report.Checks.Where(c => c.Check != check)) Assert.True(other.Passed, $"{other.Check} failed too: {other.Summary}");
        return report.Checks.Single(c => c.Check == check);
    }

    private async Task<long> ReadingAsync(int meter, DateTimeOffset at, decimal register)
    {
        await using var db = w.Db.Create();
        var r = new MeterReading(meter, at, register, $"k-{meter}-{at.Ticks}", "test", at);
        db.MeterReadings.Add(r);
        await db.SaveChangesAsync();
        return r.Id;
    }

    [Fact]
    public async Task ACleanDay_PassesEveryCheck_IsStored_AndEmailsNobody()
    {
        var report = await service.RunAsync(w.Today);
        Assert.True(report.Passed, report.Summary);
        Assert.Equal(ReconciliationService.Checks.Count, report.Checks.Count);
        Assert.Equal(ReconciliationService.Checks.Count, (await service.ForDayAsync(w.Today)).Count(r => r.Passed));
        Assert.Empty(mail.Sent);
    }

    [Fact]
    public async Task AChainHeadRewritten_FailsLedgerChains_AndTheAdminsAreEmailed()
    {
        await SqlAsync("UPDATE WalletChains SET Length = Length + 1");
        var outcome = await RunAsync("ledger-chains");
        Assert.False(outcome.Passed);
        Assert.Contains($"Wallet {walletId}", outcome.Rows[0], StringComparison.Ordinal);
        var sent = Assert.Single(mail.Sent);
        Assert.Equal("admin@example.co.za", sent.To);
        Assert.Contains("ledger-chains", sent.Body, StringComparison.Ordinal);
        var stored = await service.ForDayAsync(w.Today);
        Assert.False(stored.Single(r => r.Check == "ledger-chains").Passed);
    }

    [Fact]
    public async Task ACachedBalanceChanged_FailsAccountBalances()
    {
        await SqlAsync("UPDATE LedgerAccounts SET Balance = '1000.00' WHERE Code = {0}", AccountCode.Wallet(walletId, Pocket.Electricity).ToString());
        var outcome = await RunAsync("account-balances");
        Assert.False(outcome.Passed);
        Assert.Contains($"wallet:{walletId}:electricity", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadingMarkedBilledWithoutAPosting_FailsReadingsBilled()
    {
        var id = await ReadingAsync(meterId, w.Db.Clock.GetUtcNow().AddHours(-1), 10m);
        await SqlAsync("UPDATE MeterReadings SET Status = 'Billed', Amount = '12.5' WHERE Id = {0}", id);
        var outcome = await RunAsync("readings-billed");
        Assert.False(outcome.Passed);
        Assert.Contains($"Reading #{id} is billed R 12,50 but has no posting", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostingForAReadingThatWasNeverBilled_FailsReadingsBilled()
    {
        Assert.True((await ledger.PostAsync(Postings.Consumption(987654, walletId, estateId, Pocket.Electricity, 10m, 1.5m, w.Today, "ghost"))).IsSuccess);
        var outcome = await RunAsync("readings-billed");
        Assert.False(outcome.Passed);
        Assert.Contains("reading #987654, which does not exist", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APayFastPaymentCompletedWithoutATopUp_FailsPayFast()
    {
        await using (var db = w.Db.Create())
        {
            db.Set<PendingPayment>().Add(new PendingPayment
            {
                Reference = "QP-LOST", UnitId = unitId, Amount = 200m, Allocation = "", Status = PaymentStatus.Completed, PfPaymentId = "1089250",
                CreatedAt = w.Db.Clock.GetUtcNow(), CompletedAt = w.Db.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        var outcome = await RunAsync("payfast");
        Assert.False(outcome.Passed);
        Assert.Contains("QP-LOST (pf 1089250) is completed but has no top-up posting", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEftDepositUnmatchedForTenDays_FailsEftUnmatched_AndAFreshOneDoesNot()
    {
        await using (var db = w.Db.Create())
        {
            db.Set<BankDeposit>().Add(new BankDeposit { EstateId = estateId, Reference = "OLD", Amount = 300m, DepositDate = w.Today.AddDays(-10), BankLineId = "L1", Status = DepositStatus.Unmatched, RecordedById = adminId, RecordedAt = w.Db.Clock.GetUtcNow() });
            db.Set<BankDeposit>().Add(new BankDeposit { EstateId = estateId, Reference = "NEW", Amount = 50m, DepositDate = w.Today.AddDays(-1), BankLineId = "L2", Status = DepositStatus.Unmatched, RecordedById = adminId, RecordedAt = w.Db.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var outcome = await RunAsync("eft-unmatched");
        Assert.False(outcome.Passed);
        var row = Assert.Single(outcome.Rows);
        Assert.Contains("OLD R 300,00 (Silverleaf) unmatched for 10 days", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkLossOverTheEstateThreshold_FailsBulkLoss()
    {
        var bulk = await w.MeterAsync(estateId, null, "BULK-1", MeterType.BulkElectricity);
        var noon = new DateTimeOffset(w.Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(2));
        var b = await ReadingAsync(bulk, noon, 1100m);
        var u = await ReadingAsync(meterId, noon, 80m);
        await SqlAsync("UPDATE MeterReadings SET Consumption = '100' WHERE Id = {0}", b);
        await SqlAsync("UPDATE MeterReadings SET Consumption = '80' WHERE Id = {0}", u);
        var outcome = await RunAsync("bulk-loss");
        Assert.False(outcome.Passed);
        Assert.Contains("Silverleaf Electricity: bulk 100, units 80, loss 20.0% over the threshold of 8.0%", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelayCommandStillQueuedAfterItsExpiry_FailsRelayCommands()
    {
        var now = w.Db.Clock.GetUtcNow();
        await using (var db = w.Db.Create())
        {
            db.DeviceCommands.Add(new DeviceCommand(meterId, CommandKind.RelayOff, "test", now.AddDays(-2), now.AddDays(-1)));
            await db.SaveChangesAsync();
        }
        var outcome = await RunAsync("relay-commands");
        Assert.False(outcome.Passed);
        Assert.Contains($"RelayOff for meter #{meterId} is still Queued after it expired", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadLetterWaitingTwoDays_FailsDeadLetters()
    {
        await using (var db = w.Db.Create())
        {
            db.DeadLetters.Add(new DeadLetter { ReceivedAt = w.Db.Clock.GetUtcNow().AddDays(-2), Source = "mqtt", Topic = "t", Payload = [1], Reason = "Unknown meter" });
            await db.SaveChangesAsync();
        }
        var outcome = await RunAsync("dead-letters");
        Assert.False(outcome.Passed);
        Assert.Contains("from mqtt waiting since", outcome.Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEftCreditedToOneEstatesResident_ButBankedInAnotherEstatesTrustAccount_FailsTrustBank_ForBoth()
    {
        var other = await w.EstateAsync("Oakridge");
        // The ledger balances the transaction (it sums to zero), so only the trust check sees the money crossed estates.
        Assert.True((await ledger.PostAsync(Postings.EftDeposit(77, "SLF-A101", "FNB-9", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 250m },
            w.Today, AccountCode.TrustBank(other)))).IsSuccess);
        var outcome = await RunAsync("trust-bank");
        Assert.False(outcome.Passed);
        Assert.Equal(2, outcome.Rows.Count);
        Assert.Contains(outcome.Rows, r => r.StartsWith("Silverleaf: trust bank holds R 0,00", StringComparison.Ordinal) && r.EndsWith("-R 250,00 unaccounted for.", StringComparison.Ordinal));
        Assert.Contains(outcome.Rows, r => r.StartsWith("Oakridge: trust bank holds R 250,00", StringComparison.Ordinal) && r.EndsWith("R 250,00 unaccounted for.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EftIntoTheEstatesOwnTrustAccount_AndLegacyOperatorBankDeposits_PassTrustBank()
    {
        Assert.True((await ledger.PostAsync(Postings.EftDeposit(78, "SLF-A101", "FNB-10", walletId, new Dictionary<Pocket, decimal> { [Pocket.Water] = 40m },
            w.Today, AccountCode.TrustBank(estateId)))).IsSuccess);
        var outcome = await RunAsync("trust-bank");
        Assert.True(outcome.Passed, outcome.Summary);
    }

    [Fact]
    public async Task ARerunOfTheSameDay_ReplacesItsStoredResults()
    {
        await SqlAsync("UPDATE WalletChains SET Length = Length + 1");
        Assert.False((await service.RunAsync(w.Today, notify: false)).Passed);
        await SqlAsync("UPDATE WalletChains SET Length = Length - 1");
        Assert.True((await service.RunAsync(w.Today, notify: false)).Passed);
        var stored = await service.ForDayAsync(w.Today);
        Assert.Equal(ReconciliationService.Checks.Count, stored.Count);
        Assert.All(stored, r => Assert.True(r.Passed));
        var history = await service.HistoryAsync();
        Assert.Empty(Assert.Single(history).Failed);
    }
}
