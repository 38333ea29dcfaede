namespace TppsPortal.Meetings;

/// <summary>The kop surat of a district's minutes: issuing government and office, address, optional logo.</summary>
public sealed class DistrictLetterhead
{
    public const int LineMaxLength = 200;
    public const int MaxLogoBytes = 1_000_000;

    public required string DistrictCode { get; set; }

    /// <summary>e.g. "PEMERINTAH KABUPATEN LUWU TIMUR".</summary>
    public string Government { get; set; } = "";

    /// <summary>e.g. "TIM PERCEPATAN PENURUNAN STUNTING".</summary>
    public string Office { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>Where minutes are signed, e.g. "Malili".</summary>
    public string SigningPlace { get; set; } = "";
    public string TimeZone { get; set; } = "WITA";
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public uint Version { get; set; }
}
