namespace TppsPortal.Convergence;

/// <summary>Every district of a province for one year, side by side, with the province's scores and the ranking.</summary>
public sealed record AssessmentBoard(
    string ProvinceCode,
    string ProvinceName,
    int Year,
    IReadOnlyList<DistrictAssessmentRow> Districts,
    IReadOnlyList<DistrictAssessmentRow> Ranking);

/// <summary>
/// One district on the board: its cycle's 8 aksi (status and evidence count), its scores, the total (sum of the
/// scores given) and how many aksi are scored, and whether the assessment is published.
/// </summary>
public sealed record DistrictAssessmentRow(
    string DistrictCode,
    string DistrictName,
    bool HasCycle,
    IReadOnlyList<AksiAssessmentLine> Aksi,
    bool HasAssessment,
    bool IsPublished,
    int? Rank)
{
    public int Scored => Aksi.Count(a => a.Score is not null);

    /// <summary>Sum of the scores given; null when none is.</summary>
    public int? Total => Scored == 0 ? null : Aksi.Sum(a => a.Score ?? 0);

    public int SelesaiCount => Aksi.Count(a => a.Status == AksiStatus.Selesai);
}

/// <summary>One aksi of a district's cycle as the assessor sees it. Status is null when the district has no cycle yet.</summary>
public sealed record AksiAssessmentLine(int Number, AksiStatus? Status, int EvidenceCount, int? Score, string Comment)
{
    public string Name => Aksi.Of(Number).Name;
}

/// <summary>An evidence item listed for the assessor (the document itself is downloaded at <c>/aksi/bukti/{id}</c>).</summary>
public sealed record EvidenceLine(int Id, EvidenceKind Kind, string Title, string? FileName, DateOnly? DocumentDate, string UploadedBy);

/// <summary>One aksi in the scoring form: what the district did, and what the province gives.</summary>
public sealed class AksiScoreInput
{
    public int Number { get; set; }

    /// <summary>0 to 100; empty while not scored.</summary>
    public int? Score { get; set; }

    public string Comment { get; set; } = "";

    // What the district shows for it (read only in the form).
    public AksiStatus? Status { get; set; }
    public int? PlannedMonth { get; set; }
    public List<EvidenceLine> Evidence { get; set; } = [];

    public string Name => Aksi.Of(Number).Name;

    public static string ScoreField(int number) => $"Score{number}";

    public static string CommentField(int number) => $"Comment{number}";
}

/// <summary>The scoring form of one district and year, with the row version it was read at.</summary>
public sealed class AssessmentForm
{
    public string DistrictCode { get; set; } = "";
    public string DistrictName { get; set; } = "";
    public int Year { get; set; }

    /// <summary>The assessment's row version when read; null when there was none yet.</summary>
    public uint? Version { get; set; }

    public bool HasCycle { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public bool IsPublished => PublishedAt is not null;
    public List<AksiScoreInput> Aksi { get; set; } = [];

    public int Scored => Aksi.Count(a => a.Score is not null);
    public int Total => Aksi.Sum(a => a.Score ?? 0);
}

/// <summary>What a district sees of its published assessment: scores, comments, total and its place in the province.</summary>
public sealed record PublishedAssessment(
    string DistrictCode,
    string DistrictName,
    int Year,
    IReadOnlyList<AksiAssessmentLine> Aksi,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    int Rank,
    int RankedCount)
{
    public int Total => Aksi.Sum(a => a.Score ?? 0);
    public int Scored => Aksi.Count(a => a.Score is not null);
}
