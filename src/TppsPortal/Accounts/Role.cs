using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>The seven roles of the portal. Every user has exactly one, with a scope that fits it.</summary>
public enum Role
{
    /// <summary>Everything, everywhere. No scope.</summary>
    AdminSistem = 1,
    /// <summary>One district: manages its data and users.</summary>
    AdminSekretariat = 2,
    /// <summary>One district, read only.</summary>
    Pimpinan = 3,
    /// <summary>One kecamatan: the camat or the kecamatan's operator.</summary>
    OperatorKecamatan = 4,
    /// <summary>One agency in one district.</summary>
    OperatorOpd = 5,
    /// <summary>One province, read only.</summary>
    PemantauProvinsi = 6,
    /// <summary>The whole country, read only: no scope (the national view and every area's data, never a change).</summary>
    PemantauNasional = 7,
}

public static class RoleInfo
{
    public static string Display(this Role role) => role switch
    {
        Role.AdminSistem => "Admin Sistem",
        Role.AdminSekretariat => "Admin Sekretariat",
        Role.Pimpinan => "Pimpinan",
        Role.OperatorKecamatan => "Operator Kecamatan / Camat",
        Role.OperatorOpd => "Operator OPD",
        Role.PemantauProvinsi => "Pemantau Provinsi",
        Role.PemantauNasional => "Pemantau Nasional",
        _ => role.ToString(),
    };

    /// <summary>The level of region a user of this role is scoped to; null for Admin Sistem and Pemantau Nasional (no scope).</summary>
    public static RegionLevel? ScopeLevel(this Role role) => role switch
    {
        Role.AdminSistem or Role.PemantauNasional => null,
        Role.AdminSekretariat or Role.Pimpinan or Role.OperatorOpd => RegionLevel.KabupatenKota,
        Role.OperatorKecamatan => RegionLevel.Kecamatan,
        Role.PemantauProvinsi => RegionLevel.Provinsi,
        _ => null,
    };

    public static bool IsReadOnly(this Role role) => role is Role.Pimpinan or Role.PemantauProvinsi or Role.PemantauNasional;

    /// <summary>Reads the data of every area (Admin Sistem, and the read-only Pemantau Nasional): no scope limits reading.</summary>
    public static bool ReadsEverywhere(this Role role) => role is Role.AdminSistem or Role.PemantauNasional;

    /// <summary>Reads more than one district, so the district pages let them pick one (Admin Sistem and both monitors).</summary>
    public static bool PicksDistrict(this Role role) => role is Role.AdminSistem or Role.PemantauNasional or Role.PemantauProvinsi;
}
