using System.Diagnostics.CodeAnalysis;

namespace TppsPortal.Regions;

/// <summary>
/// Kepmendagri region codes: <c>73</c> (provinsi), <c>73.24</c> (kabupaten/kota), <c>73.24.04</c> (kecamatan),
/// <c>73.24.04.2001</c> (desa/kelurahan). In the fourth segment 1nnn is a kelurahan; 2nnn a desa and 3nnn a
/// desa adat (both desa).
/// </summary>
public static class RegionCode
{
    public const int MaxLength = 13;

    /// <summary>Checks the shape of a code and tells its level, or why it is not a code.</summary>
    public static bool TryParse(string? code, out RegionLevel level, [NotNullWhen(false)] out string? error)
    {
        level = default;
        if (string.IsNullOrWhiteSpace(code))
        {
            error = "Kode wilayah kosong.";
            return false;
        }

        var parts = code.Split('.');
        int[] widths = [2, 2, 2, 4];
        if (parts.Length > widths.Length)
        {
            error = $"Kode wilayah \"{code}\" terlalu panjang: paling banyak empat bagian (contoh 73.24.04.2001).";
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length != widths[i] || !part.All(char.IsAsciiDigit))
            {
                error = $"Kode wilayah \"{code}\" tidak sesuai format Kepmendagri: bagian ke-{i + 1} harus {widths[i]} angka (contoh 73.24.04.2001).";
                return false;
            }
        }

        if (parts.Any(part => part.All(c => c == '0')))
        {
            error = $"Kode wilayah \"{code}\" tidak boleh berisi bagian yang semuanya nol.";
            return false;
        }

        if (parts.Length == 4 && parts[3][0] is not ('1' or '2' or '3'))
        {
            error = $"Kode wilayah \"{code}\": bagian keempat harus diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat).";
            return false;
        }

        level = parts.Length switch
        {
            1 => RegionLevel.Provinsi,
            2 => RegionLevel.KabupatenKota,
            3 => RegionLevel.Kecamatan,
            _ => parts[3][0] == '1' ? RegionLevel.Kelurahan : RegionLevel.Desa,
        };
        error = null;
        return true;
    }

    public static bool IsValid(string? code) => TryParse(code, out _, out _);

    /// <summary>The parent's code (<c>73.24</c> for <c>73.24.04</c>), or null for a province.</summary>
    public static string? ParentOf(string code)
    {
        var dot = code.LastIndexOf('.');
        return dot < 0 ? null : code[..dot];
    }

    /// <summary>The codes above this one, nearest last: <c>73</c>, <c>73.24</c> for <c>73.24.04</c>.</summary>
    public static IReadOnlyList<string> AncestorsOf(string code)
    {
        var result = new List<string>();
        for (var parent = ParentOf(code); parent is not null; parent = ParentOf(parent))
        {
            result.Insert(0, parent);
        }
        return result;
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="scope"/> itself or lies under it.</summary>
    public static bool IsWithin(string code, string scope) =>
        code == scope || (code.Length > scope.Length && code.StartsWith(scope, StringComparison.Ordinal) && code[scope.Length] == '.');
}
