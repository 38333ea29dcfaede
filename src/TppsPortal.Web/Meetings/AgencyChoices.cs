using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Web.Meetings;

/// <summary>
/// The agencies a district's meeting or team can name: the district's own (its kecamatan offices included)
/// and the province's (e.g. BKKBN Perwakilan Provinsi), as far as the actor may read them. Inactive agencies
/// are kept for the names of old records but are not offered for new ones.
/// </summary>
public sealed class AgencyChoices
{
    private readonly Dictionary<int, AgencyRow> _byId;

    public AgencyChoices(IEnumerable<AgencyRow> agencies)
    {
        All = agencies.DistinctBy(a => a.Id).ToList();
        _byId = All.ToDictionary(a => a.Id);
    }

    public static AgencyChoices Empty { get; } = new([]);

    public IReadOnlyList<AgencyRow> All { get; }

    /// <summary>Active agencies, and the one already chosen even if it has been deactivated since.</summary>
    public IEnumerable<AgencyRow> Offered(int? chosen = null) => All.Where(a => a.IsActive || a.Id == chosen);

    public string NameOf(int id) => _byId.TryGetValue(id, out var a) ? a.Name : $"Instansi #{id}";

    public string ShortNameOf(int id) => _byId.TryGetValue(id, out var a) ? a.ShortName : $"#{id}";

    public static async Task<AgencyChoices> LoadAsync(AgencyService agencies, Actor actor, string districtCode, CancellationToken ct = default)
    {
        var district = await agencies.ListAsync(actor, new AgencyQuery(RegionCode: districtCode, IncludeInactive: true, Take: 500), ct);
        var province = RegionCode.ParentOf(districtCode);
        var provincial = province is null
            ? []
            : (await agencies.ListAsync(actor, new AgencyQuery(RegionCode: province, IncludeInactive: true, Take: 500), ct))
                .Items.Where(a => a.RegionCode == province);
        return new AgencyChoices(district.Items.Concat(provincial));
    }
}
