namespace TppsPortal.Prevalence;

/// <summary>
/// Indonesia's published stunting series (../shared/DOMAIN.md), shown read only beside an area's own figures as a
/// reference. The portal's areas start at the province, so the nation is not an area with stored figures; each
/// value keeps its source and is never drawn into an area's line.
/// </summary>
public static class NationalSeries
{
    public static readonly IReadOnlyList<(string SourceName, int Year, decimal Value)> Stunting =
    [
        ("Riskesdas", 2018, 30.8m),
        ("SSGBI", 2019, 27.67m),
        ("SSGI", 2021, 24.4m),
        ("SSGI", 2022, 21.6m),
        ("SKI", 2023, 21.5m),
        ("SSGI", 2024, 19.8m),
    ];
}
