using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Prevalence;

/// <summary>One yearly target of the form.</summary>
public sealed class TargetYearForm
{
    public int? Year { get; set; }
    public decimal? Value { get; set; }
}

/// <summary>What the target editor edits: the baseline and the yearly targets. Checked in <see cref="TargetService"/>.</summary>
public sealed class TargetForm
{
    /// <summary>Null for a path not saved yet.</summary>
    public int? Id { get; set; }
    public string RegionCode { get; set; } = "";
    public string IndicatorCode { get; set; } = "stunting";
    public string BaselineSourceCode { get; set; } = "SSGI";
    public int? BaselineYear { get; set; }
    public decimal? BaselineValue { get; set; }
    public string Citation { get; set; } = "";
    public bool IsExample { get; set; }
    public List<TargetYearForm> Years { get; set; } = [];

    /// <summary>The row version as loaded; a stale one means someone else saved first.</summary>
    public uint Version { get; set; }

    public static string YearField(int index) => $"{nameof(Years)}[{index}].{nameof(TargetYearForm.Year)}";

    public static string ValueField(int index) => $"{nameof(Years)}[{index}].{nameof(TargetYearForm.Value)}";
}

/// <summary>The latest figure of the baseline's own source series, against which the path is judged.</summary>
public sealed record LatestFigure(int Year, int? Month, decimal Value, string SourceCode, string SourceName, bool IsExample)
{
    public string Period => Month is { } m ? IndonesianFormat.MonthYear(Year, m) : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The target path of an area and indicator as the target page shows it.</summary>
/// <param name="Path">The saved path as a form; null when the area has none yet.</param>
/// <param name="Status">Where the area stands against the saved path; null without a path.</param>
/// <param name="NationalReference">The national path beside it (stunting only), read only.</param>
public sealed record TargetView(
    string RegionCode,
    string RegionName,
    string IndicatorCode,
    string IndicatorName,
    TargetForm? Path,
    LatestFigure? Latest,
    TargetStatus? Status,
    IReadOnlyList<(int Year, decimal Value, string Source)> NationalReference,
    bool CanEdit)
{
    /// <summary>The path the dashboard measures this area against this year (its own while it runs, else a province's or the national one).</summary>
    public AppliedPath? Applies { get; init; }

    /// <summary>This year (WITA), for "the path has ended".</summary>
    public int Year { get; init; }

    /// <summary>True when the area has no own path, or its last target year has passed.</summary>
    public bool OwnPathEnded => Path is null || Path.Years.Where(y => y.Year is not null).Select(y => y.Year!.Value).DefaultIfEmpty(0).Max() < Year;

    /// <summary>Whether "start a new path to the national 2029 target" applies (stunting, while the national path runs).</summary>
    public bool CanStartNationalPath => CanEdit && OwnPathEnded && TargetMath.NationalPath(IndicatorCode) is { } n && n.RunsIn(Year);
}

/// <summary>
/// Target paths: a baseline (source, year, value) and yearly targets of an area and indicator, with where the area
/// stands (<see cref="TargetMath"/>). Same access as figures: read within and above one's scope, written by
/// Admin Sistem and the district's Admin Sekretariat.
/// </summary>
public sealed class TargetService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock, ILogger<TargetService> logger)
{
    public const int LastYear = 2100;

    public bool CanWrite(Actor actor, string regionCode) => access.CanWriteTargets(actor, regionCode);

    private int ThisYear => clock.GetUtcNow().UtcDateTime.AddHours(8).Year;

