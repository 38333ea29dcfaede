using System.ComponentModel.DataAnnotations;

namespace TppsPortal.Agencies;

/// <summary>What the agency form edits. Checked again in <see cref="AgencyService"/>.</summary>
public sealed class AgencyForm
{
    [Required(ErrorMessage = "Nama instansi wajib diisi.")]
    [StringLength(Agency.NameMaxLength, ErrorMessage = "Nama instansi paling banyak 200 karakter.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Singkatan wajib diisi.")]
    [StringLength(Agency.ShortNameMaxLength, ErrorMessage = "Singkatan paling banyak 40 karakter.")]
    public string ShortName { get; set; } = "";

    [Required(ErrorMessage = "Jenis instansi wajib dipilih.")]
    public AgencyKind? Kind { get; set; }

    /// <summary>The district (or province, or kecamatan for a kantor kecamatan) the agency belongs to.</summary>
    [Required(ErrorMessage = "Wilayah instansi wajib dipilih.")]
    public string? RegionCode { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The row version as loaded; a stale one means someone else saved first.</summary>
    public uint Version { get; set; }
}

public sealed record AgencyRow(
    int Id, string Name, string ShortName, AgencyKind Kind, string RegionCode, string RegionName, bool IsActive, uint Version);

public sealed record AgencyQuery(
    string? Search = null,
    AgencyKind? Kind = null,
    string? RegionCode = null,
    bool IncludeInactive = false,
    int Skip = 0,
    int Take = 50,
    int? Id = null);
