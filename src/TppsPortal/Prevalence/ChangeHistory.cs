using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Prevalence;

/// <summary>One entry of the history of figures and targets as the panel shows it.</summary>
public sealed record ChangeEntry(
    DateTimeOffset At,
    string By,
    ChangeSubject Subject,
    ChangeKind Kind,
    string RegionCode,
    string RegionName,
    string IndicatorCode,
    string IndicatorName,
    string Description);

public enum HistoryOf
{
    Figures = 1,
    Targets = 2,
}

/// <summary>Which history: of figures or targets, of an area (or everything readable), optionally of one indicator.</summary>
public sealed record HistoryQuery(string? RegionCode, string? IndicatorCode, HistoryOf Of, bool IncludeBelow = false);

/// <summary>
/// Reads the history of figures and targets (<see cref="ChangeRecord"/>) with the rules for reading figures:
/// within one's scope and above it, never another district's.
/// </summary>
public sealed class ChangeHistoryService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access)
{
    /// <summary>The most the panel shows at once; older entries stay in the table.</summary>
    public const int MaxEntries = 200;

    /// <summary>
    /// The history of figures or of targets of an area (and, with <see cref="HistoryQuery.IncludeBelow"/>, of the
    /// readable areas under it), optionally of one indicator, newest first, at most <see cref="MaxEntries"/>.
    /// Without an area: everything the actor reads.
    /// </summary>
    public async Task<IReadOnlyList<ChangeEntry>> HistoryAsync(Actor actor, HistoryQuery query, CancellationToken ct = default)
    {
        var (regionCode, indicatorCode, of, includeBelow) = query;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = access.ReadableChanges(actor, db.ChangeRecords.AsNoTracking());
        records = of == HistoryOf.Figures
            ? records.Where(c => c.Subject == ChangeSubject.Figure)
            : records.Where(c => c.Subject != ChangeSubject.Figure);
        if (!string.IsNullOrWhiteSpace(regionCode))
        {
            var region = regionCode.Trim();
            access.DemandReadFigures(actor, region);
            var below = region + ".";
            records = includeBelow
                ? records.Where(c => c.RegionCode == region || c.RegionCode.StartsWith(below))
                : records.Where(c => c.RegionCode == region);
        }
        if (!string.IsNullOrWhiteSpace(indicatorCode))
        {
            records = records.Where(c => c.IndicatorCode == indicatorCode);
        }
        return await (
            from c in records
            join r in db.Regions on c.RegionCode equals r.Code into regions
            from r in regions.DefaultIfEmpty()
            join i in db.Indicators on c.IndicatorCode equals i.Code into indicators
            from i in indicators.DefaultIfEmpty()
            orderby c.At descending, c.Id descending
            select new ChangeEntry(c.At, c.By, c.Subject, c.Kind, c.RegionCode, r == null ? c.RegionCode : r.Name,
                c.IndicatorCode, i == null ? c.IndicatorCode : i.Name, c.Description))
            .Take(MaxEntries)
            .ToListAsync(ct);
    }
}

/// <summary>A figure's values before or after a change, for the history's old -> new.</summary>
internal sealed record FigureSnapshot(
    int Id, string RegionCode, string IndicatorCode, string SourceCode, int Year, int? Month, decimal Value, int? Numerator, int? Denominator,
    decimal? RelativeStandardError, decimal? IntervalLow, decimal? IntervalHigh, string Citation, bool IsExample)
{
    public static FigureSnapshot Of(PrevalenceFigure f) => new(f.Id, f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year, f.Month, f.Value,
        f.Numerator, f.Denominator, f.RelativeStandardError, f.IntervalLow, f.IntervalHigh, f.Citation, f.IsExample);

    /// <summary>"angka 2024 (SSGI)", "angka Maret 2025 (EPPGBM)".</summary>
    public string Label => $"angka {(Month is { } m ? IndonesianFormat.MonthYear(Year, m) : Year.ToString(System.Globalization.CultureInfo.InvariantCulture))} ({SourceCode})";
}

