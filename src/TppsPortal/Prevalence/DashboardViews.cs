using TppsPortal.Common;
using TppsPortal.Regions;

namespace TppsPortal.Prevalence;

/// <summary>What the dashboard shows: an area (null = the actor's own), an indicator, one source or all, a month of approved forms.</summary>
public sealed record DashboardQuery(string? RegionCode = null, string IndicatorCode = "stunting", string? SourceCode = null, int? PeriodKey = null);

public sealed record AreaRef(string Code, string Name, RegionLevel Level)
{
    public string LevelName => Level switch
    {
        RegionLevel.Provinsi => "Provinsi",
        RegionLevel.KabupatenKota => "Kabupaten/Kota",
        RegionLevel.Kecamatan => "Kecamatan",
        RegionLevel.Kelurahan => "Kelurahan",
        _ => "Desa",
    };

    /// <summary>
    /// "Kecamatan Malili", "Desa Balantang"; the level is said once: a name that already begins with its level
    /// ("Desa Mangkutana Contoh 2", "Kelurahan Malili") is not prefixed again.
    /// </summary>
    public string Title => Level switch
    {
        RegionLevel.Provinsi or RegionLevel.KabupatenKota => Name,
        _ when Name.StartsWith(LevelName + " ", StringComparison.OrdinalIgnoreCase) => Name,
        _ => $"{LevelName} {Name}",
    };
}

/// <summary>A step of the breadcrumb; <see cref="CanOpen"/> is false above the actor's scope.</summary>
public sealed record Crumb(AreaRef Area, bool CanOpen);

public sealed record Option(string Code, string Name);

