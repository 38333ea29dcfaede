namespace TppsPortal.Meetings;

/// <summary>
/// A TPPS meeting (rakor) of a district, or of a kecamatan for kecamatan meetings, from invitation to signed
/// minutes. Agenda, speakers, invitations, attendees and decisions belong to it and are saved with it; the
/// row version covers them all (every save touches the meeting row).
/// </summary>
public sealed class Meeting : Common.ITimestamped
{
    public const int TitleMaxLength = 300;
    public const int VenueMaxLength = 200;
    public const int PersonNameMaxLength = 150;
    public const int PositionMaxLength = 200;
    public const int NipMaxLength = 21;
    public const int TextMaxLength = 20_000;
    public const int SigningPlaceMaxLength = 100;
    public const int MaxOnlineParticipants = 10_000;
    public const int CheckInTokenLength = 32;

    public int Id { get; set; }
    public required string RegionCode { get; set; }
    public MeetingKind Kind { get; set; }
    public required string Title { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }

    /// <summary>WIB, WITA or WIT: meetings are written in local time, as the minutes say it.</summary>
    public string TimeZone { get; set; } = "WITA";
    public string Venue { get; set; } = "";
    public string Purpose { get; set; } = "";

    public string ChairName { get; set; } = "";
    public string ChairPosition { get; set; } = "";
    public string? ChairNip { get; set; }
    public string NoteTakerName { get; set; } = "";
    public string NoteTakerPosition { get; set; } = "";
    public string? NoteTakerNip { get; set; }

    /// <summary>Opening and closing remarks, and anything not tied to an agenda item.</summary>
    public string GeneralNotes { get; set; } = "";

    /// <summary>Where the minutes are signed; empty: the district's seat (the letterhead's signing place).</summary>
    public string SigningPlace { get; set; } = "";

    /// <summary>The date on the signing line; null: the meeting's date.</summary>
    public DateOnly? SigningDate { get; set; }

    /// <summary>For a hybrid meeting: how many took part online (they are not on the signed attendance list).</summary>
    public int OnlineParticipants { get; set; }

    public MeetingStatus Status { get; set; } = MeetingStatus.Direncanakan;
    public DateTimeOffset? FinalizedAt { get; set; }

    /// <summary>Who finalised the minutes, by display name.</summary>
    public string? FinalizedBy { get; set; }

    /// <summary>
    /// The secret in the self check-in link (<c>/hadir/{token}</c>): 128 random bits as hex, given by the database when
    /// the meeting is created (so that showing the link never touches the meeting's row version). The link works on
    /// the meeting's day only.
    /// </summary>
    public string? CheckInToken { get; set; }

    /// <summary>Made-up content in demo data is marked so nobody mistakes it for a published fact.</summary>
    public bool IsExample { get; set; }

    public List<AgendaItem> Agenda { get; set; } = [];
    public List<Speaker> Speakers { get; set; } = [];
    public List<Invitation> Invitations { get; set; } = [];
    public List<Attendee> Attendees { get; set; } = [];
    public List<Decision> Decisions { get; set; } = [];
    public List<Amendment> Amendments { get; set; } = [];
    public List<MinutesVersion> Versions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}

public sealed class AgendaItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }

    /// <summary>Discussion notes of this agenda item (jalannya rapat).</summary>
    public string Notes { get; set; } = "";
}

/// <summary>A narasumber: who spoke, in what capacity, from where, on what.</summary>
public sealed class Speaker
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string Position { get; set; } = "";
    public int? AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }
    public string Origin { get; set; } = "";
    public string Topic { get; set; } = "";
}

/// <summary>An invited agency and whether it came.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }
    public AttendanceStatus Attendance { get; set; }
}

/// <summary>One person on the attendance list: of a registered agency, or a guest from outside the registry.</summary>
public sealed class Attendee
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string Position { get; set; } = "";
    public int? AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>For guests: the organisation as written.</summary>
    public string? GuestOrganisation { get; set; }
}

/// <summary>A numbered decision (kesepakatan/keputusan), optionally tied to a bidang.</summary>
public sealed class Decision
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public int? BidangId { get; set; }
    public Teams.Bidang? Bidang { get; set; }
}

/// <summary>A change to final minutes: why, by whom, when, and what changed.</summary>
public sealed class Amendment
{
    public const int ReasonMaxLength = 2_000;

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string Reason { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>Who amended, by display name.</summary>
    public required string AmendedBy { get; set; }
    public DateTimeOffset AmendedAt { get; set; }
}
