namespace TppsPortal.Imports;

/// <summary>A table read from an import file, one record at a time.</summary>
public interface ITableReader : IDisposable
{
    /// <summary>The next line with its cells (no cell beyond the template's columns); null at the end.</summary>
    /// <exception cref="ImportRefusedException">A limit is crossed, or the file cannot be read.</exception>
    ValueTask<(int Line, string[] Cells)?> ReadAsync(CancellationToken ct = default);
}

/// <summary>The one way importers read their files: CSV or XLSX, streamed, within <see cref="ImportLimits"/>.</summary>
public static class ImportTable
{
    /// <summary>Whether a file is read as XLSX (by its name), otherwise as CSV.</summary>
    public static bool IsXlsx(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A reader for <paramref name="file"/>: XLSX (the first sheet) when the name ends in .xlsx and the importer
    /// takes XLSX, else CSV with one of <paramref name="separators"/>.
    /// </summary>
    /// <exception cref="ImportRefusedException">The file is too large or cannot be opened.</exception>
    public static ITableReader Open(Stream file, string fileName, ImportLimits limits, params char[] separators) =>
        limits.AllowsXlsx && IsXlsx(fileName)
            ? XlsxTableReader.Open(file, limits)
            : new CsvTableReader(file, limits, separators);

    /// <summary>Reads every line: for importers that need the whole table (at most the limits' size).</summary>
    public static async Task<List<(int Line, string[] Cells)>> ReadAllAsync(ITableReader reader, CancellationToken ct = default)
    {
        var rows = new List<(int, string[])>();
        while (await reader.ReadAsync(ct) is { } row)
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Spreadsheet column letters of a 0-based index: 0 is "A", 13 is "N", 26 is "AA".</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }
}
