using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Imports;

namespace TppsPortal.Regions;

public sealed record RegionImportError(int Line, string? Code, string Message);

public enum RegionImportPhase
{
    Reading,
    Checking,
    Writing,
    Done,
}

public sealed record RegionImportProgress(RegionImportPhase Phase, int Rows, string Message);

/// <summary>What an import did, or why it was rejected.</summary>
/// <param name="Succeeded">False: nothing was changed; see <paramref name="Errors"/>.</param>
/// <param name="Rows">Rows imported (within the prefix) when it succeeded; data rows read when it was rejected.</param>
/// <param name="Added">New codes.</param>
/// <param name="Updated">Codes whose name changed (or that were example villages until now).</param>
/// <param name="Unchanged">Codes already there with the same name.</param>
/// <param name="SkippedOutsidePrefix">Rows left out because they lie outside the prefix and above none of it.</param>
/// <param name="Errors">The first <see cref="MaxErrorsListed"/> errors, by line.</param>
/// <param name="ErrorCount">All errors found.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record RegionImportResult(
    bool Succeeded,
    int Rows,
    int Added,
    int Updated,
    int Unchanged,
    int SkippedOutsidePrefix,
    IReadOnlyList<RegionImportError> Errors,
    int ErrorCount,
    TimeSpan Elapsed)
{
    public const int MaxErrorsListed = 200;
}

/// <summary>
/// Imports the official Kepmendagri list in its <c>kode,nama</c> CSV form. All-or-nothing: every row is
/// checked first (format, parent, duplicates) and the database changes only when none fails. Re-importing
/// updates names and adds new codes; it never duplicates and never deletes. Rows go in by binary COPY
/// into a temporary table and one INSERT .. ON CONFLICT, so the national list (91,599 rows) takes seconds.
/// </summary>
/// <remarks>
/// The check against the database and the write run in one transaction that holds an advisory lock, so two
/// imports at once run one after the other and each one's counts are exact.
/// </remarks>
public sealed class RegionImporter(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<RegionImporter> logger)
{
    /// <summary>Key of the transaction-level advisory lock that serialises imports.</summary>
    private const long ImportLockKey = 0x7470_7073_7265_6731; // "tppsreg1"

    private const int ProgressEvery = 10_000;

