using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Web.Features.Payments;

namespace Quantify.Web.Data.Configurations;

public sealed class PendingPaymentConfiguration : IEntityTypeConfiguration<PendingPayment>
{
    public void Configure(EntityTypeBuilder<PendingPayment> b)
    {
        b.ToTable("Payments");
        b.Property(p => p.Reference).HasMaxLength(40).IsRequired();
        b.HasIndex(p => p.Reference).IsUnique();
        b.Property(p => p.PfPaymentId).HasMaxLength(40);
        // Dedupe on pf_payment_id: PayFast's id can complete one payment only.
        b.HasIndex(p => p.PfPaymentId).IsUnique().HasFilter("[PfPaymentId] IS NOT NULL");
        b.Property(p => p.Amount).HasPrecision(18, 2);
        b.Property(p => p.Allocation).HasMaxLength(200).IsRequired();
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).Policy(DeleteBehavior.Restrict, "Financial: payments are never deleted.");
        b.HasOne<Quantify.Domain.Ledger.LedgerTransaction>().WithMany().HasForeignKey(p => p.LedgerTransactionId).Policy(DeleteBehavior.Restrict, "Financial: a payment points at its posting.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class PaymentRejectionConfiguration : IEntityTypeConfiguration<PaymentRejection>
{
    public void Configure(EntityTypeBuilder<PaymentRejection> b)
    {
        b.ToTable("PaymentRejections");
        b.Property(r => r.SourceIp).HasMaxLength(64);
        b.Property(r => r.Reference).HasMaxLength(40);
        b.Property(r => r.PfPaymentId).HasMaxLength(40);
        b.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        b.Property(r => r.RawBody).HasMaxLength(8000).IsRequired();
        b.HasIndex(r => r.ReceivedAt);
    }
}
