using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Regions;

namespace TppsPortal.Prevalence;

/// <summary>What a history entry is about.</summary>
public enum ChangeSubject
{
    Figure = 1,
    TargetPath = 2,
    TargetYear = 3,
}

public enum ChangeKind
{
    Added = 1,
    Changed = 2,
    Deleted = 3,
}

/// <summary>
/// The history of figures and targets: one row per added, changed or deleted figure, target path or yearly
/// target, with who (display name) and when. Written by the services that make the change (they know who acts);
/// the area and indicator are kept so that reading it follows the rules for reading figures and targets.
/// </summary>
public sealed class ChangeRecord
{
    public const int DescriptionMaxLength = 1000;

    public long Id { get; set; }
    public ChangeSubject Subject { get; set; }

    /// <summary>The id of the figure, target path or yearly target (gone once deleted).</summary>
    public int EntityId { get; set; }
    public required string RegionCode { get; set; }
    public required string IndicatorCode { get; set; }
    public ChangeKind Kind { get; set; }

    /// <summary>In Indonesian, old -> new: "Angka 2024 (SSGI): 23,3 % → 22,1 %".</summary>
    public required string Description { get; set; }

    /// <summary>The person's display name, as on the camat forms' history.</summary>
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.ToTable("change_records");
        // No foreign key to the region or row: the history outlives a deleted row.
        builder.Property(c => c.RegionCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.Property(c => c.IndicatorCode).HasMaxLength(Indicator.CodeMaxLength);
        builder.Property(c => c.Subject).HasConversion<short>();
        builder.Property(c => c.Kind).HasConversion<short>();
        builder.Property(c => c.Description).HasMaxLength(ChangeRecord.DescriptionMaxLength);
        builder.Property(c => c.By).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.HasIndex(c => new { c.RegionCode, c.At });
    }
}
