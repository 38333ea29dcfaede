using System.Globalization;
using System.Text.Json.Serialization;
using TppsPortal.Agencies;
using TppsPortal.Api;
using TppsPortal.Meetings;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Web.Api;

// The response shapes of /api/v1: named records (so the OpenAPI document has typed schemas), camelCase JSON, ISO
// dates ("2026-11-30", times as "2026-11-30T08:00:00+00:00"), periods as "2026" or "2026-11", region codes as strings,
// states as stable English codes (ApiCodes). Service records with tuples or Indonesian labels are mapped here.

/// <summary>One page of a list: <c>total</c> counts every item that matches, over all pages.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record RegionModel(string Code, string Name, string Level, string? ParentCode, string? ParentName, int ChildCount, bool IsExample);

/// <summary>A region with the path above it (province first).</summary>
public sealed record RegionDetail(string Code, string Name, string Level, string? ParentCode, int ChildCount, bool IsExample, IReadOnlyList<RegionModel> Path);

public sealed record AgencyModel(int Id, string Name, string ShortName, string Kind, string RegionCode, string RegionName, bool IsActive);

public sealed record FigureModel(
    int Id, string RegionCode, string RegionName, string IndicatorCode, string IndicatorName, string SourceCode, string SourceName,
    string SourceKind, int Year, int? Month, string Period, decimal Value, int? Numerator, int? Denominator,
    decimal? RelativeStandardError, decimal? IntervalLow, decimal? IntervalHigh, string Citation, bool IsExample);

/// <summary>One village's figures of an approved camat form; <c>values</c> is keyed by the import column names (jumlah_keluarga, balita_diukur, ...).</summary>
public sealed record VillageReportModel(
    string VillageCode, string VillageName, string KecamatanCode, string KecamatanName, string Period,
    VillageValuesModel Values, DateTimeOffset? ApprovedAt, bool IsExample);

/// <summary>
/// The 11 figures of the camat form under the names of its import columns (<see cref="FigureInfo.Key"/>); null: not
/// filled in. A typed record rather than a dictionary: the OpenAPI document lists every key, and a page of 1,000 rows
/// serialises faster.
/// </summary>
public sealed record VillageValuesModel(
    [property: JsonPropertyName("jumlah_keluarga")] int? Families,
    [property: JsonPropertyName("keluarga_berisiko")] int? FamiliesAtRisk,
    [property: JsonPropertyName("balita_terdaftar")] int? ToddlersRegistered,
    [property: JsonPropertyName("balita_diukur")] int? ToddlersMeasured,
    [property: JsonPropertyName("sangat_pendek")] int? SeverelyStunted,
    [property: JsonPropertyName("pendek")] int? Stunted,
    [property: JsonPropertyName("gizi_kurang")] int? Wasted,
    [property: JsonPropertyName("bb_kurang")] int? Underweight,
    [property: JsonPropertyName("ibu_hamil")] int? Pregnant,
    [property: JsonPropertyName("ibu_hamil_kek")] int? PregnantKek,
    [property: JsonPropertyName("baduta")] int? UnderTwo)
{
    public static VillageValuesModel From(VillageValues v) => new(v.Families, v.FamiliesAtRisk, v.ToddlersRegistered, v.ToddlersMeasured,
        v.SeverelyStunted, v.Stunted, v.Wasted, v.Underweight, v.Pregnant, v.PregnantKek, v.UnderTwo);
}

public sealed record YearValue(int Year, decimal Value);

public sealed record ReferencePoint(int Year, decimal Value, string Source);

public sealed record TargetPathModel(int Id, string BaselineSourceCode, int? BaselineYear, decimal? BaselineValue, string Citation, bool IsExample, IReadOnlyList<YearValue> Years);

public sealed record AppliedPathModel(string Kind, string Name, string RegionCode, string? BaselineSourceCode, int? BaselineYear, IReadOnlyList<YearValue> Points, string Citation, bool IsExample);