    public async Task<TargetView> GetAsync(Actor actor, string regionCode, string indicatorCode, CancellationToken ct = default)
    {
        regionCode = regionCode.Trim();
        access.DemandReadFigures(actor, regionCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == regionCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Code == indicatorCode).Select(i => i.Name).FirstOrDefaultAsync(ct);
        if (region is null || indicator is null)
        {
            throw new KeyNotFoundException($"No region {regionCode} or indicator {indicatorCode}.");
        }
        var path = await db.TargetPaths.AsNoTracking().Include(t => t.Years)
            .FirstOrDefaultAsync(t => t.RegionCode == regionCode && t.IndicatorCode == indicatorCode, ct);
        var national = indicatorCode == "stunting" ? TargetMath.NationalReference : [];
        var applies = await AppliesAsync(db, regionCode, region, indicatorCode, path, ct);
        if (path is null)
        {
            return new TargetView(regionCode, region, indicatorCode, indicator, null, null, null, national, access.CanWriteTargets(actor, regionCode))
            {
                Applies = applies,
                Year = ThisYear,
            };
        }
        var form = new TargetForm
        {
            Id = path.Id,
            RegionCode = path.RegionCode,
            IndicatorCode = path.IndicatorCode,
            BaselineSourceCode = path.BaselineSourceCode,
            BaselineYear = path.BaselineYear,
            BaselineValue = path.BaselineValue,
            Citation = path.Citation,
            IsExample = path.IsExample,
            Years = path.Years.OrderBy(y => y.Year).Select(y => new TargetYearForm { Year = y.Year, Value = y.Value }).ToList(),
            Version = path.Version,
        };
        var latest = await LatestAsync(db, actor, regionCode, indicatorCode, path.BaselineSourceCode, path.BaselineYear, ct);
        return new TargetView(regionCode, region, indicatorCode, indicator, form, latest, StatusOf(form, latest), national, access.CanWriteTargets(actor, regionCode))
        {
            Applies = applies,
            Year = ThisYear,
        };
    }

    /// <summary>The path that applies this year (TargetMath.Applicable), from the area's own and those of the areas above.</summary>
    private async Task<AppliedPath?> AppliesAsync(AppDbContext db, string regionCode, string regionName, string indicatorCode, TargetPath? own, CancellationToken ct)
    {
        var ancestors = RegionCode.AncestorsOf(regionCode);
        var above = await db.TargetPaths.AsNoTracking().Include(t => t.Years)
            .Where(t => ancestors.Contains(t.RegionCode) && t.IndicatorCode == indicatorCode).ToListAsync(ct);
        var names = await db.Regions.AsNoTracking().Where(r => ancestors.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => new AreaRef(r.Code, r.Name, r.Level), ct);
        RegionCode.TryParse(regionCode, out var level, out _);
        return TargetMath.Applicable(
            own is null ? null : ToApplied(own, PathKind.Own, new AreaRef(regionCode, regionName, level)),
            above.OrderByDescending(t => t.RegionCode.Length).Select(t => ToApplied(t, PathKind.Regional, names[t.RegionCode])).ToList(),
            indicatorCode, ThisYear);
    }

    internal static AppliedPath ToApplied(TargetPath path, PathKind kind, AreaRef area) =>
        new(kind, "jalur target " + DashboardService.AreaTitle(area), path.RegionCode, path.BaselineSourceCode, path.BaselineYear,
            [(path.BaselineYear, path.BaselineValue), .. path.Years.OrderBy(y => y.Year).Select(y => (y.Year, y.Value))],
            path.Citation, path.IsExample);

