using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Regions;

namespace TppsPortal.Agencies;

public sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("agencies");
        builder.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength);
        builder.Property(a => a.ShortName).HasMaxLength(Agency.ShortNameMaxLength);
        builder.Property(a => a.Kind).HasConversion<short>();
        builder.Property(a => a.RegionCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.RegionCode, a.ShortName }).IsUnique();
        builder.Property(a => a.Version).IsRowVersion();
    }
}
