namespace TppsPortal.Meetings;

/// <summary>
/// One final version of a meeting's minutes, fixed when it was made: finalising makes version 1, each amendment of
/// final minutes the next one. It keeps the document model as it stood (for the printable page and the DOCX) and the
/// PDF itself, so every download of a version is the same file; the short code printed on each page (with a QR code)
/// opens the portal's verification page, which shows the version, the PDF's SHA-256 and who finalised it.
/// Versions are never changed or deleted.
/// </summary>
public sealed class MinutesVersion
{
    /// <summary>Ten characters of an alphabet without look-alikes (no 0/O, 1/I/L): 50 bits, printed as XXXXX-XXXXX.</summary>
    public const int CodeLength = 10;
    public const int UrlMaxLength = 300;

    public int Id { get; set; }
    public int MeetingId { get; set; }

    /// <summary>1 for the version made by finalising, then 2, 3 ... for amendments.</summary>
    public int Number { get; set; }

    public required string Code { get; set; }

    /// <summary>Why the minutes were amended; null for version 1.</summary>
    public string? Reason { get; set; }

    /// <summary>What changed from the previous version ("Bagian yang diubah: kesepakatan."); empty for version 1.</summary>
    public string Summary { get; set; } = "";

    /// <summary>Who finalised or amended, by display name.</summary>
    public required string FinalizedBy { get; set; }

    public DateTimeOffset FinalizedAt { get; set; }

    /// <summary>The <see cref="MinutesDocument"/> as JSON, exactly as it was rendered.</summary>
    public required string Document { get; set; }

    public required byte[] Pdf { get; set; }

    /// <summary>SHA-256 of <see cref="Pdf"/>, lowercase hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The address printed on the pages and in the QR code.</summary>
    public required string VerificationUrl { get; set; }
}
