using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TppsPortal.Accounts;
using TppsPortal.Regions;

namespace TppsPortal.Meetings;

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        builder.Property(m => m.RegionCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(m => m.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Kind).HasConversion<short>();
        builder.Property(m => m.Status).HasConversion<short>();
        builder.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
        builder.Property(m => m.TimeZone).HasMaxLength(4);
        builder.Property(m => m.Venue).HasMaxLength(Meeting.VenueMaxLength);
        builder.Property(m => m.Purpose).HasMaxLength(Meeting.TextMaxLength);
        builder.Property(m => m.GeneralNotes).HasMaxLength(Meeting.TextMaxLength);
        builder.Property(m => m.ChairName).HasMaxLength(Meeting.PersonNameMaxLength);
        builder.Property(m => m.ChairPosition).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(m => m.ChairNip).HasMaxLength(Meeting.NipMaxLength);
        builder.Property(m => m.NoteTakerName).HasMaxLength(Meeting.PersonNameMaxLength);
        builder.Property(m => m.NoteTakerPosition).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(m => m.NoteTakerNip).HasMaxLength(Meeting.NipMaxLength);
        builder.Property(m => m.SigningPlace).HasMaxLength(Meeting.SigningPlaceMaxLength);
        builder.Property(m => m.FinalizedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.Property(m => m.UpdatedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Speakers).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Invitations).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Decisions).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Amendments).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Versions).WithOne().HasForeignKey(v => v.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.RegionCode, m.Date });
        builder.Property(m => m.CheckInToken).HasMaxLength(Meeting.CheckInTokenLength).IsRequired()
            .HasDefaultValueSql("replace(gen_random_uuid()::text, '-', '')");
        builder.HasIndex(m => m.CheckInToken).IsUnique();
        builder.Property(m => m.Version).IsRowVersion();
    }
}

public sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("meeting_agenda_items");
        builder.Property(a => a.Title).HasMaxLength(Meeting.TitleMaxLength);
        builder.Property(a => a.Notes).HasMaxLength(Meeting.TextMaxLength);
    }
}

public sealed class SpeakerConfiguration : IEntityTypeConfiguration<Speaker>
{
    public void Configure(EntityTypeBuilder<Speaker> builder)
    {
        builder.ToTable("meeting_speakers");
        builder.Property(s => s.Name).HasMaxLength(Meeting.PersonNameMaxLength);
        builder.Property(s => s.Position).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(s => s.Origin).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(s => s.Topic).HasMaxLength(Meeting.TitleMaxLength);
        builder.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("meeting_invitations");
        builder.Property(i => i.Attendance).HasConversion<short>();
        builder.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.MeetingId, i.AgencyId }).IsUnique();
        builder.HasIndex(i => i.AgencyId);
    }
}

public sealed class AttendeeConfiguration : IEntityTypeConfiguration<Attendee>
{
    public void Configure(EntityTypeBuilder<Attendee> builder)
    {
        builder.ToTable("meeting_attendees");
        builder.Property(a => a.Name).HasMaxLength(Meeting.PersonNameMaxLength);
        builder.Property(a => a.Position).HasMaxLength(Meeting.PositionMaxLength);
        builder.Property(a => a.GuestOrganisation).HasMaxLength(Meeting.PositionMaxLength);
        builder.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("meeting_decisions");
        builder.Property(d => d.Text).HasMaxLength(Meeting.TextMaxLength);
        builder.HasOne(d => d.Bidang).WithMany().HasForeignKey(d => d.BidangId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AmendmentConfiguration : IEntityTypeConfiguration<Amendment>
{
    public void Configure(EntityTypeBuilder<Amendment> builder)
    {
        builder.ToTable("meeting_amendments");
        builder.Property(a => a.Reason).HasMaxLength(Amendment.ReasonMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(Meeting.TextMaxLength);
        builder.Property(a => a.AmendedBy).HasMaxLength(AppUser.FullNameMaxLength);
    }
}

public sealed class MinutesVersionConfiguration : IEntityTypeConfiguration<MinutesVersion>
{
    public void Configure(EntityTypeBuilder<MinutesVersion> builder)
    {
        builder.ToTable("minutes_versions");
        builder.HasIndex(v => new { v.MeetingId, v.Number }).IsUnique();
        builder.Property(v => v.Code).HasMaxLength(MinutesVersion.CodeLength).UseCollation("C");
        builder.HasIndex(v => v.Code).IsUnique();
        builder.Property(v => v.Reason).HasMaxLength(Amendment.ReasonMaxLength);
        builder.Property(v => v.Summary).HasMaxLength(Meeting.TextMaxLength);
        builder.Property(v => v.FinalizedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.VerificationUrl).HasMaxLength(MinutesVersion.UrlMaxLength);
        builder.Property(v => v.Document).HasColumnType("jsonb");
    }
}

public sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> builder)
    {
        builder.ToTable("follow_up_actions");
        builder.Property(a => a.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.Property(a => a.AreaCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(a => a.AreaCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Description).HasMaxLength(FollowUpAction.DescriptionMaxLength);
        builder.Property(a => a.Status).HasConversion<short>();
        builder.Property(a => a.UpdatedBy).HasMaxLength(AppUser.FullNameMaxLength);
        builder.HasOne(a => a.Meeting).WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Decision).WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.ResponsibleAgency).WithMany().HasForeignKey(a => a.ResponsibleAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Bidang).WithMany().HasForeignKey(a => a.BidangId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Progress).WithOne().HasForeignKey(p => p.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.DistrictCode, a.Status, a.DueDate });
        builder.HasIndex(a => a.ResponsibleAgencyId);
        builder.HasIndex(a => a.MeetingId);
        builder.Property(a => a.Version).IsRowVersion();
    }
}

public sealed class ActionProgressConfiguration : IEntityTypeConfiguration<ActionProgress>
{
    public void Configure(EntityTypeBuilder<ActionProgress> builder)
    {
        builder.ToTable("follow_up_action_progress");
        builder.Property(p => p.Note).HasMaxLength(FollowUpAction.DescriptionMaxLength);
        builder.Property(p => p.StatusAfter).HasConversion<short?>();
        builder.Property(p => p.Author).HasMaxLength(AppUser.FullNameMaxLength);
    }
}

public sealed class DistrictLetterheadConfiguration : IEntityTypeConfiguration<DistrictLetterhead>
{
    public void Configure(EntityTypeBuilder<DistrictLetterhead> builder)
    {
        builder.ToTable("district_letterheads");
        builder.HasKey(l => l.DistrictCode);
        builder.Property(l => l.DistrictCode).HasMaxLength(RegionCode.MaxLength).UseCollation("C");
        builder.HasOne<Region>().WithMany().HasForeignKey(l => l.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Government).HasMaxLength(DistrictLetterhead.LineMaxLength);
        builder.Property(l => l.Office).HasMaxLength(DistrictLetterhead.LineMaxLength);
        builder.Property(l => l.Address).HasMaxLength(DistrictLetterhead.LineMaxLength * 2);
        builder.Property(l => l.SigningPlace).HasMaxLength(100);
        builder.Property(l => l.TimeZone).HasMaxLength(4);
        builder.Property(l => l.LogoContentType).HasMaxLength(50);
        builder.Property(l => l.Version).IsRowVersion();
    }
}