public sealed record LatestFigureModel(int Year, int? Month, string Period, decimal Value, string SourceCode, string SourceName, bool IsExample);

public sealed record TargetStatusModel(
    decimal FinalTarget, int FinalYear, decimal ReferenceValue, int ReferenceYear, bool HasLatestFigure, decimal PointsLeft,
    decimal? YearlyCutNeeded, decimal? TargetForReferenceYear, bool? OnTrack, decimal? ProjectedAtFinalYear, bool TargetMet);

/// <summary>The target path of an area and indicator with where the area stands (status null without an own path).</summary>
public sealed record TargetResponse(
    string RegionCode, string RegionName, string IndicatorCode, string IndicatorName, int Year,
    TargetPathModel? Path, LatestFigureModel? Latest, TargetStatusModel? Status, AppliedPathModel? Applies,
    IReadOnlyList<ReferencePoint> NationalReference);

public sealed record AreaModel(string Code, string Name, string Level);

public sealed record FigureRefModel(decimal Value, string SourceCode, string SourceName, string SourceKind, int Year, int? Month, string Period, bool IsExample, string Citation);

public sealed record HeadlineModel(
    FigureRefModel? Survey, FigureRefModel? Routine, int Year, AppliedPathModel? Path, string? PathNote, FigureRefModel? Judged,
    decimal? TargetThisYear, decimal? Gap, TargetStatusModel? Status);

public sealed record SeriesPointModel(int Year, int? Month, string Period, decimal Value, int? Numerator, int? Denominator, bool IsExample);

public sealed record SeriesModel(string SourceCode, string SourceName, string SourceKind, IReadOnlyList<SeriesPointModel> Points);

public sealed record RankingRowModel(
    AreaModel Area, decimal? Value, int? Numerator, int Measured, int Registered, decimal? Coverage, decimal? Previous,
    int VillagesTotal, int VillagesReported, bool IsExample, FigureRefModel? Survey, decimal? TargetThisYear, bool? OnTrack,
    int? FormsApproved, int? FormsTotal);

public sealed record RankingModel(string ChildLevel, string? Period, IReadOnlyList<RankingRowModel> Rows);

/// <summary>Forms of the latest opened period; <c>periodLabel</c> is its Indonesian name ("November 2026"), or "periode terakhir tiap kabupaten/kota" for a province.</summary>
public sealed record CompletenessModel(string PeriodLabel, int Total, int NotStarted, int Draft, int Submitted, int Returned, int Approved, int Late, decimal Percent);

/// <summary>The dashboard summary of an area: headline against the target, one series per source, ranking of the areas below, completeness.</summary>
public sealed record DashboardResponse(
    AreaModel Area, string IndicatorCode, string IndicatorName, string? SourceCode, string? Period, HeadlineModel Headline,
    IReadOnlyList<SeriesModel> Series, RankingModel? Ranking, CompletenessModel? Completeness);

public sealed record PeriodModel(int Id, string DistrictCode, int Year, int Month, string Period, bool IsWeighingMonth, DateOnly Deadline, bool RefuseLate, bool IsOpen);

public sealed record FormStateModel(string KecamatanCode, string KecamatanName, int? ReportId, string Status, bool IsLate, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, int VillageRows);

public sealed record PeriodFormsResponse(PeriodModel Period, IReadOnlyList<FormStateModel> Forms);

public sealed record MeetingModel(
    int Id, string RegionCode, string RegionName, string Kind, string Title, DateOnly Date, string StartTime, string TimeZone, string Venue,
    string Status, int AttendeeCount, int DecisionCount, bool IsExample);

public sealed record AgendaItemModel(string Title, string Notes);

public sealed record DecisionModel(int Id, int Number, string Text);

public sealed record AttendeeModel(string Name, string Position, int? AgencyId, string? GuestOrganisation);

