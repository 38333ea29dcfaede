using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

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
public sealed class RegionImporter(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<RegionImporter> logger)
{
    public async Task<RegionImportResult> ImportAsync(
        Actor actor, Stream csv, string? prefix = null, IProgress<RegionImportProgress>? progress = null, CancellationToken ct = default)
    {
        access.DemandManageRegions(actor);
        var clock = Stopwatch.StartNew();
        var errors = new List<RegionImportError>();
        var errorCount = 0;
        void Fail(int line, string? code, string message)
        {
            errorCount++;
            if (errors.Count < RegionImportResult.MaxErrorsListed)
            {
                errors.Add(new RegionImportError(line, code, message));
            }
        }

        prefix = string.IsNullOrWhiteSpace(prefix) ? null : prefix.Trim();
        if (prefix is not null && !RegionCode.TryParse(prefix, out _, out var prefixError))
        {
            return Failed([new RegionImportError(0, prefix, "Batas kode: " + prefixError)], 1, 0, clock.Elapsed);
        }

        // 1. Read and check each row on its own.
        progress?.Report(new RegionImportProgress(RegionImportPhase.Reading, 0, "Membaca berkas..."));
        var rows = new List<ImportRow>(capacity: 100_000);
        var lineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var skipped = 0;
        using (var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true))
        {
            var parser = new CsvLineReader(reader);
            var first = true;
            while (await parser.ReadAsync(ct) is { } record)
            {
                var (line, fields) = record;
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    first = false;
                    continue;
                }
                if (first)
                {
                    first = false;
                    if (fields.Length >= 1 && fields[0].Trim().Equals("kode", StringComparison.OrdinalIgnoreCase))
                    {
                        continue; // header
                    }
                }
                if (fields.Length != 2)
                {
                    Fail(line, fields[0], $"Baris harus berisi 2 kolom (kode,nama), ditemukan {fields.Length}.");
                    continue;
                }

                var code = fields[0].Trim();
                var name = fields[1].Trim();
                if (!RegionCode.TryParse(code, out var level, out var codeError))
                {
                    Fail(line, code, codeError);
                    continue;
                }
                if (name.Length == 0)
                {
                    Fail(line, code, "Nama wilayah kosong.");
                    continue;
                }
                if (name.Length > Region.NameMaxLength)
                {
                    Fail(line, code, $"Nama wilayah lebih dari {Region.NameMaxLength} karakter.");
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
                rows.Add(new ImportRow(line, code, name, level, RegionCode.ParentOf(code)));
                if (rows.Count % 10_000 == 0)
                {
                    progress?.Report(new RegionImportProgress(RegionImportPhase.Reading, rows.Count, $"Membaca berkas: {rows.Count:N0} baris..."));
                }
            }
        }

        // 2. Check parents against the file and the database.
        var readMs = clock.ElapsedMilliseconds;
        progress?.Report(new RegionImportProgress(RegionImportPhase.Checking, rows.Count, $"Memeriksa {rows.Count:N0} baris..."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var existing = new Dictionary<string, string>(capacity: rows.Count, StringComparer.Ordinal);
        await using (var load = new NpgsqlCommand("SELECT code, name FROM regions", connection))
        await using (var reader = await load.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                existing[reader.GetString(0)] = reader.GetString(1);
            }
        }
        foreach (var row in rows)
        {
            if (row.ParentCode is { } parent && !lineOfCode.ContainsKey(parent) && !existing.ContainsKey(parent))
            {
                Fail(row.Line, row.Code, $"Induk {parent} tidak ada di berkas maupun di basis data.");
            }
        }

        if (errorCount > 0)
        {
            logger.LogWarning("Region import by {UserName} rejected: {ErrorCount} errors in {Rows} rows", actor.UserName, errorCount, rows.Count);
            return Failed(errors, errorCount, rows.Count, clock.Elapsed);
        }
        if (rows.Count == 0)
        {
            return Failed([new RegionImportError(0, null, "Berkas tidak berisi baris wilayah.")], 1, 0, clock.Elapsed);
        }

        var added = rows.Count(r => !existing.ContainsKey(r.Code));
        var updated = rows.Count(r => existing.TryGetValue(r.Code, out var old) && old != r.Name);

        // 3. Write: COPY into a temporary table, then one upsert; all inside one transaction.
        progress?.Report(new RegionImportProgress(RegionImportPhase.Writing, rows.Count, $"Menyimpan {rows.Count:N0} baris..."));
        var checkMs = clock.ElapsedMilliseconds - readMs;
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await using (var create = new NpgsqlCommand(
                "CREATE TEMP TABLE region_import (code text COLLATE \"C\", name text, level smallint, parent_code text COLLATE \"C\") ON COMMIT DROP",
                connection, tx))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY region_import (code, name, level, parent_code) FROM STDIN (FORMAT BINARY)", ct))
            {
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
                }
                await copy.CompleteAsync(ct);
            }
            var copyMs = clock.ElapsedMilliseconds - readMs - checkMs;
            logger.LogDebug("Region import: read {ReadMs} ms, check {CheckMs} ms, copy {CopyMs} ms", readMs, checkMs, copyMs);

            // Parents first (shorter codes) so the self-referencing foreign key is satisfied; it is checked at
            // the end of the statement anyway.
            await using (var upsert = new NpgsqlCommand(
                """
                INSERT INTO regions (code, name, level, parent_code, is_example, created_at, updated_at)
                SELECT code, name, level, parent_code, false, now(), now() FROM region_import ORDER BY length(code), code
                ON CONFLICT (code) DO UPDATE
                   SET name = EXCLUDED.name, level = EXCLUDED.level, is_example = false, updated_at = now()
                 WHERE regions.name IS DISTINCT FROM EXCLUDED.name OR regions.level IS DISTINCT FROM EXCLUDED.level
                """, connection, tx))
            {
                upsert.CommandTimeout = 300;
                await upsert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }

        var result = new RegionImportResult(true, rows.Count, added, updated, rows.Count - added - updated, skipped, [], 0, clock.Elapsed);
        progress?.Report(new RegionImportProgress(RegionImportPhase.Done, rows.Count, "Selesai."));
        logger.LogInformation(
            "Regions imported by {UserName}: {Rows} rows ({Added} added, {Updated} updated, {Unchanged} unchanged), prefix {Prefix}, {ElapsedMs} ms",
            actor.UserName, result.Rows, added, updated, result.Unchanged, prefix ?? "-", (long)clock.Elapsed.TotalMilliseconds);
        return result;
    }

    private static RegionImportResult Failed(IReadOnlyList<RegionImportError> errors, int count, int rows, TimeSpan elapsed) =>
        new(false, rows, 0, 0, 0, 0, errors.OrderBy(e => e.Line).ToList(), count, elapsed);

    private sealed record ImportRow(int Line, string Code, string Name, RegionLevel Level, string? ParentCode);
}
