using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TppsPortal.Tests.Imports;

/// <summary>XLSX files written by hand (zip entries and XML), including hostile ones: a zip bomb, a far column, a lying header.</summary>
internal static class XlsxFiles
{
    public const string SheetPath = "xl/worksheets/sheet1.xml";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose first sheet's &lt;sheetData&gt; is <paramref name="header"/> + <paramref name="writeRows"/>'s output.</summary>
    public static MemoryStream Workbook(Action<TextWriter> writeRows, string? sharedStrings = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Write(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Write(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """);
            if (sharedStrings is not null)
            {
                Write(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>""");
            }
            var sheet = zip.CreateEntry(SheetPath, level);
            using var writer = new StreamWriter(sheet.Open(), new UTF8Encoding(false), 64 * 1024);
            writer.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetData>""");
            writeRows(writer);
            writer.Write("</sheetData></worksheet>");
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>A row of inline strings from column A.</summary>
    public static string Row(int line, params string[] cells) =>
        $"<row r=\"{line}\">" + string.Concat(cells.Select((c, i) => Cell(Letters(i) + line, c))) + "</row>";

    public static string Cell(string reference, string text) =>
        int.TryParse(text, out _)
            ? $"<c r=\"{reference}\"><v>{text}</v></c>"
            : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    public static string Letters(int index) => TppsPortal.Imports.ImportTable.ColumnLetters(index);

    /// <summary>
    /// A zip bomb: a valid workbook whose sheet, after the header, repeats empty formatted rows (which carry no value,
    /// so no other limit stops them) until <paramref name="unpackedBytes"/>; deflate packs it about 1000 to 1.
    /// </summary>
    public static MemoryStream Bomb(string header, long unpackedBytes) =>
        Workbook(w =>
        {
            w.Write(header);
            var block = string.Concat(Enumerable.Repeat("<row><c s=\"1\"/></row>", 4096));
            for (long written = 0; written < unpackedBytes; written += block.Length)
            {
                w.Write(block);
            }
        }, level: CompressionLevel.SmallestSize);

    /// <summary>Rewrites the declared uncompressed size of an entry (central directory and local header), as a hostile zip would.</summary>
    public static MemoryStream WithDeclaredSize(MemoryStream zip, string entryName, uint size)
    {
        var bytes = zip.ToArray();
        var eocd = bytes.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4b, (byte)0x05, (byte)0x06]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(eocd + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(eocd + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 32));
            var name = Encoding.UTF8.GetString(bytes, offset + 46, nameLength);
            if (name == entryName)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 24), size);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 42));
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(local + 22)) != 0)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), size);
                }
                return new MemoryStream(bytes);
            }
            offset += 46 + nameLength + extraLength + commentLength;
        }
        throw new InvalidOperationException($"No entry {entryName}.");
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
