using System.IO.Compression;
using System.Text;
using System.Xml;

namespace TppsPortal.Imports;

/// <summary>
/// Reads the first sheet of an XLSX file row by row, straight from its zip entries with an <see cref="XmlReader"/>:
/// no document model, no padding of cells up to a far column reference. Only the parts needed are unpacked
/// (package and workbook relationships, the workbook, the shared strings, the sheet), within
/// <see cref="ImportLimits.MaxUnpackedBytes"/> together: an entry whose declared size is over what is left is
/// refused before it is opened, and every entry is counted again as it unpacks, because a zip's headers can lie.
/// A cell with a value beyond the template's columns, a cell longer than allowed and too many rows are refused.
/// </summary>
internal sealed class XlsxTableReader : ITableReader
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
        MaxCharactersInDocument = ImportLimits.MaxUnpackedBytes,
    };

    private readonly ZipArchive _zip;
    private readonly ImportLimits _limits;
    private readonly List<string?> _shared; // null: a string longer than a cell may be
    private readonly XmlReader _sheet;
    private readonly CellText _cellText;
    private int _rows;
    private int _lastRow;
    private bool _done;

    private XlsxTableReader(ZipArchive zip, ImportLimits limits, List<string?> shared, XmlReader sheet)
    {
        _zip = zip;
        _limits = limits;
        _shared = shared;
        _sheet = sheet;
        _cellText = new CellText(limits.MaxCellLength);
    }

    /// <exception cref="ImportRefusedException">Too large, not an XLSX, or a part over the limits.</exception>
    public static XlsxTableReader Open(Stream file, ImportLimits limits)
    {
        // The zip's directory is at its end, so the reader needs to seek: a stream that cannot is copied first
        // (at most the file limit).
        if (file.CanSeek)
        {
            if (file.Length - file.Position > limits.MaxFileBytes)
            {
                throw new ImportRefusedException(limits.FileTooLarge);
            }
        }
        else
        {
            var copy = new MemoryStream();
            using (var limited = new LimitedReadStream(file, limits.MaxFileBytes, limits.FileTooLarge))
            {
                limited.CopyTo(copy);
            }
            copy.Position = 0;
            file = copy;
        }

        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > ImportLimits.MaxZipEntries)
            {
                throw new ImportRefusedException(ImportLimits.TooManyZipEntries);
            }
            var budget = new Budget();
            var workbookPath = Target(ReadRelationships(zip, "_rels/.rels", budget), r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal), "")
                ?? "xl/workbook.xml";
            var folder = workbookPath.Contains('/') ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
            var relationships = ReadRelationships(zip, folder + "_rels/" + workbookPath[folder.Length..] + ".rels", budget);
            var sheetId = FirstSheetRelationship(zip, workbookPath, budget);
            var sheetPath = Target(relationships, r => r.Id == sheetId, folder)
                ?? throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
            var sharedPath = Target(relationships, r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal), folder);
            var shared = sharedPath is null || Find(zip, sharedPath) is not { } sharedEntry ? [] : ReadSharedStrings(sharedEntry, limits, budget);

            var sheetEntry = Find(zip, sheetPath) ?? throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
            var sheet = XmlReader.Create(budget.Open(sheetEntry), XmlSettings);
            return new XlsxTableReader(zip, limits, shared, sheet);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            zip?.Dispose();
            throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
        }
        catch
        {
            zip?.Dispose();
            throw;
        }
    }

    public ValueTask<(int Line, string[] Cells)?> ReadAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(ReadRow());
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
        }
    }

    private (int Line, string[] Cells)? ReadRow()
    {
        var r = _sheet;
        while (!_done && r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "sheetData")
            {
                _done = true;
                break;
            }
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "row")
            {
                continue;
            }
            var line = int.TryParse(r.GetAttribute("r"), out var number) && number > 0 ? number : _lastRow + 1;
            _lastRow = line;
            if (r.IsEmptyElement)
            {
                continue;
            }
            var cells = ReadCells(r, line);
            if (cells is null)
            {
                continue; // nothing but empty cells (formatting)
            }
            if (++_rows > _limits.MaxRows)
            {
                throw new ImportRefusedException(_limits.TooManyRows);
            }
            return (line, cells);
        }
        _done = true;
        return null;
    }

    /// <summary>The cells of the row the reader is on, up to the last with a value; null when none has one.</summary>
    private string[]? ReadCells(XmlReader r, int line)
    {
        var rowDepth = r.Depth;
        string[]? cells = null;
        var last = -1;
        var column = -1;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == rowDepth))
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "c")
            {
                continue;
            }
            var reference = r.GetAttribute("r");
            column = reference is null ? column + 1 : ColumnIndex(reference);
            var type = r.GetAttribute("t");
            reference ??= ImportTable.ColumnLetters(column) + line;
            var value = r.IsEmptyElement ? "" : ReadCellValue(r, type, line, column);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue; // an empty cell (a format, a cleared value) is no content, wherever it is
            }
            if (column >= _limits.MaxColumns)
            {
                throw new ImportRefusedException(_limits.ColumnBeyondTemplate(line, $"sel {Shorten(reference)} berisi nilai"));
            }
            cells ??= new string[_limits.MaxColumns];
            cells[column] = value;
            last = Math.Max(last, column);
        }
        if (cells is null)
        {
            return null;
        }
        var result = new string[last + 1];
        for (var i = 0; i <= last; i++)
        {
            result[i] = cells[i] ?? "";
        }
        return result;
    }

    /// <summary>
    /// The value of a &lt;c&gt; element: its &lt;v&gt; (a shared string's index for t="s") or its inline string.
    /// Leaves the reader on the cell's end tag.
    /// </summary>
    private string ReadCellValue(XmlReader r, string? type, int line, int column)
    {
        var depth = r.Depth;
        string? raw = null;
        string? inline = null;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName is "v" or "is")
            {
                if (!r.IsEmptyElement)
                {
                    var text = (r.LocalName == "v" ? _cellText.Element(r) : _cellText.Rich(r)) ?? throw TooLong(line, column);
                    if (r.LocalName == "v")
                    {
                        raw = text;
                    }
                    else
                    {
                        inline = text;
                    }
                }
                r.Read();
            }
            else if (r.NodeType == XmlNodeType.Element)
            {
                r.Skip(); // <f> formulas and anything else
            }
            else
            {
                r.Read();
            }
        }
        if (type == "inlineStr")
        {
            return inline ?? raw ?? "";
        }
        if (type == "s" && int.TryParse(raw, out var index) && index >= 0 && index < _shared.Count)
        {
            return _shared[index] ?? throw TooLong(line, column);
        }
        return raw ?? inline ?? "";
    }

    private ImportRefusedException TooLong(int line, int column) =>
        new(_limits.CellTooLong(line, column < 16_384 ? ImportTable.ColumnLetters(column) : "di luar lembar"));

    private static List<string?> ReadSharedStrings(ZipArchiveEntry entry, ImportLimits limits, Budget budget)
    {
        var shared = new List<string?>();
        var text = new CellText(limits.MaxCellLength);
        using (var r = XmlReader.Create(budget.Open(entry), XmlSettings))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
                {
                    // A string longer than a cell may be is kept as null: refused only if a cell uses it.
                    shared.Add(r.IsEmptyElement ? "" : text.Rich(r));
                }
            }
        }
        budget.Close();
        return shared;
    }

    private sealed record Relationship(string Id, string Type, string Target);

    private static List<Relationship> ReadRelationships(ZipArchive zip, string path, Budget budget)
    {
        var list = new List<Relationship>();
        if (Find(zip, path) is not { } entry)
        {
            return list;
        }
        using (var r = XmlReader.Create(budget.Open(entry), XmlSettings))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship")
                {
                    list.Add(new Relationship(r.GetAttribute("Id") ?? "", r.GetAttribute("Type") ?? "", r.GetAttribute("Target") ?? ""));
                }
            }
        }
        budget.Close();
        return list;
    }

    /// <summary>The relationship id of the workbook's first sheet.</summary>
    private static string FirstSheetRelationship(ZipArchive zip, string workbookPath, Budget budget)
    {
        var entry = Find(zip, workbookPath) ?? throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
        using (var r = XmlReader.Create(budget.Open(entry), XmlSettings))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet" && r.MoveToFirstAttribute())
                {
                    do
                    {
                        // r:id, in the transitional or the strict relationships namespace.
                        if (r.LocalName == "id" && r.NamespaceURI.Length > 0)
                        {
                            var id = r.Value;
                            budget.Close();
                            return id;
                        }
                    }
                    while (r.MoveToNextAttribute());
                }
            }
        }
        throw new ImportRefusedException(ImportLimits.UnreadableXlsx);
    }

    /// <summary>A relationship's target as a path in the zip: absolute ("/xl/...") or relative to <paramref name="folder"/>.</summary>
    private static string? Target(List<Relationship> relationships, Func<Relationship, bool> match, string folder)
    {
        if (relationships.FirstOrDefault(match) is not { } relationship || relationship.Target.Length == 0)
        {
            return null;
        }
        var target = relationship.Target.Replace('\\', '/');
        var parts = (target.StartsWith('/') ? target.TrimStart('/') : folder + target).Split('/').ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] == "..")
            {
                parts.RemoveAt(i);
                if (i > 0)
                {
                    parts.RemoveAt(--i);
                }
                i--;
            }
            else if (parts[i] is "." or "")
            {
                parts.RemoveAt(i--);
            }
        }
        return string.Join('/', parts);
    }

    private static ZipArchiveEntry? Find(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase));

    /// <summary>0-based column of a cell reference ("A1" is 0, "N5" is 13); references far beyond any sheet are int.MaxValue.</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > 100_000)
            {
                return int.MaxValue;
            }
        }
        return index == 0 ? throw new InvalidDataException("bad cell reference") : index - 1;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";

    public void Dispose()
    {
        _sheet.Dispose();
        _zip.Dispose();
    }

    /// <summary>What is left of <see cref="ImportLimits.MaxUnpackedBytes"/> for the parts still to read.</summary>
    private sealed class Budget
    {
        private long _left = ImportLimits.MaxUnpackedBytes;
        private LimitedReadStream? _open;

        public Stream Open(ZipArchiveEntry entry)
        {
            Close();
            if (entry.Length > _left)
            {
                throw new ImportRefusedException(ImportLimits.UnpackedTooLarge);
            }
            return _open = new LimitedReadStream(entry.Open(), _left, ImportLimits.UnpackedTooLarge, leaveOpen: false);
        }

        /// <summary>Charges what the last part unpacked.</summary>
        public void Close()
        {
            if (_open is not null)
            {
                _left -= _open.BytesRead;
                _open = null;
            }
        }
    }

    /// <summary>Reads the text of cells in chunks, keeping at most a cell's length: a huge text node never becomes one string.</summary>
    private sealed class CellText(int max)
    {
        private readonly char[] _chunk = new char[4096];
        private readonly StringBuilder _text = new();
        private bool _tooLong;

        /// <summary>The text of a non-empty &lt;v&gt; or &lt;t&gt;; null when longer than allowed. Leaves the reader on its end tag.</summary>
        public string? Element(XmlReader r)
        {
            _text.Clear();
            _tooLong = false;
            Append(r);
            return _tooLong ? null : _text.ToString();
        }

        /// <summary>
        /// The text of a non-empty &lt;is&gt; or &lt;si&gt;: its &lt;t&gt; and those of its runs, without phonetic guides
        /// (&lt;rPh&gt;); null when longer than allowed. Leaves the reader on its end tag.
        /// </summary>
        public string? Rich(XmlReader r)
        {
            _text.Clear();
            _tooLong = false;
            var depth = r.Depth;
            r.Read();
            while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "rPh")
                {
                    r.Skip();
                    continue;
                }
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "t" && !r.IsEmptyElement)
                {
                    Append(r);
                }
                r.Read();
            }
            return _tooLong ? null : _text.ToString();
        }

        private void Append(XmlReader r)
        {
            var depth = r.Depth;
            while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
            {
                if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                {
                    int n;
                    while ((n = r.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                    {
                        if (_tooLong || _text.Length + n > max)
                        {
                            _tooLong = true; // read on to the end of the element, keep nothing more
                        }
                        else
                        {
                            _text.Append(_chunk, 0, n);
                        }
                    }
                }
            }
        }
    }
}
