namespace TppsPortal.Regions;

/// <summary>A province, district, kecamatan or desa/kelurahan, identified by its Kepmendagri code.</summary>
public sealed class Region : Common.ITimestamped
{
    public const int NameMaxLength = 200;

    public required string Code { get; set; }
    public required string Name { get; set; }
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public Region? Parent { get; set; }

    /// <summary>Demo villages made up until an official list is imported; their names say so too.</summary>
    public bool IsExample { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
