using MudBlazor;
using TppsPortal.Common;
using TppsPortal.Convergence;

namespace TppsPortal.Web.Convergence;

/// <summary>Colours and words the aksi board and its dialogs share.</summary>
public static class AksiUi
{
    public static Color StatusColor(AksiStatus status) => status switch
    {
        AksiStatus.Proses => Color.Info,
        AksiStatus.Selesai => Color.Success,
        _ => Color.Default,
    };

    /// <summary>"3 Desember 2026 pukul 09.15 WITA".</summary>
    public static string When(DateTimeOffset at) => IndonesianFormat.Moment(at, "WITA");

    /// <summary>The "Buat dari data portal" links of aksi 1 and 7 (their endpoints belong to the document generator).</summary>
    public static (string Href, string Text)? GeneratedLink(int number, string district, int year) => number switch
    {
        1 => ($"/aksi/{Uri.EscapeDataString(district)}/{year}/analisis-situasi.xlsx", "Buat dari data portal: tabel analisis situasi (XLSX)"),
        7 => ($"/aksi/{Uri.EscapeDataString(district)}/{year}/publikasi", "Buat dari data portal: publikasi angka stunting"),
        _ => null,
    };
}
