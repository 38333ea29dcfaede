using TppsPortal.Regions;

namespace TppsPortal.Tests.Regions;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("73", RegionLevel.Provinsi)]
    [InlineData("73.24", RegionLevel.KabupatenKota)]
    [InlineData("73.71", RegionLevel.KabupatenKota)]
    [InlineData("73.24.04", RegionLevel.Kecamatan)]
    [InlineData("73.24.04.1003", RegionLevel.Kelurahan)]
    [InlineData("73.24.04.2001", RegionLevel.Desa)]
    [InlineData("51.03.01.3001", RegionLevel.Desa)] // desa adat
    public void TryParse_WellFormedCode_TellsItsLevel(string code, RegionLevel expected)
    {
        var ok = RegionCode.TryParse(code, out var level, out var error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData(null, "Kode wilayah kosong.")]
    [InlineData("", "Kode wilayah kosong.")]
    [InlineData("   ", "Kode wilayah kosong.")]
    [InlineData("7", "Kode wilayah \"7\" tidak sesuai format Kepmendagri: bagian ke-1 harus 2 angka (contoh 73.24.04.2001).")]
    [InlineData("7a", "bagian ke-1 harus 2 angka")]
    [InlineData(" 73", "bagian ke-1 harus 2 angka")]
    [InlineData("73,24", "bagian ke-1 harus 2 angka")]
    [InlineData("\u0667\u0663", "bagian ke-1 harus 2 angka")] // Arabic-Indic digits are not code digits
    [InlineData("73.2", "bagian ke-2 harus 2 angka")]
    [InlineData("73.", "bagian ke-2 harus 2 angka")]
    [InlineData("73..04", "bagian ke-2 harus 2 angka")]
    [InlineData("73.24.4", "bagian ke-3 harus 2 angka")]
    [InlineData("73.24.04.201", "bagian ke-4 harus 4 angka")]
    [InlineData("73.24.04.20011", "bagian ke-4 harus 4 angka")]
    [InlineData("73.24.04.2001.01", "Kode wilayah \"73.24.04.2001.01\" terlalu panjang: paling banyak empat bagian (contoh 73.24.04.2001).")]
    [InlineData("73.24.04.4001", "Kode wilayah \"73.24.04.4001\": bagian keempat harus diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat).")]
    [InlineData("73.24.04.0001", "bagian keempat harus diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat)")]
    [InlineData("00", "Kode wilayah \"00\" tidak boleh berisi bagian yang semuanya nol.")]
    [InlineData("73.00", "tidak boleh berisi bagian yang semuanya nol")]
    [InlineData("73.00.01", "tidak boleh berisi bagian yang semuanya nol")]
    [InlineData("73.24.00.2001", "tidak boleh berisi bagian yang semuanya nol")]
    [InlineData("73.24.04.0000", "tidak boleh berisi bagian yang semuanya nol")]
    public void TryParse_BadShape_FailsWithIndonesianReason(string? code, string expectedMessage)
    {
        var ok = RegionCode.TryParse(code, out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
        Assert.Contains(expectedMessage, error);
        Assert.False(RegionCode.IsValid(code));
    }

    [Theory]
    [InlineData("73", null)]
    [InlineData("73.24", "73")]
    [InlineData("73.24.04", "73.24")]
    [InlineData("73.24.04.2001", "73.24.04")]
    public void ParentOf_Code_IsTheCodeOneLevelUp(string code, string? expected) =>
        Assert.Equal(expected, RegionCode.ParentOf(code));

    [Fact]
    public void AncestorsOf_Village_ListsProvinceDistrictKecamatanInOrder() =>
        Assert.Equal(["73", "73.24", "73.24.04"], RegionCode.AncestorsOf("73.24.04.2001"));

    [Fact]
    public void AncestorsOf_District_ListsItsProvince() =>
        Assert.Equal(["73"], RegionCode.AncestorsOf("73.24"));

    [Fact]
    public void AncestorsOf_Province_IsEmpty() =>
        Assert.Empty(RegionCode.AncestorsOf("73"));

    [Theory]
    [InlineData("73.24", "73.24", true)]
    [InlineData("73.24.04", "73.24", true)]
    [InlineData("73.24.04.2001", "73.24", true)]
    [InlineData("73.24.04.2001", "73", true)]
    [InlineData("73.24.04.2001", "73.24.04.2001", true)]
    [InlineData("73.2", "73.24", false)]     // a shorter code that is a text prefix is not inside
    [InlineData("73.24", "73.2", false)]     // nor is a district inside a text prefix of its code
    [InlineData("73.240", "73.24", false)]
    [InlineData("73", "73.24", false)]       // the province is above the district, not within it
    [InlineData("73.12.04", "73.24", false)]
    [InlineData("74.24", "73", false)]
    [InlineData("7", "73", false)]
    public void IsWithin_CodeAndScope_IsTrueOnlyForTheScopeAndBelow(string code, string scope, bool expected) =>
        Assert.Equal(expected, RegionCode.IsWithin(code, scope));
}
