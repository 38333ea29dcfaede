using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>
/// The indicator and source lists: Admin Sistem extends them and the new entries are usable at once; codes are
/// checked and never change; a source's kind is fixed once it has figures; nothing in use is deleted; conflicts
/// are reported; everybody else only reads.
/// </summary>
public sealed class CatalogServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private CatalogService Catalog => fixture.Get<CatalogService>();

    [Fact]
    public async Task AdminSistem_AddsAnIndicatorAndASource_AndAFigureCanUseThemAtOnce()
    {
        var sistem = await fixture.ActorAsync("admin.sistem");
        var lutim = await fixture.ActorAsync("admin.lutim");

        var indicator = await Catalog.SaveIndicatorAsync(sistem, null, new CatalogEntryForm { Code = " Anemia-Remaja ", Name = "Anemia remaja putri" });
        var source = await Catalog.SaveSourceAsync(sistem, null, new CatalogEntryForm { Code = "ssgi-2025", Name = "Survei gizi 2025 (uji)", Kind = SourceKind.Survey });
        var figure = await fixture.Get<PrevalenceService>().CreateFigureAsync(lutim, new FigureForm
        {
            RegionCode = "73.24", IndicatorCode = "anemia-remaja", SourceCode = "SSGI-2025", Year = 2025, Value = 31.5m,
        });

        Assert.True(indicator.Succeeded, indicator.Summary);
        Assert.True(source.Succeeded, source.Summary);
        Assert.True(figure.Succeeded, figure.Outcome.Summary);
        var choices = await fixture.Get<PrevalenceService>().ChoicesAsync();
        Assert.Equal("anemia-remaja", choices.Indicators[^1].Code); // no order given: last
        var added = Assert.Single(choices.Sources, s => s.Code == "SSGI-2025");
        Assert.False(added.IsMonthly);
        var catalog = await Catalog.GetAsync(lutim);
        Assert.Equal(1, catalog.Indicators.Single(i => i.Code == "anemia-remaja").Figures);
        Assert.True(catalog.Sources.Single(s => s.Code == "SSGI-2025").InUse);
        var dashboard = await fixture.Get<DashboardService>().GetAsync(lutim, new DashboardQuery("73.24", IndicatorCode: "anemia-remaja"));
        Assert.Equal("anemia-remaja", dashboard.IndicatorCode);
        Assert.Equal(31.5m, Assert.Single(dashboard.Series).Points.Single().Value);
    }

    [Fact]
    public async Task Save_WithBadCodesAndNames_PutsEachMessageOnItsField_AndSavesNothing()
    {
        var sistem = await fixture.ActorAsync("admin.sistem");

        var badCode = await Catalog.SaveIndicatorAsync(sistem, null, new CatalogEntryForm { Code = "9 tinggi badan", Name = "", SortOrder = 5000 });
        var takenCode = await Catalog.SaveIndicatorAsync(sistem, null, new CatalogEntryForm { Code = "stunting", Name = "Stunting versi lain" });
        var takenName = await Catalog.SaveIndicatorAsync(sistem, null, new CatalogEntryForm { Code = "pendek", Name = "gizi kurang (WASTING)" });
        var sourceNoKind = await Catalog.SaveSourceAsync(sistem, null, new CatalogEntryForm { Code = "SSGI", Name = new string('x', DataSource.NameMaxLength + 1) });

        Assert.Contains("huruf kecil", badCode.Errors[nameof(CatalogEntryForm.Code)][0]);
        Assert.Equal("Nama wajib diisi.", badCode.Errors[nameof(CatalogEntryForm.Name)][0]);
        Assert.Contains("0 sampai 999", badCode.Errors[nameof(CatalogEntryForm.SortOrder)][0]);
        Assert.Equal("Kode stunting sudah dipakai indikator lain.", takenCode.Errors[nameof(CatalogEntryForm.Code)][0]);
        Assert.Equal("Nama ini sudah dipakai indikator lain.", takenName.Errors[nameof(CatalogEntryForm.Name)][0]);
        Assert.Equal("Kode SSGI sudah dipakai sumber lain.", sourceNoKind.Errors[nameof(CatalogEntryForm.Code)][0]);
        Assert.Equal(Texts.TooLong(DataSource.NameMaxLength), sourceNoKind.Errors[nameof(CatalogEntryForm.Name)][0]);
        Assert.Contains("Pilih jenis sumber", sourceNoKind.Errors[nameof(CatalogEntryForm.Kind)][0]);
        await using var db = fixture.CreateContext();
        Assert.False(await db.Indicators.AnyAsync(i => i.Code == "pendek" || i.Name == "Stunting versi lain"));
    }

    [Fact]
    public async Task Update_RenamesButKeepsTheCode_AndTheKindOnlyWhileNoFigureExists()
    {
        var sistem = await fixture.ActorAsync("admin.sistem");
        var ssgi = (await Catalog.GetAsync(sistem)).Sources.Single(s => s.Code == "SSGI");
        var ssgbi = (await Catalog.GetAsync(sistem)).Sources.Single(s => s.Code == "SSGBI"); // no figure in the demo (SKI has Sulawesi Selatan's 2023)
        var form = (await Catalog.GetAsync(sistem)).Sources.Single(s => s.Code == DataSource.CamatForms);

        var ssgiToRoutine = await Catalog.SaveSourceAsync(sistem, "SSGI", Form(ssgi, SourceKind.Routine));
        var formToSurvey = await Catalog.SaveSourceAsync(sistem, DataSource.CamatForms, Form(form, SourceKind.Survey));
        var renamed = await Catalog.SaveSourceAsync(sistem, "SSGBI", new CatalogEntryForm
        {
            Code = "IGNORED", Name = "SSGBI (Studi Status Gizi Balita Indonesia)", Kind = SourceKind.Routine, SortOrder = ssgbi.SortOrder, Version = ssgbi.Version,
        });

        Assert.Contains("sudah ada 7 angka dari sumber ini, dicatat per tahun", ssgiToRoutine.Errors[nameof(CatalogEntryForm.Kind)][0]);
        Assert.Contains("selalu pengukuran rutin", formToSurvey.Errors[nameof(CatalogEntryForm.Kind)][0]);
        Assert.True(renamed.Succeeded, renamed.Summary);
        await using var db = fixture.CreateContext();
        var stored = await db.DataSources.SingleAsync(s => s.Code == "SSGBI");
        Assert.Equal("SSGBI (Studi Status Gizi Balita Indonesia)", stored.Name);
        Assert.Equal(SourceKind.Routine, stored.Kind);
        Assert.True(stored.IsMonthly);
        Assert.False(await db.DataSources.AnyAsync(s => s.Code == "IGNORED"));
        Assert.Equal(SourceKind.Survey, (await db.DataSources.SingleAsync(s => s.Code == "SSGI")).Kind);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsAConflict_AndKeepsTheOtherPersonsChange()
    {
        var sistem = await fixture.ActorAsync("admin.sistem");
        var overweight = (await Catalog.GetAsync(sistem)).Indicators.Single(i => i.Code == "overweight");

        var first = await Catalog.SaveIndicatorAsync(sistem, "overweight", new CatalogEntryForm { Name = "Overweight (berat badan lebih)", SortOrder = 4, Version = overweight.Version });
        var second = await Catalog.SaveIndicatorAsync(sistem, "overweight", new CatalogEntryForm { Name = "Gizi lebih", SortOrder = 4, Version = overweight.Version });

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, second.Summary);
        await using var db = fixture.CreateContext();
        Assert.Equal("Overweight (berat badan lebih)", (await db.Indicators.SingleAsync(i => i.Code == "overweight")).Name);
    }

    [Fact]
    public async Task Delete_RefusesWhatIsInUseOrCountedByTheForms_AndRemovesAnUnusedEntry()
    {
        var sistem = await fixture.ActorAsync("admin.sistem");
        await Catalog.SaveIndicatorAsync(sistem, null, new CatalogEntryForm { Code = "bblr", Name = "Berat badan lahir rendah" });
        var catalog = await Catalog.GetAsync(sistem);
        uint Version(string code) => catalog.Indicators.Concat<object>(catalog.Sources).Select(e => e switch
        {
            IndicatorEntry i when i.Code == code => i.Version,
            SourceEntry s when s.Code == code => s.Version,
            _ => (uint?)null,
        }).OfType<uint>().Single();

        var stunting = await Catalog.DeleteIndicatorAsync(sistem, "stunting", Version("stunting"));
        var wasting = await Catalog.DeleteIndicatorAsync(sistem, "wasting", Version("wasting"));
        var ssgi = await Catalog.DeleteSourceAsync(sistem, "SSGI", Version("SSGI"));
        var forms = await Catalog.DeleteSourceAsync(sistem, DataSource.CamatForms, Version(DataSource.CamatForms));
        var bblr = await Catalog.DeleteIndicatorAsync(sistem, "bblr", Version("bblr"));
        var riskesdas = await Catalog.DeleteSourceAsync(sistem, "RISKESDAS", Version("RISKESDAS"));

        Assert.Contains("dihitung dari formulir kecamatan", stunting.Summary);
        Assert.Contains("dihitung dari formulir kecamatan", wasting.Summary);
        Assert.Contains("dipakai oleh 7 angka prevalensi dan 2 jalur target", ssgi.Summary); // the district's path and the province's
        Assert.Contains("formulir kecamatan yang disetujui", forms.Summary);
        Assert.True(bblr.Succeeded, bblr.Summary);
        Assert.True(riskesdas.Succeeded, riskesdas.Summary);
        await using var db = fixture.CreateContext();
        Assert.True(await db.Indicators.AnyAsync(i => i.Code == "stunting"));
        Assert.True(await db.DataSources.AnyAsync(s => s.Code == "SSGI"));
        Assert.False(await db.Indicators.AnyAsync(i => i.Code == "bblr"));
        Assert.False(await db.DataSources.AnyAsync(s => s.Code == "RISKESDAS"));
    }

    [Theory]
    [InlineData("admin.lutim")]
    [InlineData("pimpinan.lutim")]
    [InlineData("pemantau.sulsel")]
    [InlineData("camat.malili")]
    public async Task OthersThanAdminSistem_ReadTheLists_ButCannotChangeThem(string userName)
    {
        var actor = await fixture.ActorAsync(userName);

        var catalog = await Catalog.GetAsync(actor);

        Assert.Contains(catalog.Indicators, i => i.Code == "stunting");
        Assert.False(Catalog.CanManage(actor));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalog.SaveIndicatorAsync(actor, null, new CatalogEntryForm { Code = "baru", Name = "Baru" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalog.SaveSourceAsync(actor, "SSGI", new CatalogEntryForm { Name = "X", Kind = SourceKind.Survey }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalog.DeleteSourceAsync(actor, "SKI", 0));
        await using var db = fixture.CreateContext();
        Assert.False(await db.Indicators.AnyAsync(i => i.Code == "baru"));
    }

    [Fact]
    public async Task OperatorOpd_DoesNotReadTheLists()
    {
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalog.GetAsync(opd));
    }

    private static CatalogEntryForm Form(SourceEntry s, SourceKind kind) =>
        new() { Code = s.Code, Name = s.Name, Kind = kind, SortOrder = s.SortOrder, Version = s.Version };
}
