using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Metering;

namespace Quantify.Web.Data.Configurations;

public sealed class MeterPollStatusConfiguration : IEntityTypeConfiguration<MeterPollStatus>
{
    public void Configure(EntityTypeBuilder<MeterPollStatus> b)
    {
        // Not versioned master data: rewritten on every poll, so it lives apart from Meters (temporal on SQL Server).
        b.ToTable("MeterPollStatuses");
        b.HasKey(s => s.MeterId);
        b.Property(s => s.LastError).HasMaxLength(MeterPollStatus.ErrorMaxLength);
        b.Ignore(s => s.IsFailing);
        b.HasOne<Meter>().WithOne().HasForeignKey<MeterPollStatus>(s => s.MeterId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.Telemetry);
    }
}
