using Microsoft.Extensions.Logging;
using TppsPortal.Agencies;
using TppsPortal.Common;
using TppsPortal.Regions;

namespace TppsPortal.Accounts;

/// <summary>
/// The one place that decides which areas, agencies and users an actor may read and change.
/// Services filter every query through the <c>Readable*</c>/<c>Visible*</c> methods and call a
/// <c>Demand*</c> method before every change; the UI only mirrors the <c>Can*</c> answers.
/// </summary>
/// <remarks>
/// A scope is a region code; it covers that region and everything under it. Admin Sistem has no scope
/// and covers everything. Region names above one's scope (the province of a camat) are visible, so that
/// breadcrumbs and provincial agencies can be shown, but nothing beside it is.
/// </remarks>
public sealed class AccessPolicy(ILogger<AccessPolicy> logger)
{
    public const string DeniedMessage = "Anda tidak berwenang mengakses data ini.";

    // ----- regions -----

    /// <summary>True when the region lies within the actor's scope: its data is the actor's to read.</summary>
    public bool CanReadRegion(Actor actor, string code) =>
        actor.Role.ReadsEverywhere() || (actor.RegionCode is { } scope && RegionCode.IsWithin(code, scope));

    /// <summary>True when the region's name may be shown: within the scope, or above it.</summary>
    public bool CanSeeRegion(Actor actor, string code) =>
        CanReadRegion(actor, code) || (actor.RegionCode is { } scope && RegionCode.IsWithin(scope, code));

    /// <summary>True when the actor may enter or change figures and records of this region.</summary>
    public bool CanWriteRegionData(Actor actor, string code) =>
        actor.Role is Role.AdminSistem or Role.AdminSekretariat or Role.OperatorKecamatan && CanReadRegion(actor, code);

    public bool CanManageRegions(Actor actor) => actor.Role == Role.AdminSistem;

