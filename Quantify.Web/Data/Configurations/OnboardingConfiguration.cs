using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Identity;

namespace Quantify.Web.Data.Configurations;

public sealed class TenantMoveConfiguration : IEntityTypeConfiguration<TenantMove>
{
    public void Configure(EntityTypeBuilder<TenantMove> b)
    {
        b.ToTable("TenantMoves");
        b.Property(m => m.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.Property(m => m.ResultJson).HasMaxLength(8000).IsRequired();
        b.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne<Tenancy>().WithMany().HasForeignKey(m => m.TenancyId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> b)
    {
        b.ToTable("Payouts");
        b.Property(p => p.Amount).HasPrecision(18, 2);
        b.Property(p => p.BankDetailsReference).HasMaxLength(200);
        b.Property(p => p.PaymentReference).HasMaxLength(100);
        b.HasIndex(p => new { p.Status, p.EstateId });
        b.HasIndex(p => p.SettlementTransactionId).IsUnique();
        const string financial = "Financial: a refund owed is never deleted; its estate, unit, person and tenancy are archived, not removed.";
        b.HasOne<Estate>().WithMany().HasForeignKey(p => p.EstateId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Tenancy>().WithMany().HasForeignKey(p => p.TenancyId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(p => p.SettlementTransactionId).Policy(DeleteBehavior.Restrict, "Financial: the posting that created the refund is append-only.");
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(p => p.PaymentTransactionId).Policy(DeleteBehavior.Restrict, "Financial: the posting that paid the refund is append-only.");
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.PaidById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class ArrearsHandoverConfiguration : IEntityTypeConfiguration<ArrearsHandover>
{
    public void Configure(EntityTypeBuilder<ArrearsHandover> b)
    {
        b.ToTable("ArrearsHandovers");
        b.Property(a => a.Amount).HasPrecision(18, 2);
        b.HasIndex(a => new { a.EstateId, a.PersonId });
        b.HasIndex(a => a.SettlementTransactionId).IsUnique();
        const string financial = "Financial: a debt handed to arrears stays attached to the person; nothing it names is hard-deleted.";
        b.HasOne<Estate>().WithMany().HasForeignKey(a => a.EstateId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<Tenancy>().WithMany().HasForeignKey(a => a.TenancyId).Policy(DeleteBehavior.Restrict, financial);
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(a => a.SettlementTransactionId).Policy(DeleteBehavior.Restrict, "Financial: the posting that moved the debt is append-only.");
    }
}
