using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Convergence;
using TppsPortal.Meetings;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Convergence;

/// <summary>
/// The yearly cycle of the 8 aksi against a real PostgreSQL with the demo data (Luwu Timur 73.24, Soppeng 73.12).
/// Every test works on its own district and year, so no test sees another's cycle.
/// </summary>
public sealed class ConvergenceServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Lutim = "73.24";
    private const string Soppeng = "73.12";

    /// <summary>Thursday 3 December 2026, 08.00 WITA.</summary>
    private static readonly DateTimeOffset December2026 = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private ConvergenceService Service(DateTimeOffset? now = null) =>
        ActivatorUtilities.CreateInstance<ConvergenceService>(fixture.Services.CreateScope().ServiceProvider, (TimeProvider)new Clock(now ?? December2026));

    [Fact]
    public async Task Board_FirstVisitOfTheSecretariat_CreatesTheEightAksiWithTheirDefaults()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var board = await Service().BoardAsync(admin, Lutim, 2020);

        Assert.True(board.Exists);
        Assert.True(board.CanManage);
        Assert.Equal(Enumerable.Range(1, 8), board.Rows.Select(r => r.Number));
        Assert.Equal(Aksi.All.Select(a => a.DefaultMonth), board.Rows.Select(r => r.PlannedMonth));
        Assert.All(board.Rows, r => Assert.Equal(AksiStatus.Belum, r.Status));
        Assert.All(board.Rows, r => Assert.True(r.IsMissing));
        Assert.Equal("Analisis situasi", board.Rows[0].Name);
        Assert.Equal("Maret 2020", board.Rows[0].PlannedText(2020));
        Assert.Equal(await fixture.AgencyIdAsync(Lutim, "Bappeda"), board.Rows[0].ResponsibleAgencyId);
        Assert.Equal("Bappeda", board.Rows[2].ResponsibleAgency);
        Assert.Equal("DPMD", board.Rows[3].ResponsibleAgency);
        // Aksi 6 names Dinkes then DP2KB: the first that the district has.
        Assert.Equal("Dinkes", board.Rows[5].ResponsibleAgency);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", board.Rows[0].UpdatedBy);
        Assert.Equal("0 dari 8 aksi selesai", board.Summary.Text);

        // Opening it again makes nothing new.
        await Service().BoardAsync(admin, Lutim, 2020);
        await using var db = fixture.CreateContext();
        Assert.Equal(1, await db.AksiCycles.CountAsync(c => c.DistrictCode == Lutim && c.Year == 2020));
        Assert.Equal(8, await db.AksiItems.CountAsync(i => i.Cycle!.DistrictCode == Lutim && i.Cycle.Year == 2020));
    }

    [Fact]
    public async Task Board_DefaultAgencyMissingInTheDistrict_LeavesTheAksiWithoutOne()
    {
        // Soppeng has no DPMD: aksi 4 and 5 start without a responsible agency; aksi 3 falls to Bappeda.
        var board = await Service().BoardAsync(await fixture.ActorAsync("admin.soppeng"), Soppeng, 2020);

        Assert.Null(board.Rows[3].ResponsibleAgencyId);
        Assert.Null(board.Rows[4].ResponsibleAgencyId);
        Assert.Equal("Bappeda", board.Rows[2].ResponsibleAgency);
        Assert.Equal(await fixture.AgencyIdAsync(Soppeng, "Dinkes"), board.Rows[6].ResponsibleAgencyId);
    }

    [Fact]
    public async Task Board_ReaderOfAYearWithoutCycle_GetsAnEmptyBoardAndCreatesNothing()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");

        var board = await Service().BoardAsync(pimpinan, Lutim, 2019);

        Assert.False(board.Exists);
        Assert.False(board.CanManage);
        Assert.Empty(board.Rows);
        Assert.Equal("Siklus aksi konvergensi 2019 belum dimulai", board.Summary.Text);
        await using var db = fixture.CreateContext();
        Assert.False(await db.AksiCycles.AnyAsync(c => c.DistrictCode == Lutim && c.Year == 2019));
    }

    [Fact]
    public async Task UpdateItem_Selesai_SetsCompletedOn_AndLeavingSelesaiClearsIt()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2021)).Rows[1];
        var dp2kb = await fixture.AgencyIdAsync(Lutim, "DP2KB");

        var done = await Service().UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Selesai, notes: "Dokumen rencana kegiatan ditandatangani.", agency: dp2kb, month: 5));

        Assert.True(done.Succeeded, done.Summary);
        var after = (await Service().BoardAsync(admin, Lutim, 2021)).Rows[1];
        Assert.Equal(AksiStatus.Selesai, after.Status);
        Assert.Equal(new DateOnly(2026, 12, 3), after.CompletedOn);
        Assert.Equal(5, after.PlannedMonth);
        Assert.Equal("DP2KB", after.ResponsibleAgency);
        Assert.Equal("Dokumen rencana kegiatan ditandatangani.", after.Notes);
        Assert.False(after.IsLate);

        var back = await Service().UpdateItemAsync(admin, row.Id, Form(after, AksiStatus.Proses));

        Assert.True(back.Succeeded, back.Summary);
        var reopened = (await Service().BoardAsync(admin, Lutim, 2021)).Rows[1];
        Assert.Equal(AksiStatus.Proses, reopened.Status);
        Assert.Null(reopened.CompletedOn);
        Assert.True(reopened.IsLate);
    }

    [Fact]
    public async Task UpdateItem_InvalidFields_AreRefusedWithIndonesianMessagesPerField()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2022)).Rows[4];
        var soppengDinkes = await fixture.AgencyIdAsync(Soppeng, "Dinkes");

        var result = await Service().UpdateItemAsync(admin, row.Id, new AksiItemForm
        {
            ResponsibleAgencyId = soppengDinkes, PlannedMonth = 13, Status = (AksiStatus)7, Notes = new string('x', 2_001), Version = row.Version,
        });

        Assert.False(result.Succeeded);
        Assert.Equal("Penanggung jawab harus instansi aktif kabupaten/kota ini.", result.Errors[nameof(AksiItemForm.ResponsibleAgencyId)].Single());
        Assert.Equal("Bulan rencana wajib dipilih (Januari sampai Desember).", result.Errors[nameof(AksiItemForm.PlannedMonth)].Single());
        Assert.Equal("Status wajib dipilih.", result.Errors[nameof(AksiItemForm.Status)].Single());
        Assert.Equal("Paling banyak 2000 karakter.", result.Errors[nameof(AksiItemForm.Notes)].Single());
    }

    [Fact]
    public async Task UpdateItem_WithAStaleVersion_IsAConflictAndKeepsTheFirstSave()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2022)).Rows[0];

        var first = await Service().UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Proses, notes: "Data e-PPGBM sedang dikumpulkan."));
        var second = await Service().UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Selesai, notes: "Selesai."));

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, second.Errors[""].Single());
        var stored = (await Service().BoardAsync(admin, Lutim, 2022)).Rows[0];
        Assert.Equal(AksiStatus.Proses, stored.Status);
        Assert.Equal("Data e-PPGBM sedang dikumpulkan.", stored.Notes);
    }

    [Fact]
    public async Task Board_LateMarking_StartsTheDayAfterThePlannedMonthInWita()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        // 31 March 2025, 23.30 WITA: March (aksi 1) is not over yet.
        var lastEveningOfMarch = new DateTimeOffset(2025, 3, 31, 15, 30, 0, TimeSpan.Zero);
        // 1 April 2025, 00.30 WITA (still 31 March in UTC and WIB).
        var firstNightOfApril = new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero);

        var march = await Service(lastEveningOfMarch).BoardAsync(admin, Lutim, 2025);
        Assert.All(march.Rows, r => Assert.False(r.IsLate));

        var april = await Service(firstNightOfApril).BoardAsync(admin, Lutim, 2025);
        Assert.True(april.Rows[0].IsLate);
        Assert.False(april.Rows[1].IsLate);
        Assert.Equal(1, april.Summary.Late);

        var row = april.Rows[0];
        Assert.True((await Service(firstNightOfApril).UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Selesai))).Succeeded);
        Assert.False((await Service(firstNightOfApril).BoardAsync(admin, Lutim, 2025)).Rows[0].IsLate);

        // Years later the unfinished aksi of 2025 are all late; the board of the past year is still there.
        var later = await Service().BoardAsync(admin, Lutim, 2025);
        Assert.Equal(7, later.Summary.Late);
        Assert.Equal(1, later.Summary.Done);
    }

    [Fact]
    public async Task Board_PerYear_KeepsLastYearsCycleApart()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var lastYear = await Service().BoardAsync(admin, Soppeng, 2025);
        var row = lastYear.Rows[0];
        Assert.True((await Service().UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Selesai, notes: "Analisis situasi 2025."))).Succeeded);

        var thisYear = await Service().BoardAsync(admin, Soppeng, 2026);
        var again = await Service().BoardAsync(admin, Soppeng, 2025);

        Assert.Equal(AksiStatus.Belum, thisYear.Rows[0].Status);
        Assert.Equal("", thisYear.Rows[0].Notes);
        Assert.Equal(AksiStatus.Selesai, again.Rows[0].Status);
        Assert.Equal("Analisis situasi 2025.", again.Rows[0].Notes);
        Assert.Contains(2025, thisYear.Years);
        Assert.Contains(2026, thisYear.Years);
        Assert.Equal(thisYear.Years.OrderByDescending(y => y), thisYear.Years);
        // A reader of the district sees the kept years too (no create).
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var read = await Service().BoardAsync(pemantau, Soppeng, 2025);
        Assert.True(read.Exists);
        Assert.False(read.CanManage);
        Assert.Contains(2025, read.Years);
    }

    [Fact]
    public async Task Summary_FiveOfEightDone_SaysSoAndCountsTheLateOnes()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        Assert.False((await Service().SummaryAsync(pimpinan, Lutim, 2026)).Exists);

        var board = await Service().BoardAsync(admin, Lutim, 2026);
        foreach (var row in board.Rows.Take(5))
        {
            Assert.True((await Service().UpdateItemAsync(admin, row.Id, Form(row, AksiStatus.Selesai))).Succeeded);
        }

        var summary = await Service().SummaryAsync(pimpinan, Lutim, 2026);

        Assert.True(summary.Exists);
        Assert.Equal("5 dari 8 aksi selesai", summary.Text);
        // 3 December: aksi 6 (Agustus) and 7 (September) are late, aksi 8 (Desember) is not yet.
        Assert.Equal(2, summary.Late);
        Assert.Equal("2 aksi terlambat", summary.LateText);
        Assert.Equal(8, summary.Missing);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Service().SummaryAsync(await fixture.ActorAsync("admin.soppeng"), Lutim, 2026));
    }

    public static TheoryData<string, string, string, string> AllowedFiles => new()
    {
        { "pdf", "analisis-situasi.pdf", "application/pdf", "analisis-situasi.pdf" },
        { "png", "foto rembuk.png", "image/png", "foto rembuk.png" },
        { "jpeg", "foto.jpeg", "image/jpeg", "foto.jpeg" },
        { "docx", "rencana kegiatan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "rencana kegiatan.docx" },
        { "xlsx", "data desa.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "data desa.xlsx" },
        // The bytes decide: a PDF named .docx is stored as a PDF.
        { "pdf", "salah nama.docx", "application/pdf", "salah nama.docx.pdf" },
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public async Task UploadEvidence_AllowedType_IsStoredWithItsSniffedTypeAndDownloadsByteForByte(string type, string fileName, string contentType, string storedName)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2023)).Rows[0];
        var bytes = type switch
        {
            "pdf" => EvidenceFiles.Pdf(),
            "png" => EvidenceFiles.Png(),
            "jpeg" => EvidenceFiles.Jpeg(),
            "docx" => EvidenceFiles.Docx(),
            _ => EvidenceFiles.Xlsx(),
        };

        var result = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm
        {
            Title = $"Bukti {fileName}", DocumentDate = new DateOnly(2023, 3, 20), FileName = fileName, Content = bytes,
        });

        Assert.True(result.Succeeded, result.Outcome.Summary);
        var evidence = (await Service().BoardAsync(admin, Lutim, 2023)).Rows[0].Evidence.Single(e => e.Id == result.Value);
        Assert.Equal(EvidenceKind.File, evidence.Kind);
        Assert.Equal(contentType, evidence.ContentType);
        Assert.Equal(storedName, evidence.FileName);
        Assert.Equal(bytes.Length, evidence.SizeBytes);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", evidence.UploadedBy);
        Assert.Equal($"/aksi/bukti/{result.Value}", evidence.Url);
        var download = await Service().DownloadAsync(await fixture.ActorAsync("pimpinan.lutim"), result.Value);
        Assert.NotNull(download);
        Assert.Equal(bytes, download.Content);
        Assert.Equal(contentType, download.ContentType);
        Assert.Equal(storedName, download.FileName);
    }

    [Theory]
    [InlineData("elf", "Berkas ini adalah program (executable)")]
    [InlineData("mz", "Berkas ini adalah program (executable)")]
    [InlineData("zip", "Isi berkas bukan dokumen PDF, PNG, JPEG, DOCX atau XLSX")]
    [InlineData("text", "Isi berkas bukan dokumen PDF, PNG, JPEG, DOCX atau XLSX")]
    public async Task UploadEvidence_RenamedExecutableOrOtherContent_IsRefusedAndNothingIsStored(string what, string message)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2023)).Rows[7];
        var bytes = what switch
        {
            "elf" => EvidenceFiles.Elf(),
            "mz" => EvidenceFiles.WindowsExe(),
            "zip" => EvidenceFiles.PlainZip(),
            _ => "Laporan reviu kinerja"u8.ToArray(),
        };

        var title = $"Laporan reviu ({what})";

        var result = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm { Title = title, FileName = "laporan-reviu.pdf", Content = bytes });

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.Outcome.Errors[nameof(EvidenceUploadForm.Content)].Single());
        await using var db = fixture.CreateContext();
        Assert.False(await db.AksiEvidence.AnyAsync(e => e.ItemId == row.Id && e.Title == title));
    }

    [Fact]
    public async Task UploadEvidence_OverTenMegabytes_IsRefusedWithItsSize()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var row = (await Service().BoardAsync(admin, Lutim, 2023)).Rows[6];
        var pdf = EvidenceFiles.Pdf();
        var big = new byte[AksiEvidence.MaxFileBytes + 1];
        pdf.CopyTo(big, 0);

        var result = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm { Title = "Publikasi", FileName = "publikasi.pdf", Content = big });
        // A front end that did not read a too large file says its size.
        var refused = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm { Title = "Publikasi", FileName = "publikasi.pdf", RefusedSize = 25 * 1024 * 1024 });
        var untitled = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm { Title = " ", FileName = "publikasi.pdf", Content = pdf });

        Assert.StartsWith("Berkas berukuran 10,1 MB; paling besar 10 MB.", result.Outcome.Errors[nameof(EvidenceUploadForm.Content)].Single());
        Assert.StartsWith("Berkas berukuran 25,0 MB; paling besar 10 MB.", refused.Outcome.Errors[nameof(EvidenceUploadForm.Content)].Single());
        Assert.Equal("Judul dokumen wajib diisi.", untitled.Outcome.Errors[nameof(EvidenceUploadForm.Title)].Single());
        await using var db = fixture.CreateContext();
        Assert.False(await db.AksiEvidence.AnyAsync(e => e.ItemId == row.Id));
    }

    [Fact]
    public async Task UploadEvidence_OperatorOpd_OnlyToTheirAgencysAksi()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var board = await Service().BoardAsync(admin, Lutim, 2024);
        var dataAksi = board.Rows[5];
        Assert.True((await Service().UpdateItemAsync(admin, dataAksi.Id, Form(dataAksi, AksiStatus.Proses, agency: await fixture.AgencyIdAsync(Lutim, "DP2KB")))).Succeeded);

        // Aksi 1 belongs to Bappeda: refused.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().UploadEvidenceAsync(opd, board.Rows[0].Id,
            new EvidenceUploadForm { Title = "Analisis", FileName = "a.pdf", Content = EvidenceFiles.Pdf() }));
        // Aksi 6, now DP2KB's: accepted; the operator sees it may add there only.
        var own = await Service().UploadEvidenceAsync(opd, dataAksi.Id, new EvidenceUploadForm { Title = "Data keluarga berisiko", FileName = "krs.xlsx", Content = EvidenceFiles.Xlsx() });
        Assert.True(own.Succeeded, own.Outcome.Summary);
        var seen = await Service().BoardAsync(opd, Lutim, 2024);
        Assert.Equal([6], seen.Rows.Where(r => r.CanAddEvidence).Select(r => r.Number));
        Assert.All(seen.Rows, r => Assert.False(r.CanEdit));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().UpdateItemAsync(opd, dataAksi.Id, Form(seen.Rows[5], AksiStatus.Selesai)));

        // The operator may not remove the secretariat's upload; the secretariat may remove the operator's.
        var secretariats = await Service().UploadEvidenceAsync(admin, dataAksi.Id, new EvidenceUploadForm { Title = "Dokumen sistem data", FileName = "sd.pdf", Content = EvidenceFiles.Pdf() });
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().RemoveEvidenceAsync(opd, secretariats.Value));
        Assert.True((await Service().RemoveEvidenceAsync(admin, own.Value)).Succeeded);
        await using var db = fixture.CreateContext();
        Assert.False(await db.AksiEvidenceFiles.AnyAsync(f => f.EvidenceId == own.Value));
        Assert.True(await db.AksiEvidenceFiles.AnyAsync(f => f.EvidenceId == secretariats.Value));
    }

    [Fact]
    public async Task AnotherDistrict_CannotReadLuwuTimursBoardOrEvidence()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var row = (await Service().BoardAsync(admin, Lutim, 2024)).Rows[2];
        var upload = await Service().UploadEvidenceAsync(admin, row.Id, new EvidenceUploadForm { Title = "Notulen rembuk", FileName = "rembuk.pdf", Content = EvidenceFiles.Pdf() });
        Assert.True(upload.Succeeded);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().BoardAsync(soppeng, Lutim, 2024));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service().SummaryAsync(soppeng, Lutim, 2024));
        Assert.Null(await Service().DownloadAsync(soppeng, upload.Value));
        Assert.Null(await Service().DownloadAsync(await fixture.ActorAsync("camat.malili"), upload.Value));
        Assert.False((await Service().RemoveEvidenceAsync(soppeng, upload.Value)).Succeeded);
        Assert.False((await Service().UploadEvidenceAsync(soppeng, row.Id, new EvidenceUploadForm { Title = "x", FileName = "x.pdf", Content = EvidenceFiles.Pdf() })).Succeeded);
        // The province's monitor reads it.
        Assert.NotNull(await Service().DownloadAsync(await fixture.ActorAsync("pemantau.sulsel"), upload.Value));
        await using var db = fixture.CreateContext();
        Assert.True(await db.AksiEvidence.AnyAsync(e => e.Id == upload.Value));
    }

    [Fact]
    public async Task LinkEvidence_RembukStuntingWithFinalMinutesIsSuggestedForAksi3_AndTheSkOfTheDistrictLinks()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var board = await Service().BoardAsync(admin, Lutim, 2018);
        int rembukId;
        await using (var db = fixture.CreateContext())
        {
            var rembuk = new Meeting
            {
                RegionCode = Lutim, Kind = MeetingKind.RembukStunting, Title = "Rembuk Stunting Kabupaten Luwu Timur 2018",
                Date = new DateOnly(2018, 5, 16), StartTime = new TimeOnly(9, 0), Status = MeetingStatus.NotulenFinal,
            };
            db.Meetings.Add(rembuk);
            await db.SaveChangesAsync();
            rembukId = rembuk.Id;
        }

        var choices = await Service().LinkChoicesAsync(admin, board.Rows[2].Id);

        var first = choices.First();
        Assert.Equal((EvidenceKind.Meeting, rembukId, true), (first.Kind, first.TargetId, first.Suggested));
        var decree = choices.First(c => c.Kind == EvidenceKind.TeamDecree);

        var meetingLink = await Service().LinkEvidenceAsync(admin, board.Rows[2].Id, new EvidenceLinkForm { Kind = EvidenceKind.Meeting, TargetId = rembukId });
        var decreeLink = await Service().LinkEvidenceAsync(admin, board.Rows[3].Id, new EvidenceLinkForm { Kind = EvidenceKind.TeamDecree, TargetId = decree.TargetId });
        var twice = await Service().LinkEvidenceAsync(admin, board.Rows[2].Id, new EvidenceLinkForm { Kind = EvidenceKind.Meeting, TargetId = rembukId });
        int soppengDecree;
        await using (var db = fixture.CreateContext())
        {
            soppengDecree = await db.TeamDecrees.Where(d => d.DistrictCode == Soppeng).Select(d => d.Id).FirstAsync();
        }
        var foreign = await Service().LinkEvidenceAsync(admin, board.Rows[3].Id, new EvidenceLinkForm { Kind = EvidenceKind.TeamDecree, TargetId = soppengDecree });
        var noFigures = await Service().LinkEvidenceAsync(admin, board.Rows[6].Id, new EvidenceLinkForm { Kind = EvidenceKind.ApprovedFigures, TargetId = 201801 });

        Assert.True(meetingLink.Succeeded, meetingLink.Outcome.Summary);
        Assert.True(decreeLink.Succeeded, decreeLink.Outcome.Summary);
        Assert.Equal("Sudah ditautkan sebagai bukti aksi ini.", twice.Outcome.Errors[nameof(EvidenceLinkForm.TargetId)].Single());
        Assert.Equal("SK TPPS tidak ditemukan di kabupaten/kota ini.", foreign.Outcome.Errors[nameof(EvidenceLinkForm.TargetId)].Single());
        Assert.Equal("Belum ada formulir kecamatan yang disetujui untuk periode itu.", noFigures.Outcome.Errors[nameof(EvidenceLinkForm.TargetId)].Single());
        var after = await Service().BoardAsync(admin, Lutim, 2018);
        var linked = after.Rows[2].Evidence.Single();
        Assert.Equal("Rembuk Stunting Kabupaten Luwu Timur 2018", linked.Title);
        Assert.Equal($"/rapat/{rembukId}", linked.Url);
        Assert.Equal(new DateOnly(2018, 5, 16), linked.DocumentDate);
        Assert.False(after.Rows[2].IsMissing);
        Assert.StartsWith("SK TPPS ", after.Rows[3].Evidence.Single().Title);
        Assert.Equal(6, after.Summary.Missing);
    }

    [Fact]
    public async Task RemoveEvidence_OperatorOpd_RemovesTheirOwnUpload_AndAdminSistemManagesAnyDistrict()
    {
        var system = await fixture.ActorAsync("admin.sistem");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var board = await Service().BoardAsync(system, Lutim, 2027);
        Assert.True(board.CanManage);
        var row = board.Rows[4];
        var saved = await Service().UpdateItemAsync(system, row.Id, Form(row, AksiStatus.Proses, agency: await fixture.AgencyIdAsync(Lutim, "DP2KB")));
        Assert.True(saved.Succeeded, saved.Summary);
        Assert.Equal("Admin Sistem (demo)", (await Service().BoardAsync(system, Lutim, 2027)).Rows[4].UpdatedBy);

        var own = await Service().UploadEvidenceAsync(opd, row.Id, new EvidenceUploadForm { Title = "Laporan pembinaan KPM", FileName = "kpm.png", Content = EvidenceFiles.Png() });
        Assert.True(own.Succeeded, own.Outcome.Summary);
        Assert.True((await Service().BoardAsync(opd, Lutim, 2027)).Rows[4].Evidence.Single().CanRemove);

        Assert.True((await Service().RemoveEvidenceAsync(opd, own.Value)).Succeeded);
        Assert.Empty((await Service().BoardAsync(opd, Lutim, 2027)).Rows[4].Evidence);
    }

    private static AksiItemForm Form(AksiRow row, AksiStatus status, string? notes = null, int? agency = null, int? month = null) => new()
    {
        ResponsibleAgencyId = agency ?? row.ResponsibleAgencyId,
        PlannedMonth = month ?? row.PlannedMonth,
        Status = status,
        Notes = notes ?? row.Notes,
        Version = row.Version,
    };

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
