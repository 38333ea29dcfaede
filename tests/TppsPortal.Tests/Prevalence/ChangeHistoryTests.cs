using System.Text;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>
/// The history of figures and targets (issue 14): every edit and delete with who (display name, not sign-in
/// name), when and old -> new; read with the rules for reading figures, never by another district.
/// Each test works on its own kecamatan of Luwu Timur so that none sees another's history.
/// </summary>
public sealed class ChangeHistoryTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string AdminLutimName = "Admin Sekretariat TPPS Luwu Timur (demo)";

    private PrevalenceService Figures => fixture.Get<PrevalenceService>();

    private TargetService Targets => fixture.Get<TargetService>();

    private ChangeHistoryService History => fixture.Get<ChangeHistoryService>();

    [Fact]
    public async Task FigureEditAndDelete_AppearInTheHistory_WithDisplayNameAndOldToNew()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var created = await Figures.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24.01", IndicatorCode = "wasting", SourceCode = "SSGI", Year = 2024, Value = 23.3m,
        });
        Assert.True(created.Succeeded);
        var form = (await Figures.GetFigureAsync(admin, created.Value))!;
        form.Value = 22.1m;
        Assert.True((await Figures.UpdateFigureAsync(admin, created.Value, form)).Succeeded);
        var version = (await Figures.GetFigureAsync(admin, created.Value))!.Version;
        Assert.True((await Figures.DeleteFigureAsync(admin, created.Value, version)).Succeeded);

        var history = await History.HistoryAsync(await fixture.ActorAsync("pimpinan.lutim"), new HistoryQuery("73.24.01", null, HistoryOf.Figures));

        Assert.Equal(
            ["Dihapus: angka 2024 (SSGI) 22,1 %", "Angka 2024 (SSGI): 23,3 % → 22,1 %", "Ditambahkan: angka 2024 (SSGI) 23,3 %"],
            history.Select(h => h.Description));
        Assert.Equal([ChangeKind.Deleted, ChangeKind.Changed, ChangeKind.Added], history.Select(h => h.Kind));
        Assert.All(history, h =>
        {
            Assert.Equal(AdminLutimName, h.By);
            Assert.Equal(ChangeSubject.Figure, h.Subject);
            Assert.Equal("wasting", h.IndicatorCode);
            Assert.Equal("Mangkutana", h.RegionName);
        });
        Assert.True(history[0].At >= history[1].At && history[1].At >= history[2].At);
    }

    [Fact]
    public async Task FigureSavedWithoutAnyChange_AddsNothingToTheHistory()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var created = await Figures.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24.03", IndicatorCode = "wasting", SourceCode = "SKI", Year = 2023, Value = 12.5m,
        });
        var form = (await Figures.GetFigureAsync(admin, created.Value))!;

        Assert.True((await Figures.UpdateFigureAsync(admin, created.Value, form)).Succeeded);

        var history = await History.HistoryAsync(admin, new HistoryQuery("73.24.03", "wasting", HistoryOf.Figures));
        Assert.Equal(["Ditambahkan: angka 2023 (SKI) 12,5 %"], history.Select(h => h.Description));
    }

    [Fact]
    public async Task Import_AddsAndChangesFigures_InTheHistory_AndLeavesRowsItDidNotChangeOut()
    {
        const string header = "kode_wilayah;indikator;sumber;tahun;bulan;nilai;pembilang;penyebut;rse;batas_bawah;batas_atas;sitasi";
        var admin = await fixture.ActorAsync("admin.lutim");
        var importer = fixture.Get<FigureImporter>();
        Task<FigureImportResult> Import(string rows) => importer.ImportAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(header + "\n" + rows)));

        Assert.True((await Import("73.24.06;wasting;EPPGBM;2024;3;8,0;;;;;;e-PPGBM Maret 2024\n73.24.06;wasting;EPPGBM;2024;4;7,0;;;;;;e-PPGBM April 2024\n")).Succeeded);
        Assert.True((await Import("73.24.06;wasting;EPPGBM;2024;3;7,5;;;;;;e-PPGBM Maret 2024\n73.24.06;wasting;EPPGBM;2024;4;7,0;;;;;;e-PPGBM April 2024\n")).Succeeded);

        var history = await History.HistoryAsync(admin, new HistoryQuery("73.24.06", "wasting", HistoryOf.Figures));
        Assert.Equal(
            ["Angka Maret 2024 (EPPGBM): 8,0 % → 7,5 %", "Ditambahkan: angka April 2024 (EPPGBM) 7,0 %", "Ditambahkan: angka Maret 2024 (EPPGBM) 8,0 %"],
            history.Select(h => h.Description).Take(1).Concat(history.Skip(1).Select(h => h.Description).Order(StringComparer.Ordinal)));
        Assert.All(history, h => Assert.Equal(AdminLutimName, h.By));
    }

    [Fact]
    public async Task TargetEditAndDelete_AppearInTheHistory_WithDisplayNameAndOldToNew()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var saved = await Targets.SaveAsync(admin, new TargetForm
        {
            RegionCode = "73.24.02", IndicatorCode = "underweight", BaselineSourceCode = "SSGI", BaselineYear = 2024, BaselineValue = 24.1m,
            Years = [new() { Year = 2025, Value = 22m }, new() { Year = 2026, Value = 18m }, new() { Year = 2027, Value = 16m }],
        });
        Assert.True(saved.Succeeded);
        var form = (await Targets.GetAsync(admin, "73.24.02", "underweight")).Path!;
        form.BaselineValue = 24m;
        form.Years = [new() { Year = 2025, Value = 22m }, new() { Year = 2026, Value = 17.5m }, new() { Year = 2028, Value = 15m }];
        Assert.True((await Targets.SaveAsync(admin, form)).Succeeded);
        var version = (await Targets.GetAsync(admin, "73.24.02", "underweight")).Path!.Version;
        Assert.True((await Targets.DeleteAsync(admin, saved.Value, version)).Succeeded);

        var history = await History.HistoryAsync(await fixture.ActorAsync("pimpinan.lutim"), new HistoryQuery("73.24.02", "underweight", HistoryOf.Targets));

        Assert.Equal(
            [
                "Dihapus: jalur target (angka dasar SSGI 2024 24,0 %; 2025 22,0 %, 2026 17,5 %, 2028 15,0 %)",
                "Ditambahkan: target 2028 15,0 %",
                "Dihapus: target 2027 16,0 %",
                "Target 2026: 18,0 % → 17,5 %",
                "Jalur target: angka dasar SSGI 2024 24,1 % → SSGI 2024 24,0 %",
                "Ditambahkan: jalur target (angka dasar SSGI 2024 24,1 %; 2025 22,0 %, 2026 18,0 %, 2027 16,0 %)",
            ],
            history.Select(h => h.Description));
        Assert.All(history, h => Assert.Equal(AdminLutimName, h.By));
        Assert.Equal(ChangeSubject.TargetYear, history[3].Subject);
        Assert.Equal(ChangeKind.Deleted, history[0].Kind);
        // Another indicator of the same area has its own history, and the figures' history holds no target.
        Assert.Empty(await History.HistoryAsync(admin, new HistoryQuery("73.24.02", "stunting", HistoryOf.Targets)));
        Assert.Empty(await History.HistoryAsync(admin, new HistoryQuery("73.24.02", "underweight", HistoryOf.Figures)));
    }

    [Fact]
    public async Task AnotherDistrictsAdmin_CannotReadTheHistory()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        await Figures.CreateFigureAsync(admin, new FigureForm
        {
            RegionCode = "73.24.05", IndicatorCode = "wasting", SourceCode = "SSGI", Year = 2022, Value = 9.5m,
        });
        var soppeng = await fixture.ActorAsync("admin.soppeng");

        await Assert.ThrowsAsync<AccessDeniedException>(() => History.HistoryAsync(soppeng, new HistoryQuery("73.24", null, HistoryOf.Figures, IncludeBelow: true)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => History.HistoryAsync(soppeng, new HistoryQuery("73.24.05", "wasting", HistoryOf.Figures)));
        // The province is above Soppeng's scope and readable, but what is under it only as far as Soppeng's own.
        Assert.DoesNotContain(await History.HistoryAsync(soppeng, new HistoryQuery("73", null, HistoryOf.Figures, IncludeBelow: true)), h => h.RegionCode.StartsWith("73.24", StringComparison.Ordinal));
        Assert.DoesNotContain(await History.HistoryAsync(soppeng, new HistoryQuery(null, null, HistoryOf.Figures)), h => h.RegionCode.StartsWith("73.24", StringComparison.Ordinal));
        // Its own district's people read it, the area and everything under the district.
        Assert.Contains(await History.HistoryAsync(await fixture.ActorAsync("pimpinan.lutim"), new HistoryQuery("73.24", null, HistoryOf.Figures, IncludeBelow: true)), h => h.RegionCode == "73.24.05");
    }
}
