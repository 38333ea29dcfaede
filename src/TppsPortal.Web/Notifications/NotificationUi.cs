using TppsPortal.Common;
using TppsPortal.Notifications;

namespace TppsPortal.Web.Notifications;

public static class NotificationUi
{
    /// <summary>"baru saja", "12 menit lalu", "3 jam lalu", "kemarin", then the date in words.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1)) return "baru saja";
        if (age < TimeSpan.FromHours(1)) return $"{(int)age.TotalMinutes} menit lalu";
        if (age < TimeSpan.FromHours(24)) return $"{(int)age.TotalHours} jam lalu";
        if (age < TimeSpan.FromHours(48)) return "kemarin";
        return IndonesianFormat.Date(DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime));
    }

    /// <summary>The zone a person reads times in: their district's (WIB, WITA, WIT); WIB without a region.</summary>
    public static string Zone(TppsPortal.Accounts.Actor actor) =>
        actor.RegionCode is { } code ? TppsPortal.Meetings.MeetingService.DefaultTimeZone(code) : "WIB";

    public static string Icon(NotificationKind kind) => kind switch
    {
        NotificationKind.ActionDueSoon => MudBlazor.Icons.Material.Filled.Schedule,
        NotificationKind.ActionOverdue => MudBlazor.Icons.Material.Filled.Warning,
        NotificationKind.PeriodOpened or NotificationKind.DeadlineNear => MudBlazor.Icons.Material.Filled.EventNote,
        NotificationKind.FormReturned or NotificationKind.FormReopened => MudBlazor.Icons.Material.Filled.Undo,
        NotificationKind.FormApproved => MudBlazor.Icons.Material.Filled.CheckCircle,
        NotificationKind.FormSubmitted => MudBlazor.Icons.Material.Filled.Inbox,
        NotificationKind.MinutesFinal => MudBlazor.Icons.Material.Filled.Description,
        NotificationKind.MeetingScheduled => MudBlazor.Icons.Material.Filled.Groups,
        _ => MudBlazor.Icons.Material.Filled.Notifications,
    };
}
