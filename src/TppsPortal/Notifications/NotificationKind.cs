namespace TppsPortal.Notifications;

/// <summary>
/// What a notification is about. Stored as a number; a user can switch off e-mail per kind (the bell always shows
/// everything that concerns them). Never renumber: stored rows and users' choices refer to the numbers.
/// </summary>
public enum NotificationKind
{
    /// <summary>A follow-up action is due in a few days (to the agency's operators, copied to the secretariat).</summary>
    ActionDueSoon = 1,
    /// <summary>A follow-up action is past its due date and not done.</summary>
    ActionOverdue = 2,
    /// <summary>A reporting period was opened (to the camat/operators of every kecamatan).</summary>
    PeriodOpened = 3,
    /// <summary>The deadline of a period is near and the kecamatan's form is not submitted.</summary>
    DeadlineNear = 4,
    /// <summary>The secretariat returned a form with comments.</summary>
    FormReturned = 5,
    /// <summary>The secretariat approved a form.</summary>
    FormApproved = 6,
    /// <summary>The secretariat reopened an approved form.</summary>
    FormReopened = 7,
    /// <summary>A kecamatan submitted its form and it waits for verification (to the secretariat).</summary>
    FormSubmitted = 8,
    /// <summary>Minutes were finalised or amended (to the attending agencies' operators).</summary>
    MinutesFinal = 9,
    /// <summary>A meeting was scheduled (invitation to the invited agencies' operators).</summary>
    MeetingScheduled = 10,
    /// <summary>The province published its assessment of the district's aksi konvergensi (to the secretariat).</summary>
    AssessmentPublished = 11,
}

public static class NotificationKinds
{
    public static readonly IReadOnlyList<NotificationKind> All = Enum.GetValues<NotificationKind>();

    /// <summary>How the profile page and the mails name the kind.</summary>
    public static string Display(this NotificationKind kind) => kind switch
    {
        NotificationKind.ActionDueSoon => "Tindak lanjut mendekati batas waktu",
        NotificationKind.ActionOverdue => "Tindak lanjut terlambat",
        NotificationKind.PeriodOpened => "Periode pelaporan dibuka",
        NotificationKind.DeadlineNear => "Batas waktu formulir kecamatan mendekat",
        NotificationKind.FormReturned => "Formulir dikembalikan untuk diperbaiki",
        NotificationKind.FormApproved => "Formulir disetujui",
        NotificationKind.FormReopened => "Formulir dibuka kembali",
        NotificationKind.FormSubmitted => "Formulir diajukan dan menunggu verifikasi",
        NotificationKind.MinutesFinal => "Notulen final atau diubah",
        NotificationKind.MeetingScheduled => "Undangan rapat",
        NotificationKind.AssessmentPublished => "Penilaian aksi konvergensi dari provinsi",
        _ => kind.ToString(),
    };

    /// <summary>A reminder is a notification the scheduler makes; these offer "Kirim lewat WhatsApp".</summary>
    public static bool IsReminder(this NotificationKind kind) =>
        kind is NotificationKind.ActionDueSoon or NotificationKind.ActionOverdue or NotificationKind.DeadlineNear or NotificationKind.PeriodOpened;

    /// <summary>The bit of this kind in <see cref="Accounts.AppUser.EmailMutedKinds"/>.</summary>
    public static int Bit(this NotificationKind kind) => 1 << (int)kind;
}
