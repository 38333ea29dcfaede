using Microsoft.EntityFrameworkCore;
using TppsPortal.Prevalence;

namespace TppsPortal.Data;

/// <summary>The published figures of ../shared/DOMAIN.md with their sources, and Luwu Timur's target path.</summary>
public sealed partial class DemoSeeder
{
    private static readonly (string Region, string Source, int Year, int? Month, decimal Value, string Citation, bool IsExample)[] PublishedFigures =
    [
        ("73", "SSGI", 2021, null, 27.4m, "SSGI 2021", false),
        ("73", "SSGI", 2022, null, 27.2m, "SSGI 2022", false),
        ("73.24", "SSGI", 2021, null, 19.9m, "SSGI 2021", false),
        ("73.24", "SSGI", 2022, null, 22.6m, "SSGI 2022; disebut Wakil Bupati pada rakor 13 Februari 2024", false),
        ("73.12", "SSGI", 2021, null, 25.41m, "SSGI 2021", false),
        ("73.12", "SSGI", 2022, null, 26.9m, "SSGI 2022", false),
        ("73.12", "EPPGBM", 2023, 8, 9.97m, "e-PPGBM, penimbangan Agustus 2023", false),
        ("73.12", "INTERVENSI", 2024, 6, 9.9m, "Intervensi serentak Juni 2024 (1.072 anak)", false),
        // The project's sources name Soppeng's August 2022 weighing but not its value: an example until the official one is entered.
        ("73.12", "EPPGBM", 2022, 8, 11.2m, "Contoh: angka e-PPGBM Agustus 2022 belum tercatat di sumber proyek; ganti dengan angka resmi", true),
    ];

    private static async Task<int> SeedFiguresAsync(AppDbContext db, CancellationToken ct)
    {
        var added = 0;
        foreach (var f in PublishedFigures)
        {
            if (!await db.Regions.AnyAsync(r => r.Code == f.Region, ct) ||
                await db.PrevalenceFigures.AnyAsync(x => x.RegionCode == f.Region && x.IndicatorCode == "stunting" && x.SourceCode == f.Source && x.Year == f.Year && x.Month == f.Month, ct))
            {
                continue;
            }
            db.PrevalenceFigures.Add(new PrevalenceFigure
            {
                RegionCode = f.Region, IndicatorCode = "stunting", SourceCode = f.Source, Year = f.Year, Month = f.Month, Value = f.Value, Citation = f.Citation,
                IsExample = f.IsExample,
            });
            added++;
        }
        if (!await db.TargetPaths.AnyAsync(t => t.RegionCode == "73.24" && t.IndicatorCode == "stunting", ct))
        {
            db.TargetPaths.Add(new TargetPath
            {
                RegionCode = "73.24",
                IndicatorCode = "stunting",
                BaselineSourceCode = "SSGI",
                BaselineYear = 2022,
                BaselineValue = 22.6m,
                Citation = "Target kabupaten: 14,6 % (2023) dan 14 % (2024); rakor TPPS 13 Februari 2024",
                Years = [new TargetYear { Year = 2023, Value = 14.6m }, new TargetYear { Year = 2024, Value = 14.0m }],
            });
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
