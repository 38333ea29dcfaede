using TppsPortal.Regions;

namespace TppsPortal.Tests.Regions;

public sealed class RegionLevelTests
{
    [Theory]
    [InlineData(RegionLevel.Provinsi, "Sulawesi Selatan", "Sulawesi Selatan")]
    [InlineData(RegionLevel.KabupatenKota, "Kabupaten Luwu Timur", "Kabupaten Luwu Timur")]
    [InlineData(RegionLevel.KabupatenKota, "Kota Palopo", "Kota Palopo")]
    [InlineData(RegionLevel.Kecamatan, "Malili", "Kecamatan Malili")]
    [InlineData(RegionLevel.Desa, "Harapan", "Desa Harapan")]
    [InlineData(RegionLevel.Kelurahan, "Malili", "Kelurahan Malili")]
    [InlineData(RegionLevel.Desa, "Desa Malili Contoh 1 (contoh)", "Desa Malili Contoh 1 (contoh)")]
    [InlineData(RegionLevel.Desa, "Desantara", "Desa Desantara")]
    public void Title_NameOfLevel_PutsTheLevelInFrontOnlyWhereTheNameLacksIt(RegionLevel level, string name, string expected) =>
        Assert.Equal(expected, level.Title(name));

    [Theory]
    [InlineData(null, "provinsi")]
    [InlineData(RegionLevel.Provinsi, "kabupaten/kota")]
    [InlineData(RegionLevel.KabupatenKota, "kecamatan")]
    [InlineData(RegionLevel.Kecamatan, "desa/kelurahan")]
    public void ChildrenNoun_Level_NamesTheLevelBelow(RegionLevel? level, string expected) =>
        Assert.Equal(expected, level.ChildrenNoun());
}
