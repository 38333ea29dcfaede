using TppsPortal.Regions;

namespace TppsPortal.Web.Agencies;

/// <summary>How a region is named in lists and pickers: "Provinsi Sulawesi Selatan", "Kabupaten Luwu Timur", "Kecamatan Malili".</summary>
public static class RegionLabel
{
    /// <summary>District names already carry "Kabupaten"/"Kota"; provinces and kecamatan get their level in front.</summary>
    public static string Of(string code, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return code;
        }
        return RegionCode.TryParse(code, out var level, out _) ? Of(level, name) : name;
    }

    public static string Of(RegionNode region) => Of(region.Level, region.Name);

    private static string Of(RegionLevel level, string name) => level switch
    {
        RegionLevel.Provinsi => $"Provinsi {name}",
        RegionLevel.Kecamatan => $"Kecamatan {name}",
        _ => name,
    };
}
