using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TppsPortal.Meetings;

/// <summary>
/// A participant who signed the attendance list on their own phone (daftar hadir mandiri), through the meeting's
/// check-in link. Kept apart from <see cref="Meeting.Attendees"/>, which the secretariat's editor saves as a whole
/// list, so that a check-in and the editor's save never overwrite each other; the minutes list both.
/// </summary>
public sealed class CheckIn
{
    /// <summary>A drawn signature, as the phone sends it (PNG); re-encoded smaller before it is stored.</summary>
    public const int SignatureMaxBytes = 300_000;

    /// <summary>No meeting has more people in the room; beyond this the link is being abused.</summary>
    public const int MaxPerMeeting = 400;

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string Name { get; set; }
    public string Position { get; set; } = "";
    public int? AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }

    /// <summary>For a participant whose agency was not invited: the organisation as typed.</summary>
    public string? GuestOrganisation { get; set; }

    /// <summary>The drawn signature as a PNG (white background, at most 600 x 200 pixels), or null.</summary>
    public byte[]? Signature { get; set; }

    public DateTimeOffset CheckedInAt { get; set; }
}

public sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("meeting_check_ins");
        builder.Property(c => c.Name).HasMaxLength(Meeting.PersonNameMaxLength);
        builder.Property(c => c.Position).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(c => c.GuestOrganisation).HasMaxLength(Meeting.PositionMaxLength);
        builder.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.MeetingId, c.CheckedInAt });
    }
}