    public IQueryable<Region> VisibleRegions(Actor actor, IQueryable<Region> regions)
    {
        if (actor.Role.ReadsEverywhere())
        {
            return regions;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var above = RegionCode.AncestorsOf(scope);
        return regions.Where(r => r.Code == scope || r.Code.StartsWith(below) || above.Contains(r.Code));
    }

    public void DemandSeeRegion(Actor actor, string code) =>
        Demand(CanSeeRegion(actor, code), actor, "melihat wilayah", code);

    public void DemandReadRegion(Actor actor, string code) =>
        Demand(CanReadRegion(actor, code), actor, "membaca data wilayah", code);

    public void DemandWriteRegionData(Actor actor, string code) =>
        Demand(CanWriteRegionData(actor, code), actor, "mengubah data wilayah", code);

    public void DemandManageRegions(Actor actor) =>
        Demand(CanManageRegions(actor), actor, "mengelola daftar wilayah", "semua");

    // ----- prevalence figures and targets -----

    /// <summary>
    /// Published figures and target paths are public above one's scope (a camat sees the district's SSGI figure),
    /// so everyone with a scope reads those of the regions within it and above it; an Operator OPD works on
    /// follow-up actions only and reads none.
    /// </summary>
    public bool CanReadFigures(Actor actor, string regionCode) =>
        actor.Role != Role.OperatorOpd && CanSeeRegion(actor, regionCode);

    /// <summary>May the actor open the figure and target pages at all?</summary>
    public bool CanReadFigures(Actor actor) =>
        actor.Role != Role.OperatorOpd && (actor.Role.ReadsEverywhere() || actor.RegionCode is not null);

    /// <summary>
    /// Enter, import, change and delete figures and target paths: Admin Sistem anywhere, Admin Sekretariat within
    /// its district. Pimpinan and Pemantau Provinsi are read-only roles; a camat's figures come from approved
    /// forms, never typed; an Operator OPD has nothing to do with them.
    /// </summary>
    public bool CanWriteFigures(Actor actor, string regionCode) =>
        actor.Role == Role.AdminSistem || (actor.Role == Role.AdminSekretariat && CanReadRegion(actor, regionCode));

    /// <summary>
    /// Target paths: as figures, except that a province's path is reference data for every district in it (a
    /// district whose own path has ended is measured against it), so only Admin Sistem writes it; a district's
    /// Admin Sekretariat does not, nor does the read-only Pemantau Provinsi.
    /// </summary>
    public bool CanWriteTargets(Actor actor, string regionCode) =>
        RegionCode.TryParse(regionCode, out var level, out _) && level == RegionLevel.Provinsi
            ? actor.Role == Role.AdminSistem
            : CanWriteFigures(actor, regionCode);

    public void DemandWriteTargets(Actor actor, string regionCode) =>
        Demand(CanWriteTargets(actor, regionCode), actor, "mengubah target", regionCode);

    /// <summary>True when the actor may write figures of some region (the add and import buttons).</summary>
    public bool CanWriteFigures(Actor actor) => actor.Role is Role.AdminSistem or Role.AdminSekretariat;

    /// <summary>Stored figures of the regions within the actor's scope and above it.</summary>
    public IQueryable<Prevalence.PrevalenceFigure> ReadableFigures(Actor actor, IQueryable<Prevalence.PrevalenceFigure> figures)
    {
        DemandReadFigures(actor);
        if (actor.Role.ReadsEverywhere())
        {
            return figures;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var above = RegionCode.AncestorsOf(scope);
        return figures.Where(f => f.RegionCode == scope || f.RegionCode.StartsWith(below) || above.Contains(f.RegionCode));
    }

    /// <summary>The history of figures and targets of the regions within the actor's scope and above it (as <see cref="ReadableFigures"/>).</summary>
    public IQueryable<Prevalence.ChangeRecord> ReadableChanges(Actor actor, IQueryable<Prevalence.ChangeRecord> changes)
    {
        DemandReadFigures(actor);
        if (actor.Role.ReadsEverywhere())
        {
            return changes;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var above = RegionCode.AncestorsOf(scope);
        return changes.Where(c => c.RegionCode == scope || c.RegionCode.StartsWith(below) || above.Contains(c.RegionCode));
    }

    public void DemandReadFigures(Actor actor) =>
        Demand(CanReadFigures(actor), actor, "membaca angka prevalensi", "semua");

    public void DemandReadFigures(Actor actor, string regionCode) =>
        Demand(CanReadFigures(actor, regionCode), actor, "membaca angka prevalensi", regionCode);

    public void DemandWriteFigures(Actor actor) =>
        Demand(CanWriteFigures(actor), actor, "mengubah angka prevalensi", "semua");

    public void DemandWriteFigures(Actor actor, string regionCode) =>
        Demand(CanWriteFigures(actor, regionCode), actor, "mengubah angka prevalensi", regionCode);

    /// <summary>
    /// The indicator and source lists are shared by every district (a figure of SSGI means the same survey
    /// everywhere), so only Admin Sistem changes them; everyone who reads figures reads them.
    /// </summary>
    public bool CanManageCatalog(Actor actor) => actor.Role == Role.AdminSistem;

    public void DemandManageCatalog(Actor actor) =>
        Demand(CanManageCatalog(actor), actor, "mengubah daftar indikator dan sumber data", "semua");

    // ----- agencies -----

    /// <summary>Agencies of the actor's scope and of the regions above it (district OPD for a camat, provincial bodies).</summary>
    public IQueryable<Agency> ReadableAgencies(Actor actor, IQueryable<Agency> agencies)
    {
        if (actor.Role.ReadsEverywhere())
        {
            return agencies;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var above = RegionCode.AncestorsOf(scope);
        return agencies.Where(a => a.RegionCode == scope || a.RegionCode.StartsWith(below) || above.Contains(a.RegionCode));
    }

    public bool CanReadAgency(Actor actor, string agencyRegionCode) => CanSeeRegion(actor, agencyRegionCode);

    /// <summary>Admin Sistem everywhere; Admin Sekretariat for agencies of their district and its kecamatan.</summary>
    public bool CanManageAgencies(Actor actor, string agencyRegionCode) =>
        actor.Role == Role.AdminSistem ||
        (actor.Role == Role.AdminSekretariat && CanReadRegion(actor, agencyRegionCode));

    public bool CanManageAgencies(Actor actor) => actor.Role is Role.AdminSistem or Role.AdminSekretariat;

    public void DemandReadAgency(Actor actor, string agencyRegionCode) =>
        Demand(CanReadAgency(actor, agencyRegionCode), actor, "membaca instansi", agencyRegionCode);

    public void DemandManageAgencies(Actor actor) =>
        Demand(CanManageAgencies(actor), actor, "mengelola instansi", "semua");

    public void DemandManageAgencies(Actor actor, string agencyRegionCode) =>
        Demand(CanManageAgencies(actor, agencyRegionCode), actor, "mengelola instansi", agencyRegionCode);

    // ----- users -----

    public bool CanManageUsers(Actor actor) => actor.Role is Role.AdminSistem or Role.AdminSekretariat;

    public void DemandManageUsers(Actor actor) =>
        Demand(CanManageUsers(actor), actor, "mengelola pengguna", "daftar pengguna");

    /// <summary>The users an admin may list and change: everyone for Admin Sistem, the district's users for Admin Sekretariat.</summary>
    public IQueryable<AppUser> ManageableUsers(Actor actor, IQueryable<AppUser> users)
    {
        Demand(CanManageUsers(actor), actor, "mengelola pengguna", "daftar pengguna");
        if (actor.Role == Role.AdminSistem)
        {
            return users;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        return users.Where(u => u.RegionCode != null && (u.RegionCode == scope || u.RegionCode.StartsWith(below)));
    }

    /// <summary>The roles an admin may give: Admin Sekretariat cannot create system admins or provincial monitors.</summary>
    public IReadOnlyList<Role> AssignableRoles(Actor actor) => actor.Role switch
    {
        Role.AdminSistem => Enum.GetValues<Role>(),
        Role.AdminSekretariat => [Role.AdminSekretariat, Role.Pimpinan, Role.OperatorKecamatan, Role.OperatorOpd],
        _ => [],
    };

    /// <summary>May the actor manage a user who has (or is to get) this role and scope?</summary>
    public bool CanManageUser(Actor actor, Role role, string? regionCode) =>
        CanManageUsers(actor) && AssignableRoles(actor).Contains(role) &&
        (actor.Role == Role.AdminSistem || (regionCode is not null && CanReadRegion(actor, regionCode)));

    public void DemandManageUser(Actor actor, Role role, string? regionCode) =>
        Demand(CanManageUser(actor, role, regionCode), actor, "mengelola pengguna", regionCode ?? role.ToString());

    // ----- API tokens and integration accounts -----

    /// <summary>
    /// May the actor make, list and revoke API tokens of this user? Everyone for their own account; an admin for an
    /// integration account they may manage (Admin Sekretariat: their district's, Admin Sistem: any). Never for another
    /// person's own account: a token acts as its user, so only that person makes it.
    /// </summary>
    public bool CanManageTokensOf(Actor actor, AppUser owner) =>
        owner.Id == actor.UserId ||
        (owner.IsIntegration && CanManageUser(actor, owner.Role, owner.RegionCode));

    public void DemandManageTokensOf(Actor actor, AppUser owner) =>
        Demand(CanManageTokensOf(actor, owner), actor, "mengelola token API", owner.UserName ?? owner.Id);

    // ----- meetings and follow-up actions -----

    /// <summary>
    /// Meetings of the actor's scope, plus the district meetings of the district the actor works in (a camat
    /// attends the district rakor). Never a meeting of another district or of another kecamatan.
    /// </summary>
    public bool CanReadMeeting(Actor actor, string meetingRegionCode) =>
        CanReadRegion(actor, meetingRegionCode) ||
        (actor.RegionCode is { } scope && meetingRegionCode.Count(c => c == '.') == 1 && RegionCode.IsWithin(scope, meetingRegionCode));

    public IQueryable<Meetings.Meeting> ReadableMeetings(Actor actor, IQueryable<Meetings.Meeting> meetings)
    {
        if (actor.Role.ReadsEverywhere())
        {
            return meetings;
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var district = RegionCode.AncestorsOf(scope).Where(c => c.Count(ch => ch == '.') == 1).ToList();
        return meetings.Where(m => m.RegionCode == scope || m.RegionCode.StartsWith(below) || district.Contains(m.RegionCode));
    }

    /// <summary>Admin Sistem; the Admin Sekretariat of the district; a camat for their own kecamatan's meetings.</summary>
    public bool CanWriteMeeting(Actor actor, string meetingRegionCode) =>
        actor.Role is Role.AdminSistem or Role.AdminSekretariat or Role.OperatorKecamatan && CanReadRegion(actor, meetingRegionCode);

    public void DemandReadMeeting(Actor actor, string meetingRegionCode) =>
        Demand(CanReadMeeting(actor, meetingRegionCode), actor, "membaca rapat", meetingRegionCode);

    public void DemandWriteMeeting(Actor actor, string meetingRegionCode) =>
        Demand(CanWriteMeeting(actor, meetingRegionCode), actor, "mengubah rapat", meetingRegionCode);

    /// <summary>
    /// Follow-up actions the actor may see: an Operator OPD only their agency's; everyone else the actions of
    /// the meetings they may read.
    /// </summary>
    public IQueryable<Meetings.FollowUpAction> ReadableActions(Actor actor, IQueryable<Meetings.FollowUpAction> actions)
    {
        if (actor.Role.ReadsEverywhere())
        {
            return actions;
        }
        if (actor.Role == Role.OperatorOpd)
        {
            var agency = actor.AgencyId ?? -1;
            var district = ScopeOf(actor);
            return actions.Where(a => a.ResponsibleAgencyId == agency && a.DistrictCode == district);
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        var districts = RegionCode.AncestorsOf(scope).Where(c => c.Count(ch => ch == '.') == 1).ToList();
        return actions.Where(a => a.Meeting!.RegionCode == scope || a.Meeting.RegionCode.StartsWith(below) || districts.Contains(a.Meeting.RegionCode));
    }

    /// <summary>
    /// May the actor record status and progress of this action? Those who may write its meeting, and the Operator
    /// OPD of the responsible agency.
    /// </summary>
    public bool CanUpdateAction(Actor actor, string meetingRegionCode, string districtCode, int responsibleAgencyId) =>
        CanWriteMeeting(actor, meetingRegionCode) ||
        (actor.Role == Role.OperatorOpd && actor.AgencyId == responsibleAgencyId && actor.RegionCode == districtCode);

    public void DemandUpdateAction(Actor actor, string meetingRegionCode, string districtCode, int responsibleAgencyId) =>
        Demand(CanUpdateAction(actor, meetingRegionCode, districtCode, responsibleAgencyId), actor, "memperbarui tindak lanjut", meetingRegionCode);

    // ----- camat forms (submissions) -----

    /// <summary>Kecamatan forms: everyone whose scope covers the kecamatan, except Operator OPD (no access).</summary>
    public bool CanReadSubmission(Actor actor, string kecamatanCode) =>
        actor.Role != Role.OperatorOpd && CanReadRegion(actor, kecamatanCode);

    /// <summary>Enter and change figures: the kecamatan's own operator/camat, the district's secretariat, Admin Sistem.</summary>
    public bool CanEditSubmission(Actor actor, string kecamatanCode) =>
        actor.Role is Role.OperatorKecamatan or Role.AdminSekretariat or Role.AdminSistem && CanReadRegion(actor, kecamatanCode);

    /// <summary>Approve, return, reopen; open periods: the district's Admin Sekretariat (or Admin Sistem).</summary>
    public bool CanVerifySubmission(Actor actor, string regionCode) =>
        actor.Role is Role.AdminSekretariat or Role.AdminSistem && CanReadRegion(actor, regionCode);

    public IQueryable<Submissions.KecamatanReport> ReadableReports(Actor actor, IQueryable<Submissions.KecamatanReport> reports)
    {
        if (actor.Role.ReadsEverywhere())
        {
            return reports;
        }
        if (actor.Role == Role.OperatorOpd)
        {
            return reports.Where(_ => false);
        }
        var scope = ScopeOf(actor);
        var below = scope + ".";
        return reports.Where(r => r.KecamatanCode == scope || r.KecamatanCode.StartsWith(below));
    }

    /// <summary>The completeness board of a district: its secretariat and officials, the province's monitors, Admin Sistem.</summary>
    public bool CanSeeCompleteness(Actor actor, string districtCode) =>
        actor.Role is Role.AdminSistem or Role.AdminSekretariat or Role.Pimpinan or Role.PemantauProvinsi or Role.PemantauNasional && CanReadRegion(actor, districtCode);

    public void DemandSeeCompleteness(Actor actor, string districtCode) =>
        Demand(CanSeeCompleteness(actor, districtCode), actor, "melihat kelengkapan laporan", districtCode);

    public void DemandReadSubmission(Actor actor, string kecamatanCode) =>
        Demand(CanReadSubmission(actor, kecamatanCode), actor, "membaca laporan kecamatan", kecamatanCode);

    public void DemandEditSubmission(Actor actor, string kecamatanCode) =>
        Demand(CanEditSubmission(actor, kecamatanCode), actor, "mengisi laporan kecamatan", kecamatanCode);

    public void DemandVerifySubmission(Actor actor, string regionCode) =>
        Demand(CanVerifySubmission(actor, regionCode), actor, "memverifikasi laporan kecamatan", regionCode);

    /// <summary>The team (SK, members, bidang) and the letterhead of a district: its Admin Sekretariat, or Admin Sistem.</summary>
    public bool CanManageTeam(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role == Role.AdminSistem || (actor.Role == Role.AdminSekretariat && actor.RegionCode == districtCode));

    public void DemandManageTeam(Actor actor, string districtCode) =>
        Demand(CanManageTeam(actor, districtCode), actor, "mengelola tim TPPS", districtCode);

    // ----- dashboard -----

    /// <summary>
    /// The national view (the 38 provinces side by side): Admin Sistem and Pemantau Nasional. A province's monitor
    /// reads their own province's dashboard, a district's people their district's; neither reads the nation.
    /// </summary>
    public bool CanSeeNation(Actor actor) => actor.Role.ReadsEverywhere();

    public void DemandSeeNation(Actor actor) =>
        Demand(CanSeeNation(actor), actor, "melihat dasbor nasional", "nasional");

    /// <summary>
    /// The officials' dashboard of an area and its exports: Pimpinan, Admin Sekretariat, Pemantau Provinsi and a camat
    /// for the areas within their scope (a camat: their own kecamatan and its villages); never an Operator OPD.
    /// </summary>
    public bool CanSeeDashboard(Actor actor, string regionCode) =>
        actor.Role != Role.OperatorOpd && CanReadRegion(actor, regionCode);

    public void DemandSeeDashboard(Actor actor, string regionCode) =>
        Demand(CanSeeDashboard(actor, regionCode), actor, "melihat dasbor", regionCode);

    // ----- helpers -----

    private static string ScopeOf(Actor actor) =>
        actor.RegionCode ?? throw new AccessDeniedException("Akun Anda belum memiliki wilayah kerja. Hubungi admin.");

    // ----- aksi konvergensi (the yearly cycle) -----

    /// <summary>A district's cycle and its evidence: everyone whose scope covers the district, and the province's monitors.</summary>
    public bool CanReadCycle(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role.ReadsEverywhere() ||
         (actor.Role is Role.AdminSekretariat or Role.Pimpinan or Role.OperatorOpd && actor.RegionCode == districtCode) ||
         (actor.Role == Role.PemantauProvinsi && actor.RegionCode is { } province && RegionCode.IsWithin(districtCode, province)));

    /// <summary>Start the cycle, set who is responsible, plan, status and notes: the district's Admin Sekretariat, or Admin Sistem.</summary>
    public bool CanManageCycle(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role == Role.AdminSistem || (actor.Role == Role.AdminSekretariat && actor.RegionCode == districtCode));

    /// <summary>Add or remove evidence of an aksi: those who manage the cycle, and the Operator OPD of the aksi's responsible agency.</summary>
    public bool CanAddEvidence(Actor actor, string districtCode, int? responsibleAgencyId) =>
        CanManageCycle(actor, districtCode) ||
        (actor.Role == Role.OperatorOpd && actor.RegionCode == districtCode && responsibleAgencyId is not null && actor.AgencyId == responsibleAgencyId);

    /// <summary>Score a district's cycle (penilaian kinerja): the province's monitors, or Admin Sistem.</summary>
    public bool CanAssess(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role == Role.AdminSistem ||
         (actor.Role == Role.PemantauProvinsi && actor.RegionCode is { } province && RegionCode.IsWithin(districtCode, province)));

    /// <summary>The scores: those who assess, always; the district's own people once the province has published them.</summary>
    public bool CanSeeAssessment(Actor actor, string districtCode, bool published) =>
        CanAssess(actor, districtCode) || (published && CanReadCycle(actor, districtCode));

    public void DemandReadCycle(Actor actor, string districtCode) =>
        Demand(CanReadCycle(actor, districtCode), actor, "membaca aksi konvergensi", districtCode);

    public void DemandManageCycle(Actor actor, string districtCode) =>
        Demand(CanManageCycle(actor, districtCode), actor, "mengelola aksi konvergensi", districtCode);

    public void DemandAddEvidence(Actor actor, string districtCode, int? responsibleAgencyId) =>
        Demand(CanAddEvidence(actor, districtCode, responsibleAgencyId), actor, "mengunggah bukti aksi", districtCode);

    public void DemandAssess(Actor actor, string districtCode) =>
        Demand(CanAssess(actor, districtCode), actor, "menilai aksi konvergensi", districtCode);

    // ----- notifications -----

    /// <summary>The reminder settings of a district: its Admin Sekretariat, or Admin Sistem.</summary>
    public bool CanManageReminders(Actor actor, string districtCode) =>
        actor.Role is Role.AdminSistem or Role.AdminSekretariat && districtCode.Count(c => c == '.') == 1 && CanReadRegion(actor, districtCode);

    public void DemandManageReminders(Actor actor, string districtCode) =>
        Demand(CanManageReminders(actor, districtCode), actor, "mengatur pengingat", districtCode);

    private void Demand(bool allowed, Actor actor, string action, string target)
    {
        if (allowed)
        {
            return;
        }
        logger.LogWarning("Permission denied: {UserName} ({Role}, scope {Scope}) tried {Action} on {Target}",
            actor.UserName, actor.Role, actor.RegionCode ?? "-", action, target);
        throw new AccessDeniedException(DeniedMessage);
    }

    // ----- DHIS2 -----

    /// <summary>
    /// A district's DHIS2 mapping and its export of approved figures: those who read the district's approved forms as a
    /// whole (its Admin Sekretariat and Pimpinan, the province's Pemantau Provinsi, Admin Sistem). A camat reads their own
    /// kecamatan's form, not the district's export; an Operator OPD reads no forms.
    /// </summary>
    public bool CanReadDhis2(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role.ReadsEverywhere() ||
         (actor.Role is Role.AdminSekretariat or Role.Pimpinan or Role.PemantauProvinsi && CanReadRegion(actor, districtCode)));

    /// <summary>Change a district's DHIS2 mapping: its Admin Sekretariat, or Admin Sistem.</summary>
    public bool CanManageDhis2(Actor actor, string districtCode) =>
        districtCode.Count(c => c == '.') == 1 &&
        (actor.Role == Role.AdminSistem || (actor.Role == Role.AdminSekretariat && actor.RegionCode == districtCode));

    public void DemandReadDhis2(Actor actor, string districtCode) =>
        Demand(CanReadDhis2(actor, districtCode), actor, "membaca pemetaan dan ekspor DHIS2", districtCode);

    public void DemandManageDhis2(Actor actor, string districtCode) =>
        Demand(CanManageDhis2(actor, districtCode), actor, "mengubah pemetaan DHIS2", districtCode);
}
