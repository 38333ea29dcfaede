using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Meetings;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Teams;

namespace TppsPortal.Data;

/// <summary>
/// The portal's one database context (PostgreSQL only). Migrations are checked in and are how every
/// database is made, tests included. To add one:
/// <code>dotnet ef migrations add NAME --project src/TppsPortal --startup-project src/TppsPortal --output-dir Data/Migrations</code>
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityUserContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Bidang> Bidang => Set<Bidang>();
    public DbSet<TeamDecree> TeamDecrees => Set<TeamDecree>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MinutesVersion> MinutesVersions => Set<MinutesVersion>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<FollowUpAction> FollowUpActions => Set<FollowUpAction>();
    public DbSet<ActionProgress> ActionProgress => Set<ActionProgress>();
    public DbSet<DistrictLetterhead> Letterheads => Set<DistrictLetterhead>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<KecamatanReport> KecamatanReports => Set<KecamatanReport>();
    public DbSet<VillageRow> VillageRows => Set<VillageRow>();
    public DbSet<ReportChange> ReportChanges => Set<ReportChange>();
    public DbSet<AppliedEdit> AppliedEdits => Set<AppliedEdit>();
    public DbSet<Prevalence.Indicator> Indicators => Set<Prevalence.Indicator>();
    public DbSet<Prevalence.DataSource> DataSources => Set<Prevalence.DataSource>();
    public DbSet<Prevalence.PrevalenceFigure> PrevalenceFigures => Set<Prevalence.PrevalenceFigure>();
    public DbSet<Prevalence.TargetPath> TargetPaths => Set<Prevalence.TargetPath>();
    public DbSet<Prevalence.FormSummary> FormSummaries => Set<Prevalence.FormSummary>();
    public DbSet<Prevalence.ProvinceMonthSummary> ProvinceMonthSummaries => Set<Prevalence.ProvinceMonthSummary>();
    public DbSet<Prevalence.ChangeRecord> ChangeRecords => Set<Prevalence.ChangeRecord>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.ReminderSettings> ReminderSettings => Set<Notifications.ReminderSettings>();
    public DbSet<Convergence.AksiCycle> AksiCycles => Set<Convergence.AksiCycle>();
    public DbSet<Convergence.AksiItem> AksiItems => Set<Convergence.AksiItem>();
    public DbSet<Convergence.AksiEvidence> AksiEvidence => Set<Convergence.AksiEvidence>();
    public DbSet<Convergence.AksiEvidenceFile> AksiEvidenceFiles => Set<Convergence.AksiEvidenceFile>();
    public DbSet<Convergence.AksiAssessment> AksiAssessments => Set<Convergence.AksiAssessment>();
    public DbSet<Convergence.AksiScore> AksiScores => Set<Convergence.AksiScore>();
    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();
    public DbSet<Dhis2.Dhis2Settings> Dhis2Settings => Set<Dhis2.Dhis2Settings>();
    public DbSet<Dhis2.Dhis2ElementMap> Dhis2ElementMaps => Set<Dhis2.Dhis2ElementMap>();
    public DbSet<Dhis2.Dhis2OrgUnitMap> Dhis2OrgUnitMaps => Set<Dhis2.Dhis2OrgUnitMap>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Identity's tables with portal names.
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
