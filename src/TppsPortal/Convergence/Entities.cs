using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Convergence;

/// <summary>A district's yearly cycle of the 8 aksi konvergensi. Last year's cycles are kept.</summary>
public sealed class AksiCycle
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public int Year { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<AksiItem> Items { get; set; } = [];
}

/// <summary>One aksi of a cycle: who is responsible, when it is planned, how far it is, and its evidence.</summary>
public sealed class AksiItem
{
    public const int NotesMaxLength = 2_000;

    public int Id { get; set; }
    public int CycleId { get; set; }
    public AksiCycle? Cycle { get; set; }

    /// <summary>1 to 8 (<see cref="Aksi.All"/>).</summary>
    public int Number { get; set; }
    public int? ResponsibleAgencyId { get; set; }
    public Agencies.Agency? ResponsibleAgency { get; set; }

    /// <summary>The month (1-12) of the cycle's year by which the aksi should be done; late after it.</summary>
    public int PlannedMonth { get; set; }
    public AksiStatus Status { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
    public List<AksiEvidence> Evidence { get; set; } = [];
}

/// <summary>
/// Evidence of an aksi: an uploaded document (its bytes in <see cref="AksiEvidenceFile"/>, so lists never load them)
/// or a link to a meeting, the team's SK or a period's approved figures.
/// </summary>
public sealed class AksiEvidence
{
    public const int TitleMaxLength = 200;
    public const int FileNameMaxLength = 200;
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public int Id { get; set; }
    public int ItemId { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>The document's own date (of the SK, of the report), not the upload's.</summary>
    public DateOnly? DocumentDate { get; set; }

    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }

    /// <summary>For links: the meeting or team decree id; for approved figures the period key (yyyyMM).</summary>
    public int? TargetId { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

public sealed class AksiEvidenceFile
{
    public int EvidenceId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>The province's assessment (penilaian kinerja) of one district's cycle: a score and comment per aksi.</summary>
public sealed class AksiAssessment
{
    public const int CommentMaxLength = 2_000;
    public const int MaxScore = 100;

    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public int Year { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Null while a draft: the district sees its scores only once the province publishes them.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public uint Version { get; set; }
    public List<AksiScore> Scores { get; set; } = [];
}

public sealed class AksiScore
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int Number { get; set; }

    /// <summary>0 to <see cref="AksiAssessment.MaxScore"/>; null when not scored yet.</summary>
    public int? Score { get; set; }
    public string Comment { get; set; } = "";
}

public sealed class AksiCycleConfiguration : IEntityTypeConfiguration<AksiCycle>
{
    public void Configure(EntityTypeBuilder<AksiCycle> builder)
    {
        builder.ToTable("aksi_cycles");
        builder.Property(c => c.DistrictCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(c => c.CreatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasIndex(c => new { c.DistrictCode, c.Year }).IsUnique();
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(c => c.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Items).WithOne(i => i.Cycle).HasForeignKey(i => i.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AksiItemConfiguration : IEntityTypeConfiguration<AksiItem>
{
    public void Configure(EntityTypeBuilder<AksiItem> builder)
    {
        builder.ToTable("aksi_items");
        builder.Property(i => i.Status).HasConversion<short>();
        builder.Property(i => i.Notes).HasMaxLength(AksiItem.NotesMaxLength);
        builder.Property(i => i.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => new { i.CycleId, i.Number }).IsUnique();
        builder.HasOne(i => i.ResponsibleAgency).WithMany().HasForeignKey(i => i.ResponsibleAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Evidence).WithOne().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_aksi_items_number", "number BETWEEN 1 AND 8"));
        builder.ToTable(t => t.HasCheckConstraint("ck_aksi_items_planned_month", "planned_month BETWEEN 1 AND 12"));
    }
}

public sealed class AksiEvidenceConfiguration : IEntityTypeConfiguration<AksiEvidence>
{
    public void Configure(EntityTypeBuilder<AksiEvidence> builder)
    {
        builder.ToTable("aksi_evidence");
        builder.Property(e => e.Kind).HasConversion<short>();
        builder.Property(e => e.Title).HasMaxLength(AksiEvidence.TitleMaxLength);
        builder.Property(e => e.FileName).HasMaxLength(AksiEvidence.FileNameMaxLength);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.UploadedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasIndex(e => e.ItemId);
        builder.HasOne<AksiEvidenceFile>().WithOne().HasForeignKey<AksiEvidenceFile>(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AksiEvidenceFileConfiguration : IEntityTypeConfiguration<AksiEvidenceFile>
{
    public void Configure(EntityTypeBuilder<AksiEvidenceFile> builder)
    {
        builder.ToTable("aksi_evidence_files");
        builder.HasKey(f => f.EvidenceId);
        builder.Property(f => f.EvidenceId).ValueGeneratedNever();
    }
}

public sealed class AksiAssessmentConfiguration : IEntityTypeConfiguration<AksiAssessment>
{
    public void Configure(EntityTypeBuilder<AksiAssessment> builder)
    {
        builder.ToTable("aksi_assessments");
        builder.Property(a => a.DistrictCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(a => a.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(a => a.PublishedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasIndex(a => new { a.DistrictCode, a.Year }).IsUnique();
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(a => a.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AksiScoreConfiguration : IEntityTypeConfiguration<AksiScore>
{
    public void Configure(EntityTypeBuilder<AksiScore> builder)
    {
        builder.ToTable("aksi_scores");
        builder.Property(s => s.Comment).HasMaxLength(AksiAssessment.CommentMaxLength);
        builder.HasIndex(s => new { s.AssessmentId, s.Number }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_aksi_scores_score", "score IS NULL OR score BETWEEN 0 AND 100"));
    }
}
