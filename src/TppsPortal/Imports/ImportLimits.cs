using System.Globalization;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Submissions;

namespace TppsPortal.Imports;

/// <summary>
/// What an import file may hold, for each importer of the portal: every limit is here and nowhere else. The
/// readers (<see cref="ImportTable"/>) stop at the first limit crossed, so the memory an import takes is
/// bounded by these numbers whatever the file holds; the dialogs say them (<see cref="Description"/>).
/// </summary>
/// <param name="MaxFileBytes">The file as uploaded (for an XLSX: compressed).</param>
/// <param name="MaxRows">Lines with any content, the header included.</param>
/// <param name="MaxColumns">The template's columns: a value in a column to the right of them is refused.</param>
/// <param name="MaxCellLength">Characters in one cell.</param>
/// <param name="AllowsXlsx">Whether the importer takes XLSX as well as CSV.</param>
public sealed record ImportLimits(long MaxFileBytes, int MaxRows, int MaxColumns, int MaxCellLength, bool AllowsXlsx)
{
    /// <summary>
    /// XLSX: the bytes of the parts read (workbook, relationships, shared strings, the first sheet), together,
    /// once unpacked. A real sheet of a kecamatan is well under 1 MB; a zip bomb unpacks to gigabytes.
    /// Enforced on the declared sizes first and again while unpacking (a zip's headers can lie).
    /// </summary>
    public const long MaxUnpackedBytes = 10_000_000;

    /// <summary>XLSX: entries in the zip (a workbook has a dozen or two).</summary>
    public const int MaxZipEntries = 1_000;

    /// <summary>The camat form (<see cref="SubmissionImporter"/>): a row per village, CSV or XLSX.</summary>
    public static ImportLimits Submission { get; } =
        new(2_000_000, MaxRows: 1_000, MaxColumns: SubmissionImporter.TemplateColumns.Count, MaxCellLength: 2_000, AllowsXlsx: true);

    /// <summary>Published figures (<see cref="FigureImporter"/>): CSV.</summary>
    public static ImportLimits Figures { get; } =
        new(2_000_000, MaxRows: 50_000, MaxColumns: FigureImporter.Columns.Count, MaxCellLength: 2_000, AllowsXlsx: false);

    /// <summary>
    /// The Kepmendagri area list (<c>kode,nama</c>): the national list is 91,599 rows, about 3 MB. Up to 10 columns
    /// are read, although the template has 2, so that a name with an unquoted comma gets its row's own message.
    /// </summary>
    public static ImportLimits Regions { get; } =
        new(20_000_000, MaxRows: 150_000, MaxColumns: 10, MaxCellLength: 2_000, AllowsXlsx: false);

    /// <summary>
    /// A rakor's attendance list (<see cref="Meetings.AttendanceImport"/>), pasted or as CSV: a big rakor has 60 to 100
    /// people, so 500 rows is room to spare; 10 columns take the usual No, Nama, NIP, Jabatan, Instansi, No. HP, Tanda
    /// tangan; a cell may run past the column limits (200) so that a long one gets its row's own message.
    /// </summary>
    public static ImportLimits Attendance { get; } =
        new(200_000, MaxRows: 500, MaxColumns: 10, MaxCellLength: 1_000, AllowsXlsx: false);

    /// <summary>"2 MB" (decimal megabytes, as file managers show them).</summary>
    public string FileSizeText => Megabytes(MaxFileBytes);

    /// <summary>The last column letter the template allows ("N").</summary>
    public string LastColumnLetter => ImportTable.ColumnLetters(MaxColumns - 1);

    /// <summary>For the import dialogs: "paling besar 2 MB, paling banyak 1.000 baris dan 14 kolom (A sampai N), 2.000 karakter per sel".</summary>
    public string Description =>
        $"paling besar {FileSizeText}, paling banyak {IndonesianFormat.Number(MaxRows)} baris dan {MaxColumns} kolom " +
        $"(A sampai {LastColumnLetter}), {IndonesianFormat.Number(MaxCellLength)} karakter per sel" +
        (AllowsXlsx ? $"; isi XLSX setelah dibuka paling besar {Megabytes(MaxUnpackedBytes)}" : "");

    /// <summary>Without the columns, for a file whose template says them itself ("kode,nama"): "paling besar 20 MB, paling banyak 150.000 baris, 2.000 karakter per sel".</summary>
    public string SizeAndRowsDescription =>
        $"paling besar {FileSizeText}, paling banyak {IndonesianFormat.Number(MaxRows)} baris, {IndonesianFormat.Number(MaxCellLength)} karakter per sel";

    internal static string Megabytes(long bytes) =>
        (bytes / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',') + " MB";

    // Messages, one per limit (Indonesian, shown as the file's error).
    internal string FileTooLarge => $"Berkas lebih besar dari {FileSizeText}. Tidak ada yang disimpan.";

    internal string TooManyRows => $"Berkas berisi lebih dari {IndonesianFormat.Number(MaxRows)} baris; paling banyak {IndonesianFormat.Number(MaxRows)} baris (termasuk baris judul). Tidak ada yang disimpan.";

    internal string ColumnBeyondTemplate(int line, string where) =>
        $"Baris {line}: {where} di luar kolom templat; paling banyak {MaxColumns} kolom (A sampai {LastColumnLetter}). Hapus isi kolom di sebelah kanan templat. Tidak ada yang disimpan.";

    internal string CellTooLong(int line, string column) =>
        $"Baris {line}, kolom {column}: isi sel lebih dari {IndonesianFormat.Number(MaxCellLength)} karakter. Tidak ada yang disimpan.";

    internal static string UnpackedTooLarge =>
        $"Isi berkas XLSX setelah dibuka lebih besar dari {Megabytes(MaxUnpackedBytes)}: berkas ini rusak atau bukan lembar kerja biasa. " +
        "Simpan ulang hanya lembar datanya, atau gunakan CSV. Tidak ada yang disimpan.";

    internal static string TooManyZipEntries =>
        $"Berkas XLSX berisi lebih dari {IndonesianFormat.Number(MaxZipEntries)} bagian: bukan lembar kerja biasa. Tidak ada yang disimpan.";

    internal const string Unreadable = "Berkas tidak dapat dibaca. Gunakan CSV (dipisah koma atau titik koma) atau XLSX.";

    internal const string UnreadableXlsx = "Berkas XLSX tidak dapat dibaca (rusak, atau bukan lembar kerja Excel). Simpan ulang dari Excel atau gunakan CSV.";
}

/// <summary>An import file refused as a whole: a limit crossed, or a file that cannot be read. The message is for the user.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