/// <summary>A target path's values before or after a change.</summary>
internal sealed record TargetSnapshot(
    int Id, string RegionCode, string IndicatorCode, string BaselineSourceCode, int BaselineYear, decimal BaselineValue, string Citation, bool IsExample,
    IReadOnlyDictionary<int, decimal> Years)
{
    public static TargetSnapshot Of(TargetPath t) => new(t.Id, t.RegionCode, t.IndicatorCode, t.BaselineSourceCode, t.BaselineYear, t.BaselineValue,
        t.Citation, t.IsExample, t.Years.ToDictionary(y => y.Year, y => y.Value));

    public string Baseline => $"{BaselineSourceCode} {BaselineYear} {IndonesianFormat.Percent(BaselineValue)}";
}

/// <summary>Builds the history rows of figures and targets, in Indonesian, old -> new.</summary>
internal static class ChangeTexts
{
    private const string Arrow = " → ";

    public static ChangeRecord FigureAdded(FigureSnapshot f, Actor actor, DateTimeOffset at) =>
        Record(ChangeSubject.Figure, f.Id, f.RegionCode, f.IndicatorCode, ChangeKind.Added, $"Ditambahkan: {f.Label} {IndonesianFormat.Percent(f.Value)}", actor, at);

    public static ChangeRecord FigureDeleted(FigureSnapshot f, Actor actor, DateTimeOffset at) =>
        Record(ChangeSubject.Figure, f.Id, f.RegionCode, f.IndicatorCode, ChangeKind.Deleted, $"Dihapus: {f.Label} {IndonesianFormat.Percent(f.Value)}", actor, at);

    /// <summary>Nothing when nothing changed; two rows when the figure moved to another area (one for each area).</summary>
    public static IEnumerable<ChangeRecord> FigureChanged(FigureSnapshot old, FigureSnapshot now, Actor actor, DateTimeOffset at)
    {
        var parts = new List<string>();
        if (old.Value != now.Value) parts.Add(IndonesianFormat.Percent(old.Value) + Arrow + IndonesianFormat.Percent(now.Value));
        if (old.Numerator != now.Numerator || old.Denominator != now.Denominator) parts.Add($"jumlah {Count(old.Numerator, old.Denominator)}{Arrow}{Count(now.Numerator, now.Denominator)}");
        if (old.RelativeStandardError != now.RelativeStandardError) parts.Add($"RSE {Percent(old.RelativeStandardError)}{Arrow}{Percent(now.RelativeStandardError)}");
        if (old.IntervalLow != now.IntervalLow || old.IntervalHigh != now.IntervalHigh) parts.Add($"selang kepercayaan 95 % {Interval(old)}{Arrow}{Interval(now)}");
        if (old.Citation != now.Citation) parts.Add("rujukan diubah");
        if (old.IsExample != now.IsExample) parts.Add(now.IsExample ? "ditandai sebagai contoh" : "tidak lagi contoh");
        var label = Capitalise(now.Label);
        if (old.Label != now.Label || old.IndicatorCode != now.IndicatorCode)
        {
            label = Capitalise(old.Label) + Arrow + now.Label;
        }
        if (parts.Count == 0 && old.Label == now.Label && old.IndicatorCode == now.IndicatorCode && old.RegionCode == now.RegionCode)
        {
            yield break;
        }
        var text = parts.Count == 0 ? label : $"{label}: {string.Join("; ", parts)}";
        if (old.RegionCode != now.RegionCode)
        {
            yield return Record(ChangeSubject.Figure, now.Id, old.RegionCode, old.IndicatorCode, ChangeKind.Changed, $"{text} (dipindah ke wilayah {now.RegionCode})", actor, at);
            text += $" (dipindah dari wilayah {old.RegionCode})";
        }
        yield return Record(ChangeSubject.Figure, now.Id, now.RegionCode, now.IndicatorCode, ChangeKind.Changed, text, actor, at);
    }

