using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Notifications;

/// <summary>
/// A district's choice of reminders, set by its secretariat. A district without a row uses the defaults below.
/// </summary>
public sealed class ReminderSettings
{
    public const int DefaultActionDaysBefore = 3;
    public const int DefaultDeadlineDaysBefore = 2;
    public const int DefaultDigestHour = 7;
    public const int MaxDaysBefore = 30;

    public required string DistrictCode { get; set; }

    /// <summary>Remind the responsible agency N days before an action's due date.</summary>
    public bool ActionDueSoon { get; set; } = true;
    public int ActionDaysBefore { get; set; } = DefaultActionDaysBefore;

    /// <summary>Remind (once a week) while an action is past its due date and not done.</summary>
    public bool ActionOverdue { get; set; } = true;

    /// <summary>Tell every kecamatan when a period opens.</summary>
    public bool PeriodOpened { get; set; } = true;

    /// <summary>Remind a kecamatan whose form is not submitted N days before the period's deadline.</summary>
    public bool DeadlineNear { get; set; } = true;
    public int DeadlineDaysBefore { get; set; } = DefaultDeadlineDaysBefore;

    /// <summary>The hour (district time: WIB, WITA or WIT) at which daily digests go out and the daily check runs.</summary>
    public int DigestHour { get; set; } = DefaultDigestHour;

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }

    public static ReminderSettings Defaults(string districtCode) => new() { DistrictCode = districtCode };
}

public sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<ReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReminderSettings> builder)
    {
        builder.ToTable("reminder_settings");
        builder.HasKey(s => s.DistrictCode);
        builder.Property(s => s.DistrictCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(s => s.UpdatedBy).HasMaxLength(Accounts.AppUser.FullNameMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne<Regions.Region>().WithMany().HasForeignKey(s => s.DistrictCode).OnDelete(DeleteBehavior.Cascade);
    }
}
