using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Dhis2;
using TppsPortal.Submissions;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Dhis2;

/// <summary>
/// The export of Luwu Timur's approved November forms with the demo mapping: one value per mapped figure and village
/// with a value, DHIS2's period, the unmapped figures and villages reported with their counts, the JSON valid against
/// the dataValueSets shape DHIS2 documents, DHIS2's CSV columns, and who may read it.
/// </summary>
public sealed class Dhis2ExportTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private Dhis2Service Service => fixture.Get<Dhis2Service>();

    [Fact]
    public async Task Export_LuwuTimurNovember_HasOneValuePerMappedFigureAndVillageWithAValue()
    {
        var (year, month, period) = await Dhis2TestData.NovemberAsync(fixture);
        var rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        await using var db = fixture.CreateContext();
        var elements = await db.Dhis2ElementMaps.Where(m => m.DistrictCode == "73.24").ToDictionaryAsync(m => m.FigureKey, m => m.DataElement);
        var units = await db.Dhis2OrgUnitMaps.Where(m => m.DistrictCode == "73.24").ToDictionaryAsync(m => m.RegionCode, m => m.OrgUnit);
        var expected = rows
            .Where(r => units.ContainsKey(r.VillageCode))
            .SelectMany(r => FigureInfo.All.Where(f => elements.ContainsKey(f.Key()) && r.Values.Get(f) is not null)
                .Select(f => (elements[f.Key()], units[r.VillageCode], r.Values.Get(f)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToHashSet();
        Assert.NotEmpty(rows);
        Assert.True(expected.Count > 100, $"Only {expected.Count} values expected: the demo should have a few approved kecamatan in November.");

        var export = await Service.ExportAsync(await fixture.ActorAsync("admin.lutim"), "73.24", period);

        Assert.True(export.Succeeded, export.Outcome.Summary);
        var set = export.Value!.DataValueSet;
        Assert.Equal(expected.Count, set.DataValues.Count);
        Assert.Equal(expected, set.DataValues.Select(v => (v.DataElement, v.OrgUnit, v.Value)).ToHashSet());
        Assert.Equal($"{year}11", set.Period);
        Assert.All(set.DataValues, v => Assert.Equal($"{year}11", v.Period));
        Assert.All(set.DataValues, v => Assert.Matches("^[a-zA-Z][a-zA-Z0-9]{10}$", v.OrgUnit));
        Assert.Null(set.OrgUnitIdScheme);
        Assert.Equal(set.DataValues.Count, export.Value.Report.ValuesExported);
        // One value per figure and village: no pair twice.
        Assert.Equal(set.DataValues.Count, set.DataValues.Select(v => (v.DataElement, v.OrgUnit)).Distinct().Count());
    }

    [Fact]
    public async Task Export_ANullFigure_IsNotAValue_AndIsNotCountedAsMissing()
    {
        var (year, month, period) = await Dhis2TestData.NovemberAsync(fixture);
        var rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        await using var db = fixture.CreateContext();
        var units = await db.Dhis2OrgUnitMaps.Where(m => m.DistrictCode == "73.24").Select(m => m.RegionCode).ToListAsync();
        var row = rows.Where(r => units.Contains(r.VillageCode) && r.Families is not null).OrderBy(r => r.VillageCode).First();
        var admin = await fixture.ActorAsync("admin.lutim");
        var before = (await Service.ExportAsync(admin, "73.24", period)).Value!;

        // An approved row with an empty figure (imported forms may leave optional figures empty).
        await db.VillageRows.Where(v => v.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Families, (int?)null));
        var after = (await Service.ExportAsync(admin, "73.24", period)).Value!;

        var familiesElement = await db.Dhis2ElementMaps.Where(m => m.DistrictCode == "73.24" && m.FigureKey == "jumlah_keluarga").Select(m => m.DataElement).SingleAsync();
        var unit = await db.Dhis2OrgUnitMaps.Where(m => m.RegionCode == row.VillageCode).Select(m => m.OrgUnit).SingleAsync();
        Assert.Contains(before.DataValueSet.DataValues, v => v.DataElement == familiesElement && v.OrgUnit == unit);
        Assert.DoesNotContain(after.DataValueSet.DataValues, v => v.DataElement == familiesElement && v.OrgUnit == unit);
        Assert.Equal(before.Report.ValuesExported - 1, after.Report.ValuesExported);
        Assert.Equal(before.Report.ValuesNotExported, after.Report.ValuesNotExported);
        await db.VillageRows.Where(v => v.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Families, row.Families));
    }

    [Fact]
    public async Task Export_ListsUnmappedFiguresAndVillages_WithTheValuesNotExported()
    {
        var (year, month, period) = await Dhis2TestData.NovemberAsync(fixture);
        var admin = await fixture.ActorAsync("admin.lutim");
        // Take the org unit away from one village of an approved form, through the mapping as a person would.
        var rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        var form = await Service.GetMappingAsync(admin, "73.24");
        var village = form.OrgUnits.First(o => o.OrgUnit is not null && rows.Any(r => r.VillageCode == o.RegionCode));
        village.OrgUnit = null;
        var saved = await Service.SaveAsync(admin, "73.24", form);
        Assert.True(saved.Succeeded, saved.Summary);
        rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        await using var db = fixture.CreateContext();
        var mapped = await db.Dhis2OrgUnitMaps.Where(m => m.DistrictCode == "73.24").Select(m => m.RegionCode).ToHashSetAsync();

        var report = (await Service.ExportAsync(admin, "73.24", period)).Value!.Report;

        // The demo leaves two figures without a data element: every value of them is counted.
        Assert.Equal(DemoSeeder.DemoDhis2UnmappedFigures.Order(), report.UnmappedFigures.Select(f => f.FigureKey).Order());
        Assert.Equal(rows.Count(r => r.PregnantKek is not null), report.UnmappedFigures.Single(f => f.FigureKey == "ibu_hamil_kek").ValuesNotExported);
        Assert.Equal(rows.Count(r => r.UnderTwo is not null), report.UnmappedFigures.Single(f => f.FigureKey == "baduta").ValuesNotExported);
        Assert.Equal("Ibu hamil KEK", report.UnmappedFigures.Single(f => f.FigureKey == "ibu_hamil_kek").Label);
        // Every village of an approved form without an org unit, with all of its values.
        var expectedVillages = rows.Where(r => !mapped.Contains(r.VillageCode)).ToDictionary(r => r.VillageCode, r => FigureInfo.All.Count(f => r.Values.Get(f) is not null));
        Assert.Contains(village.RegionCode, expectedVillages.Keys);
        Assert.Equal(expectedVillages, report.UnmappedVillages.ToDictionary(v => v.RegionCode, v => v.ValuesNotExported));
        var missing = report.UnmappedVillages.Single(v => v.RegionCode == village.RegionCode);
        Assert.Equal(village.Name, missing.Name);
        Assert.Equal(village.KecamatanName, missing.KecamatanName);
        // Not exported: a value whose figure or village has no mapping, each counted once.
        var all = rows.Sum(r => FigureInfo.All.Count(f => r.Values.Get(f) is not null));
        Assert.Equal(all, report.ValuesExported + report.ValuesNotExported);
        Assert.False(report.Complete);
        Assert.Equal(rows.Select(r => r.ReportId).Distinct().Count(), report.ApprovedForms);
        // Kecamatan without an approved form are named too.
        var approvedKecamatan = await db.KecamatanReports.Where(r => r.Status == ReportStatus.Disetujui && r.Period!.DistrictCode == "73.24" && r.Period.Year == year && r.Period.Month == month)
            .Select(r => r.KecamatanCode).ToListAsync();
        Assert.Equal(11 - approvedKecamatan.Count, report.KecamatanWithoutApproval.Count);
        Assert.DoesNotContain(report.KecamatanWithoutApproval, k => approvedKecamatan.Contains(k.Code));
    }

    [Fact]
    public async Task Export_OfOneKecamatan_HoldsOnlyItsVillages()
    {
        var (year, month, period) = await Dhis2TestData.NovemberAsync(fixture);
        var rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        var kecamatan = rows.Select(r => r.VillageCode[..8]).Order(StringComparer.Ordinal).First();
        await using var db = fixture.CreateContext();
        var units = await db.Dhis2OrgUnitMaps.Where(m => m.RegionCode.StartsWith(kecamatan + ".")).Select(m => m.OrgUnit).ToHashSetAsync();

        var export = (await Service.ExportAsync(await fixture.ActorAsync("admin.lutim"), "73.24", period, kecamatan)).Value!;

        Assert.NotEmpty(export.DataValueSet.DataValues);
        Assert.All(export.DataValueSet.DataValues, v => Assert.Contains(v.OrgUnit, units));
        Assert.Equal(1, export.Report.ApprovedForms);
        Assert.Empty(export.Report.KecamatanWithoutApproval);
    }

    [Fact]
    public async Task Json_ValidatesAgainstTheDataValueSetShapeDhis2Documents_AndABrokenOneDoesNot()
    {
        var (_, _, period) = await Dhis2TestData.NovemberAsync(fixture);
        var schema = await Dhis2TestData.SchemaAsync();
        var export = (await Service.ExportAsync(await fixture.ActorAsync("pemantau.sulsel"), "73.24", period)).Value!;
        var json = Dhis2Json.Serialize(export.DataValueSet);

        Assert.Empty(schema.Validate(json));
        using var document = JsonDocument.Parse(json);
        var first = document.RootElement.GetProperty("dataValues")[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("value").ValueKind);
        Assert.False(first.TryGetProperty("categoryOptionCombo", out _)); // default combo: left out, not null
        Assert.False(document.RootElement.TryGetProperty("report", out _));

        // The schema does catch what DHIS2 would refuse: a number for a value, a period not in DHIS2's monthly form.
        var broken = json.Replace($"\"value\":\"{export.DataValueSet.DataValues[0].Value}\"", $"\"value\":{export.DataValueSet.DataValues[0].Value}", StringComparison.Ordinal)
            .Replace($"\"period\":\"{export.DataValueSet.Period}\"", "\"period\":\"2026-11\"", StringComparison.Ordinal);
        var errors = string.Join("\n", schema.Validate(broken).Select(e => e.ToString())); // nested: dataValues[0] holds its own errors
        Assert.Contains("StringExpected: #/dataValues[0].value", errors);
        Assert.Contains("PatternMismatch: #/period", errors);
        Assert.Contains("PatternMismatch: #/dataValues[0].period", errors);
    }

    [Fact]
    public async Task Csv_HasDhis2sColumnsInItsOrder_AndOneQuotedLinePerValue()
    {
        var (_, _, period) = await Dhis2TestData.NovemberAsync(fixture);
        var set = (await Service.ExportAsync(await fixture.ActorAsync("admin.lutim"), "73.24", period)).Value!.DataValueSet;

        var lines = Dhis2Service.ToCsv(set).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("\"dataelement\",\"period\",\"orgunit\",\"categoryoptioncombo\",\"attributeoptioncombo\",\"value\",\"storedby\",\"lastupdated\",\"comment\",\"followup\"", lines[0]);
        Assert.Equal(set.DataValues.Count + 1, lines.Length);
        for (var i = 0; i < set.DataValues.Count; i++)
        {
            var v = set.DataValues[i];
            var cells = lines[i + 1].Split(',');
            Assert.Equal(10, cells.Length);
            Assert.Equal($"\"{v.DataElement}\"", cells[0]);
            Assert.Equal($"\"{v.Period}\"", cells[1]);
            Assert.Equal($"\"{v.OrgUnit}\"", cells[2]);
            Assert.Equal("", cells[3]);
            Assert.Equal($"\"{v.Value}\"", cells[5]);
            Assert.Matches("^\"[0-9]+\"$", cells[5]);
        }
    }

    [Theory]
    [InlineData("camat.malili")]
    [InlineData("admin.soppeng")]
    [InlineData("opd.dp2kb.lutim")]
    public async Task ExportAndMapping_AreRefused_OutsideTheDistrictsReaders(string userName)
    {
        var actor = await fixture.ActorAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ExportAsync(actor, "73.24", "2026-11"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetMappingAsync(actor, "73.24"));
    }

    [Theory]
    [InlineData("pemantau.sulsel")]
    [InlineData("pimpinan.lutim")]
    public async Task ProvinceMonitorAndPimpinan_ReadTheExport_ButCannotChangeTheMapping(string userName)
    {
        var (_, _, period) = await Dhis2TestData.NovemberAsync(fixture);
        var actor = await fixture.ActorAsync(userName);

        var export = await Service.ExportAsync(actor, "73.24", period);
        var form = await Service.GetMappingAsync(actor, "73.24");

        Assert.True(export.Succeeded);
        Assert.NotEmpty(export.Value!.DataValueSet.DataValues);
        Assert.False(Service.CanManage(actor, "73.24"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(actor, "73.24", form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ImportOrgUnitsAsync(actor, "73.24", "73.24.04.2001;Abcdefghijk"));
    }

    [Theory]
    [InlineData("2026-13", "period")]
    [InlineData("November", "period")]
    [InlineData("", "period")]
    public async Task Export_WithAWrongPeriod_SaysWhatIsWrong(string period, string field)
    {
        var result = await Service.ExportAsync(await fixture.ActorAsync("admin.lutim"), "73.24", period);

        Assert.False(result.Succeeded);
        Assert.Contains("contoh 2026-11", result.Outcome.Errors[field].Single());
    }
}