    /// <summary>
    /// One click for the secretariat when the area's own path has ended or is missing: a new path from the area's
    /// latest survey figure (the baseline) to the national RPJMN 2025-2029 target of 2029, each year between on the
    /// straight line (one decimal). Nothing is saved: the form comes back for the person to change and save; it
    /// carries the current path's id and row version, so saving replaces that path and fails if someone else
    /// changed it meanwhile.
    /// </summary>
    public async Task<Result<TargetForm>> StartNationalPathAsync(Actor actor, string regionCode, string indicatorCode, CancellationToken ct = default)
    {
        regionCode = regionCode.Trim();
        access.DemandWriteTargets(actor, regionCode);
        if (TargetMath.NationalPath(indicatorCode) is not { } national)
        {
            return Result.Fail(nameof(TargetForm.IndicatorCode), "Target nasional RPJMN 2025-2029 hanya ada untuk stunting.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.TargetPaths.AsNoTracking().Where(t => t.RegionCode == regionCode && t.IndicatorCode == indicatorCode)
            .Select(t => new { t.Id, t.Version }).FirstOrDefaultAsync(ct);
        var latest = await db.PrevalenceFigures.AsNoTracking()
            .Where(f => f.RegionCode == regionCode && f.IndicatorCode == indicatorCode)
            .Join(db.DataSources.Where(s => s.Kind == SourceKind.Survey), f => f.SourceCode, s => s.Code, (f, s) => new { f.Year, f.Value, f.SourceCode, SourceName = s.Name, f.IsExample, s.SortOrder })
            .OrderByDescending(f => f.Year).ThenByDescending(f => f.SortOrder)
            .FirstOrDefaultAsync(ct);
        var (finalYear, finalValue) = national.Points[^1];
        if (latest is null)
        {
            return Result.Fail(nameof(TargetForm.BaselineValue), "Belum ada angka survei (SSGI, SKI) wilayah ini untuk dijadikan angka dasar. Isi angka dasar sendiri.");
        }
        if (latest.Year >= finalYear)
        {
            return Result.Fail(nameof(TargetForm.BaselineYear), $"Angka survei terakhir ({latest.SourceName} {latest.Year}) sudah pada atau sesudah {finalYear}: jalur RPJMN 2025-2029 tidak lagi dapat dipakai.");
        }
        if (latest.Value <= finalValue)
        {
            return Result.Fail(nameof(TargetForm.BaselineValue),
                $"Angka terakhir ({latest.SourceName} {latest.Year}, {IndonesianFormat.Percent(latest.Value)}) sudah di bawah target nasional {finalYear} ({IndonesianFormat.Percent(finalValue)}): tetapkan target wilayah sendiri.");
        }
        var form = new TargetForm
        {
            Id = current?.Id,
            Version = current?.Version ?? 0,
            RegionCode = regionCode,
            IndicatorCode = indicatorCode,
            BaselineSourceCode = latest.SourceCode,
            BaselineYear = latest.Year,
            BaselineValue = latest.Value,
            IsExample = latest.IsExample,
            Citation = $"Jalur baru dari {latest.SourceName} {latest.Year} ({IndonesianFormat.Percent(latest.Value)}) ke target nasional {TargetMath.NationalPathSource} ({IndonesianFormat.Percent(finalValue)} pada {finalYear}), garis lurus",
        };
        var filled = FillLinear(form, finalYear, finalValue);
        return filled.Succeeded ? Result<TargetForm>.Ok(form) : filled;
    }

    /// <summary>Where a path (saved, or as being edited) stands against the latest figure; null while the form is incomplete.</summary>
    public static TargetStatus? StatusOf(TargetForm form, LatestFigure? latest)
    {
        if (form.BaselineYear is not { } baselineYear || form.BaselineValue is not { } baselineValue)
        {
            return null;
        }
        var years = form.Years.Where(y => y.Year > baselineYear && y.Value is not null).Select(y => (y.Year!.Value, y.Value!.Value)).ToList();
        var own = latest is not null && latest.Year >= baselineYear ? (latest.Year, latest.Value) : ((int, decimal)?)null;
        return TargetMath.Status(baselineYear, baselineValue, years, own);
    }

    /// <summary>
    /// Replaces the yearly targets with a straight line from the baseline to the final year and value (one decimal),
    /// for the person to adjust afterwards. Nothing is saved.
    /// </summary>
    public static Result FillLinear(TargetForm form, int? finalYear, decimal? finalValue)
    {
        var errors = new ErrorBag();
        if (form.BaselineYear is null) errors.Add(nameof(TargetForm.BaselineYear), "Isi tahun dasar terlebih dahulu.");
        if (form.BaselineValue is null) errors.Add(nameof(TargetForm.BaselineValue), "Isi nilai dasar terlebih dahulu.");
        if (finalYear is null) errors.Add("FinalYear", "Tahun akhir wajib diisi.");
        else if (form.BaselineYear is { } b && (finalYear <= b || finalYear > LastYear)) errors.Add("FinalYear", $"Tahun akhir harus sesudah tahun dasar ({b}) dan paling lambat {LastYear}.");
        if (finalValue is not (>= 0 and <= 100)) errors.Add("FinalValue", "Target akhir adalah persen antara 0 dan 100.");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        form.Years = TargetMath.FillLinear(form.BaselineYear!.Value, form.BaselineValue!.Value, finalYear!.Value, finalValue!.Value)
            .Select(p => new TargetYearForm { Year = p.Year, Value = p.Value })
            .ToList();
        return Result.Ok;
    }

    /// <summary>Creates the path of the form's area and indicator (form without id) or saves it over the one loaded.</summary>
    public async Task<Result<int>> SaveAsync(Actor actor, TargetForm form, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(form.RegionCode))
        {
            access.DemandWriteFigures(actor);
            return Result.Fail(nameof(TargetForm.RegionCode), "Wilayah wajib dipilih.");
        }
        var regionCode = form.RegionCode.Trim();
        access.DemandWriteTargets(actor, regionCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, form, regionCode, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        TargetPath? path;
        TargetSnapshot? old = null;
        if (form.Id is { } id)
        {
            path = await db.TargetPaths.Include(t => t.Years).FirstOrDefaultAsync(t => t.Id == id, ct);
            if (path is null)
            {
                return Result.Conflict("Target ini baru saja dihapus oleh pengguna lain. Muat ulang; isian Anda dapat disimpan sebagai target baru.");
            }
            if (path.RegionCode != regionCode || path.IndicatorCode != form.IndicatorCode)
            {
                return Result.Fail("", "Wilayah dan indikator target yang sudah tersimpan tidak dapat diganti.");
            }
            old = TargetSnapshot.Of(path);
            db.Entry(path).Property(t => t.Version).OriginalValue = form.Version;
            // Changing only a yearly value leaves the path's own row as it is; marking it modified makes the
            // UPDATE (and its row-version check) happen anyway, so two editors of one path always conflict.
            db.Entry(path).Property(t => t.Citation).IsModified = true;
        }
        else
        {
            if (await db.TargetPaths.AnyAsync(t => t.RegionCode == regionCode && t.IndicatorCode == form.IndicatorCode, ct))
            {
                return Result.Conflict("Target untuk wilayah dan indikator ini baru saja dibuat oleh pengguna lain. Muat ulang untuk melihatnya, lalu ulangi perubahan Anda.");
            }
            path = new TargetPath { RegionCode = regionCode, IndicatorCode = form.IndicatorCode, BaselineSourceCode = "" };
            db.TargetPaths.Add(path);
        }
        path.BaselineSourceCode = form.BaselineSourceCode;
        path.BaselineYear = form.BaselineYear!.Value;
        path.BaselineValue = form.BaselineValue!.Value;
        path.Citation = form.Citation?.Trim() ?? "";
        path.IsExample = form.IsExample;
        // Years are matched by year, so no row ever has to move to a year another row holds.
        var wanted = form.Years.ToDictionary(y => y.Year!.Value, y => y.Value!.Value);
        foreach (var gone in path.Years.Where(y => !wanted.ContainsKey(y.Year)).ToList())
        {
            path.Years.Remove(gone);
            db.Remove(gone);
        }
        foreach (var (year, value) in wanted)
        {
            if (path.Years.FirstOrDefault(y => y.Year == year) is { } kept)
            {
                kept.Value = value;
            }
            else
            {
                path.Years.Add(new TargetYear { Year = year, Value = value });
            }
        }

        try
        {
            // The history rows of a new path need its id: path first, then its history, in one transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            var now = TargetSnapshot.Of(path);
            db.ChangeRecords.AddRange(old is null
                ? [ChangeTexts.TargetAdded(now, actor, clock.GetUtcNow())]
                : ChangeTexts.TargetChanged(old, now, actor, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Target path {TargetPathId} not saved by {UserName}: changed or deleted by someone else meanwhile", path.Id, actor.UserName);
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Result.Conflict("Target untuk wilayah dan indikator ini baru saja dibuat oleh pengguna lain. Muat ulang untuk melihatnya, lalu ulangi perubahan Anda.");
        }
        logger.LogInformation("Target path {TargetPathId} of {Region} {Indicator} saved by {UserName}: baseline {Source} {Year} {Value}, {Years} yearly targets",
            path.Id, path.RegionCode, path.IndicatorCode, actor.UserName, path.BaselineSourceCode, path.BaselineYear, path.BaselineValue, path.Years.Count);
        return Result<int>.Ok(path.Id);
    }

    public async Task<Result> DeleteAsync(Actor actor, int id, uint version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var path = await db.TargetPaths.Include(t => t.Years).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (path is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandWriteTargets(actor, path.RegionCode);
        db.Entry(path).Property(t => t.Version).OriginalValue = version;
        db.TargetPaths.Remove(path);
        db.ChangeRecords.Add(ChangeTexts.TargetDeleted(TargetSnapshot.Of(path), actor, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Target path {TargetPathId} of {Region} {Indicator} deleted by {UserName}", id, path.RegionCode, path.IndicatorCode, actor.UserName);
        return Result.Ok;
    }

    private async Task<ErrorBag> ValidateAsync(AppDbContext db, TargetForm form, string regionCode, CancellationToken ct)
    {
        var errors = new ErrorBag();
        var thisYear = clock.GetUtcNow().UtcDateTime.AddHours(8).Year;
        if (!await db.Regions.AnyAsync(r => r.Code == regionCode, ct)) errors.Add(nameof(TargetForm.RegionCode), $"Wilayah dengan kode {regionCode} tidak ada.");
        if (!await db.Indicators.AnyAsync(i => i.Code == form.IndicatorCode, ct)) errors.Add(nameof(TargetForm.IndicatorCode), "Indikator wajib dipilih.");
        if (!await db.DataSources.AnyAsync(s => s.Code == form.BaselineSourceCode, ct)) errors.Add(nameof(TargetForm.BaselineSourceCode), "Sumber angka dasar wajib dipilih.");
        if (form.BaselineYear is null) errors.Add(nameof(TargetForm.BaselineYear), "Tahun dasar wajib diisi.");
        else if (form.BaselineYear < FigureRules.FirstYear || form.BaselineYear > thisYear) errors.Add(nameof(TargetForm.BaselineYear), $"Tahun dasar antara {FigureRules.FirstYear} dan {thisYear}.");
        if (form.BaselineValue is null) errors.Add(nameof(TargetForm.BaselineValue), "Nilai dasar wajib diisi.");
        else if (form.BaselineValue is not (>= 0 and <= 100)) errors.Add(nameof(TargetForm.BaselineValue), "Nilai dasar adalah persen antara 0 dan 100.");
        if ((form.Citation?.Trim().Length ?? 0) > PrevalenceFigure.CitationMaxLength) errors.Add(nameof(TargetForm.Citation), Texts.TooLong(PrevalenceFigure.CitationMaxLength));

        if (form.Years.Count == 0)
        {
            errors.Add(nameof(TargetForm.Years), "Isi paling sedikit satu target tahunan (atau pakai \"Isi garis lurus\").");
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < form.Years.Count; i++)
        {
            var row = form.Years[i];
            if (row.Year is not { } year) errors.Add(TargetForm.YearField(i), "Tahun wajib diisi.");
            else if (form.BaselineYear is { } b && year <= b) errors.Add(TargetForm.YearField(i), $"Tahun target harus sesudah tahun dasar ({b}).");
            else if (year > LastYear) errors.Add(TargetForm.YearField(i), $"Tahun target paling lambat {LastYear}.");
            else if (!seen.Add(year)) errors.Add(TargetForm.YearField(i), $"Tahun {year} sudah ada di baris lain.");
            if (row.Value is null) errors.Add(TargetForm.ValueField(i), "Target wajib diisi.");
            else if (row.Value is not (>= 0 and <= 100)) errors.Add(TargetForm.ValueField(i), "Target adalah persen antara 0 dan 100.");
        }
        return errors;
    }

    /// <summary>
    /// The latest figure of one source series for the area, from the baseline year on: stored figures, or the
    /// approved camat forms (only for someone whose scope covers the area).
    /// </summary>
    private async Task<LatestFigure?> LatestAsync(AppDbContext db, Actor actor, string regionCode, string indicatorCode, string sourceCode, int baselineYear, CancellationToken ct)
    {
        var source = await db.DataSources.AsNoTracking().FirstAsync(s => s.Code == sourceCode, ct);
        if (source.Code == DataSource.CamatForms)
        {
            if (!access.CanReadRegion(actor, regionCode))
            {
                return null;
            }
            var point = (await PrevalenceService.FromApprovedFormsAsync(db, regionCode, indicatorCode, ct)).LastOrDefault(p => p.Year >= baselineYear);
            return point is null ? null : new LatestFigure(point.Year, point.Month, point.Value, source.Code, source.Name, point.IsExample);
        }
        return await db.PrevalenceFigures.AsNoTracking()
            .Where(f => f.RegionCode == regionCode && f.IndicatorCode == indicatorCode && f.SourceCode == sourceCode && f.Year >= baselineYear)
            .OrderByDescending(f => f.Year).ThenByDescending(f => f.Month)
            .Select(f => new LatestFigure(f.Year, f.Month, f.Value, source.Code, source.Name, f.IsExample))
            .FirstOrDefaultAsync(ct);
    }
}
