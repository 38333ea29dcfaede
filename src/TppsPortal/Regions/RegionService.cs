using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Data;

namespace TppsPortal.Regions;

/// <summary>A region as the area browser shows it.</summary>
public sealed record RegionNode(string Code, string Name, RegionLevel Level, string? ParentCode, int ChildCount, bool IsExample);

/// <summary>One place in the tree: the region, the path to it and its children.</summary>
public sealed record RegionView(RegionNode? Region, IReadOnlyList<RegionNode> Path, IReadOnlyList<RegionNode> Children);

/// <summary>Reads the region tree, always filtered by <see cref="AccessPolicy"/>.</summary>
public sealed class RegionService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access)
{
    public const int SearchLimit = 50;

    /// <summary>
    /// A region with its path and children. Without a code: the actor's starting point (the provinces for
    /// Admin Sistem, the actor's own region otherwise).
    /// </summary>
    public async Task<RegionView> BrowseAsync(Actor actor, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        code ??= actor.RegionCode;
        if (code is null)
        {
            var provinces = await Nodes(db, db.Regions.Where(r => r.ParentCode == null)).ToListAsync(ct);
            return new RegionView(null, [], provinces);
        }

        access.DemandSeeRegion(actor, code);
        var region = await Nodes(db, db.Regions.Where(r => r.Code == code)).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return new RegionView(null, [], []);
        }

        var ancestors = RegionCode.AncestorsOf(code);
        var path = await Nodes(db, db.Regions.Where(r => ancestors.Contains(r.Code))).ToListAsync(ct);
        // Children of a region above the actor's scope are not the actor's to list (a camat sees Luwu Timur's
        // name, not its other kecamatan).
        IReadOnlyList<RegionNode> children = access.CanReadRegion(actor, code)
            ? await Nodes(db, db.Regions.Where(r => r.ParentCode == code)).ToListAsync(ct)
            : await Nodes(db, access.VisibleRegions(actor, db.Regions).Where(r => r.ParentCode == code)).ToListAsync(ct);
        return new RegionView(region, path.OrderBy(p => p.Code.Length).ToList(), children);
    }

    /// <summary>Regions within the actor's scope whose name contains the term or whose code starts with it.</summary>
    public async Task<IReadOnlyList<RegionNode>> SearchAsync(Actor actor, string term, CancellationToken ct = default)
    {
        term = term.Trim();
        if (term.Length < 2)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = access.VisibleRegions(actor, db.Regions);
        if (actor.RegionCode is { } scope && actor.Role != Role.AdminSistem)
        {
            var below = scope + ".";
            regions = regions.Where(r => r.Code == scope || r.Code.StartsWith(below));
        }
        var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        regions = term.All(c => char.IsAsciiDigit(c) || c == '.')
            ? regions.Where(r => r.Code.StartsWith(term))
            : regions.Where(r => EF.Functions.ILike(r.Name, pattern));
        return await Nodes(db, regions.OrderBy(r => r.Level).ThenBy(r => r.Code).Take(SearchLimit)).ToListAsync(ct);
    }

    /// <summary>Regions of one level within the actor's scope, for pickers (a user's scope, an agency's region).</summary>
    public async Task<IReadOnlyList<RegionNode>> ListAsync(Actor actor, RegionLevel level, string? within = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = access.VisibleRegions(actor, db.Regions).Where(r => r.Level == level);
        if (within is not null)
        {
            var below = within + ".";
            regions = regions.Where(r => r.Code.StartsWith(below));
        }
        return await Nodes(db, regions.OrderBy(r => r.Code)).ToListAsync(ct);
    }

    /// <summary>The names of the given codes that the actor may see.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(Actor actor, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().Where(c => access.CanSeeRegion(actor, c)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.CountAsync(ct);
    }

    private static IQueryable<RegionNode> Nodes(AppDbContext db, IQueryable<Region> regions) =>
        regions.OrderBy(r => r.Code).Select(r => new RegionNode(
            r.Code, r.Name, r.Level, r.ParentCode,
            db.Regions.Count(c => c.ParentCode == r.Code), // from the parent_code index
            r.IsExample));
}
