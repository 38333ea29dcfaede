using TppsPortal.Regions;

namespace TppsPortal.Agencies;

/// <summary>
/// An agency (instansi) that sits in the TPPS or attends its meetings. It belongs to a district, to a province
/// for provincial bodies (e.g. BKKBN Perwakilan Provinsi), or to a kecamatan for a kantor kecamatan.
/// Agencies are deactivated, never deleted: meetings refer to them.
/// </summary>
public sealed class Agency : Common.ITimestamped
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 40;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public AgencyKind Kind { get; set; }
    public required string RegionCode { get; set; }
    public Region? Region { get; set; }
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin: two people editing the same agency never overwrite each other silently.</summary>
    public uint Version { get; set; }
}
