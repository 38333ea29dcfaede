using System.ComponentModel.DataAnnotations;

namespace TppsPortal.Meetings;

/// <summary>
/// Everything the meeting editor edits, saved as one unit with the meeting's row version. The service checks
/// every field with <see cref="MeetingFormRules"/> against the column limits on <see cref="Meeting"/>.
/// </summary>
public sealed class MeetingForm
{
    [Required(ErrorMessage = "Judul rapat wajib diisi.")]
    [StringLength(Meeting.TitleMaxLength, ErrorMessage = "Judul paling banyak {1} karakter.")]
    public string Title { get; set; } = "";

    public MeetingKind Kind { get; set; } = MeetingKind.RakorKabupaten;

    [Required(ErrorMessage = "Wilayah rapat wajib dipilih.")]
    public string RegionCode { get; set; } = "";

    [Required(ErrorMessage = "Tanggal rapat wajib diisi.")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Jam mulai wajib diisi.")]
    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }
    public string TimeZone { get; set; } = "WITA";

    [Required(ErrorMessage = "Tempat rapat wajib diisi.")]
    [StringLength(Meeting.VenueMaxLength, ErrorMessage = "Tempat paling banyak {1} karakter.")]
    public string Venue { get; set; } = "";

    public string Purpose { get; set; } = "";
    public string ChairName { get; set; } = "";
    public string ChairPosition { get; set; } = "";
    public string? ChairNip { get; set; }
    public string NoteTakerName { get; set; } = "";
    public string NoteTakerPosition { get; set; } = "";
    public string? NoteTakerNip { get; set; }
    public string GeneralNotes { get; set; } = "";

    /// <summary>Where the minutes are signed; empty: the district's seat.</summary>
    public string SigningPlace { get; set; } = "";

    /// <summary>The date on the signing line; empty: the meeting's date.</summary>
    public DateOnly? SigningDate { get; set; }

    /// <summary>Participants who joined online (hybrid meetings).</summary>
    public int OnlineParticipants { get; set; }

    public List<AgendaForm> Agenda { get; set; } = [];
    public List<SpeakerForm> Speakers { get; set; } = [];
    public List<InvitationForm> Invitations { get; set; } = [];
    public List<AttendeeForm> Attendees { get; set; } = [];
    public List<DecisionForm> Decisions { get; set; } = [];

    /// <summary>Required only when the minutes are final: why they are amended.</summary>
    public string? AmendmentReason { get; set; }

    /// <summary>The row version as loaded.</summary>
    public uint Version { get; set; }
}

public sealed class AgendaForm
{
    public string Title { get; set; } = "";
    public string Notes { get; set; } = "";
}

public sealed class SpeakerForm
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public int? AgencyId { get; set; }
    public string Origin { get; set; } = "";
    public string Topic { get; set; } = "";
}

public sealed class InvitationForm
{
    public int AgencyId { get; set; }
    public AttendanceStatus Attendance { get; set; }
}

public sealed class AttendeeForm
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public int? AgencyId { get; set; }
    public string? GuestOrganisation { get; set; }
}

public sealed class DecisionForm
{
    /// <summary>Kept on edit so that actions tied to the decision stay tied; 0 for a new decision.</summary>
    public int Id { get; set; }
    public string Text { get; set; } = "";
    public int? BidangId { get; set; }
}

/// <summary>A meeting as the list shows it.</summary>
public sealed record MeetingListItem(
    int Id,
    string RegionCode,
    string RegionName,
    MeetingKind Kind,
    string Title,
    DateOnly Date,
    TimeOnly StartTime,
    string TimeZone,
    string Venue,
    MeetingStatus Status,
    int AttendeeCount,
    int DecisionCount,
    bool IsExample);

public sealed record MeetingQuery(
    string? RegionCode = null,
    MeetingStatus? Status = null,
    int? Year = null,
    string? Search = null,
    int Skip = 0,
    int Take = 50);

/// <summary>A meeting loaded for the editor: the form plus what is shown but not edited.</summary>
public sealed record MeetingDetails(
    int Id,
    MeetingForm Form,
    MeetingStatus Status,
    string RegionName,
    string DistrictCode,
    bool IsExample,
    bool CanEdit,
    DateTimeOffset? FinalizedAt,
    string? FinalizedBy,
    IReadOnlyList<AmendmentView> Amendments,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy);

public sealed record AmendmentView(DateTimeOffset At, string By, string Reason, string Summary);
