namespace TppsPortal.Meetings;

/// <summary>What defines an action: part of the minutes (changing it on final minutes is an amendment).</summary>
public sealed class ActionForm
{
    public string Description { get; set; } = "";
    public int? ResponsibleAgencyId { get; set; }
    public DateOnly? DueDate { get; set; }
    public int? DecisionId { get; set; }
    public string? AreaCode { get; set; }
    public int? BidangId { get; set; }

    /// <summary>Required only when the meeting's minutes are final.</summary>
    public string? AmendmentReason { get; set; }
    public uint Version { get; set; }
}

/// <summary>A status update with a dated progress note: live tracking, allowed after the minutes are final.</summary>
public sealed class ActionProgressForm
{
    public ActionStatus Status { get; set; }
    public DateOnly? Date { get; set; }
    public string Note { get; set; } = "";
    public uint Version { get; set; }
}

public sealed record ActionRow(
    int Id,
    int MeetingId,
    string MeetingTitle,
    DateOnly MeetingDate,
    int Number,
    string Description,
    int ResponsibleAgencyId,
    string ResponsibleAgency,
    DateOnly DueDate,
    ActionStatus Status,
    bool IsOverdue,
    int? DecisionNumber,
    string? AreaCode,
    string? AreaName,
    int? BidangId,
    string? BidangName,
    bool IsExample,
    bool CanUpdate,
    uint Version,
    IReadOnlyList<ProgressView> Progress)
{
    /// <summary>
    /// For the secretariat, on an open action: a wa.me link that asks the responsible agency's operator for progress
    /// (to their number when one operator of the agency gave one, else WhatsApp asks whom to send it to).
    /// </summary>
    public string? WhatsAppReminder { get; init; }
}

/// <summary>The secretariat's ready message for a WhatsApp group: every overdue action, numbered.</summary>
public sealed record OverdueMessage(int Count, string Text, string WhatsAppLink);

public sealed record ProgressView(DateOnly Date, string Note, ActionStatus? StatusAfter, string Author);

public sealed record ActionQuery(
    string? DistrictCode = null,
    int? AgencyId = null,
    ActionStatus? Status = null,
    bool OpenOnly = false,
    bool OverdueOnly = false,
    int? BidangId = null,
    int? MeetingId = null,
    DateOnly? DueFrom = null,
    DateOnly? DueTo = null,
    string? Search = null,
    int Skip = 0,
    int Take = 100);

/// <summary>Attendance of one agency over the meetings it was invited to.</summary>
public sealed record AttendanceRate(int AgencyId, string Agency, int Invited, int Present, int Represented, int Absent, int NotRecorded)
{
    /// <summary>Present or represented, out of the meetings where attendance was recorded.</summary>
    public double? Rate => Invited - NotRecorded == 0 ? null : (Present + Represented) * 100.0 / (Invited - NotRecorded);
}
