using System.Globalization;
using System.Text.RegularExpressions;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Imports;

namespace TppsPortal.Submissions;

/// <summary>One line of an import file, matched to a village, with what is wrong or suspicious about it.</summary>
public sealed record ImportLine(int Line, string Input, string? VillageCode, string? VillageName, VillageValues Values, string Comment,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

public sealed record ImportPreview(string FileName, IReadOnlyList<ImportLine> Lines, IReadOnlyList<string> FileErrors)
{
    public bool CanApply => FileErrors.Count == 0 && Lines.Count > 0 && Lines.All(l => l.Errors.Count == 0);

    public int ErrorCount => FileErrors.Count + Lines.Sum(l => l.Errors.Count);
}

/// <summary>
/// Fills a kecamatan form from a CSV or XLSX file with a row per village (code or name, then the figures by
/// their column names). First a preview with row-level errors and rule warnings; nothing is saved until the
/// preview is confirmed, and then all rows go in one transaction or none do.
/// </summary>
public sealed partial class SubmissionImporter(AccessPolicy access, SubmissionService submissions)
{
    /// <summary>The template's columns, in order: a file may have no value to the right of them.</summary>
    public static IReadOnlyList<string> TemplateColumns { get; } =
        ["kode_desa", "nama_desa", .. FigureInfo.All.Select(f => f.Key()), "komentar"];

    /// <summary>What a file may hold (size, rows, columns, cell length).</summary>
    public static ImportLimits Limits => ImportLimits.Submission;

    /// <summary>The expected header, for the template the page offers.</summary>
    public static string TemplateHeader => string.Join(",", TemplateColumns);

    public async Task<ImportPreview> PreviewAsync(Actor actor, int periodId, string kecamatanCode, Stream file, string fileName, CancellationToken ct = default)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        List<(int Line, string[] Cells)> table;
        try
        {
            // Spreadsheets in an Indonesian locale save CSV with ";"; a tie goes to ",".
            using var reader = ImportTable.Open(file, fileName, Limits, ',', ';');
            table = await ImportTable.ReadAllAsync(reader, ct);
        }
        catch (ImportRefusedException refused)
        {
            return new ImportPreview(fileName, [], [refused.Message]);
        }
        if (table.Count == 0)
        {
            return new ImportPreview(fileName, [], ["Berkas kosong."]);
        }

        var header = table[0].Cells.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToArray();
        var codeColumn = Array.FindIndex(header, h => h is "kode_desa" or "kode");
        var nameColumn = Array.FindIndex(header, h => h is "nama_desa" or "desa" or "nama");
        var commentColumn = Array.FindIndex(header, h => h is "komentar" or "catatan");
        var figureColumns = FigureInfo.All.ToDictionary(f => f, f => Array.IndexOf(header, f.Key()));
        var fileErrors = new List<string>();
        if (codeColumn < 0 && nameColumn < 0)
        {
            fileErrors.Add("Baris 1: kolom kode_desa atau nama_desa tidak ada. Unduh templat untuk melihat nama kolom yang dipakai.");
        }
        var missing = figureColumns.Where(f => f.Value < 0).Select(f => f.Key.Key()).ToList();
        if (missing.Count == FigureInfo.All.Count)
        {
            fileErrors.Add("Baris 1: tidak ada kolom angka yang dikenal (contoh: " + string.Join(", ", FigureInfo.All.Take(4).Select(f => f.Key())) + ").");
        }
        if (fileErrors.Count > 0)
        {
            return new ImportPreview(fileName, [], fileErrors);
        }

        var form = await submissions.GetFormAsync(actor, periodId, kecamatanCode, ct);
        var byCode = form.Rows.ToDictionary(r => r.VillageCode);
        var byName = form.Rows.GroupBy(r => Simplify(r.VillageName)).ToDictionary(g => g.Key, g => g.ToList());
        var seen = new Dictionary<string, int>();
        var lines = new List<ImportLine>();
        foreach (var (line, cells) in table.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            string Cell(int i) => i >= 0 && i < cells.Length ? cells[i].Trim() : "";
            var errors = new List<string>();
            var input = codeColumn >= 0 && Cell(codeColumn).Length > 0 ? Cell(codeColumn) : Cell(nameColumn);
            RowView? village = null;
            if (codeColumn >= 0 && Cell(codeColumn).Length > 0)
            {
                if (!byCode.TryGetValue(Cell(codeColumn), out village))
                {
                    errors.Add($"Kode desa {Cell(codeColumn)} bukan desa/kelurahan Kecamatan {form.KecamatanName}.");
                }
            }
            else if (nameColumn >= 0 && Cell(nameColumn).Length > 0)
            {
                if (!byName.TryGetValue(Simplify(Cell(nameColumn)), out var matches))
                {
                    errors.Add($"Desa \"{Cell(nameColumn)}\" tidak ditemukan di Kecamatan {form.KecamatanName}.");
                }
                else if (matches.Count > 1)
                {
                    errors.Add($"Nama \"{Cell(nameColumn)}\" dipakai lebih dari satu desa/kelurahan: gunakan kode desa.");
                }
                else
                {
                    village = matches[0];
                }
            }
            else
            {
                errors.Add("Kode atau nama desa kosong.");
            }
            if (village is not null)
            {
                if (seen.TryGetValue(village.VillageCode, out var firstLine))
                {
                    errors.Add($"{village.VillageName} sudah ada di baris {firstLine}.");
                }
                else
                {
                    seen[village.VillageCode] = line;
                }
            }

            var values = new VillageValues();
            foreach (var (figure, column) in figureColumns)
            {
                var text = Cell(column);
                if (column < 0 || text.Length == 0)
                {
                    continue;
                }
                if (TryParseCount(text, out var number))
                {
                    values = values.With(figure, number);
                }
                else
                {
                    errors.Add($"{figure.Label()}: \"{text}\" bukan bilangan bulat tidak negatif.");
                }
            }
            var comment = Cell(commentColumn);
            if (comment.Length > VillageRow.CommentMaxLength)
            {
                errors.Add($"Komentar lebih dari {VillageRow.CommentMaxLength} karakter.");
            }
            errors.AddRange(SubmissionRules.Hard(values).Select(f => f.Message));
            var warnings = village is null ? [] : SubmissionRules.Soft(values, village.Previous, form.Period.IsWeighingMonth).Select(f => f.Message).ToList();
            lines.Add(new ImportLine(line, input, village?.VillageCode, village?.VillageName, values, comment, errors, warnings));
        }
        if (!form.CanEdit)
        {
            fileErrors.Add(form.Status == ReportStatus.Disetujui
                ? "Formulir sudah disetujui dan dikunci; impor tidak dapat dilakukan."
                : "Formulir sedang tidak dapat diubah (sudah diajukan, atau periode ditutup).");
        }
        if (lines.Count == 0)
        {
            fileErrors.Add("Berkas tidak berisi baris desa.");
        }
        return new ImportPreview(fileName, lines, fileErrors);
    }

    /// <summary>Writes a confirmed preview: every line or none. The preview is checked again first.</summary>
    public async Task<Result> ApplyAsync(Actor actor, int periodId, string kecamatanCode, ImportPreview preview, CancellationToken ct = default)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        if (!preview.CanApply)
        {
            return Result.Fail("", $"Berkas masih berisi {preview.ErrorCount} kesalahan; tidak ada yang disimpan.");
        }
        return await submissions.ApplyImportAsync(actor, periodId, kecamatanCode,
            preview.Lines.Select(l => (l.VillageCode!, l.Values, l.Comment)).ToList(), preview.FileName, ct);
    }

    /// <summary>"1072" or "1.072" (Indonesian thousands); never decimals or negatives.</summary>
    public static bool TryParseCount(string text, out int value)
    {
        text = text.Trim();
        if (ThousandsPattern().IsMatch(text))
        {
            text = text.Replace(".", "", StringComparison.Ordinal);
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Simplify(string name)
    {
        var s = name.Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "desa ", "kelurahan ", "kel. ", "ds. " })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                s = s[prefix.Length..];
            }
        }
        return string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsPattern();
}
