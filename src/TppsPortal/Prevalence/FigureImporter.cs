using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Imports;

namespace TppsPortal.Prevalence;

/// <param name="Line">The line of the file (the header is line 1); 0 for the file as a whole.</param>
/// <param name="Column">The CSV column the message is about; empty for the whole row or file.</param>
public sealed record FigureImportError(int Line, string Column, string Message);

/// <summary>What an import did, or why nothing was saved.</summary>
public sealed record FigureImportResult(bool Succeeded, int Rows, int Added, int Updated, IReadOnlyList<FigureImportError> Errors, int ErrorCount)
{
    public const int MaxErrorsListed = 200;
}

/// <summary>
/// Imports published figures from a CSV file (<see cref="Header"/>): every row is checked by the same rules as the
/// form (<see cref="FigureRules"/>), and only when no row fails are they written, in one transaction. A row whose
/// area, indicator, source and period are already stored replaces that figure.
/// </summary>
public sealed partial class FigureImporter(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock, ILogger<FigureImporter> logger)
{
    /// <summary>What a file may hold (size, rows, columns, cell length).</summary>
    public static ImportLimits Limits => ImportLimits.Figures;

    public static readonly IReadOnlyList<string> Columns =
        ["kode_wilayah", "indikator", "sumber", "tahun", "bulan", "nilai", "pembilang", "penyebut", "rse", "batas_bawah", "batas_atas", "sitasi"];

    public static string Header => string.Join(";", Columns);

    /// <summary>The template the page offers: the header and two example rows (a survey year, a weighing month).</summary>
    public static string TemplateCsv =>
        Header + "\n" +
        "73.24;stunting;SSGI;2022;;22,6;;;;;;SSGI 2022, Buku Saku hasil SSGI tingkat kabupaten\n" +
        "73.12;stunting;EPPGBM;2023;8;9,97;;;;;;e-PPGBM, penimbangan Agustus 2023\n";

    private static readonly string[] Required = ["kode_wilayah", "indikator", "sumber", "tahun", "nilai"];

    /// <summary>The form field each column fills, to put the rules' messages on their column.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new()
    {
        [nameof(FigureForm.RegionCode)] = "kode_wilayah",
        [nameof(FigureForm.IndicatorCode)] = "indikator",
        [nameof(FigureForm.SourceCode)] = "sumber",
        [nameof(FigureForm.Year)] = "tahun",
        [nameof(FigureForm.Month)] = "bulan",
        [nameof(FigureForm.Value)] = "nilai",
        [nameof(FigureForm.Numerator)] = "pembilang",
        [nameof(FigureForm.Denominator)] = "penyebut",
        [nameof(FigureForm.RelativeStandardError)] = "rse",
        [nameof(FigureForm.IntervalLow)] = "batas_bawah",
        [nameof(FigureForm.IntervalHigh)] = "batas_atas",
        [nameof(FigureForm.Citation)] = "sitasi",
    };

    public async Task<FigureImportResult> ImportAsync(Actor actor, Stream csv, CancellationToken ct = default)
    {
        access.DemandWriteFigures(actor);
        var errors = new List<FigureImportError>();

        // Spreadsheets in an Indonesian locale save with ";" (the comma is the decimal sign there); a tie goes to ";".
        using var parser = new CsvTableReader(csv, Limits, ';', ',');
        try
        {
            return await ImportAsync(actor, parser, errors, ct);
        }
        catch (ImportRefusedException refused)
        {
            logger.LogWarning("Figure import by {UserName} refused: {Reason}", actor.UserName, refused.Message);
            return Failed([new FigureImportError(0, "", refused.Message)], 0);
        }
    }

