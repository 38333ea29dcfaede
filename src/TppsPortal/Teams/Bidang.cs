using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Teams;

/// <summary>A working field (bidang) of a district's TPPS. The list is the district's own: Soppeng has four, others five.</summary>
public sealed class Bidang
{
    public const int NameMaxLength = 150;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public uint Version { get; set; }
}

public sealed class BidangConfiguration : IEntityTypeConfiguration<Bidang>
{
    public void Configure(EntityTypeBuilder<Bidang> builder)
    {
        builder.ToTable("bidang");
        builder.Property(b => b.DistrictCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(b => b.Name).HasMaxLength(Bidang.NameMaxLength);
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(b => b.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.DistrictCode, b.Name }).IsUnique();
        builder.Property(b => b.Version).IsRowVersion();
    }
}
