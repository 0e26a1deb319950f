using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Metering;

namespace Quantify.Web.Data.Configurations;

public sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.ToTable("MeterReadings");
        b.Property(r => r.Register).HasPrecision(18, 3);
        b.Property(r => r.Consumption).HasPrecision(18, 3);
        b.Property(r => r.Amount).HasPrecision(18, 2);
        b.Property(r => r.TemperatureC).HasPrecision(6, 2);
        b.Property(r => r.DedupeKey).HasMaxLength(100).IsRequired();
        b.Property(r => r.Source).HasMaxLength(32).IsRequired();
        // Exactly-once: the same message delivered again cannot create a second reading.
        b.HasIndex(r => new { r.MeterId, r.DedupeKey }).IsUnique();
        b.HasIndex(r => new { r.MeterId, r.ReadAt });
        // Held readings are few among millions: a filtered index finds them for the admin page and the alerts.
        b.HasIndex(r => new { r.Status, r.MeterId }).HasFilter("Status = 'Held'").HasDatabaseName("IX_MeterReadings_Held");
        b.HasOne<Meter>().WithMany().HasForeignKey(r => r.MeterId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.Telemetry);
    }
}

public sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> b)
    {
        b.ToTable("DeadLetters");
        b.Property(d => d.Source).HasMaxLength(32).IsRequired();
        b.Property(d => d.Topic).HasMaxLength(300).IsRequired();
        b.Property(d => d.Reason).HasMaxLength(1000).IsRequired();
        b.Property(d => d.MessageId).HasMaxLength(100);
        b.Property(d => d.LastReplayResult).HasMaxLength(1000);
        b.HasIndex(d => new { d.Status, d.Id });
    }
}
