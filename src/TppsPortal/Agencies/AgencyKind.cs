namespace TppsPortal.Agencies;

/// <summary>What kind of body an agency (instansi) is.</summary>
public enum AgencyKind
{
    Opd = 1,
    KantorKecamatan = 2,
    InstansiVertikal = 3,
    RumahSakit = 4,
    OrganisasiProfesi = 5,
    PerguruanTinggi = 6,
    TimAhli = 7,
    TpPkk = 8,
    Lainnya = 99,
}

public static class AgencyKindNames
{
    public static string Display(this AgencyKind kind) => kind switch
    {
        AgencyKind.Opd => "Perangkat Daerah (OPD)",
        AgencyKind.KantorKecamatan => "Kantor Kecamatan",
        AgencyKind.InstansiVertikal => "Instansi Vertikal",
        AgencyKind.RumahSakit => "Rumah Sakit",
        AgencyKind.OrganisasiProfesi => "Organisasi Profesi",
        AgencyKind.PerguruanTinggi => "Perguruan Tinggi",
        AgencyKind.TimAhli => "Tim Ahli",
        AgencyKind.TpPkk => "TP PKK",
        AgencyKind.Lainnya => "Lainnya",
        _ => kind.ToString(),
    };
}
