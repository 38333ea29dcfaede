using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Regions;

namespace TppsPortal.Dhis2;

/// <summary>
/// How a district's approved figures are named in the province's DHIS2. Maintained by the district's secretariat
/// (or Admin Sistem) in the portal; the export lists whatever has no mapping instead of dropping it.
/// </summary>
public sealed class Dhis2Settings
{
    public const int UidLength = 11;

    public required string DistrictCode { get; set; }
    /// <summary>How the export names org units: by DHIS2 UID (the default) or by DHIS2 code.</summary>
    public Dhis2IdScheme OrgUnitIdScheme { get; set; } = Dhis2IdScheme.Uid;
    /// <summary>The data set the values belong to (optional in DHIS2's dataValueSets).</summary>
    public string? DataSet { get; set; }
    /// <summary>Attribute option combo for every value; empty means DHIS2's default.</summary>
    public string? AttributeOptionCombo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

public enum Dhis2IdScheme
{
    Uid = 1,
    Code = 2,
}

/// <summary>One reported figure (a <see cref="Submissions.Figure"/> key such as "pendek") as a DHIS2 data element and category option combo.</summary>
public sealed class Dhis2ElementMap
{
    public const int KeyMaxLength = 64;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string FigureKey { get; set; }
    public required string DataElement { get; set; }
    /// <summary>Empty means DHIS2's default category option combo.</summary>
    public string? CategoryOptionCombo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

/// <summary>One area of the district (a village, kecamatan or the district itself) as a DHIS2 org unit (UID or code).</summary>
public sealed class Dhis2OrgUnitMap
{
    public const int OrgUnitMaxLength = 50;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string RegionCode { get; set; }
    public required string OrgUnit { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; set; }
}

public sealed class Dhis2SettingsConfiguration : IEntityTypeConfiguration<Dhis2Settings>
{
    public void Configure(EntityTypeBuilder<Dhis2Settings> builder)
    {
        builder.ToTable("dhis2_settings");
        builder.HasKey(s => s.DistrictCode);
        builder.Property(s => s.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(s => s.DistrictCode).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.OrgUnitIdScheme).HasConversion<short>();
        builder.Property(s => s.DataSet).HasMaxLength(Dhis2Settings.UidLength);
        builder.Property(s => s.AttributeOptionCombo).HasMaxLength(Dhis2Settings.UidLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
    }
}

public sealed class Dhis2ElementMapConfiguration : IEntityTypeConfiguration<Dhis2ElementMap>
{
    public void Configure(EntityTypeBuilder<Dhis2ElementMap> builder)
    {
        builder.ToTable("dhis2_element_maps");
        builder.Property(m => m.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(m => m.DistrictCode).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.FigureKey).HasMaxLength(Dhis2ElementMap.KeyMaxLength);
        builder.HasIndex(m => new { m.DistrictCode, m.FigureKey }).IsUnique();
        builder.Property(m => m.DataElement).HasMaxLength(Dhis2Settings.UidLength);
        builder.Property(m => m.CategoryOptionCombo).HasMaxLength(Dhis2Settings.UidLength);
        builder.Property(m => m.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(m => m.Version).IsRowVersion();
    }
}

public sealed class Dhis2OrgUnitMapConfiguration : IEntityTypeConfiguration<Dhis2OrgUnitMap>
{
    public void Configure(EntityTypeBuilder<Dhis2OrgUnitMap> builder)
    {
        builder.ToTable("dhis2_org_unit_maps");
        builder.Property(m => m.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(m => m.DistrictCode).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.RegionCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(m => m.RegionCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.DistrictCode, m.RegionCode }).IsUnique();
        builder.Property(m => m.OrgUnit).HasMaxLength(Dhis2OrgUnitMap.OrgUnitMaxLength);
        builder.Property(m => m.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(m => m.Version).IsRowVersion();
    }
}
