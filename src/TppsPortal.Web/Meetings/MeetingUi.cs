using System.Globalization;
using MudBlazor;
using TppsPortal.Common;
using TppsPortal.Meetings;

namespace TppsPortal.Web.Meetings;

/// <summary>Small pieces the meeting, action and team pages share: colours, date conversions, the pickers' culture.</summary>
public static class MeetingUi
{
    /// <summary>The format the date pickers show and accept: 13/02/2024.</summary>
    public const string DateFormat = "dd/MM/yyyy";

    /// <summary>
    /// Indonesian month and day names for the pickers, built from <see cref="IndonesianFormat"/> rather than the
    /// machine's ICU data (which a slim server image may lack).
    /// </summary>
    public static CultureInfo Culture { get; } = CreateCulture();

    public static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };

    public static readonly DialogOptions WideDialogOptions = new() { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true };

    public static Color StatusColor(MeetingStatus status) => status switch
    {
        MeetingStatus.Direncanakan => Color.Info,
        MeetingStatus.Selesai => Color.Warning,
        MeetingStatus.NotulenFinal => Color.Success,
        _ => Color.Default,
    };

    public static Color ActionColor(ActionStatus status) => status switch
    {
        ActionStatus.Proses => Color.Info,
        ActionStatus.Selesai => Color.Success,
        ActionStatus.Batal => Color.Dark,
        _ => Color.Default,
    };

    public static Color AttendanceColor(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Hadir => Color.Success,
        AttendanceStatus.Diwakili => Color.Info,
        AttendanceStatus.TidakHadir => Color.Error,
        _ => Color.Default,
    };

    public static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? ToDateOnly(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    public static TimeSpan? ToTimeSpan(TimeOnly? time) => time?.ToTimeSpan();

    public static TimeOnly? ToTimeOnly(TimeSpan? time) => time is { } t ? TimeOnly.FromTimeSpan(t) : null;

    /// <summary>"14 Februari 2024 pukul 10.00 WITA": when something was recorded, in the portal's time zone.</summary>
    public static string Wita(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromHours(8)).DateTime;
        return $"{IndonesianFormat.Date(DateOnly.FromDateTime(local))} pukul {IndonesianFormat.Time(TimeOnly.FromDateTime(local))} WITA";
    }

    /// <summary>"16 Januari 2023 - sekarang" or "1 Maret 2023 - 28 Februari 2025".</summary>
    public static string Period(DateOnly start, DateOnly? end) =>
        $"{IndonesianFormat.Date(start)} - {(end is { } e ? IndonesianFormat.Date(e) : "sekarang")}";

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var f = culture.DateTimeFormat;
        string[] months = [.. IndonesianFormat.Months, ""];
        string[] shortMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des", ""];
        f.MonthNames = months;
        f.MonthGenitiveNames = months;
        f.AbbreviatedMonthNames = shortMonths;
        f.AbbreviatedMonthGenitiveNames = shortMonths;
        f.DayNames = IndonesianFormat.Days;
        f.AbbreviatedDayNames = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"];
        f.ShortestDayNames = ["Mg", "Sn", "Sl", "Rb", "Km", "Jm", "Sb"];
        f.FirstDayOfWeek = DayOfWeek.Monday;
        f.ShortDatePattern = DateFormat;
        f.LongDatePattern = "dddd, d MMMM yyyy";
        f.YearMonthPattern = "MMMM yyyy";
        f.MonthDayPattern = "d MMMM";
        f.ShortTimePattern = "HH:mm";
        f.LongTimePattern = "HH:mm:ss";
        f.AMDesignator = "";
        f.PMDesignator = "";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return CultureInfo.ReadOnly(culture);
    }
}
