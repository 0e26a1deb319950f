using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;

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
