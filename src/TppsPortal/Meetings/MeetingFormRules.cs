using System.Buffers;
using System.Text;
using TppsPortal.Common;

namespace TppsPortal.Meetings;

/// <summary>
/// The meeting form's rules that need no database: required fields, and every text against the length of the
/// column it is stored in (the constants on <see cref="Meeting"/> and <see cref="Amendment"/>, the same ones the
/// EF configuration passes to HasMaxLength). A text is measured as it is stored: trimmed, in characters as
/// PostgreSQL counts them. Keys are the form's paths ("Attendees[3].Position") so that the editor shows each
/// message at its field; messages name the row ("Jabatan peserta ke-4 terlalu panjang: 300 karakter, paling banyak 200.").
/// </summary>
public static class MeetingFormRules
{
    /// <summary>Checks everything in the form that a save writes, except what needs the database (region, agencies, bidang).</summary>
    public static void Check(MeetingForm f, ErrorBag errors)
    {
        Text(errors, nameof(f.Title), f.Title, Meeting.TitleMaxLength, "Judul rapat", required: true);
        Text(errors, nameof(f.Venue), f.Venue, Meeting.VenueMaxLength, "Tempat rapat", required: true);
        Text(errors, nameof(f.Purpose), f.Purpose, Meeting.TextMaxLength, "Latar belakang dan tujuan");
        Text(errors, nameof(f.GeneralNotes), f.GeneralNotes, Meeting.TextMaxLength, "Catatan umum");
        Text(errors, nameof(f.ChairName), f.ChairName, Meeting.PersonNameMaxLength, "Nama pimpinan rapat");
        Text(errors, nameof(f.ChairPosition), f.ChairPosition, Meeting.PositionMaxLength, "Jabatan pimpinan rapat");
        Nip(errors, nameof(f.ChairNip), f.ChairNip, "NIP pimpinan rapat");
        Text(errors, nameof(f.NoteTakerName), f.NoteTakerName, Meeting.PersonNameMaxLength, "Nama notulis");
        Text(errors, nameof(f.NoteTakerPosition), f.NoteTakerPosition, Meeting.PositionMaxLength, "Jabatan notulis");
        Nip(errors, nameof(f.NoteTakerNip), f.NoteTakerNip, "NIP notulis");
        Text(errors, nameof(f.SigningPlace), f.SigningPlace, Meeting.SigningPlaceMaxLength, "Tempat penandatanganan");
        if (f.SigningDate is { } signed && f.Date is { } held && signed < held)
        {
            errors.Add(nameof(f.SigningDate), "Tanggal penandatanganan tidak boleh sebelum tanggal rapat.");
        }
        if (f.OnlineParticipants is < 0 or > Meeting.MaxOnlineParticipants)
        {
            errors.Add(nameof(f.OnlineParticipants), $"Jumlah peserta daring harus antara 0 dan {IndonesianFormat.Number(Meeting.MaxOnlineParticipants)}.");
        }

        if (!Enum.IsDefined(f.Kind)) errors.Add(nameof(f.Kind), "Jenis rapat wajib dipilih.");
        if (f.Date is null) errors.Add(nameof(f.Date), "Tanggal rapat wajib diisi.");
        if (f.StartTime is null) errors.Add(nameof(f.StartTime), "Jam mulai wajib diisi.");
        if (f.StartTime is { } start && f.EndTime is { } end && end <= start) errors.Add(nameof(f.EndTime), "Jam selesai harus setelah jam mulai.");
        if (!MeetingService.TimeZones.Contains(f.TimeZone)) errors.Add(nameof(f.TimeZone), "Zona waktu harus WIB, WITA atau WIT.");

        for (var i = 0; i < f.Agenda.Count; i++)
        {
            var a = f.Agenda[i];
            var row = $"ke-{i + 1}";
            Text(errors, $"Agenda[{i}].Title", a.Title, Meeting.TitleMaxLength, $"Judul acara {row}", required: true);
            Text(errors, $"Agenda[{i}].Notes", a.Notes, Meeting.TextMaxLength, $"Catatan pembahasan acara {row}");
        }
        for (var i = 0; i < f.Speakers.Count; i++)
        {
            var s = f.Speakers[i];
            var row = $"ke-{i + 1}";
            Text(errors, $"Speakers[{i}].Name", s.Name, Meeting.PersonNameMaxLength, $"Nama narasumber {row}", required: true);
            Text(errors, $"Speakers[{i}].Position", s.Position, Meeting.PositionMaxLength, $"Jabatan narasumber {row}");
            Text(errors, $"Speakers[{i}].Origin", s.Origin, Meeting.PositionMaxLength, $"Asal narasumber {row}");
            Text(errors, $"Speakers[{i}].Topic", s.Topic, Meeting.TitleMaxLength, $"Topik/materi narasumber {row}");
        }
        for (var i = 0; i < f.Invitations.Count; i++)
        {
            if (!Enum.IsDefined(f.Invitations[i].Attendance)) errors.Add(nameof(f.Invitations), "Kehadiran instansi yang diundang tidak dikenal.");
        }
        for (var i = 0; i < f.Attendees.Count; i++)
        {
            CheckAttendee(f.Attendees[i], $"Attendees[{i}].", $" ke-{i + 1}", errors);
        }
        for (var i = 0; i < f.Decisions.Count; i++)
        {
            Text(errors, $"Decisions[{i}].Text", f.Decisions[i].Text, Meeting.TextMaxLength, $"Kesepakatan ke-{i + 1}", required: true);
        }
    }

