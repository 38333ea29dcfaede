using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Data;

namespace TppsPortal.Regions;

/// <summary>A region as the area browser shows it.</summary>
/// <remarks>
/// <see cref="ChildCount"/> counts only the children the actor may see, so a region above the actor's scope
/// does not tell how many kecamatan or villages lie beside it. <see cref="ParentName"/> says where a search
/// hit lies ("Nuha" the desa, in kecamatan Nuha).
/// </remarks>
public sealed record RegionNode(string Code, string Name, RegionLevel Level, string? ParentCode, int ChildCount, bool IsExample)
{
    public string? ParentName { get; init; }

    /// <summary>The name with its level where the official list leaves it out ("Kecamatan Malili").</summary>
    public string Title => Level.Title(Name);
}

/// <summary>One place in the tree: the region, the path to it and its children.</summary>
public sealed record RegionView(RegionNode? Region, IReadOnlyList<RegionNode> Path, IReadOnlyList<RegionNode> Children);

/// <summary>Reads the region tree, always filtered by <see cref="AccessPolicy"/>.</summary>
public sealed class RegionService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access)
{
    public const int SearchLimit = 50;
    public const int SearchMinLength = 2;

    /// <summary>
    /// A region with its path and children. Without a code: the actor's starting point (the provinces for
    /// Admin Sistem, the actor's own region otherwise). A code that is not a region code, or that is not in
    /// the database, gives an empty view (<see cref="RegionView.Region"/> null); a code outside the actor's
    /// scope throws <see cref="Common.AccessDeniedException"/>.
    /// </summary>
    public async Task<RegionView> BrowseAsync(Actor actor, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        code = string.IsNullOrWhiteSpace(code) ? actor.RegionCode : code.Trim();
        if (code is null)
        {
            // Only Admin Sistem has no scope; anyone else without one is refused by the policy here.
            var provinces = await Nodes(db, actor, access.VisibleRegions(actor, db.Regions).Where(r => r.ParentCode == null)).ToListAsync(ct);
            return new RegionView(null, [], provinces);
        }
        if (!RegionCode.IsValid(code))
        {
            return new RegionView(null, [], []);
        }

        access.DemandSeeRegion(actor, code);
        var region = await Nodes(db, actor, db.Regions.Where(r => r.Code == code)).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return new RegionView(null, [], []);
        }

        var ancestors = RegionCode.AncestorsOf(code);
        var path = await Nodes(db, actor, db.Regions.Where(r => ancestors.Contains(r.Code))).ToListAsync(ct);
        // Children of a region above the actor's scope are not the actor's to list (a camat sees Luwu Timur's
        // name, not its other kecamatan).
        var children = await Nodes(db, actor, access.VisibleRegions(actor, db.Regions).Where(r => r.ParentCode == code)).ToListAsync(ct);
        return new RegionView(region, path.OrderBy(p => p.Code.Length).ToList(), children);
    }

    /// <summary>
    /// Regions within the actor's scope whose name contains the term or, for a term of digits and dots, whose
    /// code starts with it; at most <see cref="SearchLimit"/>. Names equal to the term come first, then names
    /// that start with it, then the rest; within each, higher levels first (desa and kelurahan together), then by code.
    /// </summary>
    public async Task<IReadOnlyList<RegionNode>> SearchAsync(Actor actor, string term, CancellationToken ct = default)
    {
        term = term.Trim();
        if (term.Length < SearchMinLength)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = access.VisibleRegions(actor, db.Regions);
        if (actor.RegionCode is { } scope && actor.Role != Role.AdminSistem)
        {
            // Search finds what is the actor's to read, not the names above the scope.
            var below = scope + ".";
            regions = regions.Where(r => r.Code == scope || r.Code.StartsWith(below));
        }
        IOrderedQueryable<Region> ordered;
        if (term.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            ordered = regions.Where(r => r.Code.StartsWith(term)).OrderBy(r => r.Code.Length);
        }
        else
        {
            var escaped = term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            var contains = "%" + escaped + "%";
            var startsWith = escaped + "%";
            var lower = term.ToLowerInvariant();
            ordered = regions.Where(r => EF.Functions.ILike(r.Name, contains))
                .OrderBy(r => r.Name.ToLower() == lower ? 0 : EF.Functions.ILike(r.Name, startsWith) ? 1 : 2)
                .ThenBy(r => r.Code.Length);
        }
        return await Nodes(db, actor, ordered.ThenBy(r => r.Code).Take(SearchLimit), ordered: false).ToListAsync(ct);
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
        return await Nodes(db, actor, regions).ToListAsync(ct);
    }

    /// <summary>The names of the given codes that the actor may see.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(Actor actor, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().Where(c => access.CanSeeRegion(actor, c)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    /// <summary>How many regions the database holds (all levels, everywhere): for the import page.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Regions.CountAsync(ct);
    }

    private IQueryable<RegionNode> Nodes(AppDbContext db, Actor actor, IQueryable<Region> regions, bool ordered = true)
    {
        var visible = access.VisibleRegions(actor, db.Regions);
        if (ordered)
        {
            regions = regions.OrderBy(r => r.Code);
        }
        return regions.Select(r => new RegionNode(
            r.Code, r.Name, r.Level, r.ParentCode,
            visible.Count(c => c.ParentCode == r.Code), // from the parent_code index
            r.IsExample)
        {
            ParentName = r.Parent == null ? null : r.Parent.Name,
        });
    }
}
