namespace TppsPortal.Meetings;

public enum MeetingKind
{
    RakorKabupaten = 1,
    RakorTeknis = 2,
    RembukStunting = 3,
    RakorKecamatan = 4,
    AuditKasusStunting = 5,
    Orientasi = 6,
    Lainnya = 99,
}

/// <summary>Direncanakan, then Selesai (held), then NotulenFinal (minutes locked; changes are amendments).</summary>
public enum MeetingStatus
{
    Direncanakan = 1,
    Selesai = 2,
    NotulenFinal = 3,
}

public enum AttendanceStatus
{
    BelumDicatat = 0,
    Hadir = 1,
    Diwakili = 2,
    TidakHadir = 3,
}

public enum ActionStatus
{
    Belum = 1,
    Proses = 2,
    Selesai = 3,
    Batal = 4,
}

public static class MeetingNames
{
    public static string Display(this MeetingKind kind) => kind switch
    {
        MeetingKind.RakorKabupaten => "Rakor TPPS Kabupaten",
        MeetingKind.RakorTeknis => "Rakor Teknis",
        MeetingKind.RembukStunting => "Rembuk Stunting",
        MeetingKind.RakorKecamatan => "Rakor TPPS Kecamatan",
        MeetingKind.AuditKasusStunting => "Audit Kasus Stunting",
        MeetingKind.Orientasi => "Orientasi",
        MeetingKind.Lainnya => "Lainnya",
        _ => kind.ToString(),
    };

    public static string Display(this MeetingStatus status) => status switch
    {
        MeetingStatus.Direncanakan => "Direncanakan",
        MeetingStatus.Selesai => "Selesai",
        MeetingStatus.NotulenFinal => "Notulen final",
        _ => status.ToString(),
    };

    public static string Display(this AttendanceStatus status) => status switch
    {
        AttendanceStatus.BelumDicatat => "Belum dicatat",
        AttendanceStatus.Hadir => "Hadir",
        AttendanceStatus.Diwakili => "Diwakili",
        AttendanceStatus.TidakHadir => "Tidak hadir",
        _ => status.ToString(),
    };

    public static string Display(this ActionStatus status) => status switch
    {
        ActionStatus.Belum => "Belum",
        ActionStatus.Proses => "Proses",
        ActionStatus.Selesai => "Selesai",
        ActionStatus.Batal => "Batal",
        _ => status.ToString(),
    };

    public static bool IsOpen(this ActionStatus status) => status is ActionStatus.Belum or ActionStatus.Proses;
}