    public static ChangeRecord TargetAdded(TargetSnapshot t, Actor actor, DateTimeOffset at) =>
        Record(ChangeSubject.TargetPath, t.Id, t.RegionCode, t.IndicatorCode, ChangeKind.Added, $"Ditambahkan: jalur target ({Whole(t)})", actor, at);

    public static ChangeRecord TargetDeleted(TargetSnapshot t, Actor actor, DateTimeOffset at) =>
        Record(ChangeSubject.TargetPath, t.Id, t.RegionCode, t.IndicatorCode, ChangeKind.Deleted, $"Dihapus: jalur target ({Whole(t)})", actor, at);

    /// <summary>One row for the path's own values, one for each yearly target added, changed or removed.</summary>
    public static IEnumerable<ChangeRecord> TargetChanged(TargetSnapshot old, TargetSnapshot now, Actor actor, DateTimeOffset at)
    {
        ChangeRecord Row(ChangeSubject subject, ChangeKind kind, string text) => Record(subject, now.Id, now.RegionCode, now.IndicatorCode, kind, text, actor, at);

        var parts = new List<string>();
        if (old.Baseline != now.Baseline) parts.Add($"angka dasar {old.Baseline}{Arrow}{now.Baseline}");
        if (old.Citation != now.Citation) parts.Add("rujukan diubah");
        if (old.IsExample != now.IsExample) parts.Add(now.IsExample ? "ditandai sebagai contoh" : "tidak lagi contoh");
        if (parts.Count > 0)
        {
            yield return Row(ChangeSubject.TargetPath, ChangeKind.Changed, "Jalur target: " + string.Join("; ", parts));
        }
        foreach (var year in old.Years.Keys.Union(now.Years.Keys).Order())
        {
            var had = old.Years.TryGetValue(year, out var before);
            var has = now.Years.TryGetValue(year, out var after);
            if (had && has && before != after)
            {
                yield return Row(ChangeSubject.TargetYear, ChangeKind.Changed, $"Target {year}: {IndonesianFormat.Percent(before)}{Arrow}{IndonesianFormat.Percent(after)}");
            }
            else if (had && !has)
            {
                yield return Row(ChangeSubject.TargetYear, ChangeKind.Deleted, $"Dihapus: target {year} {IndonesianFormat.Percent(before)}");
            }
            else if (!had && has)
            {
                yield return Row(ChangeSubject.TargetYear, ChangeKind.Added, $"Ditambahkan: target {year} {IndonesianFormat.Percent(after)}");
            }
        }
    }

    private static string Whole(TargetSnapshot t) =>
        $"angka dasar {t.Baseline}; " + string.Join(", ", t.Years.OrderBy(y => y.Key).Select(y => $"{y.Key} {IndonesianFormat.Percent(y.Value)}"));

    private static ChangeRecord Record(ChangeSubject subject, int id, string region, string indicator, ChangeKind kind, string text, Actor actor, DateTimeOffset at) => new()
    {
        Subject = subject,
        EntityId = id,
        RegionCode = region,
        IndicatorCode = indicator,
        Kind = kind,
        Description = text.Length <= ChangeRecord.DescriptionMaxLength ? text : text[..(ChangeRecord.DescriptionMaxLength - 1)] + "…",
        By = actor.DisplayName,
        At = at,
    };

    private static string Count(int? numerator, int? denominator) =>
        numerator is null && denominator is null ? "(kosong)" : $"{Number(numerator)}/{Number(denominator)}";

    private static string Number(int? n) => n is { } v ? IndonesianFormat.Number(v) : "-";

    private static string Percent(decimal? value) => value is { } v ? IndonesianFormat.Percent(v) : "(kosong)";

    private static string Interval(FigureSnapshot f) =>
        f.IntervalLow is null && f.IntervalHigh is null ? "(kosong)" : $"{Percent(f.IntervalLow)}-{Percent(f.IntervalHigh)}";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
