using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Submissions;

namespace TppsPortal.Convergence;

/// <summary>
/// The yearly cycle of the 8 aksi konvergensi of a district: the board, who is responsible and when, status and notes,
/// and the evidence (uploaded documents stored in PostgreSQL, or links to meetings, the SK and approved figures).
/// The secretariat manages the cycle; the responsible agency's Operator OPD adds evidence to their aksi; the
/// district's people and the province's monitors read it (<see cref="AccessPolicy.CanReadCycle"/>).
/// </summary>
public sealed class ConvergenceService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    TimeProvider clock,
    ILogger<ConvergenceService> logger)
{
    /// <summary>The first year a cycle can be kept for; the last is next year (a secretariat plans ahead in December).</summary>
    public const int FirstYear = 2018;

    /// <summary>Today in WITA (the portal's main zone): an aksi is late from the first day after its planned month.</summary>
    public DateOnly Today => ActionService.TodayAt(clock);

    public bool CanRead(Actor actor, string districtCode) => access.CanReadCycle(actor, districtCode);

    public bool CanManage(Actor actor, string districtCode) => access.CanManageCycle(actor, districtCode);

    /// <summary>
    /// A district's board of a year. The first time someone who may manage the cycle opens it, the cycle is made with the
    /// 8 aksi and their defaults; a reader of a year without a cycle gets an empty board (<see cref="AksiBoard.Exists"/> false).
    /// </summary>
    public async Task<AksiBoard> BoardAsync(Actor actor, string districtCode, int year, CancellationToken ct = default)
    {
        access.DemandReadCycle(actor, districtCode);
        if (year < FirstYear || year > Today.Year + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "No cycle for this year.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var districtName = await db.Regions.AsNoTracking().Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct)
                           ?? throw new AccessDeniedException(Texts.NotFound);
        var cycleId = await db.AksiCycles.Where(c => c.DistrictCode == districtCode && c.Year == year).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (cycleId is null && access.CanManageCycle(actor, districtCode))
        {
            cycleId = await CreateCycleAsync(db, actor, districtCode, year, ct);
        }
        var years = await YearsAsync(db, actor, districtCode, ct);
        if (cycleId is null)
        {
            return new AksiBoard(districtCode, districtName, year, false, false, [],
                new AksiSummary(districtCode, year, false, 0, Aksi.Count, 0, 0), years);
        }
        var rows = await RowsAsync(db, actor, districtCode, year, cycleId.Value, ct);
        return new AksiBoard(districtCode, districtName, year, true, access.CanManageCycle(actor, districtCode), rows,
            Summarise(districtCode, year, rows), years);
    }

    /// <summary>The dashboard's line for a district and year: "5 dari 8 aksi selesai", how many are late. Never creates a cycle.</summary>
    public async Task<AksiSummary> SummaryAsync(Actor actor, string districtCode, int year, CancellationToken ct = default)
    {
        access.DemandReadCycle(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.AksiItems.AsNoTracking()
            .Where(i => i.Cycle!.DistrictCode == districtCode && i.Cycle.Year == year)
            .Select(i => new { i.Status, i.PlannedMonth, Evidence = i.Evidence.Count })
            .ToListAsync(ct);
        if (items.Count == 0)
        {
            return new AksiSummary(districtCode, year, false, 0, Aksi.Count, 0, 0);
        }
        var today = Today;
        return new AksiSummary(districtCode, year, true,
            items.Count(i => i.Status == AksiStatus.Selesai), items.Count,
            items.Count(i => IsLate(i.Status, year, i.PlannedMonth, today)),
            items.Count(i => i.Evidence == 0));
    }

    /// <summary>Late: not done, and the planned month of the cycle's year is over (in WITA).</summary>
    public static bool IsLate(AksiStatus status, int year, int plannedMonth, DateOnly today) =>
        status != AksiStatus.Selesai && (today.Year * 100) + today.Month > (year * 100) + plannedMonth;

    /// <summary>The district's agencies that can be made responsible (active ones, and the one already chosen).</summary>
    public async Task<IReadOnlyList<(int Id, string ShortName, string Name)>> AgencyChoicesAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        access.DemandReadCycle(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.RegionCode == districtCode && a.IsActive)
            .OrderBy(a => a.ShortName).Select(a => new { a.Id, a.ShortName, a.Name }).ToListAsync(ct);
        return agencies.Select(a => (a.Id, a.ShortName, a.Name)).ToList();
    }

    /// <summary>Responsible agency, planned month, status and notes of one aksi, guarded by its row version.</summary>
    public async Task<Result> UpdateItemAsync(Actor actor, int itemId, AksiItemForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.AksiItems.Include(i => i.Cycle).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        var district = item.Cycle!.DistrictCode;
        access.DemandManageCycle(actor, district);

        var errors = new ErrorBag();
        if (form.ResponsibleAgencyId is { } agencyId && agencyId != item.ResponsibleAgencyId &&
            !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.RegionCode == district && a.IsActive, ct))
        {
            errors.Add(nameof(form.ResponsibleAgencyId), "Penanggung jawab harus instansi aktif kabupaten/kota ini.");
        }
        if (form.PlannedMonth is < 1 or > 12)
        {
            errors.Add(nameof(form.PlannedMonth), "Bulan rencana wajib dipilih (Januari sampai Desember).");
        }
        if (!Enum.IsDefined(form.Status))
        {
            errors.Add(nameof(form.Status), "Status wajib dipilih.");
        }
        var notes = TextRules.StripBidiControls(form.Notes ?? "").Trim();
        if (notes.Length > AksiItem.NotesMaxLength)
        {
            errors.Add(nameof(form.Notes), Texts.TooLong(AksiItem.NotesMaxLength));
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        db.Entry(item).Property(i => i.Version).OriginalValue = form.Version;
        var before = item.Status;
        item.ResponsibleAgencyId = form.ResponsibleAgencyId;
        item.PlannedMonth = form.PlannedMonth;
        item.Status = form.Status;
        item.Notes = notes;
        if (form.Status == AksiStatus.Selesai && before != AksiStatus.Selesai)
        {
            item.CompletedOn = Today;
        }
        else if (form.Status != AksiStatus.Selesai)
        {
            item.CompletedOn = null;
        }
        item.UpdatedAt = clock.GetUtcNow();
        item.UpdatedBy = actor.DisplayName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Aksi {Number} of {District} {Year} updated by {UserName}: {Before} -> {After}",
            item.Number, district, item.Cycle.Year, actor.UserName, before, form.Status);
        return Result.Ok;
    }

    /// <summary>
    /// Stores an uploaded document as evidence of an aksi: the type is read from the bytes, the size is limited, and the
    /// bytes go into their own table in the same transaction as the evidence row.
    /// </summary>
    public async Task<Result<int>> UploadEvidenceAsync(Actor actor, int itemId, EvidenceUploadForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemForEvidenceAsync(db, actor, itemId, ct);
        if (item is null)
        {
            return Result.Fail("", Texts.NotFound);
        }

        var errors = new ErrorBag();
        var title = ValidateTitle(form.Title, nameof(form.Title), errors);
        ValidateDocumentDate(form.DocumentDate, nameof(form.DocumentDate), errors);
        EvidenceFileType.Kind? kind = null;
        var content = form.Content;
        var size = form.RefusedSize ?? content?.LongLength;
        if (size > AksiEvidence.MaxFileBytes)
        {
            errors.Add(nameof(form.Content), TooLargeMessage(size.Value));
        }
        else if (content is null || content.Length == 0)
        {
            errors.Add(nameof(form.Content), "Pilih berkas yang akan diunggah.");
        }
        else if (EvidenceFileType.Sniff(content) is { } sniffed)
        {
            kind = sniffed;
        }
        else
        {
            errors.Add(nameof(form.Content), EvidenceFileType.IsExecutable(content)
                ? "Berkas ini adalah program (executable), bukan dokumen, dan tidak diterima. Unggah dokumen " + EvidenceFileType.AllowedText + "."
                : "Isi berkas bukan dokumen " + EvidenceFileType.AllowedText + ", apa pun nama berkasnya. Unggah dokumen dengan salah satu jenis itu.");
        }
        if (errors.Any)
        {
            if (content is { Length: > 0 } && kind is null && size <= AksiEvidence.MaxFileBytes)
            {
                logger.LogWarning("Evidence upload refused for aksi item {ItemId} by {UserName}: {FileName} is not an allowed type{Executable}",
                    itemId, actor.UserName, form.FileName, EvidenceFileType.IsExecutable(content) ? " (executable)" : "");
            }
            return errors.ToResult();
        }

        var evidence = new AksiEvidence
        {
            ItemId = item.Id,
            Kind = EvidenceKind.File,
            Title = title,
            DocumentDate = form.DocumentDate,
            FileName = EvidenceFileType.SafeFileName(form.FileName, kind!),
            ContentType = kind!.ContentType,
            SizeBytes = content!.LongLength,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.DisplayName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AksiEvidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        db.AksiEvidenceFiles.Add(new AksiEvidenceFile { EvidenceId = evidence.Id, Content = content });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Evidence {EvidenceId} ({ContentType}, {Size} bytes) added to aksi {Number} of {District} {Year} by {UserName}",
            evidence.Id, evidence.ContentType, evidence.SizeBytes, item.Number, item.Cycle!.DistrictCode, item.Cycle.Year, actor.UserName);
        return Result<int>.Ok(evidence.Id);
    }

    /// <summary>"Berkas berukuran 12,4 MB; paling besar 10 MB."</summary>
    public static string TooLargeMessage(long size) =>
        // Rounded up, so that a file just over the limit never reads "10,0 MB; paling besar 10 MB".
        $"Berkas berukuran {IndonesianFormat.Decimal(Math.Ceiling(size / 1024.0 / 1024.0 * 10) / 10, 1)} MB; paling besar {AksiEvidence.MaxFileBytes / 1024 / 1024} MB. " +
        "Perkecil berkasnya (misalnya pindai dengan resolusi lebih rendah) lalu unggah lagi.";

    /// <summary>What can be linked as evidence of an aksi: the district's meetings of the year (Rembuk Stunting first for aksi 3), its SKs, its approved periods.</summary>
    public async Task<IReadOnlyList<LinkChoice>> LinkChoicesAsync(Actor actor, int itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemForEvidenceAsync(db, actor, itemId, ct) ?? throw new AccessDeniedException(Texts.NotFound);
        var district = item.Cycle!.DistrictCode;
        var year = item.Cycle.Year;
        var below = district + ".";
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => (m.RegionCode == district || m.RegionCode.StartsWith(below)) && m.Date.Year >= year - 1 && m.Date.Year <= year)
            .OrderByDescending(m => m.Date).Take(200)
            .Select(m => new { m.Id, m.Title, m.Kind, m.Date, m.Status })
            .ToListAsync(ct);
        var decrees = await db.TeamDecrees.AsNoTracking().Where(d => d.DistrictCode == district)
            .OrderByDescending(d => d.DecreeDate).Select(d => new { d.Id, d.Number, d.Title, d.DecreeDate }).ToListAsync(ct);
        var periods = await ApprovedPeriods(db, district)
            .Where(p => p.Year >= year - 1 && p.Year <= year)
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.Month)
            .Select(p => new { p.Year, p.Month, Approved = db.KecamatanReports.Count(r => r.PeriodId == p.Id && r.Status == ReportStatus.Disetujui) })
            .ToListAsync(ct);

        var choices = new List<LinkChoice>();
        choices.AddRange(meetings
            .Select(m => new LinkChoice(EvidenceKind.Meeting, m.Id, m.Title,
                $"{m.Kind.Display()} · {IndonesianFormat.Date(m.Date)} · {m.Status.Display()}", m.Date,
                item.Number == 3 && m.Kind == MeetingKind.RembukStunting && m.Status == MeetingStatus.NotulenFinal))
            .OrderByDescending(c => c.Suggested));
        var decreeSuggested = item.Number == 4;
        choices.AddRange(decrees.Select((d, i) => new LinkChoice(EvidenceKind.TeamDecree, d.Id,
            $"SK TPPS {d.Number}", (string.IsNullOrWhiteSpace(d.Title) ? "" : d.Title + " · ") + IndonesianFormat.Date(d.DecreeDate) + (i == 0 ? " · SK berlaku" : ""),
            d.DecreeDate, decreeSuggested && i == 0)));
        var figuresSuggested = item.Number is 1 or 6 or 7;
        choices.AddRange(periods.Select(p => new LinkChoice(EvidenceKind.ApprovedFigures, (p.Year * 100) + p.Month,
            $"Data formulir kecamatan {IndonesianFormat.MonthYear(p.Year, p.Month)}", $"{p.Approved} formulir kecamatan disetujui", null, figuresSuggested)));
        return choices;
    }

    /// <summary>Links a meeting, an SK or a period's approved figures of the district as evidence of an aksi.</summary>
    public async Task<Result<int>> LinkEvidenceAsync(Actor actor, int itemId, EvidenceLinkForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemForEvidenceAsync(db, actor, itemId, ct);
        if (item is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        var district = item.Cycle!.DistrictCode;
        var below = district + ".";
        var errors = new ErrorBag();
        string? ownTitle = null;
        DateOnly? ownDate = null;
        switch (form.Kind)
        {
            case EvidenceKind.Meeting when form.TargetId is { } meetingId:
                var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId && (m.RegionCode == district || m.RegionCode.StartsWith(below)))
                    .Select(m => new { m.Title, m.Date }).FirstOrDefaultAsync(ct);
                if (meeting is null) errors.Add(nameof(form.TargetId), "Rapat tidak ditemukan di kabupaten/kota ini.");
                else (ownTitle, ownDate) = (meeting.Title, meeting.Date);
                break;
            case EvidenceKind.TeamDecree when form.TargetId is { } decreeId:
                var decree = await db.TeamDecrees.AsNoTracking().Where(d => d.Id == decreeId && d.DistrictCode == district)
                    .Select(d => new { d.Number, d.DecreeDate }).FirstOrDefaultAsync(ct);
                if (decree is null) errors.Add(nameof(form.TargetId), "SK TPPS tidak ditemukan di kabupaten/kota ini.");
                else (ownTitle, ownDate) = ($"SK TPPS {decree.Number}", decree.DecreeDate);
                break;
            case EvidenceKind.ApprovedFigures when form.TargetId is { } key:
                int periodYear = key / 100, periodMonth = key % 100;
                if (!await ApprovedPeriods(db, district).AnyAsync(p => p.Year == periodYear && p.Month == periodMonth, ct))
                {
                    errors.Add(nameof(form.TargetId), "Belum ada formulir kecamatan yang disetujui untuk periode itu.");
                }
                else ownTitle = $"Data formulir kecamatan {IndonesianFormat.MonthYear(periodYear, periodMonth)} (disetujui)";
                break;
            case EvidenceKind.Meeting or EvidenceKind.TeamDecree or EvidenceKind.ApprovedFigures:
                errors.Add(nameof(form.TargetId), "Pilih yang akan ditautkan.");
                break;
            default:
                errors.Add(nameof(form.Kind), "Jenis tautan tidak dikenal.");
                break;
        }
        var typed = TextRules.StripBidiControls(form.Title ?? "").Trim();
        if (typed.Length > AksiEvidence.TitleMaxLength)
        {
            errors.Add(nameof(form.Title), Texts.TooLong(AksiEvidence.TitleMaxLength));
        }
        ValidateDocumentDate(form.DocumentDate, nameof(form.DocumentDate), errors);
        if (!errors.Any && await db.AksiEvidence.AnyAsync(e => e.ItemId == item.Id && e.Kind == form.Kind && e.TargetId == form.TargetId, ct))
        {
            errors.Add(nameof(form.TargetId), "Sudah ditautkan sebagai bukti aksi ini.");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var title = typed.Length > 0 ? typed : ownTitle!;
        var evidence = new AksiEvidence
        {
            ItemId = item.Id,
            Kind = form.Kind,
            Title = title.Length > AksiEvidence.TitleMaxLength ? title[..AksiEvidence.TitleMaxLength] : title,
            DocumentDate = form.DocumentDate ?? ownDate,
            TargetId = form.TargetId,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.DisplayName,
        };
        db.AksiEvidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Evidence {EvidenceId} ({Kind} {TargetId}) linked to aksi {Number} of {District} by {UserName}",
            evidence.Id, form.Kind, form.TargetId, item.Number, district, actor.UserName);
        return Result<int>.Ok(evidence.Id);
    }

    /// <summary>
    /// Removes an evidence item (and its stored bytes): those who may add evidence to the aksi, when they uploaded it or
    /// manage the cycle (the secretariat removes anyone's; an Operator OPD only their own).
    /// </summary>
    public async Task<Result> RemoveEvidenceAsync(Actor actor, int evidenceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.AksiEvidence
            .Where(e => e.Id == evidenceId)
            .Select(e => new { Evidence = e, Item = db.AksiItems.Where(i => i.Id == e.ItemId).Select(i => new { i.Number, i.ResponsibleAgencyId, i.Cycle!.DistrictCode }).First() })
            .FirstOrDefaultAsync(ct);
        if (found is null || !access.CanReadCycle(actor, found.Item.DistrictCode))
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandAddEvidence(actor, found.Item.DistrictCode, found.Item.ResponsibleAgencyId);
        DemandRemove(actor, found.Item.DistrictCode, found.Evidence.UploadedBy);
        db.AksiEvidence.Remove(found.Evidence);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Evidence {EvidenceId} \"{Title}\" removed from aksi {Number} of {District} by {UserName}",
            evidenceId, found.Evidence.Title, found.Item.Number, found.Item.DistrictCode, actor.UserName);
        return Result.Ok;
    }

    /// <summary>The stored bytes of an uploaded document, or null when there is none or the actor may not read it (a 404, never a hint).</summary>
    public async Task<EvidenceDownload?> DownloadAsync(Actor actor, int evidenceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meta = await db.AksiEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.Kind == EvidenceKind.File)
            .Select(e => new { e.FileName, e.ContentType, District = db.AksiItems.Where(i => i.Id == e.ItemId).Select(i => i.Cycle!.DistrictCode).First() })
            .FirstOrDefaultAsync(ct);
        if (meta is null)
        {
            return null;
        }
        if (!access.CanReadCycle(actor, meta.District))
        {
            logger.LogWarning("Evidence {EvidenceId} of {District} refused to {UserName} ({Role}, scope {Scope})",
                evidenceId, meta.District, actor.UserName, actor.Role, actor.RegionCode ?? "-");
            return null;
        }
        var content = await db.AksiEvidenceFiles.AsNoTracking().Where(f => f.EvidenceId == evidenceId).Select(f => f.Content).FirstOrDefaultAsync(ct);
        return content is null ? null : new EvidenceDownload(meta.FileName ?? "bukti", meta.ContentType ?? "application/octet-stream", content);
    }

    // ----- helpers -----

    private void DemandRemove(Actor actor, string district, string uploadedBy)
    {
        // AccessPolicy has no rule for removing someone else's evidence: the uploader (by display name, as records name
        // people) or the cycle's managers.
        if (access.CanManageCycle(actor, district) || string.Equals(uploadedBy, actor.DisplayName, StringComparison.Ordinal))
        {
            return;
        }
        logger.LogWarning("Permission denied: {UserName} tried to remove evidence of {District} uploaded by someone else", actor.UserName, district);
        throw new AccessDeniedException(AccessPolicy.DeniedMessage);
    }

    /// <summary>The item with its cycle, after checking that the actor may add evidence to it; null when there is none or it is unreadable.</summary>
    private async Task<AksiItem?> ItemForEvidenceAsync(AppDbContext db, Actor actor, int itemId, CancellationToken ct)
    {
        var item = await db.AksiItems.AsNoTracking().Include(i => i.Cycle).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || !access.CanReadCycle(actor, item.Cycle!.DistrictCode))
        {
            return null;
        }
        access.DemandAddEvidence(actor, item.Cycle.DistrictCode, item.ResponsibleAgencyId);
        return item;
    }

    private static IQueryable<ReportingPeriod> ApprovedPeriods(AppDbContext db, string district) =>
        db.ReportingPeriods.AsNoTracking().Where(p => p.DistrictCode == district &&
            db.KecamatanReports.Any(r => r.PeriodId == p.Id && r.Status == ReportStatus.Disetujui));

    private static string ValidateTitle(string? value, string field, ErrorBag errors)
    {
        var title = TextRules.StripBidiControls(value ?? "").Trim();
        if (title.Length == 0) errors.Add(field, "Judul dokumen wajib diisi.");
        else if (title.Length > AksiEvidence.TitleMaxLength) errors.Add(field, Texts.TooLong(AksiEvidence.TitleMaxLength));
        return title;
    }

    private void ValidateDocumentDate(DateOnly? date, string field, ErrorBag errors)
    {
        if (date is { } d && (d.Year < 2000 || d > Today.AddYears(1)))
        {
            errors.Add(field, "Tanggal dokumen tidak masuk akal; periksa lagi tahunnya.");
        }
    }

    private async Task<int> CreateCycleAsync(AppDbContext db, Actor actor, string districtCode, int year, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.RegionCode == districtCode && a.IsActive)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.ShortName }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var cycle = new AksiCycle { DistrictCode = districtCode, Year = year, CreatedAt = now, CreatedBy = actor.DisplayName };
        foreach (var aksi in Aksi.All)
        {
            var agency = aksi.DefaultAgencies
                .Select(name => agencies.FirstOrDefault(a => string.Equals(a.ShortName, name, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(a => a is not null);
            cycle.Items.Add(new AksiItem
            {
                Number = aksi.Number,
                ResponsibleAgencyId = agency?.Id,
                PlannedMonth = aksi.DefaultMonth,
                Status = AksiStatus.Belum,
                UpdatedAt = now,
                UpdatedBy = actor.DisplayName,
            });
        }
        db.AksiCycles.Add(cycle);
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Aksi cycle {Year} of {District} started by {UserName}", year, districtCode, actor.UserName);
            return cycle.Id;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else opened the board at the same moment and made the cycle: use theirs.
            db.ChangeTracker.Clear();
            return await db.AksiCycles.Where(c => c.DistrictCode == districtCode && c.Year == year).Select(c => c.Id).SingleAsync(ct);
        }
    }

    private async Task<IReadOnlyList<int>> YearsAsync(AppDbContext db, Actor actor, string districtCode, CancellationToken ct)
    {
        var years = await db.AksiCycles.Where(c => c.DistrictCode == districtCode).Select(c => c.Year).ToListAsync(ct);
        var thisYear = Today.Year;
        years.Add(thisYear);
        if (access.CanManageCycle(actor, districtCode))
        {
            years.Add(thisYear - 1);
            years.Add(thisYear + 1);
        }
        return years.Where(y => y >= FirstYear && y <= thisYear + 1).Distinct().OrderByDescending(y => y).ToList();
    }

    private async Task<IReadOnlyList<AksiRow>> RowsAsync(AppDbContext db, Actor actor, string district, int year, int cycleId, CancellationToken ct)
    {
        var items = await db.AksiItems.AsNoTracking().Where(i => i.CycleId == cycleId).OrderBy(i => i.Number)
            .Select(i => new
            {
                i.Id, i.Number, i.ResponsibleAgencyId, Agency = i.ResponsibleAgency == null ? null : i.ResponsibleAgency.ShortName,
                i.PlannedMonth, i.Status, i.CompletedOn, i.Notes, i.UpdatedBy, i.UpdatedAt, i.Version,
            })
            .ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var evidence = (await db.AksiEvidence.AsNoTracking().Where(e => ids.Contains(e.ItemId))
                .OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).ToListAsync(ct))
            .ToLookup(e => e.ItemId);
        var meetingIds = evidence.SelectMany(g => g).Where(e => e.Kind == EvidenceKind.Meeting && e.TargetId is not null).Select(e => e.TargetId!.Value).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Status, m.Kind, m.Date }).ToDictionaryAsync(m => m.Id, ct);
        var manage = access.CanManageCycle(actor, district);
        var today = Today;
        return items.Select(i =>
        {
            var canAdd = access.CanAddEvidence(actor, district, i.ResponsibleAgencyId);
            var views = evidence[i.Id].Select(e =>
            {
                string url, detail;
                switch (e.Kind)
                {
                    case EvidenceKind.File:
                        url = $"/aksi/bukti/{e.Id}";
                        detail = $"{e.FileName} · {SizeText(e.SizeBytes ?? 0)}";
                        break;
                    case EvidenceKind.Meeting when e.TargetId is { } m && meetings.TryGetValue(m, out var meeting):
                        url = $"/rapat/{m}";
                        detail = $"{meeting.Kind.Display()} · {IndonesianFormat.Date(meeting.Date)} · {meeting.Status.Display()}";
                        break;
                    case EvidenceKind.Meeting:
                        url = "/rapat";
                        detail = "Rapat tidak ditemukan lagi";
                        break;
                    case EvidenceKind.TeamDecree:
                        url = $"/tim?kabupaten={Uri.EscapeDataString(district)}";
                        detail = "SK TPPS di halaman Tim TPPS";
                        break;
                    default:
                        var key = e.TargetId ?? 0;
                        url = $"/laporan/kelengkapan?kabupaten={Uri.EscapeDataString(district)}&tahun={key / 100}";
                        detail = key > 0 ? $"Periode {IndonesianFormat.MonthYear(key / 100, Math.Clamp(key % 100, 1, 12))}" : "";
                        break;
                }
                return new EvidenceView(e.Id, e.Kind, e.Title, e.DocumentDate, e.FileName, e.ContentType, e.SizeBytes, e.TargetId, url, detail,
                    e.UploadedAt, e.UploadedBy, canAdd && (manage || e.UploadedBy == actor.DisplayName));
            }).ToList();
            return new AksiRow(i.Id, i.Number, Aksi.Of(i.Number).Name, Aksi.Of(i.Number).Purpose, Aksi.Of(i.Number).Evidence,
                i.ResponsibleAgencyId, i.Agency, i.PlannedMonth, i.Status, i.CompletedOn, IsLate(i.Status, year, i.PlannedMonth, today),
                i.Notes, i.UpdatedBy, i.UpdatedAt, i.Version, manage, canAdd, views);
        }).ToList();
    }

    private static AksiSummary Summarise(string district, int year, IReadOnlyList<AksiRow> rows) =>
        new(district, year, true, rows.Count(r => r.Status == AksiStatus.Selesai), rows.Count, rows.Count(r => r.IsLate), rows.Count(r => r.IsMissing));

    /// <summary>"850 KB", "2,4 MB".</summary>
    public static string SizeText(long bytes) => bytes < 1024 * 1024
        ? $"{IndonesianFormat.Number(Math.Max(1, (bytes + 1023) / 1024))} KB"
        : $"{IndonesianFormat.Decimal(bytes / 1024.0 / 1024.0, 1)} MB";
}
