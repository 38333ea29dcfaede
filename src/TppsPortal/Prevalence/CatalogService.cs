using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Prevalence;

/// <summary>What the indicator and source forms edit. <see cref="Kind"/> is for sources only.</summary>
public sealed class CatalogEntryForm
{
    /// <summary>The key figures refer to: set when the entry is added, never changed afterwards.</summary>
    [Required(ErrorMessage = "Kode wajib diisi.")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Nama wajib diisi.")]
    public string Name { get; set; } = "";

    /// <summary>Survey (figures per year) or routine measurement (figures per month).</summary>
    public SourceKind? Kind { get; set; }

    /// <summary>Position in the pickers; empty puts a new entry last.</summary>
    public int? SortOrder { get; set; }

    public uint Version { get; set; }
}

/// <summary>An indicator as the list shows it, with what uses it.</summary>
public sealed record IndicatorEntry(string Code, string Name, int SortOrder, int Figures, int Targets, bool FromCamatForms, uint Version)
{
    public bool InUse => Figures > 0 || Targets > 0 || FromCamatForms;
}

/// <summary>A source as the list shows it, with what uses it.</summary>
public sealed record SourceEntry(string Code, string Name, SourceKind Kind, int SortOrder, int Figures, int Targets, bool IsCamatForms, uint Version)
{
    public bool InUse => Figures > 0 || Targets > 0 || IsCamatForms;
}

public sealed record Catalog(IReadOnlyList<IndicatorEntry> Indicators, IReadOnlyList<SourceEntry> Sources);

/// <summary>
/// The lists of indicators and data sources that figures, targets and the dashboard are built on. Shared by all
/// districts, so only Admin Sistem changes them. A code is the key stored figures refer to: it is chosen once.
/// A source's kind decides whether its figures are per year (survey) or per month (routine), so it cannot change
/// once figures exist; nothing in use is deleted; what the camat forms count (stunting, wasting, underweight and
/// the source "FORM") stays.
/// </summary>
public sealed partial class CatalogService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<CatalogService> logger)
{
    public bool CanManage(Actor actor) => access.CanManageCatalog(actor);

    /// <summary>
    /// The indicator names the first migration wrote English first ("Wasting (gizi kurang)") and the Indonesian
    /// names that replace them ("Gizi kurang (wasting)"). "Stunting" stays first: it is the term of Perpres 72/2021
    /// itself. The migrations' seed data keeps the old text (a model change is a migration of its own); every
    /// database is brought to the new names by <see cref="FixIndicatorNamesAsync"/> at migration and demo seeding.
    /// </summary>
    public static readonly IReadOnlyList<(string Code, string Old, string Name)> IndonesianIndicatorNames =
    [
        ("stunting", "Stunting (pendek dan sangat pendek)", "Stunting (pendek dan sangat pendek)"),
        ("wasting", "Wasting (gizi kurang)", "Gizi kurang (wasting)"),
        ("underweight", "Underweight (berat badan kurang)", "Berat badan kurang (underweight)"),
        ("overweight", "Overweight (gizi lebih)", "Gizi lebih (overweight)"),
    ];

