using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.People;

namespace Quantify.Tests.Domain;

public class ValueObjectTests
{
    [Theory]
    [InlineData("70B3D57ED0041234", "70b3d57ed0041234")]
    [InlineData("70-b3-d5-7e-d0-04-12-34", "70b3d57ed0041234")]
    [InlineData("70:B3:D5:7E:D0:04:12:34", "70b3d57ed0041234")]
    public void DeviceEui_IsNormalisedToLowerHexWithoutSeparators(string input, string expected) =>
        Assert.Equal(expected, DeviceEui.Parse(input).Value.Value);

    [Theory]
    [InlineData("70B3D57ED004123")]
    [InlineData("70B3D57ED00412345")]
    [InlineData("70B3D57ED004123G")]
    [InlineData("")]
    public void DeviceEui_RejectsAnythingButSixteenHexDigits_NamingTheField(string input)
    {
        var r = DeviceEui.Parse(input);
        Assert.True(r.IsFailure);
        Assert.Equal("DeviceEui", r.Errors[0].Field);
    }

    [Theory]
    [InlineData("8001015009087")]
    [InlineData("9202204720083")]
    public void SaId_ValidNumbersPass(string id) => Assert.True(IdentityDocument.Validate(IdentityDocumentType.SaId, id).IsSuccess);

    [Fact]
    public void SaId_ChecksumFailure_SaysWhichDigitIsExpected()
    {
        var r = IdentityDocument.Validate(IdentityDocumentType.SaId, "8001015009088");
        Assert.True(r.IsFailure);
        Assert.Contains("check digit", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("should be 7", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("IdNumber", r.Errors[0].Field);
    }

    [Theory]
    [InlineData("8013015009087")]
    [InlineData("800101500908")]
    [InlineData("80010150090AB")]
    public void SaId_BadDateOrLengthOrCharacters_Fail(string id) => Assert.True(IdentityDocument.Validate(IdentityDocumentType.SaId, id).IsFailure);

    [Fact]
    public void Passport_AllowsLettersAndDigits() => Assert.Equal("A12345678", IdentityDocument.Validate(IdentityDocumentType.Passport, "a12345678").Value);

    [Theory]
    [InlineData(1234.56, "R 1 234,56")]
    [InlineData(-20, "-R 20,00")]
    [InlineData(0.005, "R 0,01")]
    [InlineData(1000000, "R 1 000 000,00")]
    public void Money_FormatsTheSouthAfricanWay(decimal amount, string expected) => Assert.Equal(expected, Money.Format(amount));

    [Fact]
    public void Tenancy_EndBeforeStart_IsRejectedOnTheEndDateField()
    {
        var r = Tenancy.Create(1, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 28));
        Assert.True(r.IsFailure);
        Assert.Equal("EndDate", r.Errors[0].Field);
        Assert.Contains("before start date", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meter_LoraWithoutEui_AndModbusWithoutAddress_AreRejected()
    {
        var lora = Meter.Create(1, "SN1", MeterType.Electricity, CommsType.Lora, null);
        Assert.Equal("DeviceEui", Assert.Single(lora.Errors).Field);
        var modbus = Meter.Create(1, "SN2", MeterType.Electricity, CommsType.Modbus, null);
        Assert.Equal("ModbusAddress", Assert.Single(modbus.Errors).Field);
    }

    [Fact]
    public void BulkMeter_CannotBeAssignedToAUnit()
    {
        var m = Meter.Create(1, "BULK1", MeterType.BulkElectricity, CommsType.Modbus, null, modbusAddress: 1).Value;
        var r = m.AssignToUnit(5);
        Assert.True(r.IsFailure);
        Assert.Null(m.UnitId);
    }

    [Fact]
    public void DeviceCommand_BacksOffExponentiallyAndFailsAfterMaxAttempts()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var c = new DeviceCommand(1, CommandKind.RelayOff, "credit exhausted", t0, t0.AddHours(1));
        c.MarkAttemptFailed(t0, "timeout", maxAttempts: 3);
        Assert.Equal(CommandStatus.Queued, c.Status);
        Assert.Equal(t0.AddSeconds(30), c.NextAttemptAt);
        c.MarkAttemptFailed(t0, "timeout", maxAttempts: 3);
        Assert.Equal(t0.AddSeconds(60), c.NextAttemptAt);
        c.MarkAttemptFailed(t0, "timeout", maxAttempts: 3);
        Assert.Equal(CommandStatus.Failed, c.Status);
        Assert.Null(c.NextAttemptAt);
    }
}

public class AllocationTests
{
    [Theory]
    [InlineData(100, 80, 80, 20)]
    [InlineData(100.01, 50, 50.01, 50.00)]
    [InlineData(33.33, 33.333, 11.11, 22.22)]
    public void DefaultRule_SplitsInWholeCents_ThatAddUpExactly(decimal amount, decimal percent, decimal electricity, decimal water)
    {
        var split = Quantify.Domain.Ledger.Allocation.ByDefaultRule(amount, percent);
        Assert.Equal(electricity, split[Quantify.Domain.Ledger.Pocket.Electricity]);
        Assert.Equal(water, split[Quantify.Domain.Ledger.Pocket.Water]);
        Assert.Equal(amount, split.Values.Sum());
    }

    [Fact]
    public void AllToElectricity_LeavesNoWaterLine() =>
        Assert.False(Quantify.Domain.Ledger.Allocation.ByDefaultRule(50m, 100m).ContainsKey(Quantify.Domain.Ledger.Pocket.Water));
}
