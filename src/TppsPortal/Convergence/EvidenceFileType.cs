using System.IO.Compression;

namespace TppsPortal.Convergence;

/// <summary>
/// What an uploaded evidence document really is, read from its bytes (magic numbers), never from its name or the
/// browser's content type: PDF, PNG, JPEG, and DOCX/XLSX (ZIP containers with [Content_Types].xml and a word/ or xl/
/// part). Anything else, an executable renamed to .pdf included, is refused.
/// </summary>
public static class EvidenceFileType
{
    /// <summary>A recognised type: its content type and the extension a download gets.</summary>
    public sealed record Kind(string ContentType, string Extension, string Label);

    public static readonly Kind Pdf = new("application/pdf", ".pdf", "PDF");
    public static readonly Kind Png = new("image/png", ".png", "PNG");
    public static readonly Kind Jpeg = new("image/jpeg", ".jpg", "JPEG");
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX");
    public static readonly Kind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX");

    /// <summary>What the file picker offers (a convenience only: the bytes decide).</summary>
    public const string Accept = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx";

    /// <summary>"PDF, PNG, JPEG, DOCX atau XLSX".</summary>
    public const string AllowedText = "PDF, PNG, JPEG, DOCX atau XLSX";

    /// <summary>The type of the bytes, or null when they are none of the allowed ones.</summary>
    public static Kind? Sniff(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (b.StartsWith("PK\x03\x04"u8))
        {
            return OfficeType(bytes);
        }
        return null;
    }

    /// <summary>True for the executables people rename to get past a filter (Windows MZ/PE, ELF, Mach-O, scripts).</summary>
    public static bool IsExecutable(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        return b.StartsWith("MZ"u8) || b.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) || b.StartsWith("#!"u8) ||
               b.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) ||
               b.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]);
    }

    /// <summary>
    /// A name safe to store and to send in Content-Disposition: no folders, no control or quote characters, and the
    /// extension of the type the bytes are (a "laporan.exe" that is a PDF becomes "laporan.exe.pdf").
    /// </summary>
    public static string SafeFileName(string? name, Kind kind)
    {
        var baseName = (name ?? "").Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?') &&
                                                   !Common.TextRules.IsBidiControl(c)).ToArray()).Trim().Trim('.');
        if (clean.Length == 0)
        {
            clean = "bukti";
        }
        var extension = Path.GetExtension(clean).ToLowerInvariant();
        var fits = extension == kind.Extension || (kind == Jpeg && extension == ".jpeg");
        if (!fits)
        {
            clean += kind.Extension;
        }
        if (clean.Length > AksiEvidence.FileNameMaxLength)
        {
            var ext = Path.GetExtension(clean);
            clean = clean[..(AksiEvidence.FileNameMaxLength - ext.Length)] + ext;
        }
        return clean;
    }

    private static Kind? OfficeType(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }
            if (names.Contains("word/document.xml") || names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)) && ContentTypesSay(zip, "wordprocessingml.document"))
            {
                return Docx;
            }
            if (names.Contains("xl/workbook.xml") || names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)) && ContentTypesSay(zip, "spreadsheetml.sheet"))
            {
                return Xlsx;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool ContentTypesSay(ZipArchive zip, string fragment)
    {
        var entry = zip.GetEntry("[Content_Types].xml");
        if (entry is null || entry.Length > 1_000_000)
        {
            return false;
        }
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd().Contains(fragment, StringComparison.Ordinal);
    }
}