    /// <summary>What a file may hold (size, rows, columns, cell length).</summary>
    public static ImportLimits Limits => ImportLimits.Regions;

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public async Task<RegionImportResult> ImportAsync(
        Actor actor, Stream csv, string? prefix = null, IProgress<RegionImportProgress>? progress = null, CancellationToken ct = default)
    {
        access.DemandManageRegions(actor);
        var clock = Stopwatch.StartNew();
        var errors = new List<RegionImportError>();
        void Fail(int line, string? code, string message) => errors.Add(new RegionImportError(line, code, message));

        prefix = string.IsNullOrWhiteSpace(prefix) ? null : prefix.Trim();
        if (prefix is not null && !RegionCode.TryParse(prefix, out _, out var prefixError))
        {
            return Failed([new RegionImportError(0, prefix, "Batas kode: " + prefixError)], 0, clock.Elapsed);
        }

        // 1. Read and check each row on its own.
        progress?.Report(new RegionImportProgress(RegionImportPhase.Reading, 0, "Membaca berkas..."));
        var rows = new List<ImportRow>(capacity: 100_000);
        var lineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal); // well-formed codes whose row failed
        var withinPrefix = 0;
        var skipped = 0;
        var records = 0;
        try
        {
            using var parser = new CsvTableReader(csv, Limits, ',');
            var first = true;
            while (await parser.ReadAsync(ct) is { } record)
            {
                var (line, fields) = record;
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (first)
                {
                    first = false;
                    if (fields[0].Trim().StartsWith("kode", StringComparison.OrdinalIgnoreCase))
                    {
                        continue; // header ("kode,nama"; also "Kode;Nama" from a spreadsheet, whose rows are then refused below)
                    }
                }
                records++;
                if (records % ProgressEvery == 0)
                {
                    progress?.Report(new RegionImportProgress(RegionImportPhase.Reading, records, $"Membaca berkas: {records.ToString("N0", Indonesian)} baris..."));
                }
                if (fields.Length == 1 && fields[0].Contains(';'))
                {
                    Fail(line, fields[0].Split(';')[0].Trim(),
                        "Baris harus berisi 2 kolom (kode,nama) yang dipisah koma; baris ini memakai titik koma (;). Simpan ulang sebagai CSV dengan pemisah koma.");
                    continue;
                }
                if (fields.Length != 2)
                {
                    Fail(line, fields[0].Trim(),
                        $"Baris harus berisi 2 kolom (kode,nama), ditemukan {fields.Length}. Nama yang berisi koma harus diapit tanda kutip.");
                    continue;
                }

                var code = fields[0].Trim();
                var name = TextRules.StripBidiControls(fields[1]).Trim(); // bulk COPY bypasses the TextInterceptor
                if (!RegionCode.TryParse(code, out var level, out var codeError))
                {
                    Fail(line, code, codeError);
                    continue;
                }
                if (name.Length == 0)
                {
                    Fail(line, code, "Nama wilayah kosong.");
                    refused.Add(code);
                    continue;
                }
                if (name.Any(char.IsControl))
                {
                    Fail(line, code, "Nama wilayah berisi baris baru atau karakter kontrol.");
                    refused.Add(code);
                    continue;
                }
                if (name.Length > Region.NameMaxLength)
                {
                    Fail(line, code, $"Nama wilayah lebih dari {Region.NameMaxLength} karakter.");
                    refused.Add(code);
                    continue;
                }
                if (prefix is not null && !RegionCode.IsWithin(code, prefix) && !RegionCode.IsWithin(prefix, code))
                {
                    skipped++;
                    continue;
                }
                if (lineOfCode.TryGetValue(code, out var firstLine))
                {
                    Fail(line, code, $"Kode {code} ganda: sudah ada di baris {firstLine}.");
                    continue;
                }
                lineOfCode[code] = line;
                if (prefix is null || RegionCode.IsWithin(code, prefix))
                {
                    withinPrefix++;
                }
                rows.Add(new ImportRow(line, code, name, level, RegionCode.ParentOf(code)));
            }
        }
        catch (ImportRefusedException refusal)
        {
            logger.LogWarning("Region import by {UserName} refused: {Reason}", actor.UserName, refusal.Message);
            return Failed([new RegionImportError(0, null, refusal.Message)], records, clock.Elapsed);
        }

        if (errors.Count == 0 && withinPrefix == 0)
        {
            var message = records == 0
                ? "Berkas tidak berisi baris wilayah. Yang diharapkan: berkas CSV dengan kolom kode,nama (baris judul boleh ada)."
                : $"Tidak ada baris dengan kode {prefix} atau di bawahnya; {records.ToString("N0", Indonesian)} baris lain dilewati.";
            return Failed([new RegionImportError(0, prefix, message)], records, clock.Elapsed);
        }

