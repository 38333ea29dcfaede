using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Convergence;

/// <summary>
/// The province's assessment (penilaian kinerja) of its districts' 8 aksi: the board of every district side by side,
/// scoring one district (a score 0-100 and a comment per aksi, saved with the row version), publication, and what a
/// district sees of its own published scores. Assessors are the province's Pemantau Provinsi and Admin Sistem
/// (<see cref="AccessPolicy.CanAssess"/>); a district sees nothing of its scores before they are published, and
/// nobody sees anything across provinces.
/// </summary>
public sealed class AssessmentService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    Notifications.EventNotices notices,
    TimeProvider clock,
    ILogger<AssessmentService> logger)
{
    public const int FirstYear = 2018;
    public const int ReasonMaxLength = 500;

    private int ThisYear => clock.GetUtcNow().AddHours(8).Year;

    public bool CanAssess(Actor actor, string districtCode) => access.CanAssess(actor, districtCode);

    /// <summary>May the actor assess in some province at all (the nav entry and the page)?</summary>
    public static bool IsAssessor(Actor actor) =>
        actor.Role == Role.AdminSistem || (actor.Role == Role.PemantauProvinsi && actor.RegionCode is not null);

    /// <summary>The years the board offers: from the first year with a cycle or assessment, to next year.</summary>
    public IReadOnlyList<int> Years() => Enumerable.Range(FirstYear, ThisYear + 1 - FirstYear + 1).Reverse().ToList();

    /// <summary>The provinces the actor assesses in: all for Admin Sistem, their own for a Pemantau Provinsi.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ProvincesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!IsAssessor(actor))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provinces = db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Provinsi);
        if (actor.Role != Role.AdminSistem)
        {
            provinces = provinces.Where(r => r.Code == actor.RegionCode);
        }
        var list = await provinces.OrderBy(r => r.Name).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        return list.Select(p => (p.Code, p.Name)).ToList();
    }

    // ----- the board -----

    /// <summary>Every district of the province, side by side, for one year; refused to anyone who does not assess there.</summary>
    public async Task<AssessmentBoard> BoardAsync(Actor actor, string provinceCode, int year, CancellationToken ct = default)
    {
        if (!(actor.Role == Role.AdminSistem || (actor.Role == Role.PemantauProvinsi && actor.RegionCode == provinceCode)))
        {
            // A province code is never assessable itself: this refuses and logs the attempt.
            access.DemandAssess(actor, provinceCode);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provinceName = await db.Regions.Where(r => r.Code == provinceCode && r.Level == RegionLevel.Provinsi).Select(r => r.Name).FirstOrDefaultAsync(ct)
            ?? throw new AccessDeniedException(Texts.NotFound);
        var districts = (await db.Regions.AsNoTracking().Where(r => r.ParentCode == provinceCode && r.Level == RegionLevel.KabupatenKota)
                .Select(r => new { r.Code, r.Name }).ToListAsync(ct))
            .Where(d => access.CanAssess(actor, d.Code))
            .OrderBy(d => d.Name, StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true))
            .ToList();
        var codes = districts.Select(d => d.Code).ToList();
        var items = await ItemsAsync(db, codes, year, ct);
        var assessments = await db.AksiAssessments.AsNoTracking().Include(a => a.Scores)
            .Where(a => codes.Contains(a.DistrictCode) && a.Year == year).ToDictionaryAsync(a => a.DistrictCode, ct);

        var rows = districts.Select(d =>
        {
            assessments.TryGetValue(d.Code, out var assessment);
            var hasCycle = items.ContainsKey(d.Code);
            return new DistrictAssessmentRow(d.Code, d.Name, hasCycle, Lines(items.GetValueOrDefault(d.Code), assessment), assessment is not null,
                assessment?.PublishedAt is not null, null);
        }).ToList();

        var ranking = Rank(rows);
        var ranks = ranking.ToDictionary(r => r.DistrictCode, r => r.Rank);
        rows = rows.Select(r => r with { Rank = ranks.GetValueOrDefault(r.DistrictCode) }).ToList();
        return new AssessmentBoard(provinceCode, provinceName, year, rows, ranking.Select(r => rows.First(x => x.DistrictCode == r.DistrictCode)).ToList());
    }

    /// <summary>
    /// The districts with at least one score, by total (highest first), ties by name; numbered 1, 2, 3 in that order.
    /// </summary>
    public static IReadOnlyList<DistrictAssessmentRow> Rank(IEnumerable<DistrictAssessmentRow> rows) =>
        rows.Where(r => r.Total is not null)
            .OrderByDescending(r => r.Total)
            .ThenBy(r => r.DistrictName, StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true))
            .ThenBy(r => r.DistrictCode, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();

    // ----- scoring one district -----

    /// <summary>The scoring form of a district and year: the district's aksi with status and evidence, and the scores so far.</summary>
    public async Task<AssessmentForm> GetFormAsync(Actor actor, string districtCode, int year, CancellationToken ct = default)
    {
        access.DemandAssess(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Regions.Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? districtCode;
        var items = await db.AksiItems.AsNoTracking()
            .Where(i => i.Cycle!.DistrictCode == districtCode && i.Cycle.Year == year)
            .Select(i => new { i.Id, i.Number, i.Status, i.PlannedMonth })
            .ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        // Titles and file names only: the bytes live in aksi_evidence_files and are never loaded here.
        var evidence = await db.AksiEvidence.AsNoTracking().Where(e => itemIds.Contains(e.ItemId))
            .OrderBy(e => e.UploadedAt).ThenBy(e => e.Id)
            .Select(e => new { e.ItemId, Line = new EvidenceLine(e.Id, e.Kind, e.Title, e.FileName, e.DocumentDate, e.UploadedBy) })
            .ToListAsync(ct);
        var assessment = await db.AksiAssessments.AsNoTracking().Include(a => a.Scores)
            .FirstOrDefaultAsync(a => a.DistrictCode == districtCode && a.Year == year, ct);

        var form = new AssessmentForm
        {
            DistrictCode = districtCode,
            DistrictName = name,
            Year = year,
            Version = assessment?.Version,
            HasCycle = items.Count > 0,
            UpdatedAt = assessment?.UpdatedAt,
            UpdatedBy = assessment?.UpdatedBy,
            PublishedAt = assessment?.PublishedAt,
            PublishedBy = assessment?.PublishedBy,
        };
        foreach (var definition in Aksi.All)
        {
            var item = items.FirstOrDefault(i => i.Number == definition.Number);
            var score = assessment?.Scores.FirstOrDefault(s => s.Number == definition.Number);
            form.Aksi.Add(new AksiScoreInput
            {
                Number = definition.Number,
                Score = score?.Score,
                Comment = score?.Comment ?? "",
                Status = item?.Status,
                PlannedMonth = item?.PlannedMonth,
                Evidence = item is null ? [] : evidence.Where(e => e.ItemId == item.Id).Select(e => e.Line).ToList(),
            });
        }
        return form;
    }

    /// <summary>
    /// Saves the scores and comments as a draft, or saves and publishes them. Refused with a message per field when a
    /// score is outside 0-100 or a comment too long, and as a conflict when someone saved since the form was read.
    /// A published assessment is not changed: it is withdrawn first (<see cref="UnpublishAsync"/>).
    /// </summary>
    public async Task<Result<uint>> SaveAsync(Actor actor, AssessmentForm form, bool publish, CancellationToken ct = default)
    {
        access.DemandAssess(actor, form.DistrictCode);
        var errors = Validate(form, publish);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.AksiAssessments.Include(a => a.Scores)
            .FirstOrDefaultAsync(a => a.DistrictCode == form.DistrictCode && a.Year == form.Year, ct);
        if (assessment is null)
        {
            if (form.Version is not null)
            {
                return Result.Conflict(Texts.ConcurrencyConflict);
            }
            assessment = new AksiAssessment { DistrictCode = form.DistrictCode, Year = form.Year };
            db.AksiAssessments.Add(assessment);
        }
        else
        {
            if (form.Version is null || form.Version != assessment.Version)
            {
                return Result.Conflict(Texts.ConcurrencyConflict);
            }
            if (assessment.PublishedAt is not null)
            {
                return Result.Fail("", "Penilaian ini sudah dipublikasikan. Tarik kembali publikasinya dulu bila nilai perlu diubah.");
            }
            // The check above saw the version read; this makes the UPDATE itself refuse a save that slipped in between.
            db.Entry(assessment).Property(a => a.Version).OriginalValue = form.Version.Value;
        }

        foreach (var input in form.Aksi)
        {
            var score = assessment.Scores.FirstOrDefault(s => s.Number == input.Number);
            if (score is null)
            {
                score = new AksiScore { Number = input.Number };
                assessment.Scores.Add(score);
            }
            score.Score = input.Score;
            score.Comment = input.Comment.Trim();
        }
        // Always touched, so that the row version moves even when only scores changed.
        assessment.UpdatedAt = clock.GetUtcNow();
        assessment.UpdatedBy = actor.DisplayName;
        if (publish)
        {
            assessment.PublishedAt = assessment.UpdatedAt;
            assessment.PublishedBy = actor.DisplayName;
            // The district's secretariat hears of it, in the same SaveChanges as the publication.
            await notices.AssessmentPublishedAsync(db, form.DistrictCode, form.Year, form.Total, actor.DisplayName, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else created the assessment of this district and year since the form was read.
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        logger.LogInformation("Assessment of {District} {Year} {Action} by {UserName}: {Scored} aksi scored, total {Total}",
            form.DistrictCode, form.Year, publish ? "published" : "saved", actor.UserName, form.Scored, form.Total);
        return Result<uint>.Ok(assessment.Version);
    }

    /// <summary>Withdraws a publication (the district no longer sees the scores) with a reason, so that the scores can be corrected.</summary>
    public async Task<Result<uint>> UnpublishAsync(Actor actor, string districtCode, int year, uint version, string reason, CancellationToken ct = default)
    {
        access.DemandAssess(actor, districtCode);
        reason = reason.Trim();
        if (reason.Length == 0)
        {
            return Result.Fail("Reason", "Alasan penarikan wajib diisi.");
        }
        if (reason.Length > ReasonMaxLength)
        {
            return Result.Fail("Reason", Texts.TooLong(ReasonMaxLength));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.AksiAssessments.FirstOrDefaultAsync(a => a.DistrictCode == districtCode && a.Year == year, ct);
        if (assessment is null || assessment.Version != version)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        if (assessment.PublishedAt is null)
        {
            return Result.Fail("", "Penilaian ini belum dipublikasikan.");
        }
        db.Entry(assessment).Property(a => a.Version).OriginalValue = version;
        assessment.PublishedAt = null;
        assessment.PublishedBy = null;
        assessment.UpdatedAt = clock.GetUtcNow();
        assessment.UpdatedBy = actor.DisplayName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        // The schema has no column for the reason: it goes to the log, which keeps who withdrew what and why.
        logger.LogWarning("Assessment of {District} {Year} withdrawn from publication by {UserName}: {Reason}", districtCode, year, actor.UserName, reason);
        return Result<uint>.Ok(assessment.Version);
    }

    private static ErrorBag Validate(AssessmentForm form, bool publish)
    {
        var errors = new ErrorBag();
        if (form.Year < FirstYear || form.Year > 2100)
        {
            errors.Add("", "Tahun penilaian tidak valid.");
        }
        var numbers = form.Aksi.Select(a => a.Number).ToList();
        if (numbers.Count != Aksi.Count || numbers.Distinct().Count() != Aksi.Count || numbers.Any(n => n is < 1 or > Aksi.Count))
        {
            errors.Add("", "Formulir penilaian harus memuat kedelapan aksi.");
            return errors;
        }
        foreach (var input in form.Aksi)
        {
            if (input.Score is < 0 or > AksiAssessment.MaxScore)
            {
                errors.Add(AksiScoreInput.ScoreField(input.Number), $"Nilai harus antara 0 dan {AksiAssessment.MaxScore}.");
            }
            else if (publish && input.Score is null)
            {
                errors.Add(AksiScoreInput.ScoreField(input.Number), "Beri nilai sebelum dipublikasikan.");
            }
            if (input.Comment.Trim().Length > AksiAssessment.CommentMaxLength)
            {
                errors.Add(AksiScoreInput.CommentField(input.Number), Texts.TooLong(AksiAssessment.CommentMaxLength));
            }
        }
        if (publish && form.Aksi.Any(a => a.Score is null))
        {
            errors.Add("", "Semua 8 aksi harus dinilai sebelum penilaian dipublikasikan.");
        }
        return errors;
    }

    // ----- what the district sees -----

    /// <summary>
    /// The district's published assessment of a year, or null while there is none published. Refused to anyone who may
    /// not read the district's cycle. The rank counts only published assessments of the province, so it reveals no
    /// other district's draft; other districts' scores are never returned.
    /// </summary>
    public async Task<PublishedAssessment?> PublishedAsync(Actor actor, string districtCode, int year, CancellationToken ct = default)
    {
        if (!access.CanAssess(actor, districtCode))
        {
            access.DemandReadCycle(actor, districtCode);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.AksiAssessments.AsNoTracking().Include(a => a.Scores)
            .FirstOrDefaultAsync(a => a.DistrictCode == districtCode && a.Year == year && a.PublishedAt != null, ct);
        if (assessment is null || !access.CanSeeAssessment(actor, districtCode, published: true))
        {
            return null;
        }
        var province = RegionCode.ParentOf(districtCode) ?? "";
        var below = province + ".";
        var totals = await db.AksiAssessments.AsNoTracking()
            .Where(a => a.Year == year && a.PublishedAt != null && a.DistrictCode.StartsWith(below))
            .Select(a => new { a.DistrictCode, Total = a.Scores.Sum(s => s.Score ?? 0) })
            .ToListAsync(ct);
        var codes = totals.Select(t => t.DistrictCode).ToList();
        var names = await db.Regions.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var order = totals.OrderByDescending(t => t.Total)
            .ThenBy(t => names.GetValueOrDefault(t.DistrictCode, t.DistrictCode), StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, ignoreCase: true))
            .ThenBy(t => t.DistrictCode, StringComparer.Ordinal)
            .Select(t => t.DistrictCode).ToList();
        var items = await ItemsAsync(db, [districtCode], year, ct);
        return new PublishedAssessment(districtCode, names.GetValueOrDefault(districtCode, districtCode), year,
            Lines(items.GetValueOrDefault(districtCode), assessment), assessment.PublishedAt!.Value, assessment.PublishedBy ?? "",
            order.IndexOf(districtCode) + 1, order.Count);
    }

    // ----- helpers -----

    private sealed record ItemFacts(int Number, AksiStatus Status, int EvidenceCount);

    /// <summary>Status and evidence count of each aksi of the districts' cycles of the year, read from aksi_items and aksi_evidence.</summary>
    private static async Task<Dictionary<string, List<ItemFacts>>> ItemsAsync(AppDbContext db, List<string> districts, int year, CancellationToken ct)
    {
        var rows = await db.AksiItems.AsNoTracking()
            .Where(i => districts.Contains(i.Cycle!.DistrictCode) && i.Cycle.Year == year)
            .Select(i => new { i.Cycle!.DistrictCode, i.Number, i.Status, Evidence = db.AksiEvidence.Count(e => e.ItemId == i.Id) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.DistrictCode)
            .ToDictionary(g => g.Key, g => g.Select(r => new ItemFacts(r.Number, r.Status, r.Evidence)).ToList());
    }

    private static List<AksiAssessmentLine> Lines(List<ItemFacts>? items, AksiAssessment? assessment) =>
        Aksi.All.Select(d =>
        {
            var item = items?.FirstOrDefault(i => i.Number == d.Number);
            var score = assessment?.Scores.FirstOrDefault(s => s.Number == d.Number);
            return new AksiAssessmentLine(d.Number, item?.Status, item?.EvidenceCount ?? 0, score?.Score, score?.Comment ?? "");
        }).ToList();
}
