namespace TppsPortal.Meetings;

/// <summary>
/// A follow-up action (rencana tindak lanjut) agreed in a meeting. It lives on across meetings until it is done
/// or cancelled: later meetings of the district show it as "Tindak lanjut rapat sebelumnya", and updating it
/// there updates this same row.
/// </summary>
public sealed class FollowUpAction : Common.ITimestamped
{
    public const int DescriptionMaxLength = 2_000;

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }

    /// <summary>The district of the meeting (kept here so that scope checks and the tracker need no join).</summary>
    public required string DistrictCode { get; set; }
    public int? DecisionId { get; set; }
    public Decision? Decision { get; set; }
    public int Number { get; set; }
    public required string Description { get; set; }
    public int ResponsibleAgencyId { get; set; }
    public Agencies.Agency? ResponsibleAgency { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.Belum;

    /// <summary>The kecamatan or desa the action concerns, if any.</summary>
    public string? AreaCode { get; set; }
    public int? BidangId { get; set; }
    public Teams.Bidang? Bidang { get; set; }
    public bool IsExample { get; set; }
    public List<ActionProgress> Progress { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}

/// <summary>A dated progress note on an action.</summary>
public sealed class ActionProgress
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public DateOnly Date { get; set; }
    public required string Note { get; set; }
    public ActionStatus? StatusAfter { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