/// <summary>A final version of the minutes; <c>pdfUrl</c> downloads it (with the same token or a signed-in browser).</summary>
public sealed record MinutesVersionModel(int Number, string Code, DateTimeOffset FinalizedAt, string FinalizedBy, string? Reason, string Summary, string Sha256, int PdfBytes, string PdfUrl);

public sealed record MeetingDetailModel(
    int Id, string RegionCode, string RegionName, string DistrictCode, string Kind, string Title, DateOnly? Date, string? StartTime,
    string? EndTime, string TimeZone, string Venue, string Purpose, string Status, string ChairName, string ChairPosition,
    IReadOnlyList<AgendaItemModel> Agenda, IReadOnlyList<DecisionModel> Decisions, IReadOnlyList<AttendeeModel> Attendees,
    int OnlineParticipants, DateTimeOffset? FinalizedAt, string? FinalizedBy, bool IsExample,
    IReadOnlyList<MinutesVersionModel> MinutesVersions);

public sealed record ProgressModel(DateOnly Date, string Note, string? Status, string Author);

public sealed record ActionModel(
    int Id, int MeetingId, string MeetingTitle, DateOnly MeetingDate, int Number, string Description, int ResponsibleAgencyId,
    string ResponsibleAgency, DateOnly DueDate, string Status, bool IsOverdue, int? DecisionNumber, string? AreaCode, string? AreaName,
    int? BidangId, string? BidangName, bool IsExample, bool CanUpdate, uint Version, IReadOnlyList<ProgressModel> Progress);

/// <summary>
/// A status update with a progress note. <c>status</c>: not_started, in_progress, done or cancelled; <c>date</c> (ISO,
/// default today, never in the future); <c>note</c> (required unless the status changes; required to cancel);
/// <c>version</c>: the action's <c>version</c> as last read (a stale one is a 409 conflict, nothing is overwritten).
/// </summary>
public sealed class ActionProgressRequest
{
    public string Status { get; set; } = "";
    public DateOnly? Date { get; set; }
    public string Note { get; set; } = "";
    public uint Version { get; set; }
}

/// <summary>Stable English machine codes for the portal's states and kinds, and the maps from service records.</summary>
public static class ApiCodes
{
    public static string Of(RegionLevel level) => level switch
    {
        RegionLevel.Provinsi => "province",
        RegionLevel.KabupatenKota => "district",
        RegionLevel.Kecamatan => "kecamatan",
        RegionLevel.Desa => "desa",
        RegionLevel.Kelurahan => "kelurahan",
        _ => Snake(level.ToString()),
    };

    public static string Of(SourceKind kind) => kind == SourceKind.Survey ? "survey" : "routine";

    public static string Of(PathKind kind) => kind switch
    {
        PathKind.Own => "own",
        PathKind.Regional => "regional",
        _ => "national",
    };

    public static string Of(ReportStatus? status) => status switch
    {
        null => "not_started",
        ReportStatus.Draft => "draft",
        ReportStatus.Diajukan => "submitted",
        ReportStatus.Dikembalikan => "returned",
        ReportStatus.Disetujui => "approved",
        _ => Snake(status.ToString()!),
    };

    public static string Of(MeetingStatus status) => status switch
    {
        MeetingStatus.Direncanakan => "planned",
        MeetingStatus.Selesai => "held",
        MeetingStatus.NotulenFinal => "minutes_final",
        _ => Snake(status.ToString()),
    };

    public static readonly IReadOnlyDictionary<ActionStatus, string> ActionStatuses = new Dictionary<ActionStatus, string>
    {
        [ActionStatus.Belum] = "not_started",
        [ActionStatus.Proses] = "in_progress",
        [ActionStatus.Selesai] = "done",
        [ActionStatus.Batal] = "cancelled",
    };

    public static string Of(ActionStatus status) => ActionStatuses.GetValueOrDefault(status, Snake(status.ToString()));

