namespace TppsPortal.Convergence;

/// <summary>
/// The 8 aksi konvergensi that Kemendagri monitors every year (see ../shared/DOMAIN.md). Numbered as the guidelines
/// number them; never renumber (stored rows refer to the numbers).
/// </summary>
public static class Aksi
{
    public const int Count = 8;

    /// <summary>One aksi as the guidelines name it, with the defaults a new cycle starts from.</summary>
    public sealed record Definition(int Number, string Name, string Purpose, int DefaultMonth, string[] DefaultAgencies, string Evidence);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(1, "Analisis situasi", "Memetakan sebaran stunting, cakupan layanan dan kesenjangannya per desa/kelurahan.", 3,
            ["Bappeda"], "Dokumen analisis situasi, tabel data per desa (dapat dibuat dari formulir kecamatan yang disetujui)."),
        new(2, "Rencana kegiatan", "Menyusun rencana kegiatan intervensi gizi spesifik dan sensitif untuk tahun berjalan dan berikutnya.", 4,
            ["Bappeda"], "Dokumen rencana kegiatan, matriks program dan anggaran OPD."),
        new(3, "Rembuk stunting", "Rembuk stunting tingkat kabupaten/kota: komitmen bersama atas rencana kegiatan.", 5,
            ["Bappeda", "DPMD"], "Notulen final rapat Rembuk Stunting, daftar hadir, deklarasi komitmen."),
        new(4, "Peraturan bupati/wali kota tentang peran desa", "Peraturan tentang kewenangan dan peran desa dalam percepatan penurunan stunting.", 6,
            ["DPMD"], "Peraturan bupati/wali kota yang ditetapkan, SK TPPS."),
        new(5, "Pembinaan kader pembangunan manusia", "Pembinaan pelaku dan pemerintahan desa, termasuk kader pembangunan manusia (KPM).", 7,
            ["DPMD"], "SK KPM, laporan pembinaan dan pelatihan."),
        new(6, "Sistem manajemen data", "Pengelolaan data stunting dan cakupan layanan dari desa sampai kabupaten/kota.", 8,
            ["Dinkes", "DP2KB"], "Data formulir kecamatan yang disetujui, laporan kelengkapan, dokumen sistem data."),
        new(7, "Pengukuran dan publikasi stunting", "Pengukuran tinggi/panjang badan balita dan publikasi angka stunting per desa/kelurahan.", 9,
            ["Dinkes"], "Publikasi angka stunting per kecamatan dan desa (dapat dibuat dari data yang disetujui), laporan pengukuran."),
        new(8, "Reviu kinerja tahunan", "Reviu kinerja pelaksanaan konvergensi percepatan penurunan stunting tahun berjalan.", 12,
            ["Bappeda"], "Laporan reviu kinerja tahunan."),
    ];

    public static Definition Of(int number) =>
        number is >= 1 and <= Count ? All[number - 1] : throw new ArgumentOutOfRangeException(nameof(number));

    /// <summary>"Aksi 3: Rembuk stunting".</summary>
    public static string Title(int number) => $"Aksi {number}: {Of(number).Name}";
}

public enum AksiStatus
{
    Belum = 0,
    Proses = 1,
    Selesai = 2,
}

public static class AksiStatusNames
{
    public static string Display(this AksiStatus status) => status switch
    {
        AksiStatus.Belum => "Belum",
        AksiStatus.Proses => "Proses",
        AksiStatus.Selesai => "Selesai",
        _ => status.ToString(),
    };
}

/// <summary>What an evidence item is: an uploaded document, or a link to something the portal already holds.</summary>
public enum EvidenceKind
{
    /// <summary>An uploaded document (PDF, image, DOCX, XLSX), stored in PostgreSQL.</summary>
    File = 1,
    /// <summary>A meeting of the portal (e.g. the Rembuk Stunting) and its final minutes.</summary>
    Meeting = 2,
    /// <summary>The team's SK (a team decree of the portal).</summary>
    TeamDecree = 3,
    /// <summary>The approved kecamatan forms of a reporting period (year and month).</summary>
    ApprovedFigures = 4,
}
