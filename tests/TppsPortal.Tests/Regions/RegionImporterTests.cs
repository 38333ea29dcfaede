using System.Text;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Regions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Regions;

/// <summary>
/// Imports into this class's own database. Each test uses a province of its own (71, 72, 74 ...), so that no
/// test depends on what another imported; tests that must leave the database unchanged compare it whole.
/// </summary>
public sealed class RegionImporterTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    // The shape of the official list (cahyadsn/wilayah, Kepmendagri 2025): header, then kode,nama; a name
    // with a comma is quoted.
    private const string SulawesiBarat = """
        kode,nama
        76,Sulawesi Barat
        76.01,Kabupaten Majene
        76.01.01,Banggae
        76.01.01.1001,Baru
        76.01.01.2001,"Pamboang I, II"
        76.01.01.3001,Adat Banggae
        """;

    [Fact]
    public async Task Import_OfficialFormat_AddsEveryRowWithItsLevelAndParent()
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        await using var csv = Csv(SulawesiBarat, byteOrderMark: true);

        var result = await fixture.Get<RegionImporter>().ImportAsync(admin, csv);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal((6, 6, 0, 0, 0), (result.Rows, result.Added, result.Updated, result.Unchanged, result.SkippedOutsidePrefix));
        Assert.Empty(result.Errors);
        Assert.True(csv.CanRead, "The caller's stream is left open.");

        var imported = await RegionsAsync("76");
        Assert.Equal(
            [
                ("76", "Sulawesi Barat", RegionLevel.Provinsi, (string?)null),
                ("76.01", "Kabupaten Majene", RegionLevel.KabupatenKota, "76"),
                ("76.01.01", "Banggae", RegionLevel.Kecamatan, "76.01"),
                ("76.01.01.1001", "Baru", RegionLevel.Kelurahan, "76.01.01"),
                ("76.01.01.2001", "Pamboang I, II", RegionLevel.Desa, "76.01.01"),
                ("76.01.01.3001", "Adat Banggae", RegionLevel.Desa, "76.01.01"),
            ],
            imported.Select(r => (r.Code, r.Name, r.Level, r.ParentCode)));
        Assert.All(imported, r => Assert.False(r.IsExample));
        Assert.All(imported, r => Assert.NotEqual(default, r.CreatedAt));
        Assert.True(fixture.Logs.Contains("Regions imported by admin.sistem: 6 rows"));
    }

    [Fact]
    public async Task Import_SameFileTwice_AddsNothingTheSecondTime()
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        var file = SulawesiBarat.Replace("76", "74");
        var first = await ImportAsync(file);
        var count = await CountAsync();

        var second = await fixture.Get<RegionImporter>().ImportAsync(admin, Csv(file));

        Assert.True(first.Succeeded, Describe(first));
        Assert.True(second.Succeeded, Describe(second));
        Assert.Equal((6, 0, 0, 6), (second.Rows, second.Added, second.Updated, second.Unchanged));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Import_RenamedRow_UpdatesTheNameWithoutDuplicates()
    {
        var file = SulawesiBarat.Replace("76", "75");
        Assert.True((await ImportAsync(file)).Succeeded);
        var count = await CountAsync();

        var renamed = await ImportAsync(file.Replace("75.01.01.1001,Baru", "75.01.01.1001,Baru Utara"));

        Assert.True(renamed.Succeeded, Describe(renamed));
        Assert.Equal((6, 0, 1, 5), (renamed.Rows, renamed.Added, renamed.Updated, renamed.Unchanged));
        Assert.Equal(count, await CountAsync());
        var region = (await RegionAsync("75.01.01.1001"))!;
        Assert.Equal("Baru Utara", region.Name);
        Assert.True(region.UpdatedAt > region.CreatedAt);
    }

    [Fact]
    public async Task Import_NewVillageInKnownKecamatan_NeedsOnlyTheNewRow()
    {
        Assert.True((await ImportAsync(SulawesiBarat.Replace("76", "71"))).Succeeded);

        // The parent is in the database already, so the file need not repeat it.
        var result = await ImportAsync("71.01.01.2002,Desa Baru Mekar");

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal((1, 1), (result.Rows, result.Added));
        Assert.Equal("71.01.01", (await RegionAsync("71.01.01.2002"))!.ParentCode);
    }

    public static TheoryData<string, int, string?, string> BadFiles => new()
    {
        // file, line of the error, code named, part of the message
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.1X,Kabupaten Salah", 4, "72.1X", "bagian ke-2 harus 2 angka" },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.05.01,Kecamatan Yatim", 4, "72.05.01", "Induk 72.05 tidak ada di berkas maupun di basis data." },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.01,Kabupaten A\n72.01,Kabupaten B", 5, "72.01", "Kode 72.01 ganda: sudah ada di baris 4." },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.01,Kabupaten A,Kabupaten B", 4, "72.01", "Baris harus berisi 2 kolom (kode,nama), ditemukan 3." },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.01", 4, "72.01", "ditemukan 1" },
        { "Kode;Nama\n73;Sulawesi Selatan DIUBAH", 2, "73", "memakai titik koma (;)" },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.01,", 4, "72.01", "Nama wilayah kosong." },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,Sulawesi Tengah\n72.01,Kabupaten A\n72.01.01,Kecamatan A\n72.01.01.5001,Desa Lima", 6, "72.01.01.5001", "bagian keempat harus diawali 1" },
        // A quoted name over two lines: the error names the line where the record starts, and later lines keep their numbers.
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,\"Sulawesi\nTengah\"\n72.01,Kabupaten A", 3, "72", "Nama wilayah berisi baris baru" },
        { "kode,nama\n73,Sulawesi Selatan DIUBAH\n72,\"Sulawesi, Tengah\"\n72.01,\"Kabupaten\n\"\n72.01.01,", 6, "72.01.01", "Nama wilayah kosong." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_FileWithOneBadRow_RejectsTheWholeFileAndChangesNothing(string file, int line, string? code, string message)
    {
        var before = await SnapshotAsync();

        var result = await ImportAsync(file);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ErrorCount);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Equal((0, 0), (result.Added, result.Updated));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("Sulawesi Selatan", (await RegionAsync("73"))!.Name);
    }

    [Fact]
    public async Task Import_ManyBadRows_ListsTheFirstByLineAndCountsAll()
    {
        var lines = Enumerable.Range(1, 250).Select(i => $"72.{i:000},Kabupaten {i}");
        var before = await SnapshotAsync();

        var result = await ImportAsync("kode,nama\n72,Sulawesi Tengah\n" + string.Join("\n", lines));

        Assert.False(result.Succeeded);
        Assert.Equal(250, result.ErrorCount);
        Assert.Equal(RegionImportResult.MaxErrorsListed, result.Errors.Count);
        Assert.Equal(Enumerable.Range(3, RegionImportResult.MaxErrorsListed), result.Errors.Select(e => e.Line));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("kode,nama")]
    [InlineData("kode,nama\n\n \n")]
    public async Task Import_FileWithoutRegionRows_IsRejectedWithAClearMessage(string file)
    {
        var before = await SnapshotAsync();

        var result = await ImportAsync(file);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Berkas tidak berisi baris wilayah.", error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_WithPrefix_ImportsOnlyThatSubtreeAndItsAncestors()
    {
        const string file = """
            kode,nama
            19,Kepulauan Bangka Belitung
            19.01,Kabupaten Bangka
            19.01.01,Sungailiat
            19.01.01.1001,Sungailiat
            19.01.02,Belinyu
            19.02,Kabupaten Belitung
            19.02.01,Tanjung Pandan
            19.02.01.2001,Air Saga
            21,Kepulauan Riau
            21.01,Kabupaten Bintan
            """;

        var result = await ImportAsync(file, prefix: " 19.01 ");

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal((5, 5, 5), (result.Rows, result.Added, result.SkippedOutsidePrefix));
        Assert.Equal(["19", "19.01", "19.01.01", "19.01.01.1001", "19.01.02"], (await RegionsAsync("19")).Select(r => r.Code));
        Assert.Empty(await RegionsAsync("21"));
    }

    [Fact]
    public async Task Import_PrefixThatMatchesNoRow_IsRejected()
    {
        var result = await ImportAsync(SulawesiBarat.Replace("76", "81"), prefix: "81.02");

        Assert.False(result.Succeeded);
        Assert.Contains("Tidak ada baris dengan kode 81.02", Assert.Single(result.Errors).Message);
        Assert.Empty(await RegionsAsync("81"));
    }

    [Fact]
    public async Task Import_MalformedPrefix_IsRejectedBeforeReading()
    {
        var result = await ImportAsync(SulawesiBarat.Replace("76", "82"), prefix: "82.1");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Batas kode: ", error.Message);
        Assert.Contains("bagian ke-2 harus 2 angka", error.Message);
        Assert.Empty(await RegionsAsync("82"));
    }

    [Fact]
    public async Task Import_ExampleVillageCodeInOfficialList_BecomesARealVillage()
    {
        var result = await ImportAsync("kode,nama\n73.12.08.2901,Labae");

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal((1, 0, 1), (result.Rows, result.Added, result.Updated));
        var village = (await RegionAsync("73.12.08.2901"))!;
        Assert.Equal("Labae", village.Name);
        Assert.False(village.IsExample);
    }

    [Fact]
    public async Task Import_ReportsProgressThroughEveryPhase()
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        var reports = new List<RegionImportProgress>();

        var result = await fixture.Get<RegionImporter>().ImportAsync(admin, Csv(SulawesiBarat.Replace("76", "94")), progress: new SyncProgress(reports.Add));

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(
            [RegionImportPhase.Reading, RegionImportPhase.Checking, RegionImportPhase.Writing, RegionImportPhase.Done],
            reports.Select(r => r.Phase).Distinct());
        Assert.Equal(6, reports[^1].Rows);
    }

    [Fact]
    public async Task Import_ByAdminSekretariat_IsDenied()
    {
        var adminLutim = await fixture.ActorAsync("admin.lutim");
        var before = await SnapshotAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            fixture.Get<RegionImporter>().ImportAsync(adminLutim, Csv(SulawesiBarat.Replace("76", "92"))));

        Assert.Equal(before, await SnapshotAsync());
        Assert.True(fixture.Logs.Contains("admin.lutim (AdminSekretariat, scope 73.24) tried mengelola daftar wilayah"));
    }

    private async Task<RegionImportResult> ImportAsync(string file, string? prefix = null)
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        return await fixture.Get<RegionImporter>().ImportAsync(admin, Csv(file), prefix);
    }

    private static MemoryStream Csv(string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n"));
        return new MemoryStream(byteOrderMark ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
    }

    private static string Describe(RegionImportResult result) =>
        string.Join("; ", result.Errors.Select(e => $"line {e.Line} {e.Code}: {e.Message}"));

    private async Task<List<Region>> RegionsAsync(string scope)
    {
        await using var db = fixture.CreateContext();
        var below = scope + ".";
        return await db.Regions.AsNoTracking().Where(r => r.Code == scope || r.Code.StartsWith(below)).OrderBy(r => r.Code).ToListAsync();
    }

    private async Task<Region?> RegionAsync(string code)
    {
        await using var db = fixture.CreateContext();
        return await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code);
    }

    private async Task<int> CountAsync()
    {
        await using var db = fixture.CreateContext();
        return await db.Regions.CountAsync();
    }

    /// <summary>Every region's code, name and update time, in one string to compare before and after.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = fixture.CreateContext();
        var rows = await db.Regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => r.Code + "|" + r.Name + "|" + r.IsExample + "|" + r.UpdatedAt).ToListAsync();
        return $"{rows.Count}:" + string.Join("\n", rows);
    }

    /// <summary>Reports at once on the importer's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<RegionImportProgress> report) : IProgress<RegionImportProgress>
    {
        public void Report(RegionImportProgress value) => report(value);
    }
}