    public static ActionStatus? ParseActionStatus(string? code) =>
        ActionStatuses.FirstOrDefault(s => string.Equals(s.Value, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Value: not null } hit
            ? hit.Key
            : null;

    public static MeetingStatus? ParseMeetingStatus(string? code) =>
        Enum.GetValues<MeetingStatus>().Cast<MeetingStatus?>().FirstOrDefault(s => string.Equals(Of(s!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Of(MeetingKind kind) => Snake(kind.ToString());

    public static string Of(AgencyKind kind) => Snake(kind.ToString());

    /// <summary>"2026" for a yearly figure, "2026-03" for a month.</summary>
    public static string Period(int year, int? month) =>
        month is { } m ? string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{m:00}") : year.ToString("0000", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    // ----- maps from the service records -----

    public static RegionModel Region(RegionNode n) => new(n.Code, n.Name, Of(n.Level), n.ParentCode, n.ParentName, n.ChildCount, n.IsExample);

    public static AgencyModel Agency(AgencyRow a) => new(a.Id, a.Name, a.ShortName, Of(a.Kind), a.RegionCode, a.RegionName, a.IsActive);

    public static FigureModel Figure(FigureRow f) => new(f.Id, f.RegionCode, f.RegionName, f.IndicatorCode, f.IndicatorName, f.SourceCode, f.SourceName,
        Of(f.SourceKind), f.Year, f.Month, Period(f.Year, f.Month), f.Value, f.Numerator, f.Denominator, f.RelativeStandardError,
        f.IntervalLow, f.IntervalHigh, f.Citation, f.IsExample);

    public static VillageReportModel VillageReport(VillageReportRow r) => new(r.VillageCode, r.VillageName, r.KecamatanCode, r.KecamatanName,
        Period(r.Year, r.Month), VillageValuesModel.From(r.Values), r.ApprovedAt, r.IsExample);

    public static TargetStatusModel? Status(TargetStatus? s) => s is null ? null : new(s.FinalTarget, s.FinalYear, s.ReferenceValue, s.ReferenceYear,
        s.HasLatestFigure, s.PointsLeft, s.YearlyCutNeeded, s.TargetForReferenceYear, s.OnTrack, s.ProjectedAtFinalYear, s.TargetMet);

    public static AppliedPathModel? Applied(AppliedPath? p) => p is null ? null : new(Of(p.Kind), p.Name, p.RegionCode, p.BaselineSourceCode, p.BaselineYear,
        p.Points.Select(x => new YearValue(x.Year, x.Value)).ToList(), p.Citation, p.IsExample);

    public static TargetResponse Target(TargetView v) => new(v.RegionCode, v.RegionName, v.IndicatorCode, v.IndicatorName, v.Year,
        v.Path is { } p
            ? new TargetPathModel(p.Id ?? 0, p.BaselineSourceCode, p.BaselineYear, p.BaselineValue, p.Citation, p.IsExample,
                p.Years.Where(y => y.Year is not null && y.Value is not null).Select(y => new YearValue(y.Year!.Value, y.Value!.Value)).ToList())
            : null,
        v.Latest is { } l ? new LatestFigureModel(l.Year, l.Month, Period(l.Year, l.Month), l.Value, l.SourceCode, l.SourceName, l.IsExample) : null,
        Status(v.Status), Applied(v.Applies),
        v.NationalReference.Select(n => new ReferencePoint(n.Year, n.Value, n.Source)).ToList());

    public static FigureRefModel? FigureRef(FigureRef? f) => f is null ? null
        : new(f.Value, f.SourceCode, f.SourceName, Of(f.Kind), f.Year, f.Month, Period(f.Year, f.Month), f.IsExample, f.Citation);

    public static AreaModel Area(AreaRef a) => new(a.Code, a.Name, Of(a.Level));

    public static DashboardResponse Dashboard(DashboardView v)
    {
        var h = v.Headline;
        return new DashboardResponse(
            Area(v.Area), v.IndicatorCode, v.IndicatorName, v.SourceCode,
            v.PeriodKey is { } k ? Period(k / 100, k % 100) : null,
            new HeadlineModel(FigureRef(h.Survey), FigureRef(h.Routine), h.Year, Applied(h.Path), h.PathNote, FigureRef(h.Judged), h.TargetThisYear, h.Gap, Status(h.Status)),
            v.Series.Select(s => new SeriesModel(s.SourceCode, s.SourceName, Of(s.Kind),
                s.Points.Select(p => new SeriesPointModel(p.Year, p.Month, Period(p.Year, p.Month), p.Value, p.Numerator, p.Denominator, p.IsExample)).ToList())).ToList(),
            v.Ranking is { } r
                ? new RankingModel(r.ChildLevel, r.PeriodKey is { } rk ? Period(rk / 100, rk % 100) : null,
                    r.Rows.Select(x => new RankingRowModel(Area(x.Area), x.Value, x.Numerator, x.Measured, x.Registered, x.Coverage, x.Previous,
                        x.VillagesTotal, x.VillagesReported, x.IsExample, FigureRef(x.Survey), x.TargetThisYear, x.OnTrack, x.FormsApproved, x.FormsTotal)).ToList())
                : null,
            v.Completeness is { } c
                ? new CompletenessModel(c.Period, c.Total, c.NotStarted, c.Draft, c.Submitted, c.Returned, c.Approved, c.Late, c.Percent)
                : null);
    }

    public static PeriodModel Period(PeriodView p) =>
        new(p.Id, p.DistrictCode, p.Year, p.Month, Period(p.Year, p.Month), p.IsWeighingMonth, p.Deadline, p.RefuseLate, p.IsOpen);

    public static PeriodFormsResponse PeriodForms(PeriodForms f) => new(Period(f.Period),
        f.Forms.Select(s => new FormStateModel(s.KecamatanCode, s.KecamatanName, s.ReportId, Of(s.Status), s.IsLate, s.SubmittedAt, s.DecidedAt, s.VillageRows)).ToList());

    public static MeetingModel Meeting(MeetingListItem m) => new(m.Id, m.RegionCode, m.RegionName, Of(m.Kind), m.Title, m.Date, Time(m.StartTime),
        m.TimeZone, m.Venue, Of(m.Status), m.AttendeeCount, m.DecisionCount, m.IsExample);

    public static MeetingDetailModel MeetingDetail(MeetingDetails d, IReadOnlyList<MinutesVersionModel> versions)
    {
        var f = d.Form;
        return new MeetingDetailModel(d.Id, f.RegionCode, d.RegionName, d.DistrictCode, Of(f.Kind), f.Title, f.Date,
            f.StartTime is { } s ? Time(s) : null, f.EndTime is { } e ? Time(e) : null, f.TimeZone, f.Venue, f.Purpose, Of(d.Status),
            f.ChairName, f.ChairPosition,
            f.Agenda.Select(a => new AgendaItemModel(a.Title, a.Notes)).ToList(),
            f.Decisions.Select((x, i) => new DecisionModel(x.Id, i + 1, x.Text)).ToList(),
            f.Attendees.Select(a => new AttendeeModel(a.Name, a.Position, a.AgencyId, a.GuestOrganisation)).ToList(),
            f.OnlineParticipants, d.FinalizedAt, d.FinalizedBy, d.IsExample, versions);
    }

    public static ActionModel Action(ActionRow a) => new(a.Id, a.MeetingId, a.MeetingTitle, a.MeetingDate, a.Number, a.Description,
        a.ResponsibleAgencyId, a.ResponsibleAgency, a.DueDate, Of(a.Status), a.IsOverdue, a.DecisionNumber, a.AreaCode, a.AreaName,
        a.BidangId, a.BidangName, a.IsExample, a.CanUpdate, a.Version,
        a.Progress.Select(p => new ProgressModel(p.Date, p.Note, p.StatusAfter is { } s ? Of(s) : null, p.Author)).ToList());
}
