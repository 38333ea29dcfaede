using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Meetings;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Api;

/// <summary>One village's figures in an approved camat form, as the API gives them.</summary>
public sealed record VillageReportRow(
    string VillageCode,
    string VillageName,
    string KecamatanCode,
    string KecamatanName,
    int Year,
    int Month,
    VillageValues Values,
    DateTimeOffset? ApprovedAt,
    bool IsExample);

/// <summary>Which approved village figures: a district or a kecamatan, one month.</summary>
public sealed record VillageReportQuery(string AreaCode, int Year, int Month, int Skip = 0, int Take = 100);

/// <summary>Where one kecamatan's form of a period stands; <see cref="Status"/> null: not started.</summary>
public sealed record PeriodFormState(
    string KecamatanCode,
    string KecamatanName,
    int? ReportId,
    ReportStatus? Status,
    bool IsLate,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    int VillageRows);

/// <summary>A reporting period with the state of every kecamatan form the actor may read.</summary>
public sealed record PeriodForms(PeriodView Period, IReadOnlyList<PeriodFormState> Forms);

/// <summary>
/// The reads the JSON API (<c>/api/v1</c>) needs that no page has: approved village figures of a district-month,
/// form states of one period, figures over a period range, one action by id. Every query goes through
/// <see cref="AccessPolicy"/> as the pages' services do, so a token sees exactly what its user sees.
/// </summary>
public sealed class ApiReadService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ActionService actions, TimeProvider clock)
{
    public const int MaxTake = 1000;

    /// <summary>
    /// The village rows of the APPROVED kecamatan forms of a district (or one kecamatan) for one month, ordered by
    /// village code. A camat asking for their district gets their own kecamatan only; an area beside the actor's scope
    /// is refused (403), as is an Operator OPD (who reads no forms).
    /// </summary>
    public async Task<Page<VillageReportRow>> VillageReportsAsync(Actor actor, VillageReportQuery query, CancellationToken ct = default)
    {
        var area = query.AreaCode.Trim();
        if (actor.Role == Role.OperatorOpd || !access.CanSeeRegion(actor, area))
        {
            access.DemandReadSubmission(actor, area);
        }
        var depth = area.Count(c => c == '.');
        if (depth is not (1 or 2))
        {
            return new Page<VillageReportRow>([], 0);
        }
        var district = depth == 1 ? area : RegionCode.ParentOf(area)!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Two round trips for a page (a third, the count, only when the page is full): the approved forms of the
        // district-month with their kecamatan's name, then their village rows by (report_id, village_code).
        var reports = access.ReadableReports(actor, db.KecamatanReports.AsNoTracking())
            .Where(r => r.Period!.DistrictCode == district && r.Period.Year == query.Year && r.Period.Month == query.Month && r.Status == ReportStatus.Disetujui);
        if (depth == 2)
        {
            reports = reports.Where(r => r.KecamatanCode == area);
        }
        var approved = await reports
            .Select(r => new { r.Id, r.KecamatanCode, KecamatanName = db.Regions.Where(k => k.Code == r.KecamatanCode).Select(k => k.Name).First(), r.DecidedAt, r.IsExample })
            .ToListAsync(ct);
        if (approved.Count == 0)
        {
            return new Page<VillageReportRow>([], 0);
        }
        var ids = approved.Select(r => r.Id).ToList();
        var rows = db.VillageRows.AsNoTracking().Where(v => ids.Contains(v.ReportId));
        var skip = Math.Max(0, query.Skip);
        var take = Math.Clamp(query.Take, 1, MaxTake);
        var page = await rows
            .OrderBy(v => v.VillageCode)
            .Skip(skip).Take(take)
            .Join(db.Regions, v => v.VillageCode, r => r.Code, (v, r) => new
            {
                v.ReportId, v.VillageCode, r.Name, v.Families, v.FamiliesAtRisk, v.ToddlersRegistered, v.ToddlersMeasured,
                v.SeverelyStunted, v.Stunted, v.Wasted, v.Underweight, v.Pregnant, v.PregnantKek, v.UnderTwo,
            })
            .ToListAsync(ct);
        // A page that is not full (and not past the end) tells the total by itself.
        var total = page.Count < take && (page.Count > 0 || skip == 0) ? skip + page.Count : await rows.CountAsync(ct);
        var names = approved.ToDictionary(r => r.KecamatanCode, r => r.KecamatanName);
        var byId = approved.ToDictionary(r => r.Id);
        // The join after Take keeps PostgreSQL's order only by chance: order again in memory.
        return new Page<VillageReportRow>(page.OrderBy(v => v.VillageCode, StringComparer.Ordinal).Select(v =>
        {
            var report = byId[v.ReportId];
            return new VillageReportRow(v.VillageCode, v.Name, report.KecamatanCode, names.GetValueOrDefault(report.KecamatanCode, ""),
                query.Year, query.Month,
                new VillageValues
                {
                    Families = v.Families, FamiliesAtRisk = v.FamiliesAtRisk, ToddlersRegistered = v.ToddlersRegistered,
                    ToddlersMeasured = v.ToddlersMeasured, SeverelyStunted = v.SeverelyStunted, Stunted = v.Stunted, Wasted = v.Wasted,
                    Underweight = v.Underweight, Pregnant = v.Pregnant, PregnantKek = v.PregnantKek, UnderTwo = v.UnderTwo,
                },
                report.DecidedAt, report.IsExample);
        }).ToList(), total);
    }