    /// <summary>
    /// Renames the indicators that still carry the first migration's English-first name; a name an Admin Sistem
    /// has chosen since is left alone. Returns how many rows changed. Idempotent: called on every start.
    /// </summary>
    public async Task<int> FixIndicatorNamesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = 0;
        foreach (var (code, old, name) in IndonesianIndicatorNames.Where(n => n.Old != n.Name))
        {
            changed += await db.Indicators.Where(i => i.Code == code && i.Name == old).ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, name), ct);
        }
        if (changed > 0)
        {
            logger.LogInformation("Indicator names put Indonesian first: {Count} renamed", changed);
        }
        return changed;
    }

    public async Task<Catalog> GetAsync(Actor actor, CancellationToken ct = default)
    {
        access.DemandReadFigures(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var figures = await db.PrevalenceFigures.GroupBy(f => new { f.IndicatorCode, f.SourceCode })
            .Select(g => new { g.Key.IndicatorCode, g.Key.SourceCode, Count = g.Count() }).ToListAsync(ct);
        var targets = await db.TargetPaths.GroupBy(t => new { t.IndicatorCode, t.BaselineSourceCode })
            .Select(g => new { g.Key.IndicatorCode, g.Key.BaselineSourceCode, Count = g.Count() }).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Name).ToListAsync(ct);
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(ct);
        return new Catalog(
            indicators.Select(i => new IndicatorEntry(i.Code, i.Name, i.SortOrder,
                figures.Where(f => f.IndicatorCode == i.Code).Sum(f => f.Count), targets.Where(t => t.IndicatorCode == i.Code).Sum(t => t.Count),
                PrevalenceService.FormIndicators.Contains(i.Code), i.Version)).ToList(),
            sources.Select(s => new SourceEntry(s.Code, s.Name, s.Kind, s.SortOrder,
                figures.Where(f => f.SourceCode == s.Code).Sum(f => f.Count), targets.Where(t => t.BaselineSourceCode == s.Code).Sum(t => t.Count),
                s.Code == DataSource.CamatForms, s.Version)).ToList());
    }

    // ----- indicators -----

    /// <summary>Adds an indicator (<paramref name="code"/> null) or renames/reorders one.</summary>
    public async Task<Result> SaveIndicatorAsync(Actor actor, string? code, CatalogEntryForm form, CancellationToken ct = default)
    {
        access.DemandManageCatalog(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new ErrorBag();
        var name = CheckName(form, Indicator.NameMaxLength, errors);
        Indicator? indicator;
        if (code is null)
        {
            var newCode = CheckNewCode(form.Code?.Trim().ToLowerInvariant(), IndicatorCodePattern(), "huruf kecil", "anemia-ibu-hamil", errors);
            if (newCode.Length > 0 && await db.Indicators.AnyAsync(i => i.Code == newCode, ct))
                errors.Add(nameof(form.Code), $"Kode {newCode} sudah dipakai indikator lain.");
            indicator = new Indicator { Code = newCode, Name = name };
        }
        else
        {
            indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == code, ct);
            if (indicator is null)
            {
                return Result.Fail("", Texts.NotFound);
            }
        }
        if (name.Length > 0 && await db.Indicators.AnyAsync(i => i.Code != indicator.Code && i.Name.ToLower() == name.ToLower(), ct))
        {
            errors.Add(nameof(form.Name), "Nama ini sudah dipakai indikator lain.");
        }
        CheckSortOrder(form, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        indicator.Name = name;
        indicator.SortOrder = form.SortOrder ?? await db.Indicators.MaxAsync(i => (int?)i.SortOrder, ct) + 1 ?? 1;
        if (code is null)
        {
            db.Indicators.Add(indicator);
        }
        else
        {
            db.Entry(indicator).Property(i => i.Version).OriginalValue = form.Version;
        }
        return await SaveAsync(db, actor, "indicator", indicator.Code, code is null ? "added" : "changed", nameof(form.Code), ct);
    }

    public async Task<Result> DeleteIndicatorAsync(Actor actor, string code, uint version, CancellationToken ct = default)
    {
        access.DemandManageCatalog(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        if (PrevalenceService.FormIndicators.Contains(code))
        {
            return Result.Fail("", $"{indicator.Name} tidak dapat dihapus: angkanya dihitung dari formulir kecamatan.");
        }
        var figures = await db.PrevalenceFigures.CountAsync(f => f.IndicatorCode == code, ct);
        var targets = await db.TargetPaths.CountAsync(t => t.IndicatorCode == code, ct);
        if (figures + targets > 0)
        {
            return Result.Fail("", $"{indicator.Name} tidak dapat dihapus: dipakai oleh {Uses(figures, targets)}. Hapus data itu terlebih dahulu.");
        }
        db.Entry(indicator).Property(i => i.Version).OriginalValue = version;
        db.Indicators.Remove(indicator);
        return await SaveAsync(db, actor, "indicator", code, "deleted", "", ct);
    }

    // ----- sources -----

    /// <summary>Adds a source (<paramref name="code"/> null) or changes one; its kind only while it has no figures.</summary>
    public async Task<Result> SaveSourceAsync(Actor actor, string? code, CatalogEntryForm form, CancellationToken ct = default)
    {
        access.DemandManageCatalog(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new ErrorBag();
        var name = CheckName(form, DataSource.NameMaxLength, errors);
        DataSource? source;
        if (code is null)
        {
            var newCode = CheckNewCode(form.Code?.Trim().ToUpperInvariant(), SourceCodePattern(), "huruf kapital", "SSGI atau SKI", errors);
            if (newCode.Length > 0 && await db.DataSources.AnyAsync(s => s.Code == newCode, ct))
                errors.Add(nameof(form.Code), $"Kode {newCode} sudah dipakai sumber lain.");
            source = new DataSource { Code = newCode, Name = name };
        }
        else
        {
            source = await db.DataSources.FirstOrDefaultAsync(s => s.Code == code, ct);
            if (source is null)
            {
                return Result.Fail("", Texts.NotFound);
            }
        }
        if (name.Length > 0 && await db.DataSources.AnyAsync(s => s.Code != source.Code && s.Name.ToLower() == name.ToLower(), ct))
        {
            errors.Add(nameof(form.Name), "Nama ini sudah dipakai sumber lain.");
        }
        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(form.Kind), "Pilih jenis sumber: survei (angka per tahun) atau pengukuran rutin (angka per bulan).");
        }
        else if (code is not null && kind != source.Kind)
        {
            if (source.Code == DataSource.CamatForms)
            {
                errors.Add(nameof(form.Kind), "Formulir kecamatan selalu pengukuran rutin per bulan.");
            }
            else if (await db.PrevalenceFigures.CountAsync(f => f.SourceCode == source.Code, ct) is var figures and > 0)
            {
                errors.Add(nameof(form.Kind), $"Jenis tidak dapat diubah: sudah ada {figures} angka dari sumber ini, dicatat per {(source.IsMonthly ? "bulan" : "tahun")}.");
            }
        }
        CheckSortOrder(form, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        source.Name = name;
        source.Kind = form.Kind!.Value;
        source.IsMonthly = source.Kind == SourceKind.Routine;
        source.SortOrder = form.SortOrder ?? await db.DataSources.MaxAsync(s => (int?)s.SortOrder, ct) + 1 ?? 1;
        if (code is null)
        {
            db.DataSources.Add(source);
        }
        else
        {
            db.Entry(source).Property(s => s.Version).OriginalValue = form.Version;
        }
        return await SaveAsync(db, actor, "source", source.Code, code is null ? "added" : "changed", nameof(form.Code), ct);
    }

    public async Task<Result> DeleteSourceAsync(Actor actor, string code, uint version, CancellationToken ct = default)
    {
        access.DemandManageCatalog(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.DataSources.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (source is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        if (code == DataSource.CamatForms)
        {
            return Result.Fail("", $"{source.Name} tidak dapat dihapus: angkanya diambil dari formulir kecamatan yang disetujui.");
        }
        var figures = await db.PrevalenceFigures.CountAsync(f => f.SourceCode == code, ct);
        var targets = await db.TargetPaths.CountAsync(t => t.BaselineSourceCode == code, ct);
        if (figures + targets > 0)
        {
            return Result.Fail("", $"{source.Name} tidak dapat dihapus: dipakai oleh {Uses(figures, targets)}. Hapus data itu terlebih dahulu.");
        }
        db.Entry(source).Property(s => s.Version).OriginalValue = version;
        db.DataSources.Remove(source);
        return await SaveAsync(db, actor, "source", code, "deleted", "", ct);
    }

    // ----- shared -----

    private static string CheckName(CatalogEntryForm form, int maxLength, ErrorBag errors)
    {
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0) errors.Add(nameof(form.Name), "Nama wajib diisi.");
        else if (name.Length > maxLength) errors.Add(nameof(form.Name), Texts.TooLong(maxLength));
        return name;
    }

    /// <summary>A new entry's code in its written form, or "" with the message when it is missing or malformed.</summary>
    private static string CheckNewCode(string? code, Regex pattern, string letters, string examples, ErrorBag errors)
    {
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(nameof(CatalogEntryForm.Code), "Kode wajib diisi.");
            return "";
        }
        if (!pattern.IsMatch(code))
        {
            errors.Add(nameof(CatalogEntryForm.Code), $"Kode 2-30 karakter: {letters}, angka atau tanda hubung, diawali huruf (misalnya {examples}).");
            return "";
        }
        return code;
    }

    private static void CheckSortOrder(CatalogEntryForm form, ErrorBag errors)
    {
        if (form.SortOrder is < 0 or > 999)
        {
            errors.Add(nameof(form.SortOrder), "Urutan 0 sampai 999, atau kosongkan untuk menaruhnya di akhir.");
        }
    }

    private static string Uses(int figures, int targets) =>
        string.Join(" dan ", new[] { figures > 0 ? $"{figures} angka prevalensi" : null, targets > 0 ? $"{targets} jalur target" : null }.OfType<string>());

    private async Task<Result> SaveAsync(AppDbContext db, Actor actor, string what, string code, string done, string codeField, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Catalog {What} {Code} not {Done} by {UserName}: changed by someone else meanwhile", what, code, done, actor.UserName);
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone added the same code between our check and this write.
            return Result.Fail(codeField, $"Kode {code} sudah dipakai.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A figure or target that uses it was saved between our count and the delete.
            return Result.Fail("", "Tidak dapat dihapus: baru saja dipakai oleh angka atau target. Muat ulang daftar.");
        }
        logger.LogInformation("Catalog {What} {Code} {Done} by {UserName}", what, code, done, actor.UserName);
        return Result.Ok;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,29}$")]
    private static partial Regex IndicatorCodePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,29}$")]
    private static partial Regex SourceCodePattern();
}
