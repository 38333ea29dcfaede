using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Regions;

namespace TppsPortal.Submissions;

/// <summary>Draft, then Diajukan, then Disetujui (locked) or Dikembalikan (back to the kecamatan with a comment).</summary>
public enum ReportStatus
{
    Draft = 1,
    Diajukan = 2,
    Dikembalikan = 3,
    Disetujui = 4,
}

public static class ReportStatusNames
{
    public static string Display(this ReportStatus status) => status switch
    {
        ReportStatus.Draft => "Draf",
        ReportStatus.Diajukan => "Diajukan",
        ReportStatus.Dikembalikan => "Dikembalikan",
        ReportStatus.Disetujui => "Disetujui",
        _ => status.ToString(),
    };
}

/// <summary>A monthly reporting period of a district, opened by the secretariat with a deadline.</summary>
public sealed class ReportingPeriod
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }

    /// <summary>February and August: the posyandu weighing months.</summary>
    public bool IsWeighingMonth { get; set; }
    public DateOnly Deadline { get; set; }

    /// <summary>After the deadline: refuse submissions (true) or accept them marked late (false).</summary>
    public bool RefuseLate { get; set; }
    public bool IsOpen { get; set; } = true;
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public uint Version { get; set; }

    /// <summary>yyyymm, to order and compare periods.</summary>
    public int Key => (Year * 100) + Month;

    public static bool WeighingMonth(int month) => month is 2 or 8;
}

/// <summary>One kecamatan's form for one period: a row per desa/kelurahan.</summary>
public sealed class KecamatanReport : Common.ITimestamped
{
    public const int NoteMaxLength = 2_000;

