using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.People;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Onboarding;

namespace Quantify.Tests.Payments;

public sealed class EstateDayFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Onboarding's "today" is the estate's (SAST), not UTC's: 23:30 UTC on 30 November is already 1 December there.</summary>
public class EstateDayTests(EstateDayFixture fixture) : IClassFixture<EstateDayFixture>
{
    private IServiceProvider Services => fixture.App.Services;

    [Theory]
    [InlineData(23, 30, true)]  // 01:30 SAST on 1 December: the tenancy starting that day is current
    [InlineData(21, 30, false)] // 23:30 SAST on 30 November: not yet
    public async Task ATenancyStarting1December_IsCurrent_FromMidnightSast(int utcHour, int utcMinute, bool current)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var unitId = await db.Units.Where(u => u.PaymentReference == "SLF-B107").Select(u => u.Id).SingleAsync(); // vacant in the demo
        if (!await db.Tenancies.AnyAsync(t => t.UnitId == unitId && t.StartDate == new DateOnly(2026, 12, 1)))
        {
            var person = await Services.GetRequiredService<PersonService>().CreateAsync(
                new PersonInput("Zoë", "O'Brien", IdentityDocumentType.SaId, DemoSeeder.SaId(new Random(1130)), "zoe@example.co.za", null));
            Assert.True(person.IsSuccess, person.Describe());
            db.Tenancies.Add(Tenancy.Create(unitId, person.Value, new DateOnly(2026, 12, 1)).Value);
            await db.SaveChangesAsync();
        }
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, utcHour, utcMinute, 0, TimeSpan.Zero));
        var onboarding = ActivatorUtilities.CreateInstance<UnitOccupancyQueries>(Services, clock);

        var tenant = await onboarding.CurrentTenantAsync(unitId);

        Assert.Equal(current, tenant is not null);
    }
}
