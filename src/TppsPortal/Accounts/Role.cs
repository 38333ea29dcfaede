using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>The six roles of the portal. Every user has exactly one, with a scope that fits it.</summary>
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
        _ => role.ToString(),
    };

    /// <summary>The level of region a user of this role is scoped to; null for Admin Sistem (no scope).</summary>
    public static RegionLevel? ScopeLevel(this Role role) => role switch
    {
        Role.AdminSistem => null,
        Role.AdminSekretariat or Role.Pimpinan or Role.OperatorOpd => RegionLevel.KabupatenKota,
        Role.OperatorKecamatan => RegionLevel.Kecamatan,
        Role.PemantauProvinsi => RegionLevel.Provinsi,
        _ => null,
    };

    public static bool IsReadOnly(this Role role) => role is Role.Pimpinan or Role.PemantauProvinsi;
}