    public int Id { get; set; }
    public int PeriodId { get; set; }
    public ReportingPeriod? Period { get; set; }
    public required string KecamatanCode { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Draft;
    public string Note { get; set; } = "";

    /// <summary>The secretariat's comment when the form was returned (shown at the top of the form).</summary>
    public string? ReturnComment { get; set; }
    public bool IsLate { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public bool IsExample { get; set; }
    public List<VillageRow> Rows { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>One village's figures in a report. Each row has its own version, so two people typing in different villages never collide.</summary>
public sealed class VillageRow
{
    public const int CommentMaxLength = 1_000;

    public int Id { get; set; }
    public int ReportId { get; set; }
    public required string VillageCode { get; set; }
    public int? Families { get; set; }
    public int? FamiliesAtRisk { get; set; }
    public int? ToddlersRegistered { get; set; }
    public int? ToddlersMeasured { get; set; }
    public int? SeverelyStunted { get; set; }
    public int? Stunted { get; set; }
    public int? Wasted { get; set; }
    public int? Underweight { get; set; }
    public int? Pregnant { get; set; }
    public int? PregnantKek { get; set; }
    public int? UnderTwo { get; set; }

    /// <summary>The kecamatan's explanation, required when a soft rule warns.</summary>
    public string Comment { get; set; } = "";

    /// <summary>The secretariat's remark on this village when the form was returned.</summary>
    public string? ReturnComment { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }

    public VillageValues Values => new()
    {
        Families = Families, FamiliesAtRisk = FamiliesAtRisk, ToddlersRegistered = ToddlersRegistered, ToddlersMeasured = ToddlersMeasured,
        SeverelyStunted = SeverelyStunted, Stunted = Stunted, Wasted = Wasted, Underweight = Underweight, Pregnant = Pregnant,
        PregnantKek = PregnantKek, UnderTwo = UnderTwo,
    };

    public void Set(Figure figure, int? value)
    {
        switch (figure)
        {
            case Figure.Families: Families = value; break;
            case Figure.FamiliesAtRisk: FamiliesAtRisk = value; break;
            case Figure.ToddlersRegistered: ToddlersRegistered = value; break;
            case Figure.ToddlersMeasured: ToddlersMeasured = value; break;
            case Figure.SeverelyStunted: SeverelyStunted = value; break;
            case Figure.Stunted: Stunted = value; break;
            case Figure.Wasted: Wasted = value; break;
            case Figure.Underweight: Underweight = value; break;
            case Figure.Pregnant: Pregnant = value; break;
            case Figure.PregnantKek: PregnantKek = value; break;
            case Figure.UnderTwo: UnderTwo = value; break;
        }
    }
}

/// <summary>The form's history: every value change and every step of the workflow, with who and when.</summary>
public sealed class ReportChange
{
    public long Id { get; set; }
    public int ReportId { get; set; }
    public KecamatanReport? Report { get; set; }
    public string? VillageCode { get; set; }

    /// <summary>A figure key, "catatan", "komentar", or a workflow step ("diajukan", "disetujui", ...).</summary>
    public required string What { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.ToTable("reporting_periods");
        builder.Property(p => p.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.DistrictCode, p.Year, p.Month }).IsUnique();
        builder.Property(p => p.OpenedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Ignore(p => p.Key);
        builder.Property(p => p.Version).IsRowVersion();
    }
}

public sealed class KecamatanReportConfiguration : IEntityTypeConfiguration<KecamatanReport>
{
    public void Configure(EntityTypeBuilder<KecamatanReport> builder)
    {
        builder.ToTable("kecamatan_reports");
        builder.Property(r => r.KecamatanCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.KecamatanCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Period).WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Status).HasConversion<short>();
        builder.Property(r => r.Note).HasMaxLength(KecamatanReport.NoteMaxLength);
        builder.Property(r => r.ReturnComment).HasMaxLength(KecamatanReport.NoteMaxLength);
        builder.Property(r => r.SubmittedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(r => r.DecidedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasMany(r => r.Rows).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PeriodId, r.KecamatanCode }).IsUnique();
        builder.HasIndex(r => new { r.KecamatanCode, r.Status });
        builder.Property(r => r.Version).IsRowVersion();
    }
}

public sealed class VillageRowConfiguration : IEntityTypeConfiguration<VillageRow>
{
    public void Configure(EntityTypeBuilder<VillageRow> builder)
    {
        builder.ToTable("village_rows");
        builder.Property(v => v.VillageCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(v => v.VillageCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Comment).HasMaxLength(VillageRow.CommentMaxLength);
        builder.Property(v => v.ReturnComment).HasMaxLength(VillageRow.CommentMaxLength);
        builder.Property(v => v.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasIndex(v => new { v.ReportId, v.VillageCode }).IsUnique();
        builder.HasIndex(v => v.VillageCode);
        builder.Ignore(v => v.Values);
        builder.Property(v => v.Version).IsRowVersion();
    }
}

/// <summary>
/// An edit the browser's journal sent and the server applied, by the id the browser gave it: the same edit sent
/// again (after a reconnect, a reload or a restart, because its answer never arrived) is recognised and not applied
/// twice, and the answer says which version that edit produced, so the browser's later edits chain onto it.
/// Kept while the form can still be edited; approving a form deletes its edits.
/// </summary>
public sealed class AppliedEdit
{
    public Guid EditId { get; set; }
    public int ReportId { get; set; }

    /// <summary>The village whose row the edit changed; null for the kecamatan's note.</summary>
    public string? VillageCode { get; set; }

    /// <summary>The version of the row (or of the report, for the note) right after the edit.</summary>
    public uint VersionAfter { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

public sealed class AppliedEditConfiguration : IEntityTypeConfiguration<AppliedEdit>
{
    public void Configure(EntityTypeBuilder<AppliedEdit> builder)
    {
        builder.ToTable("applied_edits");
        builder.HasKey(e => e.EditId);
        builder.Property(e => e.EditId).ValueGeneratedNever();
        builder.Property(e => e.VillageCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        // A plain number, not a row version: it records another row's xmin.
        builder.Property(e => e.VersionAfter).HasColumnType("bigint").HasConversion<long>();
        builder.HasIndex(e => e.ReportId);
        builder.HasOne<KecamatanReport>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportChangeConfiguration : IEntityTypeConfiguration<ReportChange>
{
    public void Configure(EntityTypeBuilder<ReportChange> builder)
    {
        builder.ToTable("report_changes");
        builder.Property(c => c.VillageCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.Property(c => c.What).HasMaxLength(40);
        builder.Property(c => c.OldValue).HasMaxLength(KecamatanReport.NoteMaxLength);
        builder.Property(c => c.NewValue).HasMaxLength(KecamatanReport.NoteMaxLength);
        builder.Property(c => c.By).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasIndex(c => new { c.ReportId, c.At });
        builder.HasOne(c => c.Report).WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
