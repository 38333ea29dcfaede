using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Notifications;

/// <summary>
/// One thing one person should know, kept in PostgreSQL: the bell and the list page read it, and it is the outbox
/// of the e-mail that tells the same thing (<see cref="EmailState"/>). Written in the same transaction as the event
/// that causes it, so an event without its notification (or the reverse) cannot happen.
/// </summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2_000;
    public const int LinkMaxLength = 300;
    public const int KeyMaxLength = 200;
    public const int WhatsAppTextMaxLength = 1_500;
    public const int EmailErrorMaxLength = 500;

    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Where the thing itself is, relative to the portal ("rapat/12", "laporan/formulir/3").</summary>
    public string? Link { get; set; }

    /// <summary>The region of the thing (a kecamatan for a form, the meeting's region): who may know of it is checked against it.</summary>
    public required string RegionCode { get; set; }

    /// <summary>
    /// For reminders: what makes it one reminder ("action-overdue:12:2026-12-02"). Unique per user, so that two
    /// instances that check at once, or a check run twice, create it once.
    /// </summary>
    public string? DedupKey { get; set; }

    /// <summary>A ready message for "Kirim lewat WhatsApp", and to whom it goes (digits, 62...) when known.</summary>
    public string? WhatsAppText { get; set; }
    public string? WhatsAppTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public EmailState EmailState { get; set; }
    public int EmailAttempts { get; set; }
    public DateTimeOffset? EmailNextAttemptAt { get; set; }
    public DateTimeOffset? EmailSentAt { get; set; }
    public string? EmailError { get; set; }
}

/// <summary>The e-mail side of a notification (the outbox).</summary>
public enum EmailState
{
    /// <summary>No mail: the user has no address, or switched this kind off.</summary>
    None = 0,
    /// <summary>To be sent (at once, or with the user's daily digest).</summary>
    Pending = 1,
    Sent = 2,
    /// <summary>Given up after the retries (the error says why); shown to Admin Sistem in the log.</summary>
    Failed = 3,
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasConversion<short>();
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Property(n => n.RegionCode).HasMaxLength(Regions.RegionCode.MaxLength).UseCollation("C");
        builder.Property(n => n.DedupKey).HasMaxLength(Notification.KeyMaxLength);
        builder.Property(n => n.WhatsAppText).HasMaxLength(Notification.WhatsAppTextMaxLength);
        builder.Property(n => n.WhatsAppTo).HasMaxLength(Accounts.AppUser.WhatsAppMaxLength);
        builder.Property(n => n.EmailState).HasConversion<short>();
        builder.Property(n => n.EmailError).HasMaxLength(Notification.EmailErrorMaxLength);
        builder.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasIndex(n => n.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
        builder.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique().HasFilter("dedup_key IS NOT NULL");
        builder.HasIndex(n => n.EmailNextAttemptAt).HasFilter("email_state = 1").HasDatabaseName("ix_notifications_email_pending");
    }
}
