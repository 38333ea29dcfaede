namespace TppsPortal.Teams;

/// <summary>A member's place in the TPPS as the SK Bupati names it.</summary>
public enum TeamRole
{
    Pengarah = 1,
    Ketua = 2,
    WakilKetua1 = 3,
    WakilKetua2 = 4,
    WakilKetua3 = 5,
    Sekretaris = 6,
    KoordinatorBidang = 7,
    Anggota = 8,
}

public static class TeamRoleNames
{
    public static string Display(this TeamRole role) => role switch
    {
        TeamRole.Pengarah => "Pengarah",
        TeamRole.Ketua => "Ketua",
        TeamRole.WakilKetua1 => "Wakil Ketua I",
        TeamRole.WakilKetua2 => "Wakil Ketua II",
        TeamRole.WakilKetua3 => "Wakil Ketua III",
        TeamRole.Sekretaris => "Sekretaris",
        TeamRole.KoordinatorBidang => "Koordinator Bidang",
        TeamRole.Anggota => "Anggota",
        _ => role.ToString(),
    };
}
