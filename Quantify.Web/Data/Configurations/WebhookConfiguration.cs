using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Web.Features.Webhooks;

namespace Quantify.Web.Data.Configurations;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("WebhookSubscriptions");
        b.Property(s => s.TargetUrl).HasMaxLength(2000).IsRequired();
        b.Property(s => s.EventTypes).HasMaxLength(400).IsRequired();
        // Encrypted with Data Protection ("dp1:" + the protected payload, about 200 characters for a 70-character secret).
        b.Property(s => s.Secret).HasMaxLength(1000).IsRequired();
        b.Property(s => s.Description).HasMaxLength(200);
        b.Property(s => s.CreatedById).HasMaxLength(450).IsRequired();
        b.Ignore(s => s.Events);
        b.HasIndex(s => new { s.EstateId, s.Status });
        b.HasOne<Estate>().WithMany().HasForeignKey(s => s.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(s => s.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(s => s.DeactivatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.Property(d => d.EventType).HasMaxLength(40).IsRequired();
        b.Property(d => d.EventKey).HasMaxLength(200).IsRequired();
        b.Property(d => d.Payload).IsRequired();
        b.Property(d => d.LastError).HasMaxLength(1000);
        // One cause, one delivery per subscription (a replayed listener call cannot send twice).
        b.HasIndex(d => new { d.SubscriptionId, d.EventKey }).IsUnique();
        // The worker's query: due pending rows.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.EstateId, d.Id });
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId)
            .Policy(DeleteBehavior.Restrict, "Delivery log: subscriptions are deactivated, never deleted, so their deliveries stay readable.");
        b.HasOne<Estate>().WithMany().HasForeignKey(d => d.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("WebhookAttempts");
        b.Property(a => a.Error).HasMaxLength(1000);
        b.HasIndex(a => new { a.DeliveryId, a.Number }).IsUnique();
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId)
            .Policy(DeleteBehavior.Restrict, "Delivery log: attempts are kept with their delivery.");
    }
}