    /// <summary>
    /// One reporting period and where each kecamatan form of it stands, for the kecamatan the actor may read (a camat:
    /// their own). Null when there is no such period; a period of a district beside the actor's scope is refused.
    /// A form not submitted (or returned and not resubmitted) by the deadline counts as late, as on the board.
    /// </summary>
    public async Task<PeriodForms?> PeriodFormsAsync(Actor actor, int periodId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return null;
        }
        if (actor.Role == Role.OperatorOpd || !access.CanSeeRegion(actor, period.DistrictCode))
        {
            access.DemandReadSubmission(actor, period.DistrictCode);
        }
        var kecamatan = (await db.Regions.AsNoTracking()
                .Where(r => r.ParentCode == period.DistrictCode && r.Level == RegionLevel.Kecamatan)
                .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
            .Where(k => access.CanReadSubmission(actor, k.Code)).ToList();
        var reports = await access.ReadableReports(actor, db.KecamatanReports.AsNoTracking())
            .Where(r => r.PeriodId == periodId)
            .Select(r => new { r.Id, r.KecamatanCode, r.Status, r.IsLate, r.SubmittedAt, r.DecidedAt, Rows = r.Rows.Count })
            .ToDictionaryAsync(r => r.KecamatanCode, ct);
        var pastDeadline = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date) > period.Deadline;
        var forms = kecamatan.Select(k =>
        {
            var r = reports.GetValueOrDefault(k.Code);
            var late = r is null
                ? pastDeadline
                : r.IsLate || (pastDeadline && r.Status is ReportStatus.Draft or ReportStatus.Dikembalikan);
            return new PeriodFormState(k.Code, k.Name, r?.Id, r?.Status, late, r?.SubmittedAt, r?.DecidedAt, r?.Rows ?? 0);
        }).ToList();
        return new PeriodForms(SubmissionService.ToView(period), forms);
    }

    /// <summary>One follow-up action as its list shows it; null when there is none the actor may see.</summary>
    public async Task<ActionRow?> ActionAsync(Actor actor, int id, CancellationToken ct = default)
    {
        int? meetingId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            meetingId = await access.ReadableActions(actor, db.FollowUpActions.AsNoTracking())
                .Where(a => a.Id == id).Select(a => (int?)a.MeetingId).FirstOrDefaultAsync(ct);
        }
        return meetingId is null ? null : (await actions.ForMeetingAsync(actor, meetingId.Value, ct)).FirstOrDefault(a => a.Id == id);
    }
}
