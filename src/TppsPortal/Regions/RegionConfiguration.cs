using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Regions;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        // "C" collation: byte order, so that LIKE '73.24.%' prefix searches use the primary key index.
        builder.Property(r => r.Code).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.Property(r => r.Name).HasMaxLength(Region.NameMaxLength);
        builder.Property(r => r.Level).HasConversion<short>();
        builder.Property(r => r.ParentCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ParentCode);
        builder.HasIndex(r => r.Level);
    }
}