    /// <summary>
    /// One person on the attendance list. <paramref name="keyPrefix"/> is "Attendees[3]." for a row of the list
    /// and "" for the person about to be added; <paramref name="row"/> is " ke-4" or "".
    /// </summary>
    public static void CheckAttendee(AttendeeForm a, string keyPrefix, string row, ErrorBag errors)
    {
        Text(errors, keyPrefix + nameof(a.Name), a.Name, Meeting.PersonNameMaxLength, $"Nama peserta{row}", required: true);
        Text(errors, keyPrefix + nameof(a.Position), a.Position, Meeting.PositionMaxLength, $"Jabatan peserta{row}");
        if (a.AgencyId is null)
        {
            // Only a guest's organisation is stored (see MeetingService.Apply).
            if (string.IsNullOrWhiteSpace(a.GuestOrganisation))
            {
                errors.Add(keyPrefix + nameof(a.AgencyId), row.Length == 0
                    ? "Pilih instansi, atau pilih tamu dan tulis asal lembaganya."
                    : $"Peserta{row}: pilih instansi, atau tulis asal lembaga untuk tamu.");
            }
            Text(errors, keyPrefix + nameof(a.GuestOrganisation), a.GuestOrganisation, Meeting.PositionMaxLength, $"Asal lembaga peserta{row}");
        }
    }

    /// <summary>The reason for changing final minutes (also when an action on final minutes changes).</summary>
    public static void AmendmentReason(string? reason, string key, ErrorBag errors)
    {
        var length = Length(reason);
        if (length < 10)
        {
            errors.Add(key, "Notulen sudah final: tuliskan alasan perubahan (paling sedikit 10 karakter).");
        }
        else
        {
            Text(errors, key, reason, Amendment.ReasonMaxLength, "Alasan perubahan");
        }
    }

    public static string TooLong(string label, int length, int max) =>
        $"{label} terlalu panjang: {IndonesianFormat.Number(length)} karakter, paling banyak {IndonesianFormat.Number(max)}.";

    /// <summary>The length PostgreSQL gives the stored (trimmed) text: characters, not UTF-16 units.</summary>
    public static int Length(string? value) => value is null ? 0 : value.Trim().EnumerateRunes().Count();

    private static void Text(ErrorBag errors, string key, string? value, int max, string label, bool required = false)
    {
        var length = Length(value);
        if (length == 0)
        {
            if (required) errors.Add(key, $"{label} wajib diisi.");
        }
        else if (length > max)
        {
            errors.Add(key, TooLong(label, length, max));
        }
        else if (!Storable(value!))
        {
            errors.Add(key, $"{label} berisi karakter yang tidak dapat disimpan; ketik ulang bagian yang disalin.");
        }
    }

    /// <summary>PostgreSQL text holds no NUL, and UTF-8 has no lone surrogates: pasted text sometimes carries both.</summary>
    private static bool Storable(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || rune.Value == 0)
            {
                return false;
            }
            rest = rest[used..];
        }
        return true;
    }

    private static void Nip(ErrorBag errors, string key, string? nip, string label)
    {
        var trimmed = nip?.Trim() ?? "";
        var digits = trimmed.Replace(" ", "");
        if (digits.Length == 0)
        {
            return;
        }
        if (digits.Length != 18 || !digits.All(char.IsAsciiDigit))
        {
            errors.Add(key, "NIP terdiri dari 18 angka (boleh dikosongkan).");
        }
        else if (trimmed.Length > Meeting.NipMaxLength)
        {
            // 18 digits with the usual three spaces fit; more spacing than that does not.
            errors.Add(key, TooLong(label, trimmed.Length, Meeting.NipMaxLength));
        }
    }
}
