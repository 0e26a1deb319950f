using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Metering;

namespace Quantify.Web.Data.Configurations;

public sealed class RelayHoldConfiguration : IEntityTypeConfiguration<RelayHold>
{
    public void Configure(EntityTypeBuilder<RelayHold> b)
    {
        b.ToTable("RelayHolds");
        b.Property(h => h.Reason).HasMaxLength(500).IsRequired();
        b.Property(h => h.ReleaseReason).HasMaxLength(500);
        b.Property(h => h.HeldById).HasMaxLength(450);
        b.Property(h => h.ReleasedById).HasMaxLength(450);
        b.Ignore(h => h.IsActive);
        // Credit control's question: which of these meters are held now.
        b.HasIndex(h => new { h.MeterId, h.ReleasedAt });
        b.HasOne<Meter>().WithMany().HasForeignKey(h => h.MeterId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.Telemetry);
        b.HasOne<DeviceCommand>().WithMany().HasForeignKey(h => h.CommandId).Policy(DeleteBehavior.Restrict, "Audit: the manual command that set a held relay is kept with the hold.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(h => h.HeldById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(h => h.ReleasedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}
