using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Dhis2;
using TppsPortal.Regions;

namespace TppsPortal.Data;

/// <summary>
/// A DHIS2 mapping for Luwu Timur with made-up (but well-formed) UIDs: nine of the eleven figures and every village
/// but two, so that the export's report of unmapped items has something to show. Only added when the district has no
/// DHIS2 settings yet.
/// </summary>
public sealed partial class DemoSeeder
{
    public const string DemoDhis2District = "73.24";

    /// <summary>Figures the demo leaves without a data element on purpose.</summary>
    public static readonly IReadOnlyList<string> DemoDhis2UnmappedFigures = ["ibu_hamil_kek", "baduta"];

    /// <summary>Kecamatan whose last village the demo leaves without an org unit on purpose.</summary>
    public static readonly IReadOnlyList<string> DemoDhis2KecamatanWithGap = ["73.24.02", "73.24.07"];

    private async Task SeedDhis2Async(AppDbContext db, CancellationToken ct)
    {
        if (await db.Dhis2Settings.AnyAsync(s => s.DistrictCode == DemoDhis2District, ct) ||
            !await db.Regions.AnyAsync(r => r.Code == DemoDhis2District, ct))
        {
            return;
        }
        var admin = Accounts.First(a => a.Role == Role.AdminSekretariat && a.Region == DemoDhis2District).FullName;
        var now = clock.GetUtcNow();
        db.Dhis2Settings.Add(new Dhis2Settings
        {
            DistrictCode = DemoDhis2District,
            OrgUnitIdScheme = Dhis2IdScheme.Uid,
            DataSet = DemoUid("dataSet:tpps-bulanan"),
            UpdatedAt = now,
            UpdatedBy = admin,
        });
        foreach (var (_, key, _) in Dhis2Ids.Figures.Where(f => !DemoDhis2UnmappedFigures.Contains(f.Key)))
        {
            db.Dhis2ElementMaps.Add(new Dhis2ElementMap
            {
                DistrictCode = DemoDhis2District,
                FigureKey = key,
                DataElement = DemoUid("dataElement:" + key),
                UpdatedAt = now,
                UpdatedBy = admin,
            });
        }
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Code.StartsWith(DemoDhis2District + ".") && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .Select(r => new { r.Code, r.ParentCode }).ToListAsync(ct);
        var left = villages.Where(v => DemoDhis2KecamatanWithGap.Contains(v.ParentCode))
            .GroupBy(v => v.ParentCode).Select(g => g.Max(v => v.Code)).ToHashSet();
        foreach (var village in villages.Where(v => !left.Contains(v.Code)))
        {
            db.Dhis2OrgUnitMaps.Add(new Dhis2OrgUnitMap
            {
                DistrictCode = DemoDhis2District,
                RegionCode = village.Code,
                OrgUnit = DemoUid("orgUnit:" + village.Code),
                UpdatedAt = now,
                UpdatedBy = admin,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A made-up DHIS2 UID, the same for the same seed: a letter, then ten letters or digits.</summary>
    public static string DemoUid(string seed)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const string alphanumeric = letters + "0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var uid = new StringBuilder(Dhis2Settings.UidLength);
        uid.Append(letters[hash[0] % letters.Length]);
        for (var i = 1; i < Dhis2Settings.UidLength; i++)
        {
            uid.Append(alphanumeric[hash[i] % alphanumeric.Length]);
        }
        return uid.ToString();
    }
}
