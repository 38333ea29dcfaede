using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TppsPortal.Common;

namespace TppsPortal.Convergence;

/// <summary>
/// The situation-analysis table (aksi 1) as XLSX: one row per desa/kelurahan of the district with its Kepmendagri code
/// (as text, so that "73.24.04.2001" is never read as a number), name, kecamatan and the figures of the approved form
/// of the period. A village whose kecamatan form is not approved has empty cells. The first sheet holds only the
/// header row and the data, so that it imports as it is; the second says where the figures come from.
/// </summary>
public static class SituationAnalysisXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DataSheet = "Analisis situasi";

    public static readonly string[] Headers =
    [
        "Kode wilayah", "Desa/kelurahan", "Kecamatan", "Jumlah keluarga", "Keluarga berisiko stunting",
        "Balita terdaftar", "Balita diukur", "Sangat pendek", "Pendek",
    ];

    public static byte[] Write(ApprovedFigures figures)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var data = new SheetData();
            data.Append(Row(1, Headers.Select(Text)));
            uint index = 2;
            foreach (var k in figures.Kecamatan)
            {
                foreach (var v in k.Villages)
                {
                    // Never the figures of a form that is not approved: the service leaves them null, and so do we.
                    data.Append(Row(index++,
                    [
                        Text(v.Code), Text(v.Name), Text(k.Name),
                        Number(k.Approved ? v.Families : null), Number(k.Approved ? v.FamiliesAtRisk : null),
                        Number(k.Approved ? v.Registered : null), Number(k.Approved ? v.Measured : null),
                        Number(k.Approved ? v.SeverelyStunted : null), Number(k.Approved ? v.Stunted : null),
                    ]));
                }
            }
            AddSheet(workbook, sheets, 1, DataSheet, data, [16, 34, 20, 14, 16, 14, 13, 13, 11]);

            var notes = new SheetData();
            uint n = 1;
            foreach (var (label, value) in new[]
            {
                ("Kabupaten/kota", $"{figures.DistrictName} ({figures.DistrictCode})"),
                ("Tahun aksi", figures.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Sumber", figures.Source),
                ("Kecamatan disetujui", $"{figures.Kecamatan.Count(k => k.Approved)} dari {figures.Kecamatan.Count}"),
                ("Belum disetujui (sel kosong)", string.Join(", ", figures.Kecamatan.Where(k => !k.Approved).Select(k => k.Name)) is { Length: > 0 } missing ? missing : "-"),
                ("Dibuat", IndonesianFormat.Date(figures.Today) + " oleh TPPS Portal"),
                ("Catatan", figures.HasExamples ? "Sebagian angka adalah data contoh (demo), bukan angka resmi." : "Hanya angka dari formulir kecamatan yang disetujui."),
            })
            {
                notes.Append(Row(n++, [Text(label), Text(value)]));
            }
            AddSheet(workbook, sheets, 2, "Keterangan", notes, [28, 80]);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, SheetData data, double[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, data);
        part.Worksheet.Save();
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Row Row(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var cell in cells)
        {
            cell.CellReference = ColumnName(column++) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Append(cell);
        }
        return row;
    }

    private static Cell Text(string value) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) };

    /// <summary>A whole number, or an empty cell (no value) when there is none.</summary>
    private static Cell Number(int? value) =>
        value is { } v ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v) } : new Cell();

    private static string ColumnName(int index) => ((char)('A' + index)).ToString();

    /// <summary>File name: "analisis-situasi-73-24-202611.xlsx".</summary>
    public static string FileName(ApprovedFigures figures) =>
        $"analisis-situasi-{figures.DistrictCode.Replace('.', '-')}-{figures.Period?.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? figures.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}.xlsx";
}
