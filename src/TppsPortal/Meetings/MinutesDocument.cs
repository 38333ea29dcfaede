namespace TppsPortal.Meetings;

/// <summary>
/// What the minutes say, already in the words and formats of an Indonesian official document. Renderers (the
/// PDF, the printable HTML page) only decide how it looks; they never query or format data themselves.
/// </summary>
public sealed record MinutesDocument(
    LetterheadBlock Letterhead,
    string Title,
    string Subtitle,
    IReadOnlyList<LabelledLine> Particulars,
    IReadOnlyList<LabelledLine> AgencyAttendance,
    IReadOnlyList<string> Agenda,
    string Purpose,
    IReadOnlyList<SpeakerLine> Speakers,
    IReadOnlyList<ProceedingSection> Proceedings,
    IReadOnlyList<DecisionLine> Decisions,
    IReadOnlyList<ActionLine> Actions,
    IReadOnlyList<ActionLine> CarriedOver,
    string ActionStatusNote,
    string ClosingLine,
    string SigningPlaceAndDate,
    Signatory Chair,
    Signatory NoteTaker,
    IReadOnlyList<AttendeeLine> Attendance,
    IReadOnlyList<AmendmentLine> Amendments,
    string StatusNote,
    bool IsExample,
    DocumentInfo Info,
    MinutesVerification? Verification = null);

/// <summary>
/// Printed on every page of a final version: which version it is and where to check it ("Versi 2 · Kode
/// verifikasi 7KQ2M-9XDWP"), with a QR code of <see cref="Url"/>.
/// </summary>
public sealed record MinutesVerification(int Version, string Code, string Url, string FinalizedOn)
{
    /// <summary>The code as printed, in two groups of five.</summary>
    public string PrintedCode => Code.Length == MinutesVersion.CodeLength ? $"{Code[..5]}-{Code[5..]}" : Code;
}

public sealed record LetterheadBlock(string Government, string Office, string Address, byte[]? Logo);

public sealed record LabelledLine(string Label, string Value);

public sealed record SpeakerLine(string Name, string Position, string Origin, string Topic);

public sealed record ProceedingSection(string Heading, string Text);

public sealed record DecisionLine(int Number, string Text, string? Bidang);

public sealed record ActionLine(int Number, string Description, string Responsible, string DueDate, string Status, bool IsOverdue, string? Origin);

public sealed record Signatory(string Role, string Name, string Position, string? Nip);

/// <summary>One person on the attendance list; <paramref name="Signature"/> is the PNG a participant drew when checking in on their phone.</summary>
public sealed record AttendeeLine(int Number, string Name, string Position, string Agency, byte[]? Signature = null);

public sealed record AmendmentLine(string When, string By, string Reason, string Summary);

/// <summary>PDF metadata.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, DateTimeOffset CreatedAt);

/// <summary>The blank attendance sheet to print before a meeting: one row per invited agency, plus spare rows for guests.</summary>
public sealed record AttendanceSheetDocument(
    LetterheadBlock Letterhead,
    string Title,
    IReadOnlyList<LabelledLine> Particulars,
    IReadOnlyList<AttendeeLine> Rows,
    DocumentInfo Info);
