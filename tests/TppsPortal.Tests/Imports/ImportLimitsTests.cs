using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Imports;
using TppsPortal.Prevalence;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TppsPortal.Tests.Imports;

/// <summary>
/// Hostile and oversized import files, through the importers as the pages call them, on a real database: each is
/// refused as a whole with its Indonesian message, and the import call's own allocation stays under
/// <see cref="MemoryBound"/> (measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>; a refusal never
/// leaves the calling thread, which the measurement checks, so the count is complete).
/// </summary>
public sealed class ImportLimitsTests(ServiceFixture fixture, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    private const string Malili = "73.24.04";

    /// <summary>What one refused import may allocate (measured: about 0.1 MB each). Before the streaming reader a 307 KB zip bomb took 2.3 GB.</summary>
    private const long MemoryBound = 4L * 1024 * 1024;

    private static readonly string HeaderRow = XlsxFiles.Row(1, [.. SubmissionImporter.TemplateColumns]);

    [Fact]
    public async Task Preview_XlsxZipBomb_IsRefusedBeforeUnpacking_WithinTheMemoryBound()
    {
        var (camat, period) = await CamatAndPeriodAsync(1);
        using var bomb = XlsxFiles.Bomb(HeaderRow, unpackedBytes: 400_000_000);
        output.WriteLine($"bomb: {bomb.Length:N0} bytes packed, about 400,000,000 unpacked");
        Assert.True(bomb.Length < 1_000_000, $"the bomb should pack small, not {bomb.Length:N0} bytes");

        var (preview, allocated, elapsed) = await MeasureAsync(() => Importer.PreviewAsync(camat, period, Malili, bomb, "bom.xlsx"));

        Report(allocated, elapsed);
        Assert.False(preview.CanApply);
        Assert.Empty(preview.Lines);
        Assert.Contains("setelah dibuka lebih besar dari 10 MB", Assert.Single(preview.FileErrors));
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task Preview_XlsxZipBombWhoseHeaderLies_IsRefusedWhileUnpacking_WithinTheMemoryBound()
    {
        var (camat, period) = await CamatAndPeriodAsync(2);
        using var honest = XlsxFiles.Bomb(HeaderRow, unpackedBytes: 400_000_000);
        using var lying = XlsxFiles.WithDeclaredSize(honest, XlsxFiles.SheetPath, 2_000);

        var (preview, allocated, elapsed) = await MeasureAsync(() => Importer.PreviewAsync(camat, period, Malili, lying, "bom.xlsx"));

        Report(allocated, elapsed);
        Assert.False(preview.CanApply);
        // .NET's zip reader stops at the declared size (the sheet's XML then ends early: unreadable); the reader's own
        // count of unpacked bytes would stop it at 10 MB otherwise. Either way it is refused, and cheaply.
        Assert.Matches("setelah dibuka lebih besar dari 10 MB|Berkas XLSX tidak dapat dibaca", Assert.Single(preview.FileErrors));
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task Preview_XlsxWithAValueAtColumnZZZZZ_IsRefused_WithinTheMemoryBound()
    {
        var (camat, period) = await CamatAndPeriodAsync(3);
        using var file = XlsxFiles.Workbook(w => w.Write(HeaderRow + "<row r=\"2\">" + XlsxFiles.Cell("ZZZZZ2", "7") + "</row>"));
        output.WriteLine($"file: {file.Length:N0} bytes");

        var (preview, allocated, elapsed) = await MeasureAsync(() => Importer.PreviewAsync(camat, period, Malili, file, "jauh.xlsx"));

        Report(allocated, elapsed);
        var message = Assert.Single(preview.FileErrors);
        Assert.Contains("Baris 2: sel ZZZZZ2 berisi nilai di luar kolom templat", message);
        Assert.Contains("paling banyak 14 kolom (A sampai N)", message);
        Assert.InRange(allocated, 0, 1024 * 1024);
    }

    [Fact]
    public async Task Preview_XlsxWithSharedStringsFormulasAndEmptyFormattedCellsFarRight_IsRead()
    {
        var (camat, period) = await CamatAndPeriodAsync(4);
        var villages = (await fixture.Get<SubmissionService>().GetFormAsync(camat, period, Malili)).Rows;
        // Shared strings (with a rich-text run and a phonetic guide), a formula with its cached value, and a formatted
        // but empty cell far to the right, as Excel writes them.
        var shared = "<si><t>nama_desa</t></si><si><t>pendek</t></si>" +
                     string.Concat(villages.Select(v => $"<si><r><t>{v.VillageName[..1]}</t></r><r><t>{v.VillageName[1..]}</t></r><rPh><t>x</t></rPh></si>"));
        using var file = XlsxFiles.Workbook(w =>
        {
            w.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"XFD1\" s=\"3\"/></row>");
            for (var i = 0; i < villages.Count; i++)
            {
                w.Write($"<row r=\"{i + 2}\"><c r=\"A{i + 2}\" t=\"s\"><v>{i + 2}</v></c><c r=\"B{i + 2}\"><f>3+4</f><v>7</v></c><c r=\"ZZ{i + 2}\" s=\"2\"><v></v></c></row>");
            }
        }, shared);

        var preview = await Importer.PreviewAsync(camat, period, Malili, file, "excel.xlsx");

        Assert.Empty(preview.FileErrors);
        Assert.Equal(villages.Select(v => v.VillageCode), preview.Lines.Select(l => l.VillageCode));
        Assert.All(preview.Lines, l => Assert.Equal(7, l.Values.Stunted));
    }

    [Fact]
    public async Task Preview_XlsxWithTooManyRows_IsRefused()
    {
        var (camat, period) = await CamatAndPeriodAsync(5);
        using var file = XlsxFiles.Workbook(w =>
        {
            w.Write(HeaderRow);
            for (var line = 2; line <= ImportLimits.Submission.MaxRows + 5; line++)
            {
                w.Write(XlsxFiles.Row(line, "73.24.04.2001", "", "1"));
            }
        });

        var preview = await Importer.PreviewAsync(camat, period, Malili, file, "panjang.xlsx");

        Assert.Contains("lebih dari 1.000 baris", Assert.Single(preview.FileErrors));
        Assert.Empty(preview.Lines);
    }

    [Fact]
    public async Task Preview_XlsxWithAnOverlongCell_IsRefused_WithinTheMemoryBound()
    {
        var (camat, period) = await CamatAndPeriodAsync(6);
        // One cell of 5 million characters: far over the cell limit, under the unpacked limit.
        using var file = XlsxFiles.Workbook(w => w.Write(HeaderRow + "<row r=\"2\"><c r=\"N2\" t=\"inlineStr\"><is><t>" + new string('x', 5_000_000) + "</t></is></c></row>"));

        var (preview, allocated, elapsed) = await MeasureAsync(() => Importer.PreviewAsync(camat, period, Malili, file, "panjang.xlsx"));

        Report(allocated, elapsed);
        Assert.Contains("Baris 2, kolom N: isi sel lebih dari 2.000 karakter", Assert.Single(preview.FileErrors));
        Assert.InRange(allocated, 0, MemoryBound);
    }

    [Fact]
    public async Task Preview_CsvWithTooManyRows_IsRefused()
    {
        var (camat, period) = await CamatAndPeriodAsync(7);
        var csv = new StringBuilder(SubmissionImporter.TemplateHeader).Append('\n');
        for (var i = 0; i < ImportLimits.Submission.MaxRows; i++)
        {
            csv.Append("73.24.04.2001,,1\n");
        }

        var preview = await Importer.PreviewAsync(camat, period, Malili, Utf8(csv.ToString()), "panjang.csv");

        Assert.Contains("lebih dari 1.000 baris", Assert.Single(preview.FileErrors));
    }

    [Fact]
    public async Task Preview_CsvWithAnOverlongCell_IsRefused_WithinTheMemoryBound()
    {
        var (camat, period) = await CamatAndPeriodAsync(8);
        // A 1.9 MB line without a separator or a line break, in a quoted field.
        var csv = SubmissionImporter.TemplateHeader + "\n73.24.04.2001,\"" + new string('x', 1_900_000) + "\"\n";
        using var file = Utf8(csv);

        var (preview, allocated, elapsed) = await MeasureAsync(() => Importer.PreviewAsync(camat, period, Malili, file, "panjang.csv"));

        Report(allocated, elapsed);
        Assert.Contains("Baris 2, kolom B: isi sel lebih dari 2.000 karakter", Assert.Single(preview.FileErrors));
        Assert.InRange(allocated, 0, 1024 * 1024);
    }

    [Fact]
    public async Task Preview_CsvWithAValueBeyondTheTemplate_IsRefused_ButTrailingEmptyColumnsAreNot()
    {
        var (camat, period) = await CamatAndPeriodAsync(9);
        var villages = (await fixture.Get<SubmissionService>().GetFormAsync(camat, period, Malili)).Rows;
        var good = SubmissionImporter.TemplateHeader + ",,,,\n" + string.Join("\n", villages.Select(v => $"{v.VillageCode},,300,20,120,110,3,9,4,6,12,1,50,,,,,,,,,"));
        var bad = SubmissionImporter.TemplateHeader + "\n" + villages[0].VillageCode + ",,300,20,120,110,3,9,4,6,12,1,50,,tambahan";

        var accepted = await Importer.PreviewAsync(camat, period, Malili, Utf8(good), "baik.csv");
        var refused = await Importer.PreviewAsync(camat, period, Malili, Utf8(bad), "lebar.csv");

        Assert.True(accepted.CanApply, string.Join(" ", accepted.FileErrors.Concat(accepted.Lines.SelectMany(l => l.Errors))));
        Assert.Contains("Baris 2: kolom O berisi nilai di luar kolom templat", Assert.Single(refused.FileErrors));
    }

    [Fact]
    public async Task Preview_FileOverTheSizeLimit_IsRefusedEvenWhenItsStreamDoesNotSayItsLength()
    {
        var (camat, period) = await CamatAndPeriodAsync(10);
        var bytes = Encoding.UTF8.GetBytes(SubmissionImporter.TemplateHeader + "\n" + string.Concat(Enumerable.Repeat("\n", 2_100_000)));

        var csv = await Importer.PreviewAsync(camat, period, Malili, new UnknownLengthStream(bytes), "besar.csv");
        var xlsx = await Importer.PreviewAsync(camat, period, Malili, new UnknownLengthStream(bytes), "besar.xlsx");

        Assert.Contains("Berkas lebih besar dari 2 MB", Assert.Single(csv.FileErrors));
        Assert.Contains("Berkas lebih besar dari 2 MB", Assert.Single(xlsx.FileErrors));
    }

    [Fact]
    public async Task Preview_NotAnXlsx_IsRefusedAsUnreadable()
    {
        var (camat, period) = await CamatAndPeriodAsync(11);

        var preview = await Importer.PreviewAsync(camat, period, Malili, Utf8("bukan zip"), "palsu.xlsx");

        Assert.Contains("Berkas XLSX tidak dapat dibaca", Assert.Single(preview.FileErrors));
    }

    [Fact]
    public async Task FigureImport_CsvWithAnOverlongCell_IsRefusedAndAddsNothing()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var csv = string.Join(";", FigureImporter.Columns) + "\n73.24;stunting;SSGI;2019;;22,6;;;;;;" + new string('s', 3_000) + "\n";

        var result = await fixture.Get<FigureImporter>().ImportAsync(admin, Utf8(csv));

        Assert.False(result.Succeeded);
        Assert.Contains("Baris 2, kolom L: isi sel lebih dari 2.000 karakter", Assert.Single(result.Errors).Message);
        await using var db = fixture.CreateContext();
        Assert.False(await db.PrevalenceFigures.AnyAsync(f => f.RegionCode == "73.24" && f.Year == 2019 && f.SourceCode == "SSGI"));
    }

    [Fact]
    public async Task RegionImport_CsvWithTooManyRows_IsRefusedAndChangesNothing()
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        var csv = new StringBuilder("kode,nama\n79,Provinsi Uji\n79.01,Kabupaten Uji\n79.01.01,Kecamatan Uji\n");
        for (var i = 0; i < ImportLimits.Regions.MaxRows; i++)
        {
            csv.Append("79.01.01.2001,Desa\n");
        }
        await using var db = fixture.CreateContext();
        var before = await db.Regions.CountAsync();

        var result = await fixture.Get<RegionImporter>().ImportAsync(admin, Utf8(csv.ToString()));

        Assert.False(result.Succeeded);
        Assert.Contains("lebih dari 150.000 baris", Assert.Single(result.Errors).Message);
        Assert.Equal(before, await db.Regions.CountAsync());
    }

    [Fact]
    public void LimitedReadStream_GivesExactlyTheLimit_AndRefusesOneByteMore()
    {
        var exact = new LimitedReadStream(new MemoryStream(new byte[1000]), 1000, "terlalu besar");
        var over = new LimitedReadStream(new MemoryStream(new byte[1001]), 1000, "terlalu besar");

        exact.CopyTo(Stream.Null);
        var refused = Assert.Throws<ImportRefusedException>(() => over.CopyTo(Stream.Null));

        Assert.Equal(1000, exact.BytesRead);
        Assert.Equal("terlalu besar", refused.Message);
    }

    [Fact]
    public void Limits_AreDescribedInIndonesianForTheDialogs()
    {
        Assert.Equal("paling besar 2 MB, paling banyak 1.000 baris dan 14 kolom (A sampai N), 2.000 karakter per sel; isi XLSX setelah dibuka paling besar 10 MB",
            ImportLimits.Submission.Description);
        Assert.Equal("paling besar 2 MB, paling banyak 50.000 baris dan 12 kolom (A sampai L), 2.000 karakter per sel", ImportLimits.Figures.Description);
        Assert.Equal("paling besar 20 MB, paling banyak 150.000 baris, 2.000 karakter per sel", ImportLimits.Regions.SizeAndRowsDescription);
    }

    private SubmissionImporter Importer => fixture.Get<SubmissionImporter>();

    private async Task<(Actor Camat, int Period)> CamatAndPeriodAsync(int month)
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var opened = await fixture.Get<SubmissionService>().OpenPeriodAsync(admin, "73.24", 2018, month, new DateOnly(2099, 1, 10), false);
        Assert.True(opened.Succeeded, opened.Outcome.Summary);
        return (await fixture.ActorAsync("camat.malili"), opened.Value);
    }

    private static async Task<(T Result, long Allocated, TimeSpan Elapsed)> MeasureAsync<T>(Func<Task<T>> call)
    {
        var thread = Environment.CurrentManagedThreadId;
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await call();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        clock.Stop();
        Assert.Equal(thread, Environment.CurrentManagedThreadId); // else the count would miss what another thread allocated
        return (result, allocated, clock.Elapsed);
    }

    private void Report(long allocated, TimeSpan elapsed) =>
        output.WriteLine($"import call: {allocated / 1024.0 / 1024:N1} MB allocated (bound {MemoryBound / 1024 / 1024} MB), {elapsed.TotalMilliseconds:N0} ms");

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A stream that cannot seek or tell its length, as an upload may be.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
