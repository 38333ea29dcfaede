namespace TppsPortal.Common;

/// <summary>Indonesian messages shared by several features.</summary>
public static class Texts
{
    public const string Required = "Wajib diisi.";
    public const string ConcurrencyConflict =
        "Data ini baru saja diubah oleh pengguna lain. Muat ulang untuk melihat perubahan terbaru, lalu ulangi perubahan Anda.";
    public const string NotFound = "Data tidak ditemukan.";

    public static string TooLong(int max) => $"Paling banyak {max} karakter.";
}
