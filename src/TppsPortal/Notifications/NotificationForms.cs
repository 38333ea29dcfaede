using System.ComponentModel.DataAnnotations;

namespace TppsPortal.Notifications;

/// <summary>One line of the bell's list and of the notification page.</summary>
public sealed record NotificationView(
    long Id,
    NotificationKind Kind,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset CreatedAt,
    bool IsRead,
    string? WhatsAppLink);

/// <summary>What a person sets on their profile page: where to reach them and which mails they want.</summary>
public sealed class NotificationProfileForm
{
    [StringLength(Accounts.AppUser.EmailMaxLength, ErrorMessage = "Alamat e-mail paling banyak 254 karakter.")]
    [EmailAddress(ErrorMessage = "Alamat e-mail tidak valid, misalnya nama@luwutimurkab.go.id.")]
    public string? Email { get; set; }

    [StringLength(24, ErrorMessage = WhatsApp.InvalidNumberMessage)]
    public string? WhatsAppNumber { get; set; }

    /// <summary>One mail a day instead of one per event.</summary>
    public bool EmailDigest { get; set; }

    /// <summary>Kinds the person wants mail for; the rest are muted (the bell still shows them).</summary>
    public HashSet<NotificationKind> EmailKinds { get; set; } = [.. NotificationKinds.All];

    /// <summary>Identity's concurrency stamp as loaded: a profile changed elsewhere meanwhile is not overwritten.</summary>
    public string? ConcurrencyStamp { get; set; }
}

/// <summary>The secretariat's reminder settings for its district.</summary>
public sealed class ReminderSettingsForm
{
    public bool ActionDueSoon { get; set; } = true;

    [Range(1, ReminderSettings.MaxDaysBefore, ErrorMessage = "Isi 1 sampai 30 hari.")]
    public int ActionDaysBefore { get; set; } = ReminderSettings.DefaultActionDaysBefore;

    public bool ActionOverdue { get; set; } = true;
    public bool PeriodOpened { get; set; } = true;
    public bool DeadlineNear { get; set; } = true;

    [Range(1, ReminderSettings.MaxDaysBefore, ErrorMessage = "Isi 1 sampai 30 hari.")]
    public int DeadlineDaysBefore { get; set; } = ReminderSettings.DefaultDeadlineDaysBefore;

    [Range(0, 23, ErrorMessage = "Jam 0 sampai 23.")]
    public int DigestHour { get; set; } = ReminderSettings.DefaultDigestHour;

    /// <summary>The district's time zone (WIB, WITA, WIT), shown next to the hour.</summary>
    public string TimeZone { get; set; } = "WITA";

    /// <summary>Row version as loaded; 0 for a district still on the defaults.</summary>
    public uint Version { get; set; }

    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
