using System.Text;
using TppsPortal.Agencies;
using TppsPortal.Common;
using TppsPortal.Imports;

namespace TppsPortal.Meetings;

/// <summary>What a column of a pasted or imported attendance list holds.</summary>
public enum AttendanceColumn
{
    Abaikan,
    Nama,
    Jabatan,
    Instansi,
}

/// <summary>
/// The outcome of reading an attendance list. All or nothing: <see cref="Attendees"/> is empty whenever
/// <see cref="Errors"/> is not. <see cref="Mapping"/> is the one used (chosen, from the header, or by position),
/// one entry per column, so that the dialog can show it and the person can change it.
/// </summary>
public sealed record AttendanceImportResult(
    IReadOnlyList<AttendeeForm> Attendees,
    IReadOnlyList<string> Errors,
    IReadOnlyList<AttendanceColumn> Mapping,
    bool HeaderDetected,
    IReadOnlyList<string[]> Sample)
{
    public bool Succeeded => Errors.Count == 0 && Attendees.Count > 0;

    internal static AttendanceImportResult Refused(string message) => new([], [message], [], false, []);
}

/// <summary>
/// Reads a rakor's attendance list pasted from a spreadsheet (tab-separated) or uploaded as CSV (comma or
/// semicolon, quotes, BOM), both through <see cref="CsvTableReader"/> with <see cref="ImportLimits.Attendance"/>.
/// A header row (nama / jabatan / instansi, asal, lembaga, unit kerja) places the columns; without one the
/// person maps them. Agencies match on their name or short name (case and spaces ignored); any other text makes
/// the person a guest of that organisation. Each row is checked with <see cref="MeetingFormRules.CheckAttendee"/>.
/// </summary>
public static class AttendanceImport
{
    public static ImportLimits Limits => ImportLimits.Attendance;

    /// <summary>Rows of the table handed back for the dialog's preview (the header included).</summary>
    public const int SampleRows = 8;

    private static readonly string[] AgencyWords = ["instansi", "asal", "lembaga", "unit kerja", "opd", "dinas/badan"];

