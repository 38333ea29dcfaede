using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Submissions;

/// <summary>
/// The camat form: periods, drafts saved field by field, submission with the rules, verification by the
/// secretariat (approve, return with comments, reopen with a reason), the history of every change, and the
/// completeness board. Every change of one report is serialised by a row lock on the report.
/// </summary>
public sealed class SubmissionService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    Notifications.EventNotices notices,
    TimeProvider clock,
    ILogger<SubmissionService> logger)
{
    private DateOnly TodayWita => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);

    public bool CanVerify(Actor actor, string regionCode) => access.CanVerifySubmission(actor, regionCode);

    public bool CanEdit(Actor actor, string kecamatanCode) => access.CanEditSubmission(actor, kecamatanCode);

    // ----- periods -----

    public async Task<IReadOnlyList<PeriodView>> PeriodsAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        if (actor.Role == Role.OperatorOpd || !access.CanSeeRegion(actor, districtCode))
        {
            access.DemandReadSubmission(actor, districtCode);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.DistrictCode == districtCode)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).ToListAsync(ct);
        return periods.Select(ToView).ToList();
    }

    public async Task<Result<int>> OpenPeriodAsync(Actor actor, string districtCode, int year, int month, DateOnly? deadline, bool refuseLate, CancellationToken ct = default)
    {
        access.DemandVerifySubmission(actor, districtCode);
        var errors = new ErrorBag();
        if (districtCode.Count(c => c == '.') != 1) errors.Add("DistrictCode", "Periode dibuka untuk kabupaten/kota.");
        if (month is < 1 or > 12) errors.Add("Month", "Bulan harus 1 sampai 12.");
        if (year < 2018 || year > TodayWita.Year + 1) errors.Add("Year", $"Tahun harus antara 2018 dan {TodayWita.Year + 1}.");
        if (deadline is null) errors.Add("Deadline", "Batas waktu pengiriman wajib diisi.");
        else if (month is >= 1 and <= 12 && deadline < new DateOnly(year, month, 1)) errors.Add("Deadline", "Batas waktu tidak boleh sebelum awal bulan periode.");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ReportingPeriods.AnyAsync(p => p.DistrictCode == districtCode && p.Year == year && p.Month == month, ct))
        {
            return Result.Fail("Month", $"Periode {IndonesianFormat.MonthYear(year, month)} sudah dibuka.");
        }
        var period = new ReportingPeriod
        {
            DistrictCode = districtCode, Year = year, Month = month, IsWeighingMonth = ReportingPeriod.WeighingMonth(month),
            Deadline = deadline!.Value, RefuseLate = refuseLate, OpenedAt = clock.GetUtcNow(), OpenedBy = actor.DisplayName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync(ct);
        // Every kecamatan hears of it, in the same transaction (the notice links to the period).
        await notices.PeriodOpenedAsync(db, period, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Reporting period {Year}-{Month} opened for {District} by {UserName}", year, month, districtCode, actor.UserName);
        return Result<int>.Ok(period.Id);
    }

    public async Task<Result> UpdatePeriodAsync(Actor actor, int periodId, DateOnly deadline, bool refuseLate, bool isOpen, uint version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null) return Result.Fail("", Texts.NotFound);
        access.DemandVerifySubmission(actor, period.DistrictCode);
        if (deadline < new DateOnly(period.Year, period.Month, 1)) return Result.Fail("Deadline", "Batas waktu tidak boleh sebelum awal bulan periode.");
        db.Entry(period).Property(p => p.Version).OriginalValue = version;
        period.Deadline = deadline;
        period.RefuseLate = refuseLate;
        period.IsOpen = isOpen;
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
    }

    // ----- the form -----

    public async Task<ReportView> GetFormAsync(Actor actor, int periodId, string kecamatanCode, CancellationToken ct = default)
    {
        access.DemandReadSubmission(actor, kecamatanCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await LoadPeriodAsync(db, periodId, kecamatanCode, ct);
        var report = await db.KecamatanReports.AsNoTracking().Include(r => r.Rows)
            .FirstOrDefaultAsync(r => r.PeriodId == periodId && r.KecamatanCode == kecamatanCode, ct);
        return await BuildViewAsync(db, actor, period, kecamatanCode, report, ct);
    }

    public async Task<ReportView?> GetFormAsync(Actor actor, int reportId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.KecamatanReports.Where(r => r.Id == reportId).Select(r => new { r.PeriodId, r.KecamatanCode }).FirstOrDefaultAsync(ct);
        return key is null ? null : await GetFormAsync(actor, key.PeriodId, key.KecamatanCode, ct);
    }

    /// <summary>Status and late flag of a kecamatan's forms, by period id, in one query (periods without a form are absent).</summary>
    public async Task<IReadOnlyDictionary<int, (ReportStatus Status, bool IsLate)>> StatusesAsync(Actor actor, string kecamatanCode, CancellationToken ct = default)
    {
        access.DemandReadSubmission(actor, kecamatanCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.KecamatanReports.AsNoTracking().Where(r => r.KecamatanCode == kecamatanCode)
            .Select(r => new { r.PeriodId, r.Status, r.IsLate }).ToListAsync(ct);
        return rows.ToDictionary(r => r.PeriodId, r => (r.Status, r.IsLate));
    }

    /// <summary>
    /// Saves one figure of one village as a draft (the form calls this as the person types). A row saved by
    /// someone else since <paramref name="rowVersion"/> was read is a conflict: nothing is overwritten. An edit
    /// with an <paramref name="editId"/> that was applied before (sent again after a lost answer) is not applied
    /// twice: the answer is the one it had.
    /// </summary>
    public Task<Result<SaveOutcome>> SaveValueAsync(Actor actor, int periodId, string kecamatanCode, string villageCode, Figure figure, int? value, uint? rowVersion,
        Guid? editId = null, IReadOnlyCollection<Guid>? supersedes = null, CancellationToken ct = default) =>
        EditRowAsync(actor, periodId, kecamatanCode, villageCode, rowVersion, editId, supersedes, figure.Key(), row =>
        {
            var old = row.Values.Get(figure);
            row.Set(figure, value);
            return (Format(old), Format(value));
        }, ct);

    /// <summary>Saves a village's comment (the explanation a soft warning asks for).</summary>
    public Task<Result<SaveOutcome>> SaveCommentAsync(Actor actor, int periodId, string kecamatanCode, string villageCode, string comment, uint? rowVersion,
        Guid? editId = null, IReadOnlyCollection<Guid>? supersedes = null, CancellationToken ct = default)
    {
        comment = comment.Trim();
        if (comment.Length > VillageRow.CommentMaxLength)
        {
            return Task.FromResult<Result<SaveOutcome>>(Result.Fail($"{villageCode}.Comment", Texts.TooLong(VillageRow.CommentMaxLength)));
        }
        return EditRowAsync(actor, periodId, kecamatanCode, villageCode, rowVersion, editId, supersedes, "komentar", row =>
        {
            var old = row.Comment;
            row.Comment = comment;
            return (old, comment);
        }, ct);
    }

    /// <summary>Saves the kecamatan's note; the answer is the report's version after it (see <see cref="SaveValueAsync"/> for <paramref name="editId"/>).</summary>
    public async Task<Result<uint>> SaveNoteAsync(Actor actor, int periodId, string kecamatanCode, string note, uint? reportVersion,
        Guid? editId = null, IReadOnlyCollection<Guid>? supersedes = null, CancellationToken ct = default)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        note = note.Trim();
        if (note.Length > KecamatanReport.NoteMaxLength) return Result.Fail("Note", Texts.TooLong(KecamatanReport.NoteMaxLength));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await LoadPeriodAsync(db, periodId, kecamatanCode, ct);
        var (report, problem) = await LockOrCreateReportAsync(db, actor, period, kecamatanCode, ct);
        if (problem is not null) return problem;
        if (report!.Id != 0 && await AppliedAsync(db, editId, ct) is { } applied)
        {
            return IsSameRecord(applied, report.Id, null) ? Result<uint>.Ok(applied.VersionAfter) : ForeignEdit;
        }
        if (reportVersion is { } v && report.Id != 0 && report.Version != v && !await IsOwnLatestAsync(db, supersedes, report.Id, null, report.Version, ct))
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        if (report.Note != note)
        {
            await RecordTypedChangeAsync(db, report, null, "catatan", report.Note, note, actor, ct);
            report.Note = note;
        }
        await db.SaveChangesAsync(ct);
        await RecordEditAsync(db, editId, report.Id, null, report.Version, ct);
        await tx.CommitAsync(ct);
        return Result<uint>.Ok(report.Version);
    }

    /// <summary>The edit with this id, when it was applied before.</summary>
    private static async Task<AppliedEdit?> AppliedAsync(AppDbContext db, Guid? editId, CancellationToken ct) =>
        editId is { } id ? await db.AppliedEdits.AsNoTracking().FirstOrDefaultAsync(e => e.EditId == id, ct) : null;

    /// <summary>
    /// True when the record's current version was made by one of <paramref name="supersedes"/>: an edit by the same
    /// person that the browser's journal still held when this value was typed (an earlier value of the same field, or a
    /// value of another field of the record), stored while its answer was lost. The newer version is then theirs, not
    /// a change by someone else, and this value goes on top of it. The ids are the browser's random GUIDs, known only to
    /// that browser.
    /// </summary>
    private static async Task<bool> IsOwnLatestAsync(AppDbContext db, IReadOnlyCollection<Guid>? supersedes, int reportId, string? villageCode, uint currentVersion, CancellationToken ct)
    {
        if (supersedes is not { Count: > 0 })
        {
            return false;
        }
        var ids = supersedes.ToList();
        var made = await db.AppliedEdits.AsNoTracking()
            .Where(e => ids.Contains(e.EditId) && e.ReportId == reportId && e.VillageCode == villageCode)
            .Select(e => e.VersionAfter)
            .ToListAsync(ct);
        return made.Contains(currentVersion);
    }

    private static bool IsSameRecord(AppliedEdit applied, int reportId, string? villageCode) =>
        applied.ReportId == reportId && applied.VillageCode == villageCode;

    /// <summary>An id is the browser's random GUID: one already used for another record is not this edit, and is refused.</summary>
    private static Result ForeignEdit => Result.Fail("", "Isian ini sudah pernah dikirim untuk data lain. Muat ulang halaman, lalu periksa isian Anda.");

    private async Task RecordEditAsync(AppDbContext db, Guid? editId, int reportId, string? villageCode, uint versionAfter, CancellationToken ct)
    {
        if (editId is not { } id)
        {
            return;
        }
        db.AppliedEdits.Add(new AppliedEdit { EditId = id, ReportId = reportId, VillageCode = villageCode, VersionAfter = versionAfter, AppliedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes imported rows in one transaction: every row or none.</summary>
    internal async Task<Result> ApplyImportAsync(Actor actor, int periodId, string kecamatanCode,
        IReadOnlyList<(string VillageCode, VillageValues Values, string Comment)> lines, string fileName, CancellationToken ct)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await LoadPeriodAsync(db, periodId, kecamatanCode, ct);
        var (report, problem) = await LockOrCreateReportAsync(db, actor, period, kecamatanCode, ct);
        if (problem is not null)
        {
            return Result.Fail("", problem.Summary + " Tidak ada yang disimpan.");
        }
        var villages = (await VillagesAsync(db, kecamatanCode, ct)).Select(v => v.Code).ToHashSet();
        if (report!.Id != 0)
        {
            await db.Entry(report).Collection(r => r.Rows).LoadAsync(ct);
        }
        var now = clock.GetUtcNow();
        foreach (var (code, values, comment) in lines)
        {
            if (!villages.Contains(code))
            {
                return Result.Fail("", $"Desa {code} bukan bagian dari kecamatan ini. Tidak ada yang disimpan.");
            }
            var row = report.Rows.FirstOrDefault(r => r.VillageCode == code);
            if (row is null)
            {
                row = new VillageRow { VillageCode = code };
                report.Rows.Add(row);
            }
            foreach (var figure in FigureInfo.All)
            {
                var old = row.Values.Get(figure);
                var value = values.Get(figure);
                if (old != value)
                {
                    row.Set(figure, value);
                    db.ReportChanges.Add(Change(report, code, figure.Key(), Format(old), Format(value), actor));
                }
            }
            if (comment.Length > 0 && row.Comment != comment)
            {
                db.ReportChanges.Add(Change(report, code, "komentar", row.Comment, comment, actor));
                row.Comment = comment;
            }
            row.UpdatedAt = now;
            row.UpdatedBy = actor.DisplayName;
        }
        db.ReportChanges.Add(Change(report, null, "impor", null, fileName, actor));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Import of {Rows} village rows into {Kecamatan} period {PeriodId} by {UserName} from {File}", lines.Count, kecamatanCode, periodId, actor.UserName, fileName);
        return Result.Ok;
    }

    /// <summary>Diajukan: every hard rule must pass, every soft warning must carry a comment; late or refused after the deadline.</summary>
    public async Task<Result> SubmitAsync(Actor actor, int periodId, string kecamatanCode, CancellationToken ct = default)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await LoadPeriodAsync(db, periodId, kecamatanCode, ct);
        var report = await LockReportAsync(db, periodId, kecamatanCode, ct);
        if (report is null) return Result.Fail("", "Formulir masih kosong: isi angka setiap desa/kelurahan terlebih dahulu.");
        if (report.Status is not (ReportStatus.Draft or ReportStatus.Dikembalikan)) return Result.Fail("", $"Formulir sudah {report.Status.Display().ToLowerInvariant()}.");
        if (!period.IsOpen) return Result.Fail("", "Periode ini sudah ditutup oleh sekretariat.");
        var late = TodayWita > period.Deadline;
        if (late && period.RefuseLate)
        {
            return Result.Fail("", $"Batas waktu pengiriman ({IndonesianFormat.Date(period.Deadline)}) sudah lewat; kabupaten tidak menerima laporan terlambat. Hubungi sekretariat TPPS.");
        }

        await db.Entry(report).Collection(r => r.Rows).LoadAsync(ct);
        var villages = await VillagesAsync(db, kecamatanCode, ct);
        var previous = await PreviousApprovedAsync(db, kecamatanCode, period, ct);
        var errors = new ErrorBag();
        foreach (var (code, name, _) in villages)
        {
            var row = report.Rows.FirstOrDefault(r => r.VillageCode == code);
            var values = row?.Values ?? new VillageValues();
            foreach (var f in SubmissionRules.Missing(values).Concat(SubmissionRules.Hard(values)))
            {
                errors.Add($"{code}.{f.Figure}", $"{name}: {f.Message}");
            }
            var soft = SubmissionRules.Soft(values, previous.GetValueOrDefault(code), period.IsWeighingMonth);
            if (soft.Count > 0 && string.IsNullOrWhiteSpace(row?.Comment))
            {
                errors.Add($"{code}.Comment", $"{name}: {string.Join(" ", soft.Select(s => s.Message))} Tulis penjelasan pada komentar desa ini.");
            }
        }
        if (errors.Any)
        {
            errors.Add("", "Formulir belum dapat diajukan: perbaiki isian yang ditandai.");
            return errors.ToResult();
        }

        report.Status = ReportStatus.Diajukan;
        report.IsLate = late;
        report.SubmittedAt = clock.GetUtcNow();
        report.SubmittedBy = actor.DisplayName;
        db.ReportChanges.Add(Change(report, null, "diajukan", null, late ? "terlambat" : null, actor));
        await notices.FormSubmittedAsync(db, report, period, late, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Report {ReportId} of {Kecamatan} {Period} submitted by {UserName}{Late}", report.Id, kecamatanCode, period.Key, actor.UserName, late ? " (late)" : "");
        return Result.Ok;
    }

    /// <summary>Back to the kecamatan with a comment at the top and, where given, a comment per village.</summary>
    public async Task<Result> ReturnAsync(Actor actor, int reportId, string comment, IReadOnlyDictionary<string, string>? villageComments = null, CancellationToken ct = default)
    {
        comment = comment.Trim();
        if (comment.Length < 5) return Result.Fail("ReturnComment", "Tuliskan alasan pengembalian (paling sedikit 5 karakter) agar kecamatan tahu apa yang harus diperbaiki.");
        if (comment.Length > KecamatanReport.NoteMaxLength) return Result.Fail("ReturnComment", Texts.TooLong(KecamatanReport.NoteMaxLength));
        return await DecideAsync(actor, reportId, [ReportStatus.Diajukan], async (db, report) =>
        {
            report.Status = ReportStatus.Dikembalikan;
            report.ReturnComment = comment;
            await db.Entry(report).Collection(r => r.Rows).LoadAsync(ct);
            foreach (var row in report.Rows)
            {
                row.ReturnComment = villageComments is not null && villageComments.TryGetValue(row.VillageCode, out var c) && !string.IsNullOrWhiteSpace(c) ? c.Trim() : null;
            }
            db.ReportChanges.Add(Change(report, null, "dikembalikan", null, comment, actor));
            await notices.FormDecidedAsync(db, report, Notifications.NotificationKind.FormReturned, comment, actor.DisplayName, ct);
            return Result.Ok;
        }, ct);
    }

    /// <summary>Locks the figures. The remarks of an earlier return are settled with it (a later reopen starts clean).</summary>
    public Task<Result> ApproveAsync(Actor actor, int reportId, CancellationToken ct = default) =>
        DecideAsync(actor, reportId, [ReportStatus.Diajukan], async (db, report) =>
        {
            report.Status = ReportStatus.Disetujui;
            report.ReturnComment = null;
            // Locked: an edit sent again now is refused as "disetujui" anyway, so their ids are no longer needed.
            await db.AppliedEdits.Where(e => e.ReportId == report.Id).ExecuteDeleteAsync(ct);
            await db.Entry(report).Collection(r => r.Rows).LoadAsync(ct);
            foreach (var row in report.Rows)
            {
                row.ReturnComment = null;
            }
            db.ReportChanges.Add(Change(report, null, "disetujui", null, null, actor));
            await notices.FormDecidedAsync(db, report, Notifications.NotificationKind.FormApproved, null, actor.DisplayName, ct);
            return Result.Ok;
        }, ct);

    /// <summary>Unlocks approved figures: back to the kecamatan (Dikembalikan) with the reason at the top of the form.</summary>
    public async Task<Result> ReopenAsync(Actor actor, int reportId, string reason, CancellationToken ct = default)
    {
        reason = reason.Trim();
        if (reason.Length < 10) return Result.Fail("Reason", "Tuliskan alasan membuka kembali data yang sudah disetujui (paling sedikit 10 karakter).");
        return await DecideAsync(actor, reportId, [ReportStatus.Disetujui], async (db, report) =>
        {
            report.Status = ReportStatus.Dikembalikan;
            report.ReturnComment = "Dibuka kembali oleh sekretariat: " + reason;
            db.ReportChanges.Add(Change(report, null, "dibuka kembali", null, reason, actor));
            await notices.FormDecidedAsync(db, report, Notifications.NotificationKind.FormReopened, reason, actor.DisplayName, ct);
            return Result.Ok;
        }, ct);
    }

    public async Task<IReadOnlyList<ChangeView>> HistoryAsync(Actor actor, int reportId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kecamatan = await db.KecamatanReports.Where(r => r.Id == reportId).Select(r => r.KecamatanCode).FirstOrDefaultAsync(ct)
                        ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandReadSubmission(actor, kecamatan);
        var names = await db.Regions.Where(r => r.ParentCode == kecamatan).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var changes = await db.ReportChanges.AsNoTracking().Where(c => c.ReportId == reportId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(1000).ToListAsync(ct);
        var labels = FigureInfo.All.ToDictionary(f => f.Key(), f => f.Label());
        return changes.Select(c => new ChangeView(c.At, c.By, c.VillageCode, c.VillageCode is null ? null : names.GetValueOrDefault(c.VillageCode),
            labels.GetValueOrDefault(c.What, c.What), c.OldValue, c.NewValue)).ToList();
    }

    /// <summary>Kecamatan by period for a district's year: what each kecamatan has done with each opened period.</summary>
    public async Task<BoardView> BoardAsync(Actor actor, string districtCode, int year, CancellationToken ct = default)
    {
        access.DemandSeeCompleteness(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.DistrictCode == districtCode && p.Year == year)
            .OrderBy(p => p.Month).ToListAsync(ct);
        var ids = periods.Select(p => p.Id).ToList();
        var kecamatan = await db.Regions.AsNoTracking().Where(r => r.ParentCode == districtCode && r.Level == RegionLevel.Kecamatan)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var reports = await db.KecamatanReports.AsNoTracking().Where(r => ids.Contains(r.PeriodId))
            .Select(r => new { r.Id, r.PeriodId, r.KecamatanCode, r.Status, r.IsLate }).ToListAsync(ct);
        var today = TodayWita;
        var cells = reports.Select(r => new BoardCell(r.PeriodId, r.KecamatanCode, (BoardCellState)(int)r.Status, r.IsLate, r.Id)).ToList();
        // Not submitted by the deadline is late too.
        foreach (var p in periods.Where(p => today > p.Deadline))
        {
            foreach (var k in kecamatan)
            {
                var cell = cells.FirstOrDefault(c => c.PeriodId == p.Id && c.KecamatanCode == k.Code);
                if (cell is null)
                {
                    cells.Add(new BoardCell(p.Id, k.Code, BoardCellState.BelumAda, true, null));
                }
                else if (cell.State is BoardCellState.Draft or BoardCellState.Dikembalikan && !cell.IsLate)
                {
                    cells[cells.IndexOf(cell)] = cell with { IsLate = true };
                }
            }
        }
        return new BoardView(periods.Select(ToView).ToList(), kecamatan.Select(k => (k.Code, k.Name)).ToList(), cells);
    }

    // ----- helpers -----

    private async Task<Result<SaveOutcome>> EditRowAsync(Actor actor, int periodId, string kecamatanCode, string villageCode, uint? rowVersion, Guid? editId,
        IReadOnlyCollection<Guid>? supersedes, string what,
        Func<VillageRow, (string? Old, string? New)> change, CancellationToken ct)
    {
        access.DemandEditSubmission(actor, kecamatanCode);
        if (RegionCode.ParentOf(villageCode) != kecamatanCode)
        {
            access.DemandEditSubmission(actor, villageCode); // logs; a village of another kecamatan is never this form's
            return Result.Fail("", "Desa/kelurahan ini bukan bagian dari kecamatan formulir.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await LoadPeriodAsync(db, periodId, kecamatanCode, ct);
        var (report, problem) = await LockOrCreateReportAsync(db, actor, period, kecamatanCode, ct);
        if (problem is not null)
        {
            return problem;
        }
        var row = report!.Id == 0 ? null : await db.VillageRows.FirstOrDefaultAsync(r => r.ReportId == report.Id && r.VillageCode == villageCode, ct);
        // The same edit again (its answer was lost): answer as the first time, change nothing. The report is locked, so
        // the first sending cannot be half-way through.
        if (report.Id != 0 && await AppliedAsync(db, editId, ct) is { } applied)
        {
            return row is not null && IsSameRecord(applied, report.Id, villageCode)
                ? Result<SaveOutcome>.Ok(new SaveOutcome(report.Id, await RowViewAsync(db, period, kecamatanCode, row, ct), applied.VersionAfter, Replayed: true))
                : ForeignEdit;
        }
        if (row is null)
        {
            if (!await db.Regions.AnyAsync(r => r.Code == villageCode && r.ParentCode == kecamatanCode, ct))
            {
                return Result.Fail("", "Desa/kelurahan tidak dikenal.");
            }
            row = new VillageRow { VillageCode = villageCode };
            report.Rows.Add(row);
        }
        else if (rowVersion is { } expected && row.Version != expected && !await IsOwnLatestAsync(db, supersedes, report.Id, villageCode, row.Version, ct))
        {
            return Result.Conflict($"Data desa ini baru saja diubah oleh {row.UpdatedBy ?? "pengguna lain"}. Angka terbaru sudah dimuat; periksa lalu isi kembali bila perlu.");
        }

        var (old, @new) = change(row);
        if (old != @new)
        {
            row.UpdatedAt = clock.GetUtcNow();
            row.UpdatedBy = actor.DisplayName;
            await RecordTypedChangeAsync(db, report, villageCode, what, old, @new, actor, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await RecordEditAsync(db, editId, report.Id, villageCode, row.Version, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone created the same report or row at the same instant: theirs stands; reload and retry.
            return Result.Conflict("Formulir ini baru saja dibuat oleh pengguna lain di kecamatan Anda. Muat ulang lalu isi kembali.");
        }
        return Result<SaveOutcome>.Ok(new SaveOutcome(report.Id, await RowViewAsync(db, period, kecamatanCode, row, ct), row.Version));
    }

    private async Task<RowView> RowViewAsync(AppDbContext db, ReportingPeriod period, string kecamatanCode, VillageRow row, CancellationToken ct)
    {
        var previous = await PreviousApprovedAsync(db, kecamatanCode, period, ct);
        var name = await db.Regions.Where(r => r.Code == row.VillageCode).Select(r => new { r.Name, r.Level }).FirstAsync(ct);
        return ToRow(row.VillageCode, name.Name, name.Level, row, previous.GetValueOrDefault(row.VillageCode), period.IsWeighingMonth);
    }

    private async Task<(KecamatanReport? Report, Result? Problem)> LockOrCreateReportAsync(AppDbContext db, Actor actor, ReportingPeriod period, string kecamatanCode, CancellationToken ct)
    {
        var report = await LockReportAsync(db, period.Id, kecamatanCode, ct);
        if (report is null)
        {
            if (!period.IsOpen)
            {
                return (null, Result.Fail("", "Periode ini sudah ditutup oleh sekretariat."));
            }
            report = new KecamatanReport { PeriodId = period.Id, KecamatanCode = kecamatanCode };
            db.KecamatanReports.Add(report);
            db.ReportChanges.Add(Change(report, null, "dibuat", null, null, actor));
            return (report, null);
        }
        if (report.Status is not (ReportStatus.Draft or ReportStatus.Dikembalikan))
        {
            return (report, Result.Fail("", report.Status == ReportStatus.Disetujui
                ? "Data sudah disetujui dan dikunci. Hanya admin sekretariat yang dapat membukanya kembali."
                : "Formulir sudah diajukan dan sedang diperiksa sekretariat."));
        }
        if (!period.IsOpen && actor.Role == Role.OperatorKecamatan)
        {
            return (report, Result.Fail("", "Periode ini sudah ditutup oleh sekretariat."));
        }
        return (report, null);
    }

    // xmin is a system column: "SELECT *" leaves it out, and the report's Version maps to it.
    private static async Task<KecamatanReport?> LockReportAsync(AppDbContext db, int periodId, string kecamatanCode, CancellationToken ct) =>
        await db.KecamatanReports
            .FromSql($"SELECT *, xmin FROM kecamatan_reports WHERE period_id = {periodId} AND kecamatan_code = {kecamatanCode} FOR UPDATE")
            .FirstOrDefaultAsync(ct);

    private async Task<Result> DecideAsync(Actor actor, int reportId, ReportStatus[] from, Func<AppDbContext, KecamatanReport, Task<Result>> decide, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.KecamatanReports.FromSql($"SELECT *, xmin FROM kecamatan_reports WHERE id = {reportId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (report is null) return Result.Fail("", Texts.NotFound);
        access.DemandVerifySubmission(actor, report.KecamatanCode);
        if (!from.Contains(report.Status))
        {
            return Result.Fail("", $"Status formulir sekarang {report.Status.Display()}; langkah ini tidak berlaku.");
        }
        var result = await decide(db, report);
        if (!result.Succeeded) return result;
        report.DecidedAt = clock.GetUtcNow();
        report.DecidedBy = actor.DisplayName;
        await db.SaveChangesAsync(ct);
        // The dashboards read approved figures from the summaries: they change in the same transaction.
        await Prevalence.FormSummaries.RefreshAsync(db, report.Id, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Report {ReportId} of {Kecamatan} is now {Status} ({UserName})", reportId, report.KecamatanCode, report.Status, actor.UserName);
        return Result.Ok;
    }

    private async Task<ReportingPeriod> LoadPeriodAsync(AppDbContext db, int periodId, string kecamatanCode, CancellationToken ct)
    {
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct)
                     ?? throw new AccessDeniedException("Periode laporan tidak ditemukan.");
        if (!RegionCode.IsWithin(kecamatanCode, period.DistrictCode) || kecamatanCode.Count(c => c == '.') != 2)
        {
            throw new AccessDeniedException("Kecamatan ini bukan bagian dari kabupaten periode tersebut.");
        }
        return period;
    }

    internal static async Task<List<(string Code, string Name, RegionLevel Level)>> VillagesAsync(AppDbContext db, string kecamatanCode, CancellationToken ct) =>
        (await db.Regions.AsNoTracking().Where(r => r.ParentCode == kecamatanCode && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct))
        .Select(r => (r.Code, r.Name, r.Level)).ToList();

    /// <summary>Each village's figures in the kecamatan's latest approved period before this one.</summary>
    internal static async Task<Dictionary<string, VillageValues>> PreviousApprovedAsync(AppDbContext db, string kecamatanCode, ReportingPeriod period, CancellationToken ct)
    {
        var key = period.Year * 100 + period.Month;
        var previous = await db.KecamatanReports.AsNoTracking()
            .Where(r => r.KecamatanCode == kecamatanCode && r.Status == ReportStatus.Disetujui && r.Period!.Year * 100 + r.Period.Month < key)
            .OrderByDescending(r => r.Period!.Year).ThenByDescending(r => r.Period!.Month)
            .Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (previous == 0)
        {
            return [];
        }
        var rows = await db.VillageRows.AsNoTracking().Where(v => v.ReportId == previous).ToListAsync(ct);
        return rows.ToDictionary(r => r.VillageCode, r => r.Values);
    }

    private async Task<ReportView> BuildViewAsync(AppDbContext db, Actor actor, ReportingPeriod period, string kecamatanCode, KecamatanReport? report, CancellationToken ct)
    {
        var villages = await VillagesAsync(db, kecamatanCode, ct);
        var previous = await PreviousApprovedAsync(db, kecamatanCode, period, ct);
        var name = await db.Regions.Where(r => r.Code == kecamatanCode).Select(r => r.Name).FirstAsync(ct);
        var rows = villages.Select(v =>
        {
            var row = report?.Rows.FirstOrDefault(r => r.VillageCode == v.Code);
            return ToRow(v.Code, v.Name, v.Level, row, previous.GetValueOrDefault(v.Code), period.IsWeighingMonth);
        }).ToList();
        var editableStatus = report is null || report.Status is ReportStatus.Draft or ReportStatus.Dikembalikan;
        var canEdit = editableStatus && access.CanEditSubmission(actor, kecamatanCode) && (period.IsOpen || actor.Role != Role.OperatorKecamatan);
        return new ReportView(report?.Id, ToView(period), kecamatanCode, name, report?.Status, report?.Note ?? "", report?.ReturnComment,
            report?.IsLate ?? false, report?.SubmittedAt, report?.SubmittedBy, report?.DecidedAt, report?.DecidedBy,
            canEdit, access.CanVerifySubmission(actor, kecamatanCode), report?.IsExample ?? false, rows, report?.Version ?? 0);
    }

    private static RowView ToRow(string code, string name, RegionLevel level, VillageRow? row, VillageValues? previous, bool weighing)
    {
        var values = row?.Values ?? new VillageValues();
        return new RowView(code, name, level, values, previous, row?.Comment ?? "", row?.ReturnComment,
            SubmissionRules.Hard(values), values.IsEmpty ? [] : SubmissionRules.Soft(values, previous, weighing), row?.Version ?? 0);
    }

    internal static PeriodView ToView(ReportingPeriod p) =>
        new(p.Id, p.DistrictCode, p.Year, p.Month, IndonesianFormat.MonthYear(p.Year, p.Month) + (p.IsWeighingMonth ? " (bulan penimbangan)" : ""),
            p.IsWeighingMonth, p.Deadline, p.RefuseLate, p.IsOpen, p.Version);

    /// <summary>
    /// Records what a person typed into the form. The form saves as they type ("4", "44", "444"), so a change that goes on
    /// from the same person's own last change of the report (the same field, nothing else recorded since, at most
    /// <see cref="TypingRun"/> after it) extends that entry ("" to "444") instead of adding one per keystroke; a field
    /// typed back to what it was leaves no entry. The report is locked, so the last entry cannot change meanwhile.
    /// </summary>
    private async Task RecordTypedChangeAsync(AppDbContext db, KecamatanReport report, string? village, string what, string? old, string? @new, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (report.Id != 0)
        {
            var last = await db.ReportChanges.Where(c => c.ReportId == report.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (last is not null && last.VillageCode == village && last.What == what && last.By == actor.DisplayName
                && last.NewValue == old && now - last.At <= TypingRun)
            {
                if (last.OldValue == @new)
                {
                    db.ReportChanges.Remove(last);
                }
                else
                {
                    last.NewValue = @new;
                    last.At = now;
                }
                return;
            }
        }
        db.ReportChanges.Add(Change(report, village, what, old, @new, actor));
    }

    /// <summary>How long after a person's last keystroke in a field the next one still belongs to the same history entry.</summary>
    internal static readonly TimeSpan TypingRun = TimeSpan.FromMinutes(2);

    private ReportChange Change(KecamatanReport report, string? village, string what, string? old, string? @new, Actor actor) => new()
    {
        Report = report,
        VillageCode = village,
        What = what,
        OldValue = old,
        NewValue = @new,
        By = actor.DisplayName,
        At = clock.GetUtcNow(),
    };

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
