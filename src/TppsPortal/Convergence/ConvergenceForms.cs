using TppsPortal.Common;

namespace TppsPortal.Convergence;

/// <summary>A district's board of one year: the 8 aksi, or nothing yet (<see cref="Exists"/> false) for a reader.</summary>
public sealed record AksiBoard(
    string DistrictCode,
    string DistrictName,
    int Year,
    bool Exists,
    bool CanManage,
    IReadOnlyList<AksiRow> Rows,
    AksiSummary Summary,
    IReadOnlyList<int> Years);

/// <summary>How far a year's cycle is: "5 dari 8 aksi selesai", how many are late, how many have no evidence.</summary>
public sealed record AksiSummary(string DistrictCode, int Year, bool Exists, int Done, int Total, int Late, int Missing)
{
    /// <summary>"5 dari 8 aksi selesai", or that the cycle has not been started.</summary>
    public string Text => Exists ? $"{Done} dari {Total} aksi selesai" : $"Siklus aksi konvergensi {Year} belum dimulai";

    /// <summary>"2 aksi terlambat" or "" when none is.</summary>
    public string LateText => Late > 0 ? $"{Late} aksi terlambat" : "";
}

/// <summary>One aksi of a board, as the page shows it.</summary>
public sealed record AksiRow(
    int Id,
    int Number,
    string Name,
    string Purpose,
    string ExpectedEvidence,
    int? ResponsibleAgencyId,
    string? ResponsibleAgency,
    int PlannedMonth,
    AksiStatus Status,
    DateOnly? CompletedOn,
    bool IsLate,
    string Notes,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt,
    uint Version,
    bool CanEdit,
    bool CanAddEvidence,
    IReadOnlyList<EvidenceView> Evidence)
{
    /// <summary>"Aksi 3: Rembuk stunting".</summary>
    public string Title => Aksi.Title(Number);

    public int EvidenceCount => Evidence.Count;

    /// <summary>"Belum ada bukti".</summary>
    public bool IsMissing => Evidence.Count == 0;

    /// <summary>The planned month in words, e.g. "Maret 2026" (needs the cycle's year).</summary>
    public string PlannedText(int year) => IndonesianFormat.MonthYear(year, PlannedMonth);
}

/// <summary>One evidence item: an uploaded document (download through <see cref="Url"/>) or a link to what the portal holds.</summary>
public sealed record EvidenceView(
    int Id,
    EvidenceKind Kind,
    string Title,
    DateOnly? DocumentDate,
    string? FileName,
    string? ContentType,
    long? SizeBytes,
    int? TargetId,
    string Url,
    string? Detail,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    bool CanRemove)
{
    public string KindText => Kind switch
    {
        EvidenceKind.File => "Dokumen",
        EvidenceKind.Meeting => "Rapat",
        EvidenceKind.TeamDecree => "SK TPPS",
        EvidenceKind.ApprovedFigures => "Data disetujui",
        _ => Kind.ToString(),
    };
}

/// <summary>The editable part of one aksi.</summary>
public sealed class AksiItemForm
{
    public int? ResponsibleAgencyId { get; set; }
    public int PlannedMonth { get; set; }
    public AksiStatus Status { get; set; }
    public string Notes { get; set; } = "";
    public uint Version { get; set; }
}

/// <summary>An uploaded document: its bytes as they came, the name the person's file had, and what they typed.</summary>
public sealed class EvidenceUploadForm
{
    public string Title { get; set; } = "";
    public DateOnly? DocumentDate { get; set; }
    public string? FileName { get; set; }
    public byte[]? Content { get; set; }

    /// <summary>
    /// Set by a front end that refused to read a file over the limit: its size, so that the service's message says it.
    /// </summary>
    public long? RefusedSize { get; set; }
}

/// <summary>A link to a meeting, the team's SK or a period's approved figures.</summary>
public sealed class EvidenceLinkForm
{
    public EvidenceKind Kind { get; set; } = EvidenceKind.Meeting;

    /// <summary>The meeting or decree id; for approved figures the period key yyyyMM.</summary>
    public int? TargetId { get; set; }

    /// <summary>Empty: the linked record's own title.</summary>
    public string Title { get; set; } = "";
    public DateOnly? DocumentDate { get; set; }
}

/// <summary>Something of the portal that can be linked as evidence of an aksi.</summary>
public sealed record LinkChoice(EvidenceKind Kind, int TargetId, string Title, string Detail, DateOnly? Date, bool Suggested);

/// <summary>A stored evidence document, for a download.</summary>
public sealed record EvidenceDownload(string FileName, string ContentType, byte[] Content);
