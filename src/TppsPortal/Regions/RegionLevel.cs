namespace TppsPortal.Regions;

/// <summary>Administrative level of a region. It follows from the Kepmendagri code (see <see cref="RegionCode"/>).</summary>
public enum RegionLevel
{
    Provinsi = 1,
    KabupatenKota = 2,
    Kecamatan = 3,
    Desa = 4,
    Kelurahan = 5,
}

public static class RegionLevelNames
{
    public static string Display(this RegionLevel level) => level switch
    {
        RegionLevel.Provinsi => "Provinsi",
        RegionLevel.KabupatenKota => "Kabupaten/Kota",
        RegionLevel.Kecamatan => "Kecamatan",
        RegionLevel.Desa => "Desa",
        RegionLevel.Kelurahan => "Kelurahan",
        _ => level.ToString(),
    };

    /// <summary>The depth in the tree: 1 for a province, 4 for a desa or kelurahan.</summary>
    public static int Depth(this RegionLevel level) => level switch
    {
        RegionLevel.Provinsi => 1,
        RegionLevel.KabupatenKota => 2,
        RegionLevel.Kecamatan => 3,
        _ => 4,
    };
}
