using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Regions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Regions;

/// <summary>Browsing and searching the demo tree; these tests only read, so they share one database.</summary>
public sealed class RegionServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] LuwuTimurKecamatan =
        ["73.24.01", "73.24.02", "73.24.03", "73.24.04", "73.24.05", "73.24.06", "73.24.07", "73.24.08", "73.24.09", "73.24.10", "73.24.11"];

    [Fact]
    public async Task Browse_CamatWithoutCode_StartsAtMaliliWithItsVillages()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var view = await fixture.Get<RegionService>().BrowseAsync(camat, null);

        Assert.NotNull(view.Region);
        Assert.Equal("73.24.04", view.Region.Code);
        Assert.Equal("Malili", view.Region.Name);
        Assert.Equal(RegionLevel.Kecamatan, view.Region.Level);
        Assert.Equal(["73", "73.24"], view.Path.Select(p => p.Code));
        Assert.Equal(4, view.Children.Count);
        Assert.All(view.Children, c => Assert.Equal("73.24.04", c.ParentCode));
        Assert.All(view.Children, c => Assert.True(c.IsExample));
        Assert.Contains(view.Children, c => c.Level == RegionLevel.Kelurahan);
        Assert.Contains(view.Children, c => c.Level == RegionLevel.Desa);
        Assert.Equal(4, view.Region.ChildCount);
    }

    [Fact]
    public async Task Browse_CamatOtherKecamatan_IsDenied()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<RegionService>().BrowseAsync(camat, "73.24.02"));
    }

    [Fact]
    public async Task Browse_CamatVillageOfOtherKecamatan_IsDenied()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<RegionService>().BrowseAsync(camat, "73.24.02.2901"));
    }

    [Fact]
    public async Task Browse_CamatDistrictAboveScope_ShowsItsNameButOnlyTheCamatsKecamatan()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var view = await fixture.Get<RegionService>().BrowseAsync(camat, "73.24");

        Assert.NotNull(view.Region);
        Assert.Equal("Kabupaten Luwu Timur", view.Region.Name);
        var only = Assert.Single(view.Children);
        Assert.Equal("73.24.04", only.Code);
        Assert.Equal(4, only.ChildCount);
        // Not even the number of the other kecamatan shows.
        Assert.Equal(1, view.Region.ChildCount);
    }

    [Fact]
    public async Task Browse_CamatProvinceAboveScope_ShowsOnlyTheOwnDistrictWithOneKecamatan()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var view = await fixture.Get<RegionService>().BrowseAsync(camat, "73");

        var district = Assert.Single(view.Children);
        Assert.Equal("73.24", district.Code);
        Assert.Equal(1, district.ChildCount);
        Assert.DoesNotContain(view.Children, c => c.Code == "73.12");
    }

    [Fact]
    public async Task Browse_AdminLutimOwnDistrict_SeesAllElevenKecamatan()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var view = await fixture.Get<RegionService>().BrowseAsync(admin, "73.24");

        Assert.Equal(LuwuTimurKecamatan, view.Children.Select(c => c.Code));
        Assert.Equal(11, view.Region!.ChildCount);
        Assert.All(view.Children, c => Assert.Equal(4, c.ChildCount));
    }

    [Fact]
    public async Task Browse_AdminSoppengOtherDistrict_IsDenied()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<RegionService>().BrowseAsync(admin, "73.24"));
    }

    [Fact]
    public async Task Browse_AdminSistemWithoutCode_ShowsTheProvinces()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var view = await fixture.Get<RegionService>().BrowseAsync(admin, null);

        Assert.Null(view.Region);
        Assert.Empty(view.Path);
        var province = Assert.Single(view.Children);
        Assert.Equal(("73", "Sulawesi Selatan", RegionLevel.Provinsi, 2), (province.Code, province.Name, province.Level, province.ChildCount));
    }

    [Fact]
    public async Task Browse_PemantauProvinsiWithoutCode_SeesBothDistricts()
    {
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");

        var view = await fixture.Get<RegionService>().BrowseAsync(pemantau, null);

        Assert.Equal("73", view.Region!.Code);
        Assert.Equal(["73.12", "73.24"], view.Children.Select(c => c.Code));
        Assert.Equal([8, 11], view.Children.Select(c => c.ChildCount));
    }

    [Fact]
    public async Task Browse_UnknownCodeWithinScope_GivesAnEmptyView()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var view = await fixture.Get<RegionService>().BrowseAsync(admin, "73.24.99");

        Assert.Null(view.Region);
        Assert.Empty(view.Children);
    }

    [Theory]
    [InlineData("bukan-kode")]
    [InlineData("73.24.4")]
    public async Task Browse_MalformedCode_GivesAnEmptyViewNotARefusal(string code)
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var view = await fixture.Get<RegionService>().BrowseAsync(camat, code);

        Assert.Null(view.Region);
    }

    [Fact]
    public async Task Browse_ScopedRoleWithoutRegion_IsDenied()
    {
        var broken = new Actor("x", "pimpinan.tanpa.wilayah", Role.Pimpinan, null, null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Get<RegionService>().BrowseAsync(broken, null));
    }

    [Fact]
    public async Task Search_CamatForAnotherKecamatan_FindsNothing()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var hits = await fixture.Get<RegionService>().SearchAsync(camat, "Nuha");

        Assert.Empty(hits);
    }

    [Fact]
    public async Task Search_CamatForTheDistrictAboveScope_FindsNothing()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var hits = await fixture.Get<RegionService>().SearchAsync(camat, "Luwu");

        Assert.Empty(hits);
    }

    [Fact]
    public async Task Search_AdminLutimForNuha_FindsTheKecamatanFirst()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var hits = await fixture.Get<RegionService>().SearchAsync(admin, "nuha");

        Assert.Equal("73.24.02", hits[0].Code);
        Assert.Equal(RegionLevel.Kecamatan, hits[0].Level);
        Assert.Equal("Kabupaten Luwu Timur", hits[0].ParentName);
        Assert.All(hits.Skip(1), h => Assert.Equal("73.24.02", h.ParentCode));
        Assert.All(hits.Skip(1), h => Assert.Equal("Nuha", h.ParentName));
    }

    [Fact]
    public async Task Search_ByCodePrefix_FindsOnlyWithinScope()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var hits = await fixture.Get<RegionService>().SearchAsync(admin, "73.24.0");

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith("73.24.0", h.Code));
        Assert.Equal(9, hits.Count(h => h.Level == RegionLevel.Kecamatan));
    }

    [Fact]
    public async Task Search_ProvinceCodeAsSoppengAdmin_FindsOnlySoppeng()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        var hits = await fixture.Get<RegionService>().SearchAsync(admin, "73");

        Assert.Equal("73.12", hits[0].Code);
        Assert.All(hits, h => Assert.True(RegionCode.IsWithin(h.Code, "73.12"), h.Code));
    }

    [Fact]
    public async Task Search_AdminSistemAnywhere_IsLimitedAndOrderedByDepthThenCode()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var hits = await fixture.Get<RegionService>().SearchAsync(admin, "contoh");

        Assert.Equal(RegionService.SearchLimit, hits.Count);
        // Desa (29nn) and kelurahan (19nn) are one depth, so the kelurahan of a kecamatan comes before its desa.
        Assert.Equal(hits.OrderBy(h => h.Code.Length).ThenBy(h => h.Code, StringComparer.Ordinal).Select(h => h.Code), hits.Select(h => h.Code));
        Assert.Equal("73.12.01.1901", hits[0].Code);
    }

    [Fact]
    public async Task Search_ExactAndLeadingNameMatches_ComeBeforeOtherMatches()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        var hits = await fixture.Get<RegionService>().SearchAsync(admin, "LILIR");

        // Liliriaja and Lilirilau start with the term; their villages ("Desa Liliriaja Contoh 1") only contain it.
        Assert.Equal(["73.12.02", "73.12.03"], hits.Take(2).Select(h => h.Code));
        Assert.All(hits.Skip(2), h => Assert.Equal(RegionLevel.Kecamatan.Depth() + 1, h.Level.Depth()));

        var exact = await fixture.Get<RegionService>().SearchAsync(admin, "ganra");
        Assert.Equal("73.12.07", exact[0].Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("  M  ")]
    public async Task Search_ShorterThanTwoCharacters_ReturnsNothing(string term)
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        Assert.Empty(await fixture.Get<RegionService>().SearchAsync(admin, term));
    }

    [Fact]
    public async Task Search_WildcardCharacters_AreTakenLiterally()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        Assert.Empty(await fixture.Get<RegionService>().SearchAsync(admin, "%_"));
    }

    [Fact]
    public async Task Names_CodesBesideTheScope_AreLeftOut()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var names = await fixture.Get<RegionService>().NamesAsync(camat, ["73", "73.24", "73.24.04", "73.24.02", "73.12"]);

        Assert.Equal(["73", "73.24", "73.24.04"], names.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_KecamatanForAdminLutim_ListsTheElevenInCodeOrder()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var list = await fixture.Get<RegionService>().ListAsync(admin, RegionLevel.Kecamatan);

        Assert.Equal(LuwuTimurKecamatan, list.Select(r => r.Code));
    }
}
