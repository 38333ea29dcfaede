using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Teams;

/// <summary>
/// The SK Bupati that sets a district's TPPS. A new SK does not overwrite the old one: the current SK is the
/// one with the latest date, and the earlier ones stay as history.
/// </summary>
public sealed class TeamDecree
{
    public const int NumberMaxLength = 100;
    public const int TitleMaxLength = 300;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string Number { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DecreeDate { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public List<TeamMember> Members { get; set; } = [];
    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member of the team under one SK.</summary>
public sealed class TeamMember
{
    public const int NameMaxLength = 150;
    public const int PositionMaxLength = 200;
    public const int NipMaxLength = 21;

    public int Id { get; set; }
    public int DecreeId { get; set; }
    public required string Name { get; set; }
    public string Position { get; set; } = "";
    public string? Nip { get; set; }
    public int? AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }
    public TeamRole Role { get; set; }
    public int? BidangId { get; set; }
    public Bidang? Bidang { get; set; }
    public int SortOrder { get; set; }
}

public sealed class TeamDecreeConfiguration : IEntityTypeConfiguration<TeamDecree>
{
    public void Configure(EntityTypeBuilder<TeamDecree> builder)
    {
        builder.ToTable("team_decrees");
        builder.Property(d => d.DistrictCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(d => d.Number).HasMaxLength(TeamDecree.NumberMaxLength);
        builder.Property(d => d.Title).HasMaxLength(TeamDecree.TitleMaxLength);
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(d => d.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Members).WithOne().HasForeignKey(m => m.DecreeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.DistrictCode, d.DecreeDate });
        builder.Property(d => d.Version).IsRowVersion();
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("team_members");
        builder.Property(m => m.Name).HasMaxLength(TeamMember.NameMaxLength);
        builder.Property(m => m.Position).HasMaxLength(TeamMember.PositionMaxLength);
        builder.Property(m => m.Nip).HasMaxLength(TeamMember.NipMaxLength);
        builder.Property(m => m.Role).HasConversion<short>();
        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Bidang).WithMany().HasForeignKey(m => m.BidangId).OnDelete(DeleteBehavior.Restrict);
    }
}
