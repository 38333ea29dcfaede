using System.Text;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>The CSV import of figures: all rows or none, errors by row and column, existing keys updated.</summary>
public sealed class FigureImporterTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Header = "kode_wilayah;indikator;sumber;tahun;bulan;nilai;pembilang;penyebut;rse;batas_bawah;batas_atas;sitasi";

    [Fact]
    public async Task Import_WithOneBadRow_AddsNothing_AndNamesTheRowAndColumn()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var csv = Header + "\n" +
                  "73.24.01;stunting;EPPGBM;2024;2;11,2;;;;;;e-PPGBM Februari 2024\n" +
                  "73.24.02;stunting;EPPGBM;2024;2;dua belas;;;;;;e-PPGBM Februari 2024\n" +
                  "73.24.03;stunting;SSGI;2024;2;12,0;;;;;;bulan pada survei\n";

        var result = await Import(admin, csv);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.ErrorCount);
        Assert.Equal((3, "nilai"), (result.Errors[0].Line, result.Errors[0].Column));
        Assert.Contains("bukan angka", result.Errors[0].Message);
        Assert.Equal((4, "bulan"), (result.Errors[1].Line, result.Errors[1].Column));
        Assert.Contains("kosongkan bulan", result.Errors[1].Message);
        await using var db = fixture.CreateContext();
        Assert.False(await db.PrevalenceFigures.AnyAsync(f => f.RegionCode.StartsWith("73.24.0") && f.Year == 2024 && f.Month == 2));
    }

    [Fact]
    public async Task Import_SemicolonsAndDecimalCommas_AddsNewKeysAndUpdatesExistingOnes()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var csv = Header + "\n" +
                  "73.12;stunting;SSGI;2021;;25,4;;;;23,1;27,8;SSGI 2021, tabel kabupaten\n" + // stored as 25,41: updated
                  "73.12.04;Stunting;eppgbm;2024;8;9,5 %;95;1.000;;;;e-PPGBM Agustus 2024\n" +
                  "\n";

        var result = await Import(admin, csv);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => $"{e.Line}/{e.Column}: {e.Message}")));
        Assert.Equal((2, 1, 1), (result.Rows, result.Added, result.Updated));
        await using var db = fixture.CreateContext();
        var updated = await db.PrevalenceFigures.SingleAsync(f => f.RegionCode == "73.12" && f.SourceCode == "SSGI" && f.Year == 2021);
        Assert.Equal((25.4m, 23.1m, 27.8m), (updated.Value, updated.IntervalLow!.Value, updated.IntervalHigh!.Value));
        var added = await db.PrevalenceFigures.SingleAsync(f => f.RegionCode == "73.12.04" && f.SourceCode == "EPPGBM" && f.Year == 2024 && f.Month == 8);
        Assert.Equal((9.5m, 95, 1000), (added.Value, added.Numerator!.Value, added.Denominator!.Value));
    }

    [Fact]
    public async Task Import_CommaSeparatedWithDecimalPoints_AndColumnsInAnotherOrder_IsRead()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var csv = "sumber,kode_wilayah,tahun,indikator,nilai,sitasi\n" +
                  "SKI,73.24,2023,wasting,6.4,\"SKI 2023, tabel 5.2\"\n" +
                  "SKI,73.24,2023,underweight,\"12,1\",SKI 2023\n";

        var result = await Import(admin, csv);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        Assert.Equal(2, result.Added);
        await using var db = fixture.CreateContext();
        var wasting = await db.PrevalenceFigures.SingleAsync(f => f.RegionCode == "73.24" && f.SourceCode == "SKI" && f.IndicatorCode == "wasting");
        Assert.Equal((6.4m, "SKI 2023, tabel 5.2"), (wasting.Value, wasting.Citation));
        Assert.Equal(12.1m, (await db.PrevalenceFigures.SingleAsync(f => f.RegionCode == "73.24" && f.IndicatorCode == "underweight")).Value);
    }

    [Fact]
    public async Task Import_RowsOutsideTheScope_RepeatedKeys_AndFormFigures_AreRowErrors()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var csv = Header + "\n" +
                  "73.12.01;stunting;SKI;2023;;20;;;;;;\n" +
                  "73.24.04;stunting;SKI;2023;;20;;;;;;\n" +
                  "73.12.01;stunting;SKI;2023;;21;;;;;;\n" +
                  "73.12.01;stunting;FORM;2024;3;21;;;;;;\n";

        var result = await Import(admin, csv);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e is { Line: 3, Column: "kode_wilayah" } && e.Message.Contains("di luar wilayah kerja"));
        Assert.Contains(result.Errors, e => e.Line == 4 && e.Message.Contains("sudah ada di baris 2"));
        Assert.Contains(result.Errors, e => e is { Line: 5, Column: "sumber" } && e.Message.Contains("tidak diketik ulang"));
        await using var db = fixture.CreateContext();
        Assert.False(await db.PrevalenceFigures.AnyAsync(f => f.RegionCode == "73.12.01" && f.SourceCode == "SKI"));
    }

    [Fact]
    public async Task Import_WithAnUnknownOrMissingColumn_IsRefusedAtTheHeader()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var result = await Import(admin, "kode_wilayah;indikator;sumber;tahun;prevalensi\n73.24;stunting;SKI;2023;20\n");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e is { Line: 1, Column: "prevalensi" });
        Assert.Contains(result.Errors, e => e is { Line: 1, Column: "nilai" } && e.Message.Contains("wajib"));
    }

    [Theory]
    [InlineData("pimpinan.lutim")]
    [InlineData("camat.malili")]
    [InlineData("pemantau.sulsel")]
    public async Task Import_ByAReadOnlyRoleOrCamat_IsRefused(string userName)
    {
        var actor = await fixture.ActorAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Import(actor, Header + "\n73.24.04;stunting;SKI;2023;;20;;;;;;\n"));
    }

    [Fact]
    public async Task Template_IsAcceptedByTheImporter()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var result = await Import(admin, FigureImporter.TemplateCsv);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        Assert.Equal(2, result.Updated); // both example rows are the seeded figures
    }

    private Task<FigureImportResult> Import(TppsPortal.Accounts.Actor actor, string csv) =>
        fixture.Get<FigureImporter>().ImportAsync(actor, new MemoryStream(Encoding.UTF8.GetBytes(csv)));
}
