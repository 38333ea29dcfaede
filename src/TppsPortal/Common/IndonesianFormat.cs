using System.Globalization;

namespace TppsPortal.Common;

/// <summary>
/// Dates and numbers as Indonesian official documents write them ("Selasa, 13 Februari 2024", "22,6 %",
/// "1.072"), without depending on the machine's ICU data.
/// </summary>
public static class IndonesianFormat
{
    public static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
    };

    /// <summary>"2 Desember 2026 pukul 14.05 WITA": a moment in the zone of the person or district (WIB, WITA, WIT).</summary>
    public static string Moment(DateTimeOffset at, string zone)
    {
        var hours = zone switch { "WIT" => 9, "WITA" => 8, _ => 7 };
        var local = at.ToOffset(TimeSpan.FromHours(hours)).DateTime;
        return $"{Date(DateOnly.FromDateTime(local))} pukul {Time(TimeOnly.FromDateTime(local))} {(zone is "WIT" or "WITA" ? zone : "WIB")}";
    }

    /// <summary>"13 Februari 2024".</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"Selasa, 13 Februari 2024".</summary>
    public static string DayAndDate(DateOnly date) => $"{Days[(int)date.DayOfWeek]}, {Date(date)}";

    /// <summary>"Februari 2024".</summary>
    public static string MonthYear(int year, int month) => $"{Months[month - 1]} {year}";

    /// <summary>"09.00" (Indonesian writes times with a dot).</summary>
    public static string Time(TimeOnly time) => time.ToString("HH'.'mm", CultureInfo.InvariantCulture);

    /// <summary>"09.00 - 12.00 WITA", or "09.00 WITA - selesai" without an end time.</summary>
    public static string TimeRange(TimeOnly start, TimeOnly? end, string zone) =>
        end is { } e ? $"{Time(start)} - {Time(e)} {zone}" : $"{Time(start)} {zone} - selesai";

    /// <summary>"1.072".</summary>
    public static string Number(long value) => value.ToString("#,0", Numbers);

    /// <summary>"22,6" with the given decimals.</summary>
    public static string Decimal(double value, int decimals = 1) => value.ToString("N" + decimals, Numbers);

    /// <summary>"22,6 %".</summary>
    public static string Percent(double value, int decimals = 1) => Decimal(value, decimals) + " %";

    /// <summary>A stored percentage as published: "22,6 %", "25,41 %" (one decimal unless the value has two).</summary>
    public static string Percent(decimal value) => Percent((double)value, decimal.Round(value, 1) == value ? 1 : 2);

    /// <summary>A difference in points with its sign: "+1,2", "-0,8", "0,0".</summary>
    public static string Points(decimal value) => (value > 0 ? "+" : "") + Decimal((double)value, 1);
}
