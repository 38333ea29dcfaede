using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Data;

/// <summary>
/// Demo data (demo mode only): Sulawesi Selatan with Luwu Timur and Soppeng, the agencies named in the two
/// seed articles, and one account per role. Idempotent: it only adds what is missing, so a second run keeps
/// whatever people entered or changed.
/// </summary>
public sealed partial class DemoSeeder(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string ExampleVillageSuffix = "(contoh)";

    public static readonly IReadOnlyList<(string Code, string Name)> Regions =
    [
        ("73", "Sulawesi Selatan"),
        ("73.24", "Kabupaten Luwu Timur"),
        ("73.24.01", "Mangkutana"), ("73.24.02", "Nuha"), ("73.24.03", "Towuti"), ("73.24.04", "Malili"),
        ("73.24.05", "Angkona"), ("73.24.06", "Wotu"), ("73.24.07", "Burau"), ("73.24.08", "Tomoni"),
        ("73.24.09", "Tomoni Timur"), ("73.24.10", "Kalaena"), ("73.24.11", "Wasuponda"),
        ("73.12", "Kabupaten Soppeng"),
        ("73.12.01", "Marioriwawo"), ("73.12.02", "Liliriaja"), ("73.12.03", "Lilirilau"), ("73.12.04", "Lalabata"),
        ("73.12.05", "Marioriawa"), ("73.12.06", "Donri-Donri"), ("73.12.07", "Ganra"), ("73.12.08", "Citta"),
    ];

    /// <summary>The demo integration account (no password; API tokens only).</summary>
    public const string DemoIntegrationAccount = "integrasi.dhis2.sulsel";

    /// <summary>The demo accounts: user name, full name, role, region, agency short name.</summary>
    public static readonly IReadOnlyList<(string UserName, string FullName, Role Role, string? Region, string? Agency)> Accounts =
    [
        ("admin.sistem", "Admin Sistem (demo)", Role.AdminSistem, null, null),
        ("admin.lutim", "Admin Sekretariat TPPS Luwu Timur (demo)", Role.AdminSekretariat, "73.24", null),
        ("admin.soppeng", "Admin Sekretariat TPPS Soppeng (demo)", Role.AdminSekretariat, "73.12", null),
        ("pimpinan.lutim", "Pimpinan TPPS Luwu Timur (demo)", Role.Pimpinan, "73.24", null),
        ("camat.malili", "Camat Malili (demo)", Role.OperatorKecamatan, "73.24.04", null),
        ("camat.lalabata", "Camat Lalabata (demo)", Role.OperatorKecamatan, "73.12.04", null),
        ("opd.dp2kb.lutim", "Operator DP2KB Luwu Timur (demo)", Role.OperatorOpd, "73.24", "DP2KB"),
        ("pemantau.sulsel", "Pemantau Provinsi Sulawesi Selatan (demo)", Role.PemantauProvinsi, "73", null),
        ("pemantau.nasional", "Pemantau Nasional (demo)", Role.PemantauNasional, null, null),
    ];

    private static readonly (string Region, string Name, string Short, AgencyKind Kind)[] AgencyList =
    [
        ("73", "BKKBN Perwakilan Provinsi Sulawesi Selatan", "BKKBN Sulsel", AgencyKind.InstansiVertikal),

        // Luwu Timur: the rakor of 13 February 2024.
        ("73.24", "Sekretariat Daerah Kabupaten Luwu Timur (Asisten, Staf Ahli, Kabag)", "Setda", AgencyKind.Opd),
        ("73.24", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DP2KB", AgencyKind.Opd),
        ("73.24", "Dinas Kesehatan", "Dinkes", AgencyKind.Opd),
        ("73.24", "Badan Perencanaan Pembangunan Daerah", "Bappeda", AgencyKind.Opd),
        ("73.24", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", AgencyKind.Opd),
        ("73.24", "Tim Penggerak PKK Kabupaten Luwu Timur", "TP PKK", AgencyKind.TpPkk),

        // Soppeng: the rakor teknis of 3 December 2024.
        ("73.12", "Sekretariat Daerah Kabupaten Soppeng (Asisten)", "Setda", AgencyKind.Opd),
        ("73.12", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana", "DP3APPKB", AgencyKind.Opd),
        ("73.12", "Dinas Kesehatan", "Dinkes", AgencyKind.Opd),
        ("73.12", "Badan Perencanaan Pembangunan Daerah", "Bappeda", AgencyKind.Opd),
        ("73.12", "RSUD Latemmamala", "RSUD Latemmamala", AgencyKind.RumahSakit),
        ("73.12", "Ikatan Bidan Indonesia Kabupaten Soppeng", "IBI", AgencyKind.OrganisasiProfesi),
        ("73.12", "Badan Pusat Statistik Kabupaten Soppeng", "BPS", AgencyKind.InstansiVertikal),
        ("73.12", "Satgas Stunting Kabupaten Soppeng", "Satgas Stunting", AgencyKind.Lainnya),
        ("73.12", "Akademi Kebidanan Menara Primadani", "Akbid Menara Primadani", AgencyKind.PerguruanTinggi),
        ("73.12", "Akademi Keperawatan Putra Pertiwi", "Akper Putra Pertiwi", AgencyKind.PerguruanTinggi),
        ("73.12", "Tim Ahli Pendamping Desa", "TAPD", AgencyKind.TimAhli),
        ("73.12", "Tim Penggerak PKK Kabupaten Soppeng", "TP PKK", AgencyKind.TpPkk),
    ];

    public async Task SeedAsync(string demoPassword, CancellationToken ct = default)
    {
        // A demo (and every test database) shows the indicators as a migrated production database does.
        await using (var catalogScope = scopes.CreateAsyncScope())
        {
            await catalogScope.ServiceProvider.GetRequiredService<Prevalence.CatalogService>().FixIndicatorNamesAsync(ct);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Regions.Select(r => r.Code).ToHashSetAsync(ct);
        var addedRegions = 0;
        foreach (var (code, name) in Regions.Where(r => !existing.Contains(r.Code)))
        {
            RegionCode.TryParse(code, out var level, out _);
            db.Regions.Add(new Region { Code = code, Name = name, Level = level, ParentCode = RegionCode.ParentOf(code) });
            addedRegions++;
        }
        await db.SaveChangesAsync(ct);

        // Example villages, only for kecamatan that have none (an imported official list takes precedence).
        var kecamatan = Regions.Where(r => r.Code.Count(c => c == '.') == 2).ToList();
        var withVillages = await db.Regions.Where(r => r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan)
            .Select(r => r.ParentCode!).Distinct().ToHashSetAsync(ct);
        foreach (var (code, name) in kecamatan.Where(k => !withVillages.Contains(k.Code)))
        {
            db.Regions.Add(new Region { Code = code + ".1901", Name = $"Kelurahan {name} Contoh {ExampleVillageSuffix}", Level = RegionLevel.Kelurahan, ParentCode = code, IsExample = true });
            for (var i = 1; i <= 3; i++)
            {
                db.Regions.Add(new Region { Code = $"{code}.29{i:00}", Name = $"Desa {name} Contoh {i} {ExampleVillageSuffix}", Level = RegionLevel.Desa, ParentCode = code, IsExample = true });
            }
            addedRegions += 4;
        }
        await db.SaveChangesAsync(ct);

        var agencies = await db.Agencies.Select(a => new { a.RegionCode, a.ShortName }).ToListAsync(ct);
        var known = agencies.Select(a => (a.RegionCode, a.ShortName)).ToHashSet();
        var wanted = AgencyList.Select(a => (a.Region, a.Name, a.Short, a.Kind))
            .Concat(kecamatan.Select(k => (k.Code, $"Kantor Kecamatan {k.Name}", $"Kec. {k.Name}", AgencyKind.KantorKecamatan)));
        var addedAgencies = 0;
        foreach (var (region, name, shortName, kind) in wanted.Where(a => !known.Contains((a.Item1, a.Item3))))
        {
            db.Agencies.Add(new Agency { Name = name, ShortName = shortName, Kind = kind, RegionCode = region });
            addedAgencies++;
        }
        await db.SaveChangesAsync(ct);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var addedUsers = 0;
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }
            int? agencyId = account.Agency is null ? null
                : await db.Agencies.Where(a => a.RegionCode == account.Region && a.ShortName == account.Agency).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            var user = new AppUser
            {
                UserName = account.UserName,
                FullName = account.FullName,
                Role = account.Role,
                RegionCode = account.Region,
                AgencyId = agencyId,
            };
            var created = await users.CreateAsync(user, demoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {account.UserName} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            addedUsers++;
        }

        // An integration account, so that the user list shows one: the province's DHIS2, read-only over Sulawesi Selatan.
        // No password, so it cannot sign in; its tokens are made by Admin Sistem from the user list.
        if (await users.FindByNameAsync(DemoIntegrationAccount) is null)
        {
            var integration = new AppUser
            {
                UserName = DemoIntegrationAccount,
                FullName = "DHIS2 Dinas Kesehatan Provinsi Sulawesi Selatan (demo)",
                Role = Role.PemantauProvinsi,
                RegionCode = "73",
                IsIntegration = true,
            };
            var created = await users.CreateAsync(integration);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo account {DemoIntegrationAccount} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            addedUsers++;
        }

        var addedMeetings = await SeedTeamsAndMeetingsAsync(db, ct);
        var addedReports = await SeedSubmissionsAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date), ct);
        await SeedFiguresAsync(db, ct);
        await SeedDhis2Async(db, ct);
        if (addedReports > 0)
        {
            await Prevalence.FormSummaries.RefreshAllAsync(db, ct);
        }

        logger.LogInformation("Demo data seeded: {Regions} regions, {Agencies} agencies, {Users} accounts, {Meetings} meetings, {Reports} kecamatan reports added",
            addedRegions, addedAgencies, addedUsers, addedMeetings, addedReports);
    }
}