    /// <summary>Pasted text: tab-separated when it has a tab (a spreadsheet's copy), otherwise ";" or ",".</summary>
    public static async Task<AttendanceImportResult> ParseAsync(
        string text, IEnumerable<AgencyRow> agencies, IReadOnlyList<AttendanceColumn>? mapping, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > Limits.MaxFileBytes)
        {
            return AttendanceImportResult.Refused(
                $"Teks yang ditempel lebih besar dari {Limits.FileSizeText}; paling banyak {IndonesianFormat.Number(Limits.MaxRows)} baris. Tidak ada yang ditambahkan.");
        }
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        char[] separators = text.Contains('\t') ? ['\t'] : [';', ','];
        var result = await ReadAsync(stream, separators, agencies, mapping, ct);
        // The reader's messages speak of a file; here the person pasted text.
        return result.Mapping.Count == 0 && result.Errors is [var refused] && refused.StartsWith("Berkas ", StringComparison.Ordinal)
            ? AttendanceImportResult.Refused("Teks " + refused["Berkas ".Length..])
            : result;
    }

    /// <summary>An uploaded CSV file (read up to <see cref="ImportLimits.MaxFileBytes"/>, then refused).</summary>
    public static Task<AttendanceImportResult> ReadCsvAsync(
        Stream file, IEnumerable<AgencyRow> agencies, IReadOnlyList<AttendanceColumn>? mapping, CancellationToken ct = default) =>
        ReadAsync(file, [';', ',', '\t'], agencies, mapping, ct);

    private static async Task<AttendanceImportResult> ReadAsync(
        Stream stream, char[] separators, IEnumerable<AgencyRow> agencies, IReadOnlyList<AttendanceColumn>? mapping, CancellationToken ct)
    {
        List<(int Line, string[] Cells)> table;
        try
        {
            using var reader = new CsvTableReader(stream, Limits, separators);
            table = await ImportTable.ReadAllAsync(reader, ct);
        }
        catch (ImportRefusedException refused)
        {
            return AttendanceImportResult.Refused(refused.Message.Replace("Tidak ada yang disimpan.", "Tidak ada yang ditambahkan."));
        }
        catch (DecoderFallbackException)
        {
            return AttendanceImportResult.Refused(ImportLimits.Unreadable);
        }
        return Interpret(table, agencies, mapping);
    }

    /// <summary>The rows read, whatever their source, to attendees or row errors.</summary>
    public static AttendanceImportResult Interpret(
        IReadOnlyList<(int Line, string[] Cells)> table, IEnumerable<AgencyRow> agencies, IReadOnlyList<AttendanceColumn>? mapping)
    {
        var rows = table.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count == 0)
        {
            return AttendanceImportResult.Refused("Tidak ada baris berisi. Salin baris dari lembar kerja (nama, jabatan, instansi), lalu tempel di sini.");
        }
        var columns = rows.Max(r => r.Cells.Length);
        var header = DetectHeader(rows[0].Cells, columns);
        var used = mapping is { Count: > 0 }
            ? Enumerable.Range(0, columns).Select(i => i < mapping.Count ? mapping[i] : AttendanceColumn.Abaikan).ToList()
            : header ?? ByPosition(columns);
        var sample = rows.Take(SampleRows).Select(r => r.Cells).ToList();
        var data = header is null ? rows : rows.Skip(1).ToList();

        var errors = new List<string>();
        foreach (var (column, label) in new[] { (AttendanceColumn.Nama, "Nama"), (AttendanceColumn.Instansi, "Instansi") })
        {
            var count = used.Count(c => c == column);
            if (count != 1)
            {
                errors.Add(count == 0 ? $"Pilih kolom yang berisi {label}." : $"Hanya satu kolom yang dapat dipilih sebagai {label}.");
            }
        }
        if (used.Count(c => c == AttendanceColumn.Jabatan) > 1)
        {
            errors.Add("Hanya satu kolom yang dapat dipilih sebagai Jabatan.");
        }
        if (data.Count == 0)
        {
            errors.Add("Hanya ada baris judul; tidak ada peserta untuk ditambahkan.");
        }
        if (errors.Count > 0)
        {
            return new([], errors, used, header is not null, sample);
        }

        var matcher = new AgencyMatcher(agencies);
        var nameAt = used.IndexOf(AttendanceColumn.Nama);
        var positionAt = used.IndexOf(AttendanceColumn.Jabatan);
        var agencyAt = used.IndexOf(AttendanceColumn.Instansi);
        var attendees = new List<AttendeeForm>();
        foreach (var (line, cells) in data)
        {
            var prefix = $"Baris {line}: ";
            var attendee = new AttendeeForm
            {
                Name = Cell(cells, nameAt),
                Position = positionAt < 0 ? "" : Cell(cells, positionAt),
            };
            if (attendee.Name.Length == 0)
            {
                errors.Add(prefix + "nama kosong.");
            }
            var agencyText = Cell(cells, agencyAt);
            if (agencyText.Length == 0)
            {
                errors.Add(prefix + "instansi kosong; tulis nama atau singkatan instansi, atau asal lembaga bila tamu.");
                continue;
            }
            switch (matcher.Match(agencyText))
            {
                case { Ambiguous: true }:
                    errors.Add(prefix + $"\"{agencyText}\" cocok dengan beberapa instansi; tulis nama lengkap instansinya.");
                    continue;
                case { Id: { } id }:
                    attendee.AgencyId = id;
                    break;
                default:
                    attendee.GuestOrganisation = agencyText;
                    break;
            }
            var bag = new ErrorBag();
            MeetingFormRules.CheckAttendee(attendee, "", "", bag);
            foreach (var (key, messages) in bag.ToResult().Errors)
            {
                if (key == nameof(AttendeeForm.Name) && attendee.Name.Length == 0)
                {
                    continue; // said above in the row's own words
                }
                errors.AddRange(messages.Select(m => prefix + m));
            }
            attendees.Add(attendee);
        }
        return errors.Count > 0
            ? new([], errors, used, header is not null, sample)
            : new(attendees, [], used, header is not null, sample);
    }

    /// <summary>Spreadsheets keep cells as typed: inner runs of spaces and line breaks become one space.</summary>
    private static string Cell(string[] cells, int index) =>
        index < cells.Length ? string.Join(' ', cells[index].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "";

    /// <summary>The columns the first row names, or null when it is not a header (it must name Nama and one more).</summary>
    private static List<AttendanceColumn>? DetectHeader(string[] cells, int columns)
    {
        var mapping = Enumerable.Range(0, columns).Select(i => i < cells.Length ? HeaderWord(cells[i]) : AttendanceColumn.Abaikan).ToList();
        var named = mapping.Where(c => c != AttendanceColumn.Abaikan).ToList();
        return mapping.Contains(AttendanceColumn.Nama) && named.Distinct().Count() >= 2 && named.Count == named.Distinct().Count()
            ? mapping
            : null;
    }

    private static AttendanceColumn HeaderWord(string cell)
    {
        var text = Normalise(cell);
        if (text.Length is 0 or > 40)
        {
            return AttendanceColumn.Abaikan;
        }
        if (text.Contains("jabatan"))
        {
            return AttendanceColumn.Jabatan;
        }
        if (AgencyWords.Any(text.Contains))
        {
            return AttendanceColumn.Instansi;
        }
        return text.StartsWith("nama") ? AttendanceColumn.Nama : AttendanceColumn.Abaikan;
    }

    /// <summary>Without a header: Nama, Jabatan, Instansi from the left (2 columns: Nama, Instansi), the rest ignored.</summary>
    private static List<AttendanceColumn> ByPosition(int columns)
    {
        AttendanceColumn[] order = columns == 2
            ? [AttendanceColumn.Nama, AttendanceColumn.Instansi]
            : [AttendanceColumn.Nama, AttendanceColumn.Jabatan, AttendanceColumn.Instansi];
        return Enumerable.Range(0, columns).Select(i => i < order.Length ? order[i] : AttendanceColumn.Abaikan).ToList();
    }

    /// <summary>Lower case, spaces collapsed: "  Dinas  KESEHATAN " and "dinas kesehatan" are the same agency.</summary>
    internal static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private sealed class AgencyMatcher
    {
        private readonly Dictionary<string, int> _byName = [];
        private readonly Dictionary<string, List<int>> _byShortName = [];

        public AgencyMatcher(IEnumerable<AgencyRow> agencies)
        {
            foreach (var a in agencies.Where(a => a.IsActive))
            {
                _byName.TryAdd(Normalise(a.Name), a.Id);
                var shortName = Normalise(a.ShortName);
                if (shortName.Length > 0)
                {
                    if (!_byShortName.TryGetValue(shortName, out var ids))
                    {
                        _byShortName[shortName] = ids = [];
                    }
                    ids.Add(a.Id);
                }
            }
        }

        public (int? Id, bool Ambiguous) Match(string text)
        {
            var key = Normalise(text);
            if (_byName.TryGetValue(key, out var id))
            {
                return (id, false);
            }
            return _byShortName.TryGetValue(key, out var ids)
                ? ids.Count == 1 ? (ids[0], false) : (null, true)
                : (null, false);
        }
    }
}
