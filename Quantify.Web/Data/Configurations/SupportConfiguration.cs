using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Identity;

namespace Quantify.Web.Data.Configurations;

public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("Tickets");
        b.Property(t => t.Subject).HasMaxLength(200).IsRequired();
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Ignore(t => t.IsOpen);
        b.HasIndex(t => new { t.UnitId, t.Status });
        b.HasOne<Estate>().WithMany().HasForeignKey(t => t.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId)
            .Policy(DeleteBehavior.SetNull, RelationshipPolicy.OptionalReference + " Open tickets block archiving the unit; closed ones are kept.");
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.ReportedByPersonId)
            .Policy(DeleteBehavior.SetNull, RelationshipPolicy.OptionalReference + " (seed 000: tickets orphaned by a deleted person).");
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.AssignedToUserId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.Property(i => i.Email).HasMaxLength(120).IsRequired();
        b.Property(i => i.Role).HasMaxLength(32).IsRequired();
        b.Property(i => i.TokenHash).HasMaxLength(128).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
        b.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).Policy(DeleteBehavior.SetNull, RelationshipPolicy.OptionalReference);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class AccessInvitationConfiguration : IEntityTypeConfiguration<AccessInvitation>
{
    public void Configure(EntityTypeBuilder<AccessInvitation> b)
    {
        b.ToTable("AccessInvitations");
        b.Property(i => i.Email).HasMaxLength(120).IsRequired();
        b.Property(i => i.DisplayName).HasMaxLength(120).IsRequired();
        b.Property(i => i.Role).HasMaxLength(32).IsRequired();
        b.Property(i => i.TokenHash).HasMaxLength(128).IsRequired();
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.PrimitiveCollection(i => i.EstateIds).HasField("estateIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.PrimitiveCollection(i => i.UnitIds).HasField("unitIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.Email, i.Status });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Title).HasMaxLength(200).IsRequired();
        b.Property(n => n.Body).HasMaxLength(4000).IsRequired();
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId).Policy(DeleteBehavior.SetNull, RelationshipPolicy.OptionalReference);
    }
}

public sealed class ArchivedRecordConfiguration : IEntityTypeConfiguration<ArchivedRecord>
{
    public void Configure(EntityTypeBuilder<ArchivedRecord> b)
    {
        b.ToTable("ArchivedRecords");
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(64).IsRequired();
        b.Property(a => a.Reason).HasMaxLength(500).IsRequired();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.ArchivedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(64).IsRequired();
        b.Property(a => a.Action).HasMaxLength(32).IsRequired();
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => a.At);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class JobRunConfiguration : IEntityTypeConfiguration<Jobs.JobRun>
{
    public void Configure(EntityTypeBuilder<Jobs.JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(r => r.JobName).HasMaxLength(100).IsRequired();
        b.Property(r => r.Summary).HasMaxLength(1000);
        b.HasIndex(r => new { r.JobName, r.Id });
    }
}