public sealed record FigureRef(decimal Value, string SourceCode, string SourceName, SourceKind Kind, int Year, int? Month, bool IsExample, string Citation)
{
    public string Period => Month is { } m ? IndonesianFormat.MonthYear(Year, m) : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The headline: two facts, the latest survey estimate and the latest routine measurement (each chosen by its
/// source's kind), and where the area stands against the target path that applies this year.
/// </summary>
/// <param name="Path">The path that applies this year: the area's own while it runs, else a province's or the national one (<see cref="TargetMath.Applicable"/>); null when there is none.</param>
/// <param name="PathNote">One line when the area's own path has ended or is missing, naming what it is measured against instead.</param>
/// <param name="Baseline">The own path's baseline; null for a reference path.</param>
/// <param name="Judged">The figure measured against the path: the own path's baseline series, else the latest survey figure.</param>
public sealed record Headline(
    FigureRef? Survey,
    FigureRef? Routine,
    int Year,
    AppliedPath? Path,
    string? PathNote,
    FigureRef? Baseline,
    FigureRef? Judged,
    decimal? TargetThisYear,
    TargetStatus? Status)
{
    /// <summary>
    /// The judged figure minus this year's target of the applying path, in points (positive = above target). A
    /// routine weighing figure is never measured against a survey-based target.
    /// </summary>
    public decimal? Gap => Judged is { } j && TargetThisYear is { } t ? j.Value - t : null;
}

/// <summary>The target path drawn on the chart: the path that applies this year, its baseline first when it has one.</summary>
public sealed record TargetLine(string SourceName, IReadOnlyList<(int Year, decimal Value)> Points, bool IsExample, string Citation)
{
    /// <summary>"Jalur target Provinsi Sulawesi Selatan (data dasar SKI)".</summary>
    public string Name { get; init; } = "Jalur target";
}

/// <summary>One area below the one shown, for the period chosen.</summary>
public sealed record RankingRow(
    AreaRef Area,
    bool CanOpen,
    decimal? Value,
    int? Numerator,
    int Measured,
    int Registered,
    decimal? Previous,
    string? PreviousPeriod,
    int VillagesTotal,
    int VillagesReported,
    bool IsExample)
{
    /// <summary>Below this many children measured a prevalence moves by several points with one child: the dashboard warns.</summary>
    public const int FewMeasured = 50;

    public decimal? Coverage => Registered > 0 ? Math.Round(Measured * 100m / Registered, 1) : null;
    public decimal? Change => Value is { } v && Previous is { } p ? v - p : null;
    public int VillagesNotReported => Math.Max(0, VillagesTotal - VillagesReported);
    public bool HasFewMeasured => Value is not null && Measured < FewMeasured;

    /// <summary>For a province view: the district's latest survey figure, this year's target, and its reporting.</summary>
    public FigureRef? Survey { get; init; }
    public decimal? TargetThisYear { get; init; }

    /// <summary>Whose path <see cref="TargetThisYear"/> is from (the district's own, the province's or the national one).</summary>
    public string? TargetName { get; init; }

    /// <summary>The district's own path, its province's, or the national one.</summary>
    public PathKind? TargetKind { get; init; }
    public bool? OnTrack { get; init; }
    public int? FormsApproved { get; init; }
    public int? FormsTotal { get; init; }

    /// <summary>For the national view: open follow-up actions past due in the province's districts.</summary>
    public int? OverdueActions { get; init; }

    /// <summary>For the national view: this year's aksi konvergensi done, out of all aksi of the districts that started the cycle.</summary>
    public int? AksiDone { get; init; }
    public int? AksiTotal { get; init; }
}

public sealed record Ranking(string ChildLevel, int? PeriodKey, IReadOnlyList<RankingRow> Rows)
{
    public string Period => PeriodKey is { } k ? IndonesianFormat.MonthYear(k / 100, k % 100) : "-";
}

/// <summary>How far the kecamatan forms of the current period have come.</summary>
public sealed record Completeness(string Period, int Total, int NotStarted, int Draft, int Submitted, int Returned, int Approved, int Late)
{
    public decimal Percent => Total == 0 ? 0 : Math.Round(Approved * 100m / Total, 0);
}

/// <summary>
/// Completeness as a kecamatan or a village sees it: its kecamatan's form of the latest period the district opened,
/// and, for a kecamatan, how many of its villages have a figure in it; for a village, whether its own row does.
/// <see cref="Status"/> is null while the camat has not started the form.
/// </summary>
public sealed record FormProgress(string Period, string KecamatanName, Submissions.ReportStatus? Status, bool Late, int VillagesTotal, int VillagesFilled, bool? VillageFilled)
{
    public string StatusName => Status is { } s ? Submissions.ReportStatusNames.Display(s) : "Belum dimulai";
}

/// <summary>Overdue actions of one agency; <see cref="RegionName"/> tells apart the same office of two districts on a province's dashboard.</summary>
public sealed record AgencyOverdue(int AgencyId, string AgencyName, string ShortName, string RegionName, int Count, DateOnly OldestDue);

public sealed record MeetingItem(int Id, string Title, string Kind, DateOnly Date, string Status, string RegionName);

public sealed record DashboardView(
    AreaRef Area,
    IReadOnlyList<Crumb> Breadcrumbs,
    string IndicatorCode,
    string IndicatorName,
    string? SourceCode,
    IReadOnlyList<Option> Indicators,
    IReadOnlyList<Option> Sources,
    IReadOnlyList<int> Periods,
    Headline Headline,
    IReadOnlyList<Series> Series,
    TargetLine? Target,
    Ranking? Ranking,
    Completeness? Completeness,
    IReadOnlyList<AgencyOverdue> Overdue,
    IReadOnlyList<MeetingItem> RecentMeetings,
    IReadOnlyList<MeetingItem> UpcomingMeetings,
    DateOnly Today)
{
    public bool HasForms => PrevalenceService.FormIndicators.Contains(IndicatorCode);

    /// <summary>The month of approved forms shown (ranking, village figures); null when the area has none.</summary>
    public int? PeriodKey { get; init; }

    /// <summary>The area's own figure from the approved forms in <see cref="PeriodKey"/> (what a village dashboard shows for the month chosen).</summary>
    public SeriesPoint? PeriodFigure { get; init; }

    /// <summary>For a kecamatan or a village: its own kecamatan form of the latest opened period (<see cref="Completeness"/> is the district's).</summary>
    public FormProgress? FormProgress { get; init; }
    public bool HasExamples => Series.Any(s => s.Points.Any(p => p.IsExample)) || (Ranking?.Rows.Any(r => r.IsExample) ?? false) || (Target?.IsExample ?? false);
}
