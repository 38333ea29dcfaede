using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Accounts;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(AppUser.FullNameMaxLength);
        builder.Property(u => u.Role).HasConversion<short>();
        builder.Property(u => u.RegionCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.HasOne(u => u.Region).WithMany().HasForeignKey(u => u.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.WhatsAppNumber).HasMaxLength(AppUser.WhatsAppMaxLength);
        builder.HasIndex(u => u.RegionCode);
        builder.HasIndex(u => u.AgencyId);
    }
}
