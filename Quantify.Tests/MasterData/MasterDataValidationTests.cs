using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.MasterData;

public class MasterDataValidationTests
{
    [Fact]
    public async Task DuplicateSerial_IsRefused_NamingTheMeterThatHasIt()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var first = await w.MeterAsync(estate, null, "SN-1");
        var r = await w.Meters.CreateAsync(new MeterInput(estate, "SN-1", MeterType.Water, CommsType.Manual, null));
        var e = Assert.Single(r.Errors);
        Assert.Equal(nameof(MeterInput.SerialNumber), e.Field);
        Assert.Equal($"Serial number 'SN-1' is already used by meter #{first} in Silverleaf.", e.Message);
    }

    [Fact]
    public async Task EuiAlreadyTaken_IsRefused_EvenWhenWrittenDifferently()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        await w.MeterAsync(estate, null, "SN-1", eui: "70b3d57ed0000001");
        var r = await w.Meters.CreateAsync(new MeterInput(estate, "SN-2", MeterType.Water, CommsType.Lora, "70-B3-D5-7E-D0-00-00-01"));
        Assert.Equal(nameof(MeterInput.DeviceEui), Assert.Single(r.Errors).Field);
        Assert.Contains("already taken by meter", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidEui_IsRefusedByTheServiceLayer()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var r = await w.Meters.CreateAsync(new MeterInput(estate, "SN-1", MeterType.Water, CommsType.Lora, "not-an-eui"));
        Assert.Equal("DeviceEui", Assert.Single(r.Errors).Field);
    }

    [Fact]
    public async Task UnitNumberClash_WithinAnEstate_IsRefused_ButAllowedInAnotherEstate()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var a = await w.EstateAsync("A");
        var b = await w.EstateAsync("B");
        await w.UnitAsync(a, "101");
        var clash = await w.Units.CreateAsync(new UnitInput(a, "101", null, null, null, null, null, null));
        Assert.Equal("Unit number '101' already exists in A.", Assert.Single(clash.Errors).Message);
        Assert.Equal(nameof(UnitInput.UnitNumber), clash.Errors[0].Field);
        Assert.True((await w.Units.CreateAsync(new UnitInput(b, "101", null, null, null, null, null, null))).IsSuccess);
    }

    [Fact]
    public async Task Units_GetUniquePaymentReferences()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var a = await w.EstateAsync("Silver Leaf");
        var u1 = await w.Units.GetAsync(await w.UnitAsync(a, "A-101"));
        Assert.Equal("SL-A101", u1!.PaymentReference);
        var b = await w.EstateAsync("Sun Lodge");
        var u2 = await w.Units.GetAsync(await w.UnitAsync(b, "A101"));
        Assert.Equal("SL-A101-2", u2!.PaymentReference);
    }

    [Fact]
    public async Task SaIdChecksumFailure_IsRefused_OnTheIdNumberField()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var r = await w.Persons.CreateAsync(new PersonInput("Sipho", "Dlamini", IdentityDocumentType.SaId, "8001015009088", null, null));
        Assert.Equal("IdNumber", Assert.Single(r.Errors).Field);
        Assert.Contains("check digit", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateIdNumber_PointsToTheExistingPerson()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        Assert.True((await w.Persons.CreateAsync(new PersonInput("Sipho", "Dlamini", IdentityDocumentType.SaId, "8001015009087", null, null))).IsSuccess);
        var r = await w.Persons.CreateAsync(new PersonInput("S", "D", IdentityDocumentType.SaId, "8001015009087", null, null));
        Assert.Contains("already belongs to another person", Assert.Single(r.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndDateBeforeStartDate_IsRefusedOnTheEndDateField()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var person = await w.PersonAsync();
        var r = await w.Occupancy.AddTenancyAsync(unit, person, w.Today, w.Today.AddDays(-1));
        Assert.Equal("EndDate", Assert.Single(r.Errors).Field);
        var end = await w.Occupancy.EndTenancyAsync(await w.TenancyAsync(unit, person), w.Today.AddYears(-5));
        Assert.Equal("EndDate", Assert.Single(end.Errors).Field);
    }

    [Fact]
    public async Task OverlappingTenancy_ForTheSamePersonAndUnit_IsRefused()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var person = await w.PersonAsync();
        await w.TenancyAsync(unit, person);
        var r = await w.Occupancy.AddTenancyAsync(unit, person, w.Today, null);
        Assert.Equal("overlapping_tenancy", Assert.Single(r.Errors).Code);
    }

    [Fact]
    public async Task SecondMeterOfTheSameUtility_OnAUnit_IsRefused_AndOtherEstatesMetersToo()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        var other = await w.EstateAsync("Other");
        var unit = await w.UnitAsync(estate);
        await w.MeterAsync(estate, unit, "E-1");
        var second = await w.MeterAsync(estate, null, "E-2");
        var r = await w.Meters.AssignAsync(second, unit);
        Assert.Contains("already has a Electricity meter (E-1)", Assert.Single(r.Errors).Message, StringComparison.Ordinal);
        var foreign = await w.MeterAsync(other, null, "W-9", MeterType.Water);
        Assert.Equal("other_estate", Assert.Single((await w.Meters.AssignAsync(foreign, unit)).Errors).Code);
        var bulk = await w.MeterAsync(estate, null, "BULK", MeterType.BulkWater);
        Assert.Equal("bulk_meter_unit", Assert.Single((await w.Meters.AssignAsync(bulk, unit)).Errors).Code);
    }

    [Fact]
    public async Task Lists_ArePagedAndSearchedInTheDatabase()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var estate = await w.EstateAsync();
        for (var i = 1; i <= 30; i++) await w.UnitAsync(estate, $"U{i:00}");
        var page = await w.Units.ListAsync(new PageQuery(Page: 1, PageSize: 10));
        Assert.Equal(30, page.TotalCount);
        Assert.Equal("U11", page.Items[0].UnitNumber);
        var search = await w.Units.ListAsync(new PageQuery(Search: "U2"));
        Assert.Equal(10, search.TotalCount);
    }
}
