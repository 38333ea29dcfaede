using Microsoft.Extensions.Logging.Abstractions;
using TppsPortal.Accounts;
using TppsPortal.Common;

namespace TppsPortal.Tests.Accounts;

/// <summary>The access rules on their own, with hand-made actors shaped like the demo accounts: no database.</summary>
public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy Policy = new(NullLogger<AccessPolicy>.Instance);

    private static readonly Actor AdminSistem = new("u-sistem", "admin.sistem", Role.AdminSistem, null, null);
    private static readonly Actor AdminLutim = new("u-lutim", "admin.lutim", Role.AdminSekretariat, "73.24", null);
    private static readonly Actor AdminSoppeng = new("u-soppeng", "admin.soppeng", Role.AdminSekretariat, "73.12", null);
    private static readonly Actor PimpinanLutim = new("u-pimpinan", "pimpinan.lutim", Role.Pimpinan, "73.24", null);
    private static readonly Actor CamatMalili = new("u-malili", "camat.malili", Role.OperatorKecamatan, "73.24.04", null);
    private static readonly Actor OpdLutim = new("u-opd", "opd.dp2kb.lutim", Role.OperatorOpd, "73.24", 2);
    private static readonly Actor PemantauSulsel = new("u-pemantau", "pemantau.sulsel", Role.PemantauProvinsi, "73", null);

    // ----- regions -----

    [Theory]
    [InlineData("73.24.04", true)]
    [InlineData("73.24.04.2001", true)]
    [InlineData("73.24.04.1901", true)]
    [InlineData("73.24.02", false)]
    [InlineData("73.24.02.2001", false)]
    [InlineData("73.24", false)]
    [InlineData("73", false)]
    [InlineData("73.12", false)]
    [InlineData("73.12.04.2001", false)]
    public void CanReadRegion_CamatMalili_ReadsOnlyMalili(string code, bool expected) =>
        Assert.Equal(expected, Policy.CanReadRegion(CamatMalili, code));

    [Theory]
    [InlineData("73.24.04", true)]
    [InlineData("73.24.04.2001", true)]
    [InlineData("73.24", true)]
    [InlineData("73", true)]
    [InlineData("73.24.02", false)]
    [InlineData("73.12", false)]
    [InlineData("74", false)]
    public void CanSeeRegion_CamatMalili_SeesOwnKecamatanAndTheNamesAboveIt(string code, bool expected) =>
        Assert.Equal(expected, Policy.CanSeeRegion(CamatMalili, code));

    [Theory]
    [InlineData("73.24.04.2001", true)]
    [InlineData("73.24.04", true)]
    [InlineData("73.24.02.2001", false)]
    [InlineData("73.24", false)]
    public void CanWriteRegionData_CamatMalili_WritesOnlyMalili(string code, bool expected) =>
        Assert.Equal(expected, Policy.CanWriteRegionData(CamatMalili, code));

    [Theory]
    [InlineData("73.24", true)]
    [InlineData("73.24.02", true)]
    [InlineData("73.24.04.2001", true)]
    [InlineData("73", false)]
    [InlineData("73.12", false)]
    [InlineData("73.12.04.2001", false)]
    public void CanReadRegion_AdminLutim_ReadsTheWholeDistrictOnly(string code, bool expected)
    {
        Assert.Equal(expected, Policy.CanReadRegion(AdminLutim, code));
        Assert.Equal(expected, Policy.CanWriteRegionData(AdminLutim, code));
    }

    [Theory]
    [InlineData("73.24")]
    [InlineData("73.24.04.2001")]
    [InlineData("73.12.04")]
    [InlineData("11.01")]
    public void CanWriteRegionData_AdminSistem_WritesEverywhere(string code)
    {
        Assert.True(Policy.CanReadRegion(AdminSistem, code));
        Assert.True(Policy.CanSeeRegion(AdminSistem, code));
        Assert.True(Policy.CanWriteRegionData(AdminSistem, code));
    }

    [Theory]
    [InlineData("73.24")]
    [InlineData("73.24.04")]
    [InlineData("73.24.04.2001")]
    public void CanWriteRegionData_Pimpinan_ReadsButNeverWrites(string code)
    {
        Assert.True(Policy.CanReadRegion(PimpinanLutim, code));
        Assert.False(Policy.CanWriteRegionData(PimpinanLutim, code));
    }

    [Theory]
    [InlineData("73")]
    [InlineData("73.24")]
    [InlineData("73.12.04.2001")]
    public void CanWriteRegionData_Pemantau_ReadsTheProvinceButNeverWrites(string code)
    {
        Assert.True(Policy.CanReadRegion(PemantauSulsel, code));
        Assert.False(Policy.CanWriteRegionData(PemantauSulsel, code));
    }

    [Fact]
    public void CanReadRegion_Pemantau_DoesNotReadAnotherProvince()
    {
        Assert.False(Policy.CanReadRegion(PemantauSulsel, "74.01"));
        Assert.False(Policy.CanSeeRegion(PemantauSulsel, "74"));
    }

    [Fact]
    public void CanWriteRegionData_OperatorOpd_ReadsTheDistrictButDoesNotWriteRegionFigures()
    {
        Assert.True(Policy.CanReadRegion(OpdLutim, "73.24.04"));
        Assert.False(Policy.CanWriteRegionData(OpdLutim, "73.24.04"));
    }

    [Fact]
    public void CanReadRegion_ScopeThatIsAPrefixOfAnotherCode_DoesNotLeakAcrossTheDot()
    {
        // "73.2" is a string prefix of "73.24" but not its parent; likewise 73.24.1 and 73.24.10/.11.
        var shortScope = CamatMalili with { Role = Role.AdminSekretariat, RegionCode = "73.2" };
        var kecamatanOne = CamatMalili with { RegionCode = "73.24.1" };

        Assert.False(Policy.CanReadRegion(shortScope, "73.24"));
        Assert.False(Policy.CanReadRegion(shortScope, "73.24.04.2001"));
        Assert.False(Policy.CanSeeRegion(AdminLutim, "73.2"));
        Assert.False(Policy.CanReadRegion(AdminLutim, "73.2"));
        Assert.False(Policy.CanReadRegion(kecamatanOne, "73.24.10"));
        Assert.False(Policy.CanReadRegion(kecamatanOne, "73.24.11.2001"));
        Assert.False(Policy.CanManageAgencies(shortScope, "73.24"));
    }

    [Fact]
    public void VisibleRegions_CamatMalili_KeepsOwnKecamatanItsVillagesAndTheAncestorsOnly()
    {
        string[] codes = ["73", "73.24", "73.24.04", "73.24.04.2001", "73.24.02", "73.24.02.2001", "73.12", "73.2", "73.24.040"];
        var regions = codes.Select(c => new TppsPortal.Regions.Region { Code = c, Name = c }).AsQueryable();

        var visible = Policy.VisibleRegions(CamatMalili, regions).Select(r => r.Code).ToList();

        Assert.Equal(["73", "73.24", "73.24.04", "73.24.04.2001"], visible);
    }

    // ----- agencies -----

    [Fact]
    public void CanManageAgencies_OnlyAdmins()
    {
        Assert.True(Policy.CanManageAgencies(AdminSistem));
        Assert.True(Policy.CanManageAgencies(AdminLutim));
        Assert.False(Policy.CanManageAgencies(PimpinanLutim));
        Assert.False(Policy.CanManageAgencies(CamatMalili));
        Assert.False(Policy.CanManageAgencies(OpdLutim));
        Assert.False(Policy.CanManageAgencies(PemantauSulsel));
    }

    [Theory]
    [InlineData("73.24", true)]
    [InlineData("73.24.04", true)]
    [InlineData("73", false)]
    [InlineData("73.12", false)]
    [InlineData("73.12.04", false)]
    public void CanManageAgencies_AdminSekretariat_ManagesItsDistrictAndItsKecamatanOnly(string code, bool expected) =>
        Assert.Equal(expected, Policy.CanManageAgencies(AdminLutim, code));

    [Theory]
    [InlineData("73")]
    [InlineData("73.12")]
    [InlineData("73.24.04")]
    public void CanManageAgencies_AdminSistem_ManagesEverywhere(string code) =>
        Assert.True(Policy.CanManageAgencies(AdminSistem, code));

    [Theory]
    [InlineData("73.24")]
    [InlineData("73.24.04")]
    public void CanManageAgencies_CamatAndPimpinan_NeverManageEvenInScope(string code)
    {
        Assert.False(Policy.CanManageAgencies(CamatMalili, code));
        Assert.False(Policy.CanManageAgencies(PimpinanLutim, code));
        Assert.False(Policy.CanManageAgencies(PemantauSulsel, code));
    }

    [Theory]
    [InlineData("73", true)]
    [InlineData("73.24", true)]
    [InlineData("73.24.04", true)]
    [InlineData("73.24.02", false)]
    [InlineData("73.12", false)]
    public void CanReadAgency_CamatMalili_ReadsAgenciesOfOwnKecamatanAndAbove(string agencyRegion, bool expected) =>
        Assert.Equal(expected, Policy.CanReadAgency(CamatMalili, agencyRegion));

    // ----- users -----

    [Fact]
    public void CanManageUsers_OnlyAdmins()
    {
        Assert.True(Policy.CanManageUsers(AdminSistem));
        Assert.True(Policy.CanManageUsers(AdminLutim));
        Assert.False(Policy.CanManageUsers(PimpinanLutim));
        Assert.False(Policy.CanManageUsers(CamatMalili));
        Assert.False(Policy.CanManageUsers(OpdLutim));
        Assert.False(Policy.CanManageUsers(PemantauSulsel));
    }

    [Fact]
    public void AssignableRoles_AdminSekretariat_CannotGiveAdminSistemNorPemantau()
    {
        var roles = Policy.AssignableRoles(AdminLutim);

        Assert.DoesNotContain(Role.AdminSistem, roles);
        Assert.DoesNotContain(Role.PemantauProvinsi, roles);
        Assert.Contains(Role.OperatorKecamatan, roles);
        Assert.Contains(Role.OperatorOpd, roles);
        Assert.Contains(Role.Pimpinan, roles);
    }

    [Fact]
    public void AssignableRoles_AdminSistem_GivesEveryRole_OthersNone()
    {
        Assert.Equal(Enum.GetValues<Role>().Length, Policy.AssignableRoles(AdminSistem).Count);
        Assert.Empty(Policy.AssignableRoles(PimpinanLutim));
        Assert.Empty(Policy.AssignableRoles(CamatMalili));
        Assert.Empty(Policy.AssignableRoles(OpdLutim));
        Assert.Empty(Policy.AssignableRoles(PemantauSulsel));
    }

    [Theory]
    [InlineData(Role.OperatorKecamatan, "73.24.04", true)]
    [InlineData(Role.OperatorOpd, "73.24", true)]
    [InlineData(Role.Pimpinan, "73.24", true)]
    [InlineData(Role.OperatorKecamatan, "73.12.04", false)]
    [InlineData(Role.Pimpinan, "73.12", false)]
    [InlineData(Role.PemantauProvinsi, "73", false)]
    [InlineData(Role.AdminSistem, null, false)]
    [InlineData(Role.OperatorKecamatan, null, false)]
    public void CanManageUser_AdminLutim_OnlyAssignableRolesWithinItsDistrict(Role role, string? region, bool expected) =>
        Assert.Equal(expected, Policy.CanManageUser(AdminLutim, role, region));

    [Fact]
    public void CanManageUser_AdminSistem_ManagesEveryone()
    {
        Assert.True(Policy.CanManageUser(AdminSistem, Role.AdminSistem, null));
        Assert.True(Policy.CanManageUser(AdminSistem, Role.PemantauProvinsi, "73"));
        Assert.True(Policy.CanManageUser(AdminSistem, Role.OperatorKecamatan, "73.12.04"));
    }

    [Fact]
    public void CanManageUser_NonAdmins_ManageNobody()
    {
        Assert.False(Policy.CanManageUser(CamatMalili, Role.OperatorKecamatan, "73.24.04"));
        Assert.False(Policy.CanManageUser(PimpinanLutim, Role.OperatorOpd, "73.24"));
        Assert.False(Policy.CanManageUser(OpdLutim, Role.OperatorOpd, "73.24"));
    }

    // ----- refusals -----

    [Fact]
    public void DemandReadRegion_OutOfScope_ThrowsWithTheIndonesianMessage()
    {
        var denied = Assert.Throws<AccessDeniedException>(() => Policy.DemandReadRegion(CamatMalili, "73.24.02.2001"));

        Assert.Equal("Anda tidak berwenang mengakses data ini.", denied.Message);
        Assert.Equal(AccessPolicy.DeniedMessage, denied.Message);
    }

    [Fact]
    public void DemandWriteRegionData_ReadOnlyRole_Throws() =>
        Assert.Throws<AccessDeniedException>(() => Policy.DemandWriteRegionData(PimpinanLutim, "73.24.04"));

    [Fact]
    public void DemandManageAgencies_OtherDistrict_Throws() =>
        Assert.Equal(AccessPolicy.DeniedMessage,
            Assert.Throws<AccessDeniedException>(() => Policy.DemandManageAgencies(AdminSoppeng, "73.24")).Message);

    [Fact]
    public void DemandManageUser_AdminSekretariatGivingAdminSistem_Throws() =>
        Assert.Throws<AccessDeniedException>(() => Policy.DemandManageUser(AdminLutim, Role.AdminSistem, null));

    [Fact]
    public void ManageableUsers_Camat_Throws() =>
        Assert.Throws<AccessDeniedException>(() => Policy.ManageableUsers(CamatMalili, Array.Empty<AppUser>().AsQueryable()));

    [Fact]
    public void DemandSeeRegion_InScope_DoesNotThrow()
    {
        Policy.DemandSeeRegion(CamatMalili, "73");
        Policy.DemandReadRegion(CamatMalili, "73.24.04.2001");
        Policy.DemandManageAgencies(AdminLutim, "73.24.04");
    }

    [Fact]
    public void ScopedRoleWithoutRegion_IsRefusedWithItsOwnMessage()
    {
        var broken = AdminLutim with { RegionCode = null };

        Assert.False(Policy.CanReadRegion(broken, "73.24"));
        var denied = Assert.Throws<AccessDeniedException>(() => Policy.ManageableUsers(broken, Array.Empty<AppUser>().AsQueryable()));
        Assert.Contains("belum memiliki wilayah kerja", denied.Message);
    }
}
