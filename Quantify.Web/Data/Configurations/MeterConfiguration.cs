using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

namespace Quantify.Web.Data.Configurations;

public sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> b)
    {
        b.ToTable("Meters", t => t.HasCheckConstraint("CK_Meters_ModbusAddress", "[ModbusAddress] IS NULL OR ([ModbusAddress] >= 1 AND [ModbusAddress] <= 247)"));
        b.Property(m => m.SerialNumber).HasMaxLength(100).IsRequired();
        b.HasIndex(m => m.SerialNumber).IsUnique();
        b.Property(m => m.DeviceEui).HasMaxLength(16).IsFixedLength();
        b.HasIndex(m => m.DeviceEui).IsUnique().HasFilter("[DeviceEui] IS NOT NULL");
        // One meter per utility per unit (bulk meters have no unit).
        b.HasIndex(m => new { m.UnitId, m.Type }).IsUnique().HasFilter("[UnitId] IS NOT NULL");
        b.HasIndex(m => m.EstateId);
        b.Property(m => m.Manufacturer).HasMaxLength(100);
        b.Property(m => m.Model).HasMaxLength(100);
        b.Property(m => m.FirmwareVersion).HasMaxLength(50);
        b.Property(m => m.DecommissionReason).HasMaxLength(500);
        b.Ignore(m => m.Utility);
        b.HasOne(m => m.State).WithOne().HasForeignKey<MeterState>(s => s.MeterId)
            .Policy(DeleteBehavior.Cascade, "Live state of the meter (last reading, contact, relay): one row per meter, nothing without it.");
        b.Navigation(m => m.State).IsRequired().AutoInclude();
        b.HasOne<Estate>().WithMany().HasForeignKey(m => m.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
        b.HasOne<Gateway>().WithMany().HasForeignKey(m => m.GatewayId)
            .Policy(DeleteBehavior.Restrict, "Optional: the gateway a meter reports through. A gateway with meters behind it is deactivated, never deleted.");
        b.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId)
            .Policy(DeleteBehavior.SetNull, RelationshipPolicy.OptionalReference + " A meter outlives the unit it was fitted to.");
    }
}

public sealed class MeterStateConfiguration : IEntityTypeConfiguration<MeterState>
{
    public void Configure(EntityTypeBuilder<MeterState> b)
    {
        b.ToTable("MeterStates");
        b.HasKey(s => s.MeterId);
        b.Property(s => s.LastReading).HasPrecision(18, 3);
        b.Property(s => s.BillingMonthQuantity).HasPrecision(18, 6);
        b.Property(s => s.BillingMonthFreeBasicUsed).HasPrecision(18, 6);
        b.Property(s => s.BillingMonthCostUnrounded).HasPrecision(28, 12);
        b.HasIndex(s => s.CommsStatus);
    }
}

public sealed class MeterAlertConfiguration : IEntityTypeConfiguration<MeterAlert>
{
    public void Configure(EntityTypeBuilder<MeterAlert> b)
    {
        b.ToTable("MeterAlerts");
        b.Property(a => a.Message).HasMaxLength(500).IsRequired();
        b.HasIndex(a => new { a.MeterId, a.RaisedAt });
        b.Ignore(a => a.IsOpen);
        b.HasOne<Meter>().WithMany().HasForeignKey(a => a.MeterId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.Telemetry);
    }
}

public sealed class DeviceCommandConfiguration : IEntityTypeConfiguration<DeviceCommand>
{
    public void Configure(EntityTypeBuilder<DeviceCommand> b)
    {
        b.ToTable("DeviceCommands");
        b.Property(c => c.Reason).HasMaxLength(500).IsRequired();
        b.Property(c => c.LastError).HasMaxLength(1000);
        b.Property(c => c.CorrelationId).HasMaxLength(100);
        b.HasIndex(c => new { c.Status, c.NextAttemptAt });
        b.HasIndex(c => c.MeterId);
        b.Ignore(c => c.IsFinished);
        b.HasOne<Meter>().WithMany().HasForeignKey(c => c.MeterId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.Telemetry);
    }
}

public sealed class GatewayConfiguration : IEntityTypeConfiguration<Gateway>
{
    public void Configure(EntityTypeBuilder<Gateway> b)
    {
        b.ToTable("Gateways");
        b.Property(g => g.Code).HasMaxLength(64).IsRequired();
        b.HasIndex(g => g.Code).IsUnique();
        b.Property(g => g.Name).HasMaxLength(200).IsRequired();
        b.Property(g => g.Endpoint).HasMaxLength(200);
        b.Ignore(g => g.IsModbus);
        b.HasOne<Estate>().WithMany().HasForeignKey(g => g.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
    }
}

public sealed class TariffConfiguration : IEntityTypeConfiguration<Tariff>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(TariffRules rules) => JsonSerializer.Serialize(rules, Json);
    public static TariffRules Deserialize(string json) => JsonSerializer.Deserialize<TariffRules>(json, Json) ?? new TariffRules();

    public void Configure(EntityTypeBuilder<Tariff> b)
    {
        b.ToTable("Tariffs");
        b.Property(t => t.Name).HasMaxLength(Tariff.NameMaxLength).IsRequired();
        b.Property(t => t.Rules).HasColumnName("RulesJson").IsRequired()
            .HasConversion(r => Serialize(r), s => Deserialize(s),
                new ValueComparer<TariffRules>((x, y) => Serialize(x!) == Serialize(y!), r => Serialize(r).GetHashCode(StringComparison.Ordinal), r => Deserialize(Serialize(r))));
        b.Ignore(t => t.UnitOfMeasure);
        b.HasIndex(t => new { t.EstateId, t.Utility, t.UnitId, t.EffectiveFrom });
        b.HasOne<Estate>().WithMany().HasForeignKey(t => t.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId)
            .Policy(DeleteBehavior.Restrict, "Per-unit tariff override: retired, never deleted, so past charges stay explainable.");
    }
}
