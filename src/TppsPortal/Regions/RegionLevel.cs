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

    /// <summary>
    /// The name as a heading: kecamatan, desa and kelurahan names come bare in the official list ("Malili"), so
    /// they get their level in front ("Kecamatan Malili"); provinces and districts keep their own name
    /// ("Sulawesi Selatan", "Kabupaten Luwu Timur").
    /// </summary>
    public static string Title(this RegionLevel level, string name)
    {
        if (level is RegionLevel.Provinsi or RegionLevel.KabupatenKota)
        {
            return name;
        }
        var word = level.Display();
        return name.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase) ? name : $"{word} {name}";
    }

    /// <summary>What the children of a region of this level are called ("desa/kelurahan" under a kecamatan).</summary>
    public static string ChildrenNoun(this RegionLevel level) => ((RegionLevel?)level).ChildrenNoun();

    /// <summary>As above; null (the top of the tree) has provinces below it.</summary>
    public static string ChildrenNoun(this RegionLevel? level) => level switch
    {
        null => "provinsi",
        RegionLevel.Provinsi => "kabupaten/kota",
        RegionLevel.KabupatenKota => "kecamatan",
        RegionLevel.Kecamatan => "desa/kelurahan",
        _ => "wilayah",
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
