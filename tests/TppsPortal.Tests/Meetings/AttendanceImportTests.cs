using System.Text;
using TppsPortal.Agencies;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Meetings;

/// <summary>
/// The attendance list pasted from a spreadsheet or uploaded as CSV, against Luwu Timur's agencies as the demo data
/// makes them in PostgreSQL; the 33 people read are saved through <see cref="MeetingService.UpdateAsync"/> and read back.
/// </summary>
public sealed class AttendanceImportTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    /// <summary>A rakor's list as the secretariat keeps it: agencies by short name, by full name, in odd case, two guests.</summary>
    public static readonly (string Name, string Position, string Agency)[] Rakor33 =
    [
        ("Ir. H. Budiman, M.Si", "Bupati Luwu Timur", "Setda"),
        ("Drs. Bahri Suli, M.Si", "Sekretaris Daerah", "Sekretariat Daerah Kabupaten Luwu Timur (Asisten, Staf Ahli, Kabag)"),
        ("Andi Hajrah, S.Sos", "Asisten Pemerintahan dan Kesra", "setda"),
        ("dr. Rosmini Pandin, MARS", "Kepala Dinas Kesehatan", "Dinkes"),
        ("Hj. Nurhidayah, SKM, M.Kes", "Kepala Bidang Kesehatan Masyarakat", "Dinas Kesehatan"),
        ("Sitti Aminah, S.Gz", "Nutrisionis Ahli Muda", "DINKES"),
        ("Muhammad Arsyad, SKM", "Pengelola Program Gizi", "Dinkes"),
        ("Hasnawati, S.ST", "Bidan Koordinator", "dinas  kesehatan"),
        ("Drs. Jumarddin", "Kepala Dinas PPKB", "DP2KB"),
        ("Rahmawati Syam, S.Sos", "Kepala Bidang Keluarga Berencana", "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
        ("Andi Tenri Ajeng, SE", "Penyuluh KB Ahli Madya", "DP2KB"),
        ("Yusriadi, S.Kom", "Pengelola Data Keluarga", "dp2kb"),
        ("Ramadhan Pirade, ST, MT", "Kepala Bappeda", "Bappeda"),
        ("Fitriani Lamba, SE, M.Si", "Kepala Bidang Pemerintahan dan Pembangunan Manusia", "Badan Perencanaan Pembangunan Daerah"),
        ("Ahmad Fauzi, S.IP", "Perencana Ahli Muda", "BAPPEDA"),
        ("Halsen, S.Sos", "Kepala Dinas PMD", "DPMD"),
        ("Irma Sulastri, S.Pd", "Kepala Bidang Pemberdayaan Masyarakat Desa", "Dinas Pemberdayaan Masyarakat dan Desa"),
        ("Musdalifah, S.Sos", "Pendamping Desa", "DPMD"),
        ("Hj. Sri Wahyuni Budiman", "Ketua TP PKK", "TP PKK"),
        ("Nurlia Amir", "Sekretaris TP PKK", "Tim Penggerak PKK Kabupaten Luwu Timur"),
        ("Drs. Andi Makkasau", "Camat Malili", "Kec. Malili"),
        ("Sukriadi Syam, S.STP", "Sekretaris Camat Malili", "Kantor Kecamatan Malili"),
        ("Asri Ahmad, S.Sos", "Camat Nuha", "Kec. Nuha"),
        ("Baharuddin, SE", "Camat Towuti", "Kec. Towuti"),
        ("Hamzah Nur, S.Sos", "Camat Wotu", "Kantor Kecamatan Wotu"),
        ("Andi Sukmawati, S.Pd", "Camat Mangkutana", "Kec. Mangkutana"),
        ("Jufri, S.IP", "Camat Angkona", "kec. angkona"),
        ("Sahrul Ramli, S.STP", "Camat Burau", "Kec. Burau"),
        ("Darmawati, SE", "Camat Tomoni", "Kec. Tomoni"),
        ("Muh. Ilyas, S.Sos", "Camat Tomoni Timur", "Kec. Tomoni Timur"),
        ("Ismail Husain, S.Pd", "Camat Kalaena", "Kec. Kalaena"),
        ("Dr. Nurul Fadhilah, M.Gz", "Dosen Gizi", "Universitas Hasanuddin"),
        ("Rina Kartika", "Field Officer", "UNICEF Perwakilan Sulawesi"),
    ];

    public static string Tsv(IEnumerable<(string Name, string Position, string Agency)> rows) =>
        string.Join("\r\n", rows.Select(r => $"{r.Name}\t{r.Position}\t{r.Agency}")) + "\r\n";

    private async Task<List<AgencyRow>> AgenciesAsync()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var page = await fixture.Get<AgencyService>().ListAsync(admin, new AgencyQuery(RegionCode: "73.24", IncludeInactive: true, Take: 500));
        return page.Items.ToList();
    }

    [Fact]
    public async Task Paste_33TabSeparatedRows_Gives33AttendeesWithAgenciesByShortOrFullNameAndTwoGuests()
    {
        var agencies = await AgenciesAsync();

        var result = await AttendanceImport.ParseAsync(Tsv(Rakor33), agencies, mapping: null);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.False(result.HeaderDetected);
        Assert.Equal(33, result.Attendees.Count);
        Assert.Equal(await fixture.AgencyIdAsync("73.24", "Dinkes"), result.Attendees[4].AgencyId);   // "Dinas Kesehatan"
        Assert.Equal(await fixture.AgencyIdAsync("73.24", "Dinkes"), result.Attendees[7].AgencyId);   // "dinas  kesehatan"
        Assert.Equal(await fixture.AgencyIdAsync("73.24", "DP2KB"), result.Attendees[11].AgencyId);   // "dp2kb"
        Assert.Equal(await fixture.AgencyIdAsync("73.24.04", "Kec. Malili"), result.Attendees[21].AgencyId);
        Assert.Equal(await fixture.AgencyIdAsync("73.24.06", "Kec. Wotu"), result.Attendees[24].AgencyId);
        Assert.Equal(31, result.Attendees.Count(a => a.AgencyId is not null));
        Assert.Equal(["Universitas Hasanuddin", "UNICEF Perwakilan Sulawesi"],
            result.Attendees.Where(a => a.AgencyId is null).Select(a => a.GuestOrganisation));
        Assert.Equal("Kepala Dinas Kesehatan", result.Attendees[3].Position);
    }

    [Fact]
    public async Task Paste_HeaderInAnotherOrder_IsDetectedAndSkipped()
    {
        var agencies = await AgenciesAsync();
        var text = "Instansi\tNama\tJabatan\nDinkes\tSitti Aminah, S.Gz\tNutrisionis\nKec. Nuha\tAsri Ahmad\tCamat Nuha\n";

        var result = await AttendanceImport.ParseAsync(text, agencies, mapping: null);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.True(result.HeaderDetected);
        Assert.Equal([AttendanceColumn.Instansi, AttendanceColumn.Nama, AttendanceColumn.Jabatan], result.Mapping);
        Assert.Equal(["Sitti Aminah, S.Gz", "Asri Ahmad"], result.Attendees.Select(a => a.Name));
        Assert.Equal("Camat Nuha", result.Attendees[1].Position);
        Assert.Equal(await fixture.AgencyIdAsync("73.24.02", "Kec. Nuha"), result.Attendees[1].AgencyId);
    }

    [Fact]
    public async Task Paste_WithoutHeader_FollowsTheChosenMapping()
    {
        var agencies = await AgenciesAsync();
        var text = "1\tDinkes\tSitti Aminah\tNutrisionis\n2\tBappeda\tAhmad Fauzi\tPerencana\n";
        AttendanceColumn[] mapping = [AttendanceColumn.Abaikan, AttendanceColumn.Instansi, AttendanceColumn.Nama, AttendanceColumn.Jabatan];

        var byPosition = await AttendanceImport.ParseAsync(text, agencies, mapping: null);
        var mapped = await AttendanceImport.ParseAsync(text, agencies, mapping);

        Assert.Equal("1", byPosition.Attendees[0].Name); // Nama, Jabatan, Instansi from the left: wrong, hence the mapping row
        Assert.True(mapped.Succeeded, string.Join(" ", mapped.Errors));
        Assert.Equal("Ahmad Fauzi", mapped.Attendees[1].Name);
        Assert.Equal(await fixture.AgencyIdAsync("73.24", "Bappeda"), mapped.Attendees[1].AgencyId);
    }

    [Fact]
    public async Task Csv_SemicolonWithBomAndQuotes_IsRead()
    {
        var agencies = await AgenciesAsync();
        var csv = "No;Nama Lengkap;Jabatan;Asal Instansi\r\n" +
                  "1;\"Hj. Nurhidayah, SKM, M.Kes\";\"Kepala Bidang \"\"Kesmas\"\"\";Dinas Kesehatan\r\n" +
                  "2;\"Rina Kartika\";Field Officer;\"UNICEF; Perwakilan Sulawesi\"\r\n";
        using var file = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);

        var result = await AttendanceImport.ReadCsvAsync(file, agencies, mapping: null);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.True(result.HeaderDetected);
        Assert.Equal("Hj. Nurhidayah, SKM, M.Kes", result.Attendees[0].Name);
        Assert.Equal("Kepala Bidang \"Kesmas\"", result.Attendees[0].Position);
        Assert.Equal(await fixture.AgencyIdAsync("73.24", "Dinkes"), result.Attendees[0].AgencyId);
        Assert.Null(result.Attendees[1].AgencyId);
        Assert.Equal("UNICEF; Perwakilan Sulawesi", result.Attendees[1].GuestOrganisation);
    }

    [Fact]
    public async Task Csv_WithAnEmptyNameAndATooLongPosition_GivesThoseRowsErrorsAndNoAttendees()
    {
        var agencies = await AgenciesAsync();
        var csv = "Nama;Jabatan;Instansi\n" +
                  "Sitti Aminah;Nutrisionis;Dinkes\n" +
                  "Ahmad Fauzi;Perencana;Bappeda\n" +
                  "Hasnawati;Bidan;Dinkes\n" +
                  ";Pengelola Gizi;Dinkes\n" +
                  $"Jufri;{new string('x', 300)};Kec. Angkona\n" +
                  "Halsen;Kepala Dinas;\n";
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var result = await AttendanceImport.ReadCsvAsync(file, agencies, mapping: null);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Attendees);
        Assert.Equal(
        [
            "Baris 5: nama kosong.",
            "Baris 6: Jabatan peserta terlalu panjang: 300 karakter, paling banyak 200.",
            "Baris 7: instansi kosong; tulis nama atau singkatan instansi, atau asal lembaga bila tamu.",
        ], result.Errors);
    }

    [Fact]
    public async Task Limits_TooManyRowsOrTooBigOrTooLongACell_AreRefusedWithTheLimit()
    {
        var agencies = await AgenciesAsync();
        var rows501 = string.Concat(Enumerable.Range(1, 501).Select(i => $"Peserta {i}\tStaf\tDinkes\n"));
        var big = string.Concat(Enumerable.Range(1, 400).Select(i => $"Peserta {i}\t{new string('j', 490)}\tDinkes\n"));
        var longCell = $"Peserta\t{new string('j', 1_001)}\tDinkes\n";

        var tooMany = await AttendanceImport.ParseAsync(rows501, agencies, null);
        var tooBig = await AttendanceImport.ParseAsync(big, agencies, null);
        using var bigFile = new MemoryStream(Encoding.UTF8.GetBytes(big));
        var tooBigFile = await AttendanceImport.ReadCsvAsync(bigFile, agencies, null);
        var tooLong = await AttendanceImport.ParseAsync(longCell, agencies, null);

        Assert.Equal("Teks berisi lebih dari 500 baris; paling banyak 500 baris (termasuk baris judul). Tidak ada yang ditambahkan.", Assert.Single(tooMany.Errors));
        Assert.Equal("Teks yang ditempel lebih besar dari 0,2 MB; paling banyak 500 baris. Tidak ada yang ditambahkan.", Assert.Single(tooBig.Errors));
        Assert.Equal("Berkas lebih besar dari 0,2 MB. Tidak ada yang ditambahkan.", Assert.Single(tooBigFile.Errors));
        Assert.Equal("Baris 1, kolom B: isi sel lebih dari 1.000 karakter. Tidak ada yang ditambahkan.", Assert.Single(tooLong.Errors));
        Assert.All([tooMany, tooBig, tooBigFile, tooLong], r => Assert.Empty(r.Attendees));
    }

    [Fact]
    public async Task Paste33_SavedThroughUpdate_AreStoredAndReadBack()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var id = await MeetingTestData.CreateHeldMeetingAsync(fixture, admin, "Rakor daftar hadir tempel", new DateOnly(2025, 5, 20));
        var form = (await meetings.GetAsync(admin, id))!.Form;
        var parsed = await AttendanceImport.ParseAsync(Tsv(Rakor33), await AgenciesAsync(), null);

        form.Attendees.AddRange(parsed.Attendees);
        var saved = await meetings.UpdateAsync(admin, id, form);
        var stored = (await meetings.GetAsync(admin, id))!.Form.Attendees;

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.Equal(34, stored.Count); // the one the meeting had, then the 33
        Assert.Equal(Rakor33.Select(r => r.Name), stored.Skip(1).Select(a => a.Name));
        Assert.Equal(Rakor33.Select(r => r.Position), stored.Skip(1).Select(a => a.Position));
        Assert.Equal(parsed.Attendees.Select(a => a.AgencyId), stored.Skip(1).Select(a => a.AgencyId));
        Assert.Equal("UNICEF Perwakilan Sulawesi", stored[^1].GuestOrganisation);
    }
}
