using TppsPortal.Dhis2;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Dhis2;

/// <summary>
/// A province whose DHIS2 names org units by code: the district switches the scheme, enters codes, and the export
/// carries the codes and says orgUnitIdScheme CODE (in the JSON, which DHIS2 reads, and in the report).
/// Its own class: it changes the district's scheme for everything after it.
/// </summary>
public sealed class Dhis2CodeSchemeTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private Dhis2Service Service => fixture.Get<Dhis2Service>();

    [Fact]
    public async Task CodeScheme_ExportsOrgUnitCodes_AndSaysSoInTheFile()
    {
        var (year, month, period) = await Dhis2TestData.NovemberAsync(fixture);
        var rows = await Dhis2TestData.ApprovedRowsAsync(fixture, year, month);
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = await Service.GetMappingAsync(admin, "73.24");
        form.OrgUnitIdScheme = Dhis2IdScheme.Code;
        foreach (var village in form.OrgUnits.Where(o => o.OrgUnit is not null))
        {
            village.OrgUnit = "LUTIM-" + village.RegionCode.Replace(".", "", StringComparison.Ordinal);
        }
        var tooLong = form.OrgUnits.First(o => o.OrgUnit is not null);
        tooLong.OrgUnit = new string('K', 51);

        var refused = await Service.SaveAsync(admin, "73.24", form);
        Assert.Contains("1 sampai 50 karakter", refused.Errors[Dhis2MappingForm.OrgUnitKey(tooLong.RegionCode)].Single());
        tooLong.OrgUnit = "LUTIM-" + tooLong.RegionCode.Replace(".", "", StringComparison.Ordinal);
        var saved = await Service.SaveAsync(admin, "73.24", form);
        Assert.True(saved.Succeeded, saved.Summary);

        var export = (await Service.ExportAsync(admin, "73.24", period)).Value!;

        Assert.Equal("CODE", export.DataValueSet.OrgUnitIdScheme);
        Assert.Equal("CODE", export.Report.OrgUnitIdScheme);
        Assert.NotEmpty(export.DataValueSet.DataValues);
        var mappedVillages = rows.Select(r => r.VillageCode).Where(c => form.OrgUnits.Any(o => o.RegionCode == c && o.OrgUnit is not null))
            .Select(c => "LUTIM-" + c.Replace(".", "", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(mappedVillages, export.DataValueSet.DataValues.Select(v => v.OrgUnit).ToHashSet());
        var json = Dhis2Json.Serialize(export.DataValueSet);
        Assert.Contains("\"orgUnitIdScheme\":\"CODE\"", json);
        Assert.Empty((await Dhis2TestData.SchemaAsync()).Validate(json));

        // Back to UIDs: the codes stored do not fit, and the message says so instead of exporting them as UIDs.
        form.OrgUnitIdScheme = Dhis2IdScheme.Uid;
        var back = await Service.SaveAsync(admin, "73.24", form);
        Assert.False(back.Succeeded);
        Assert.Contains("bukan UID DHIS2", back.Summary);
    }
}
