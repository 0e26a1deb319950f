using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Data.Configurations;

public sealed class TransactionNumberSequenceConfiguration : IEntityTypeConfiguration<TransactionNumberSequence>
{
    public void Configure(EntityTypeBuilder<TransactionNumberSequence> b)
    {
        b.ToTable("TransactionNumberSequences");
        b.HasKey(s => s.Year);
        b.Property(s => s.Year).ValueGeneratedNever();
    }
}
