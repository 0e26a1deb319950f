using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Arrears;
using Quantify.Domain.Ledger;
using Quantify.Domain.Support;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Arrears;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Tests.Arrears;

/// <summary>
/// Ageing and escalation on a real SQLite database, from a crafted ledger history, with a clock the test moves.
/// Today is 2026-11-02 (08:00 UTC, 10:00 in Johannesburg).
/// </summary>
public class ArrearsEscalationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private ArrearsService arrears = null!;
    private ArrearsEscalationService escalation = null!;
    private int estateId, unitId, walletId, otherUnitId;
    private string tenantUserId = "", agentUserId = "";

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(Start);
        estateId = await w.EstateAsync("Arrears Estate");
        unitId = await w.UnitAsync(estateId, "B201");
        otherUnitId = await w.UnitAsync(estateId, "B202");
        var person = await w.PersonAsync("Sipho");
        await w.TenancyAsync(unitId, person);
        await using (var db = w.Db.Create())
        {
            var tenant = new ApplicationUser { UserName = "arrears-tenant@test", Email = "arrears-tenant@test", PersonId = person, DisplayName = "Sipho" };
            var agent = new ApplicationUser { UserName = "arrears-agent@test", Email = "arrears-agent@test", DisplayName = "Agent" };
            db.Users.AddRange(tenant, agent);
            await db.SaveChangesAsync();
            db.EstateAssignments.Add(new EstateAssignment { UserId = agent.Id, EstateId = estateId, Role = Roles.ManagingAgent, AssignedAt = Start });
            await db.SaveChangesAsync();
            (tenantUserId, agentUserId) = (tenant.Id, agent.Id);
        }
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        await ledger.EnsureWalletAsync(otherUnitId);
        arrears = new ArrearsService(w.Db.Factory, w.Db.Clock);
        escalation = new ArrearsEscalationService(w.Db.Factory, w.Db.Clock, NullLogger<ArrearsEscalationService>.Instance);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PostAsync(string key, Pocket pocket, decimal amount, DateOnly date)
    {
        var r = await ledger.PostAsync(new PostingRequest(key, amount > 0 ? TransactionType.TopUp : TransactionType.Consumption, date, "test",
            [new(AccountCode.Wallet(walletId, pocket), amount), new(amount > 0 ? AccountCode.Bank : AccountCode.Revenue(estateId, pocket), -amount)]));
        Assert.True(r.IsSuccess, r.IsFailure ? r.Errors[0].Message : "");
    }

    private static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>Electricity below zero since 20 Aug (74 days), hot water since 1 Oct after an earlier dip was cleared (32 days), water since 25 Oct (8 days).</summary>
    private async Task HistoryAsync()
    {
        await PostAsync("e-topup", Pocket.Electricity, 100m, D(8, 1));
        await PostAsync("e-use-1", Pocket.Electricity, -60m, D(8, 10));
        await PostAsync("e-use-2", Pocket.Electricity, -90m, D(8, 20));   // 40 → -50: the crossing
        await PostAsync("e-use-3", Pocket.Electricity, -25m, D(9, 15));   // deeper, same episode
        await PostAsync("hw-use-1", Pocket.HotWater, -30m, D(7, 1));
        await PostAsync("hw-topup", Pocket.HotWater, 30m, D(7, 5));       // back to zero: that episode ended
        await PostAsync("hw-use-2", Pocket.HotWater, -12.5m, D(10, 1));
        await PostAsync("w-use", Pocket.Water, -40m, D(10, 25));
    }

    private async Task<List<Notification>> NoticesAsync(string userId)
    {
        await using var db = w.Db.Create();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Report_AgesEachPocket_FromWhenItWentBelowZero_WithLastPayment()
    {
        await HistoryAsync();

        var report = await arrears.ReportAsync(estateId);

        Assert.NotNull(report);
        Assert.Equal(D(11, 2), report.AsOf);
        Assert.Equal(
            [(Pocket.Electricity, -75m, D(8, 20), 74, ArrearsBucket.Days60To89), (Pocket.HotWater, -12.5m, D(10, 1), 32, ArrearsBucket.Days30To59),
                (Pocket.Water, -40m, D(10, 25), 8, ArrearsBucket.Days0To29)],
            report.Rows.Select(r => (r.Pocket, r.Balance, r.ArrearsSince, r.DaysInArrears, r.Bucket)));
        Assert.All(report.Rows, r => Assert.Equal("B201", r.UnitNumber));
        Assert.All(report.Rows, r => Assert.StartsWith("Sipho", r.Tenant, StringComparison.Ordinal));
        var electricity = report.Rows[0];
        Assert.Equal((D(8, 1), 100m), (electricity.LastPaymentDate, electricity.LastPaymentAmount)); // the hot-water top-up of 5 July is older
        Assert.Equal(127.5m, report.TotalDebt);
        Assert.Equal([(ArrearsBucket.Days0To29, 1, 40m), (ArrearsBucket.Days30To59, 1, 12.5m), (ArrearsBucket.Days60To89, 1, 75m), (ArrearsBucket.Days90Plus, 0, 0m)],
            report.Buckets.Select(b => (b.Bucket, b.Pockets, b.Debt)));
    }

    [Fact]
    public async Task TheJob_TakesEachDueStepOnce_NotifiesTheTenant_AuditsIt_AndSuspendsWithoutCuttingWater()
    {
        await HistoryAsync();

        var first = await escalation.RunAsync();
        var again = await escalation.RunAsync();

        Assert.Equal(6, first.StepsTaken); // electricity: warning, restriction, suspension; hot water: warning, restriction; water: warning
        Assert.Equal(0, again.StepsTaken);
        var history = await arrears.HistoryAsync(unitId);
        Assert.Equal(
            [(Pocket.Electricity, EscalationStep.Warning), (Pocket.Electricity, EscalationStep.RestrictionNotice), (Pocket.Electricity, EscalationStep.Suspension),
                (Pocket.Water, EscalationStep.Warning), (Pocket.HotWater, EscalationStep.Warning), (Pocket.HotWater, EscalationStep.RestrictionNotice)],
            history.OrderBy(h => h.Pocket).ThenBy(h => h.Step).Select(h => (h.Pocket, h.Step)));
        var notices = await NoticesAsync(tenantUserId);
        Assert.Equal(6, notices.Count);
        Assert.All(notices, n => Assert.Equal((NotificationKind.Arrears, unitId), (n.Kind, n.UnitId)));
        Assert.Contains(notices, n => n.Title == "Account suspended: electricity");
        Assert.Empty(await NoticesAsync(agentUserId)); // not handed over yet

        await using (var db = w.Db.Create())
        {
            Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ArrearsEscalation) && a.Action == "Added"));
            var pockets = await db.WalletPockets.AsNoTracking().Where(p => p.WalletId == walletId).ToDictionaryAsync(p => p.Pocket);
            Assert.True(pockets[Pocket.Electricity].IsSuspended);
            Assert.StartsWith(ArrearsEscalationService.SuspensionPrefix, pockets[Pocket.Electricity].SuspendedReason, StringComparison.Ordinal);
            Assert.False(pockets[Pocket.Water].IsSuspended);   // 8 days: not due
            Assert.Empty(await db.DeviceCommands.ToListAsync()); // the job itself never switches anything; water is never cut
        }
        Assert.Equal(EscalationStep.Suspension, (await arrears.ReportAsync(estateId))!.Rows[0].LastStep);
    }

    [Fact]
    public async Task AtNinetyDays_TheArrearsAreHandedToTheEstatesAgent()
    {
        await HistoryAsync();
        await escalation.RunAsync();

        w.Db.Clock.Advance(TimeSpan.FromDays(20)); // electricity 94 days
        var later = await escalation.RunAsync();

        Assert.Equal(1, later.StepsTaken); // electricity's hand-over; water (28 days) and hot water (52 days) reach no new step
        var agentNotices = await NoticesAsync(agentUserId);
        var handed = Assert.Single(agentNotices);
        Assert.Equal("Unit B201: arrears handed to you", handed.Title);
        Assert.Contains((await NoticesAsync(tenantUserId)), n => n.Title == "Arrears handed to your managing agent: electricity");
    }

    [Fact]
    public async Task ATopUp_EndsTheEpisode_LiftsTheSuspension_AndANewDipStartsTheStepsAgain()
    {
        await HistoryAsync();
        await escalation.RunAsync();

        await PostAsync("e-clear", Pocket.Electricity, 100m, D(11, 2)); // -75 → 25
        Assert.Equal(1, await escalation.ResumeWalletsAsync([walletId]));
        Assert.DoesNotContain((await arrears.ReportAsync(estateId))!.Rows, r => r.Pocket == Pocket.Electricity);

        await PostAsync("e-use-4", Pocket.Electricity, -30m, D(11, 3)); // a new episode
        w.Db.Clock.Advance(TimeSpan.FromDays(9));                       // 11 Nov: 8 days into it
        await escalation.RunAsync();

        var electricity = (await arrears.HistoryAsync(unitId)).Where(h => h.Pocket == Pocket.Electricity).ToList();
        Assert.Equal(4, electricity.Count);
        var newest = electricity.OrderByDescending(h => h.Id).First();
        Assert.Equal((EscalationStep.Warning, D(11, 3), 8), (newest.Step, newest.ArrearsSince, newest.DaysInArrears));
        await using var db = w.Db.Create();
        Assert.False((await db.WalletPockets.AsNoTracking().SingleAsync(p => p.WalletId == walletId && p.Pocket == Pocket.Electricity)).IsSuspended);
    }

    [Fact]
    public async Task DisabledRules_TakeNoSteps_AndBadRulesAreRefusedWithTheField()
    {
        await HistoryAsync();
        var bad = await escalation.SaveRuleAsync(estateId, new ArrearsRuleInput(true, 7, 30, 20, 90));
        Assert.Equal("SuspensionDays", Assert.Single(bad.Errors).Field);
        Assert.True((await escalation.SaveRuleAsync(estateId, new ArrearsRuleInput(false, 7, 30, 60, 90))).IsSuccess);

        Assert.Equal(0, (await escalation.RunAsync()).StepsTaken);
        Assert.Empty(await NoticesAsync(tenantUserId));
    }
}
