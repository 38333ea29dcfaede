using Microsoft.EntityFrameworkCore;
using TppsPortal.Dhis2;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Dhis2;

/// <summary>
/// Keeping a district's DHIS2 mapping: UIDs checked with messages next to their fields and nothing saved while one is
/// wrong, two people saving the same mapping do not overwrite each other, and a pasted org unit list is saved all or
/// nothing with every wrong line named.
/// </summary>
public sealed class Dhis2MappingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private Dhis2Service Service => fixture.Get<Dhis2Service>();

    [Fact]
    public async Task DemoMapping_OfLuwuTimur_HasNineFiguresAndAllButTwoVillages()
    {
        var form = await Service.GetMappingAsync(await fixture.ActorAsync("pimpinan.lutim"), "73.24");

        Assert.Equal(11, form.Elements.Count);
        Assert.Equal(9, form.Elements.Count(e => e.DataElement is not null));
        Assert.All(form.Elements.Where(e => e.DataElement is not null), e => Assert.True(Dhis2Ids.IsUid(e.DataElement)));
        Assert.Equal(form.OrgUnits.Count - 2, form.OrgUnits.Count(o => o.OrgUnit is not null));
        Assert.Equal(Dhis2IdScheme.Uid, form.OrgUnitIdScheme);
        Assert.Equal("Admin Sekretariat TPPS Luwu Timur (demo)", form.UpdatedBy);
    }

    [Fact]
    public async Task Save_WithWrongUids_SaysWhichFieldAndWhy_AndSavesNothing()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await Service.GetMappingAsync(admin, "73.24");
        var before = form.Elements.Single(e => e.FigureKey == "pendek").DataElement;
        form.Elements.Single(e => e.FigureKey == "pendek").DataElement = "1abcdefghij";          // a digit first
        form.Elements.Single(e => e.FigureKey == "sangat_pendek").CategoryOptionCombo = "abc";   // too short
        form.Elements.Single(e => e.FigureKey == "baduta").CategoryOptionCombo = "Abcdefghijk";  // combo without an element
        form.DataSet = "Abc-defghij";                                                            // a dash
        var village = form.OrgUnits.First(o => o.OrgUnit is not null);
        village.OrgUnit = "Abcdefghijkl";                                                        // 12 characters
        form.Elements.Single(e => e.FigureKey == "balita_diukur").DataElement = "  ";            // blank: no mapping, fine

        var result = await Service.SaveAsync(admin, "73.24", form);

        Assert.False(result.Succeeded);
        Assert.False(result.IsConflict);
        Assert.Contains("Pendek: data element \"1abcdefghij\" bukan UID DHIS2", result.Errors[Dhis2MappingForm.ElementKey("pendek")].Single());
        Assert.Contains("11 karakter", result.Errors[Dhis2MappingForm.ElementKey("pendek")].Single());
        Assert.Contains("Sangat pendek: category option combo \"abc\"", result.Errors[Dhis2MappingForm.ComboKey("sangat_pendek")].Single());
        Assert.Contains("isi data element lebih dahulu", result.Errors[Dhis2MappingForm.ComboKey("baduta")].Single());
        Assert.Contains("Data set \"Abc-defghij\"", result.Errors[nameof(Dhis2MappingForm.DataSet)].Single());
        Assert.StartsWith($"{village.Name} ({village.RegionCode}): unit organisasi \"Abcdefghijkl\" bukan UID DHIS2", result.Errors[Dhis2MappingForm.OrgUnitKey(village.RegionCode)].Single());
        Assert.False(result.Errors.ContainsKey(Dhis2MappingForm.ElementKey("balita_diukur")));
        // What the person typed is still in the form; nothing reached the database.
        Assert.Equal("1abcdefghij", form.Elements.Single(e => e.FigureKey == "pendek").DataElement);
        await using var db = fixture.CreateContext();
        Assert.Equal(before, await db.Dhis2ElementMaps.Where(m => m.DistrictCode == "73.24" && m.FigureKey == "pendek").Select(m => m.DataElement).SingleAsync());
        Assert.True(await db.Dhis2ElementMaps.AnyAsync(m => m.DistrictCode == "73.24" && m.FigureKey == "balita_diukur"));
    }

    [Fact]
    public async Task Save_TwoPeopleOnTheSameMapping_TheSecondIsAConflict_AndTheFirstStays()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var system = await fixture.ActorAsync("admin.sistem");
        var first = await Service.GetMappingAsync(admin, "73.24");
        var second = await Service.GetMappingAsync(system, "73.24");
        first.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").DataElement = "KekFirst001";
        second.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").DataElement = "KekSecond01";

        var saved = await Service.SaveAsync(admin, "73.24", first);
        var refused = await Service.SaveAsync(system, "73.24", second);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.True(refused.IsConflict);
        Assert.Contains("baru saja diubah oleh pengguna lain", refused.Summary);
        await using (var db = fixture.CreateContext())
        {
            Assert.Equal("KekFirst001", await db.Dhis2ElementMaps.Where(m => m.DistrictCode == "73.24" && m.FigureKey == "ibu_hamil_kek").Select(m => m.DataElement).SingleAsync());
        }
        // The first page saves again without a conflict (it got the new versions); a reloaded second page too.
        first.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").CategoryOptionCombo = "CocFirst001";
        Assert.True((await Service.SaveAsync(admin, "73.24", first)).Succeeded);
        var reloaded = await Service.GetMappingAsync(system, "73.24");
        Assert.Equal("CocFirst001", reloaded.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").CategoryOptionCombo);
        reloaded.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").DataElement = null;
        reloaded.Elements.Single(e => e.FigureKey == "ibu_hamil_kek").CategoryOptionCombo = null;
        Assert.True((await Service.SaveAsync(system, "73.24", reloaded)).Succeeded);
    }

    [Fact]
    public async Task Save_ASettingsChangeMeanwhile_IsAConflict()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var stale = await Service.GetMappingAsync(admin, "73.24");
        var fresh = await Service.GetMappingAsync(admin, "73.24");
        fresh.AttributeOptionCombo = "Aoc12345678";
        Assert.True((await Service.SaveAsync(admin, "73.24", fresh)).Succeeded);

        stale.DataSet = "Other123456";
        var refused = await Service.SaveAsync(admin, "73.24", stale);

        Assert.True(refused.IsConflict);
        await using var db = fixture.CreateContext();
        var settings = await db.Dhis2Settings.SingleAsync(s => s.DistrictCode == "73.24");
        Assert.Equal("Aoc12345678", settings.AttributeOptionCombo);
        Assert.NotEqual("Other123456", settings.DataSet);
        fresh.AttributeOptionCombo = null;
        Assert.True((await Service.SaveAsync(admin, "73.24", fresh)).Succeeded);
    }

    [Fact]
    public async Task Import_WithWrongLines_SavesNothing_AndNamesEveryWrongLine()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await Service.GetMappingAsync(admin, "73.24");
        var villages = form.OrgUnits.Where(o => o.KecamatanCode == "73.24.03").ToList();
        var taken = form.OrgUnits.First(o => o.KecamatanCode == "73.24.01" && o.OrgUnit is not null);
        var text = string.Join("\n",
            "kode;unit organisasi",
            $"{villages[0].RegionCode};Impor000001",
            $"{villages[1].RegionCode};bukan-uid",
            "73.24.03;Impor000003",
            "73.12.01.2001;Impor000004",
            $"{villages[0].RegionCode};Impor000005",
            $"{villages[2].RegionCode};{taken.OrgUnit}",
            "73.24.99.9;Impor000007",
            "satu kolom saja");

        var result = await Service.ImportOrgUnitsAsync(admin, "73.24", text);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 3:", StringComparison.Ordinal) && e.Contains("\"bukan-uid\" bukan UID DHIS2"));
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 4:", StringComparison.Ordinal) && e.Contains("bukan desa/kelurahan"));
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 5:", StringComparison.Ordinal) && e.Contains("tidak ada di kabupaten/kota ini"));
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 6:", StringComparison.Ordinal) && e.Contains("sudah ada di baris 2"));
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 8:", StringComparison.Ordinal) && e.Contains("tidak sah"));
        Assert.Contains(result.Errors, e => e.StartsWith("Baris 9:", StringComparison.Ordinal) && e.Contains("dua kolom"));
        await using (var db = fixture.CreateContext())
        {
            Assert.False(await db.Dhis2OrgUnitMaps.AnyAsync(m => m.OrgUnit.StartsWith("Impor")));
        }

        // The same org unit for two villages would add them together in DHIS2: refused, naming both.
        var shared = await Service.ImportOrgUnitsAsync(admin, "73.24", $"{villages[2].RegionCode};{taken.OrgUnit}");
        Assert.False(shared.Succeeded);
        Assert.Contains(shared.Errors, e => e.Contains(taken.Name) && e.Contains(villages[2].Name) && e.Contains("lebih dari satu desa/kelurahan"));

        // Corrected, the whole list is saved, a tab-separated paste from a spreadsheet as well.
        var good = await Service.ImportOrgUnitsAsync(admin, "73.24",
            $"{villages[0].RegionCode}\tImpor000001\n{villages[1].RegionCode}\tImpor000002\n{villages[2].RegionCode}\t{villages[2].OrgUnit}\n");
        Assert.True(good.Succeeded, string.Join(" ", good.Errors));
        Assert.Equal(2, good.Added + good.Changed);
        Assert.Equal(1, good.Unchanged);
        var after = await Service.GetMappingAsync(admin, "73.24");
        Assert.Equal("Impor000001", after.OrgUnits.Single(o => o.RegionCode == villages[0].RegionCode).OrgUnit);
        Assert.Equal("Impor000002", after.OrgUnits.Single(o => o.RegionCode == villages[1].RegionCode).OrgUnit);
    }

    [Fact]
    public async Task Import_OfAnotherDistrict_IsRefusedToTheSecretariat()
    {
        await Assert.ThrowsAsync<TppsPortal.Common.AccessDeniedException>(async () =>
            await Service.ImportOrgUnitsAsync(await fixture.ActorAsync("admin.soppeng"), "73.24", "73.24.04.2001;Abcdefghijk"));
        await Assert.ThrowsAsync<TppsPortal.Common.AccessDeniedException>(async () =>
            await Service.SaveAsync(await fixture.ActorAsync("camat.malili"), "73.24", new Dhis2MappingForm()));
    }
}