    private async Task<FigureImportResult> ImportAsync(Actor actor, CsvTableReader parser, List<FigureImportError> errors, CancellationToken ct)
    {
        var header = await parser.ReadAsync(ct);
        if (header is null || header.Value.Cells.All(string.IsNullOrWhiteSpace))
        {
            return Failed([new FigureImportError(0, "", "Berkas kosong. Unduh templat untuk melihat kolom yang dipakai.")], 0);
        }
        var separator = parser.Separator;
        var names = header.Value.Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                continue;
            }
            if (!Columns.Contains(names[i]))
            {
                errors.Add(new FigureImportError(1, names[i], $"Kolom \"{names[i]}\" tidak dikenal. Kolom yang dipakai: {string.Join(separator, Columns)}."));
            }
            else if (!index.TryAdd(names[i], i))
            {
                errors.Add(new FigureImportError(1, names[i], $"Kolom \"{names[i]}\" muncul dua kali."));
            }
        }
        foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(new FigureImportError(1, missing, $"Kolom wajib \"{missing}\" tidak ada."));
        }
        if (errors.Count > 0)
        {
            return Failed(errors, 0);
        }

        // 1. Each row on its own: numbers, codes.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Code.ToUpperInvariant(), s => s.Code, ct);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code.ToLowerInvariant(), i => i.Code, ct);
        var rows = new List<(int Line, FigureForm Form)>();
        while (await parser.ReadAsync(ct) is { } record)
        {
            var (line, fields) = record;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            string Cell(string column) => index.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";
            void Fail(string column, string message) => errors.Add(new FigureImportError(line, column, message));

            var form = new FigureForm
            {
                RegionCode = Cell("kode_wilayah"),
                IndicatorCode = indicators.GetValueOrDefault(Cell("indikator").ToLowerInvariant(), Cell("indikator")),
                SourceCode = sources.GetValueOrDefault(Cell("sumber").ToUpperInvariant(), Cell("sumber")),
                Citation = Cell("sitasi"),
            };
            int? Integer(string column)
            {
                var cell = Cell(column);
                if (cell.Length == 0)
                {
                    return null;
                }
                if (TryParseInteger(cell, out var value))
                {
                    return value;
                }
                Fail(column, $"\"{cell}\" bukan bilangan bulat.");
                return null;
            }
            decimal? Number(string column)
            {
                var cell = Cell(column);
                if (cell.Length == 0)
                {
                    return null;
                }
                if (TryParseDecimal(cell, out var value))
                {
                    return value;
                }
                Fail(column, $"\"{cell}\" bukan angka (contoh: 22,6 atau 22.6).");
                return null;
            }
            form.Year = Integer("tahun");
            form.Month = Integer("bulan");
            form.Value = Number("nilai");
            form.Numerator = Integer("pembilang");
            form.Denominator = Integer("penyebut");
            form.RelativeStandardError = Number("rse");
            form.IntervalLow = Number("batas_bawah");
            form.IntervalHigh = Number("batas_atas");
            rows.Add((line, form));
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            return Failed([new FigureImportError(0, "", "Berkas tidak berisi baris angka di bawah baris judul.")], 0);
        }

        // 2. The rules, the scope, and keys repeated in the file.
        var lookups = await PrevalenceService.LookupsAsync(db, rows.Select(r => r.Form.RegionCode).ToList(), clock, ct);
        var lineOfKey = new Dictionary<FigureKey, int>();
        foreach (var (line, form) in rows)
        {
            var bad = errors.Any(e => e.Line == line);
            var check = FigureRules.Check(form, lookups).ToResult();
            foreach (var (field, messages) in check.Errors)
            {
                var column = ColumnOfField.GetValueOrDefault(field, "");
                // A number that could not be read already has its message.
                if (errors.Any(e => e.Line == line && e.Column == column))
                {
                    continue;
                }
                errors.AddRange(messages.Select(m => new FigureImportError(line, column, m)));
            }
            if (lookups.Regions.Contains(form.RegionCode) && !access.CanWriteFigures(actor, form.RegionCode))
            {
                errors.Add(new FigureImportError(line, "kode_wilayah", $"Wilayah {form.RegionCode} di luar wilayah kerja Anda."));
            }
            if (!bad && check.Succeeded)
            {
                var key = FigureKey.Of(form);
                if (lineOfKey.TryGetValue(key, out var first))
                {
                    errors.Add(new FigureImportError(line, "", $"Wilayah, indikator, sumber dan periode yang sama sudah ada di baris {first}."));
                }
                else
                {
                    lineOfKey[key] = line;
                }
            }
        }
        if (errors.Count > 0)
        {
            logger.LogWarning("Figure import by {UserName} rejected: {ErrorCount} errors in {Rows} rows", actor.UserName, errors.Count, rows.Count);
            return Failed(errors, rows.Count);
        }

        // 3. Write every row or none: an existing key is updated, a new one added.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var codes = rows.Select(r => r.Form.RegionCode).Distinct().ToList();
        var existing = (await db.PrevalenceFigures.Where(f => codes.Contains(f.RegionCode)).ToListAsync(ct))
            .ToDictionary(f => new FigureKey(f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year, f.Month));
        int added = 0, updated = 0;
        var touched = new List<PrevalenceFigure>();
        var before = new Dictionary<PrevalenceFigure, FigureSnapshot>(ReferenceEqualityComparer.Instance);
        foreach (var (_, form) in rows)
        {
            if (existing.TryGetValue(FigureKey.Of(form), out var figure))
            {
                before[figure] = FigureSnapshot.Of(figure);
                updated++;
            }
            else
            {
                figure = new PrevalenceFigure { RegionCode = "", IndicatorCode = "", SourceCode = "" };
                db.PrevalenceFigures.Add(figure);
                added++;
            }
            PrevalenceService.Apply(form, figure);
            touched.Add(figure);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            // The history of every row added or changed (new rows have their ids now), in the same transaction.
            var at = clock.GetUtcNow();
            db.ChangeRecords.AddRange(touched.SelectMany(f => before.TryGetValue(f, out var old)
                ? ChangeTexts.FigureChanged(old, FigureSnapshot.Of(f), actor, at)
                : [ChangeTexts.FigureAdded(FigureSnapshot.Of(f), actor, at)]));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Failed([new FigureImportError(0, "", "Angka yang sama baru saja disimpan atau diubah pengguna lain. Tidak ada yang disimpan; impor ulang berkas ini.")], rows.Count);
        }
        logger.LogInformation("Figures imported by {UserName}: {Rows} rows, {Added} added, {Updated} updated", actor.UserName, rows.Count, added, updated);
        return new FigureImportResult(true, rows.Count, added, updated, [], 0);
    }

    /// <summary>"22,6", "22.6", "22,6 %"; a comma or a point as the decimal sign.</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        text = text.Trim().TrimEnd('%').Trim();
        if (text.Count(c => c is ',' or '.') > 1)
        {
            value = 0;
            return false;
        }
        return decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"1072" or "1.072" (Indonesian thousands); never decimals.</summary>
    public static bool TryParseInteger(string text, out int value)
    {
        text = text.Trim();
        if (ThousandsPattern().IsMatch(text))
        {
            text = text.Replace(".", "", StringComparison.Ordinal);
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static FigureImportResult Failed(List<FigureImportError> errors, int rows) =>
        new(false, rows, 0, 0, errors.OrderBy(e => e.Line).Take(FigureImportResult.MaxErrorsListed).ToList(), errors.Count);

    private readonly record struct FigureKey(string Region, string Indicator, string Source, int Year, int? Month)
    {
        public static FigureKey Of(FigureForm f) => new(f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year!.Value, f.Month);
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsPattern();
}
