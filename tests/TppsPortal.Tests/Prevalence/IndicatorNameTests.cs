using Microsoft.EntityFrameworkCore;
using TppsPortal.Prevalence;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Prevalence;

/// <summary>Indicators are named in Indonesian first ("Gizi kurang (wasting)"), in a database the first migration made too.</summary>
public sealed class IndicatorNameTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Indicators_AfterSeeding_AreNamedIndonesianFirst()
    {
        await using var db = fixture.CreateContext();
        var names = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Name);

        Assert.Equal("Gizi kurang (wasting)", names["wasting"]);
        Assert.Equal("Berat badan kurang (underweight)", names["underweight"]);
        Assert.Equal("Gizi lebih (overweight)", names["overweight"]);
        Assert.Equal("Stunting (pendek dan sangat pendek)", names["stunting"]);
    }

    [Fact]
    public async Task FixIndicatorNames_RenamesTheMigrationsEnglishName_AndKeepsANameAnAdminChose()
    {
        await using var db = fixture.CreateContext();
        await db.Indicators.Where(i => i.Code == "wasting").ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, "Wasting (gizi kurang)"));
        await db.Indicators.Where(i => i.Code == "underweight").ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, "BB kurang menurut umur"));

        var changed = await fixture.Get<CatalogService>().FixIndicatorNamesAsync();
        var again = await fixture.Get<CatalogService>().FixIndicatorNamesAsync();
        var names = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Name);
        // The other test of this class reads the seeded names.
        await db.Indicators.Where(i => i.Code == "underweight").ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, "Berat badan kurang (underweight)"));

        Assert.Equal(1, changed);
        Assert.Equal(0, again);
        Assert.Equal("Gizi kurang (wasting)", names["wasting"]);
        Assert.Equal("BB kurang menurut umur", names["underweight"]);
    }
}
