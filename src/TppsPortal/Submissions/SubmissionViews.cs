using TppsPortal.Regions;

namespace TppsPortal.Submissions;

public sealed record PeriodView(int Id, string DistrictCode, int Year, int Month, string Label, bool IsWeighingMonth, DateOnly Deadline, bool RefuseLate, bool IsOpen, uint Version)
{
    public int Key => (Year * 100) + Month;
}

/// <summary>One village row of the form, with what the rules say about it.</summary>
public sealed record RowView(
    string VillageCode,
    string VillageName,
    RegionLevel Level,
    VillageValues Values,
    VillageValues? Previous,
    string Comment,
    string? ReturnComment,
    IReadOnlyList<RuleFinding> Hard,
    IReadOnlyList<RuleFinding> Soft,
    uint Version)
{
    public bool NeedsComment => Soft.Count > 0 && string.IsNullOrWhiteSpace(Comment);
}

/// <summary>A kecamatan's form for a period as the page shows it. ReportId is null until the first value is saved.</summary>
public sealed record ReportView(
    int? ReportId,
    PeriodView Period,
    string KecamatanCode,
    string KecamatanName,
    ReportStatus? Status,
    string Note,
    string? ReturnComment,
    bool IsLate,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    bool CanEdit,
    bool CanVerify,
    bool IsExample,
    IReadOnlyList<RowView> Rows,
    uint Version)
{
    public VillageValues Totals => VillageValues.Sum(Rows.Select(r => r.Values));
}

/// <summary>
/// The answer to saving one field: the row as it is now (with its version and the rules' findings), and the version
/// this edit produced. They differ only for an edit sent again that was already applied (<paramref name="Replayed"/>)
/// and that someone else has changed the row since: the sender's next edit must present
/// <paramref name="VersionAfter"/>, so that it is a conflict with that other change, not an overwrite.
/// </summary>
public sealed record SaveOutcome(int ReportId, RowView Row, uint VersionAfter, bool Replayed = false);

public sealed record ChangeView(DateTimeOffset At, string By, string? VillageCode, string? VillageName, string What, string? OldValue, string? NewValue);

public enum BoardCellState
{
    BelumAda,
    Draft,
    Diajukan,
    Dikembalikan,
    Disetujui,
}

public sealed record BoardCell(int PeriodId, string KecamatanCode, BoardCellState State, bool IsLate, int? ReportId);

public sealed record BoardView(
    IReadOnlyList<PeriodView> Periods,
    IReadOnlyList<(string Code, string Name)> Kecamatan,
    IReadOnlyList<BoardCell> Cells)
{
    public BoardCell Cell(int periodId, string kecamatan) =>
        Cells.FirstOrDefault(c => c.PeriodId == periodId && c.KecamatanCode == kecamatan) ?? new BoardCell(periodId, kecamatan, BoardCellState.BelumAda, false, null);

    public int Count(int periodId, BoardCellState state) => Kecamatan.Count(k => Cell(periodId, k.Code).State == state);
}