        // 2. Check parents against the file and the database, inside the transaction that will write.
        var readMs = clock.ElapsedMilliseconds;
        progress?.Report(new RegionImportProgress(RegionImportPhase.Checking, rows.Count, $"Memeriksa {rows.Count.ToString("N0", Indonesian)} baris..."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
        {
            lockCommand.Parameters.AddWithValue("key", ImportLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var existing = new Dictionary<string, (string Name, bool IsExample)>(capacity: rows.Count, StringComparer.Ordinal);
        await using (var load = new NpgsqlCommand("SELECT code, name, is_example FROM regions", connection, tx))
        await using (var reader = await load.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                existing[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
            }
        }
        foreach (var row in rows)
        {
            // A parent whose own row failed has its error listed already; its children need not repeat it.
            if (row.ParentCode is { } parent && !lineOfCode.ContainsKey(parent) && !existing.ContainsKey(parent) && !refused.Contains(parent))
            {
                Fail(row.Line, row.Code, $"Induk {parent} tidak ada di berkas maupun di basis data.");
            }
        }

        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            logger.LogWarning("Region import by {UserName} rejected: {ErrorCount} errors in {Rows} rows", actor.UserName, errors.Count, records);
            return Failed(errors, records, clock.Elapsed);
        }

        // An example village whose code turns up in the official list becomes a real one (is_example false).
        var added = rows.Count(r => !existing.ContainsKey(r.Code));
        var updated = rows.Count(r => existing.TryGetValue(r.Code, out var old) && (old.Name != r.Name || old.IsExample));

        // 3. Write: COPY into a temporary table, then one upsert.
        var checkMs = clock.ElapsedMilliseconds - readMs;
        progress?.Report(new RegionImportProgress(RegionImportPhase.Writing, 0, $"Menyimpan {rows.Count.ToString("N0", Indonesian)} baris..."));
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE region_import (code text COLLATE \"C\", name text, level smallint, parent_code text COLLATE \"C\") ON COMMIT DROP",
            connection, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY region_import (code, name, level, parent_code) FROM STDIN (FORMAT BINARY)", ct))
        {
            var written = 0;
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Code, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync((short)row.Level, NpgsqlDbType.Smallint, ct);
                if (row.ParentCode is null)
                {
                    await copy.WriteNullAsync(ct);
                }
                else
                {
                    await copy.WriteAsync(row.ParentCode, NpgsqlDbType.Text, ct);
                }
                if (++written % ProgressEvery == 0)
                {
                    progress?.Report(new RegionImportProgress(RegionImportPhase.Writing, written,
                        $"Menyimpan: {written.ToString("N0", Indonesian)} dari {rows.Count.ToString("N0", Indonesian)} baris..."));
                }
            }
            await copy.CompleteAsync(ct);
        }
        var copyMs = clock.ElapsedMilliseconds - readMs - checkMs;

        progress?.Report(new RegionImportProgress(RegionImportPhase.Writing, rows.Count, "Memperbarui tabel wilayah..."));
        // The self-referencing foreign key is checked at the end of the statement, so the order of rows does
        // not matter; parents first keeps it cheap.
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
            SELECT code, name, level, parent_code, false, now(), now() FROM region_import ORDER BY length(code), code
            ON CONFLICT (code) DO UPDATE
               SET name = EXCLUDED.name, level = EXCLUDED.level, is_example = false, updated_at = now()
             WHERE regions.name IS DISTINCT FROM EXCLUDED.name OR regions.level IS DISTINCT FROM EXCLUDED.level OR regions.is_example
            """, connection, tx))
        {
            upsert.CommandTimeout = 300;
            await upsert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        var writeMs = clock.ElapsedMilliseconds - readMs - checkMs - copyMs;

        var result = new RegionImportResult(true, rows.Count, added, updated, rows.Count - added - updated, skipped, [], 0, clock.Elapsed);
        progress?.Report(new RegionImportProgress(RegionImportPhase.Done, rows.Count, "Selesai."));
        logger.LogInformation(
            "Regions imported by {UserName}: {Rows} rows ({Added} added, {Updated} updated, {Unchanged} unchanged, {Skipped} outside the prefix), " +
            "prefix {Prefix}, {ElapsedMs} ms (read {ReadMs}, check {CheckMs}, copy {CopyMs}, upsert {WriteMs})",
            actor.UserName, result.Rows, added, updated, result.Unchanged, skipped, prefix ?? "-", (long)clock.Elapsed.TotalMilliseconds,
            readMs, checkMs, copyMs, writeMs);
        return result;
    }

    /// <summary>A rejection: the first <see cref="RegionImportResult.MaxErrorsListed"/> errors in line order, and how many there were.</summary>
    private static RegionImportResult Failed(List<RegionImportError> errors, int rows, TimeSpan elapsed) =>
        new(false, rows, 0, 0, 0, 0, errors.OrderBy(e => e.Line).Take(RegionImportResult.MaxErrorsListed).ToList(), errors.Count, elapsed);

    private sealed record ImportRow(int Line, string Code, string Name, RegionLevel Level, string? ParentCode);
}
