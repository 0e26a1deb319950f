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
        b.Property(p => p.GroupAllocation).HasMaxLength(2000);
        b.HasOne<Quantify.Domain.Family.WalletGroup>().WithMany().HasForeignKey(p => p.WalletGroupId).Policy(DeleteBehavior.Restrict, "Financial: a group's payments are never deleted, so neither is the group.");
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

public sealed class BankDepositConfiguration : IEntityTypeConfiguration<BankDeposit>
{
    public void Configure(EntityTypeBuilder<BankDeposit> b)
    {
        b.ToTable("BankDeposits");
        b.Property(d => d.Reference).HasMaxLength(100).IsRequired();
        b.Property(d => d.BankLineId).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.BankLineId).IsUnique();
        b.Property(d => d.Amount).HasPrecision(18, 2);
        b.Property(d => d.Note).HasMaxLength(500);
        b.HasIndex(d => new { d.EstateId, d.Status });
        b.HasOne<Estate>().WithMany().HasForeignKey(d => d.EstateId).Policy(DeleteBehavior.Restrict, "Financial: deposits are never deleted.");
        b.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).Policy(DeleteBehavior.Restrict, "Financial: deposits are never deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(d => d.RecordedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(d => d.ApprovedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Quantify.Domain.Ledger.LedgerTransaction>().WithMany().HasForeignKey(d => d.LedgerTransactionId).Policy(DeleteBehavior.Restrict, "Financial: a deposit points at its posting.");
    }
}
