using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Agencies;

/// <summary>The agency registry: list, search, create, edit, deactivate. Never deletes.</summary>
public sealed class AgencyService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<AgencyService> logger)
{
    public bool CanManage(Actor actor) => access.CanManageAgencies(actor);

    public bool CanManage(Actor actor, string regionCode) => access.CanManageAgencies(actor, regionCode);

    public async Task<Page<AgencyRow>> ListAsync(Actor actor, AgencyQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agencies = access.ReadableAgencies(actor, db.Agencies.AsNoTracking());
        if (!query.IncludeInactive)
        {
            agencies = agencies.Where(a => a.IsActive);
        }
        if (query.Id is { } id)
        {
            agencies = agencies.Where(a => a.Id == id);
        }
        if (query.Kind is { } kind)
        {
            agencies = agencies.Where(a => a.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            var region = query.RegionCode.Trim();
            var below = region + ".";
            agencies = agencies.Where(a => a.RegionCode == region || a.RegionCode.StartsWith(below));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Escape the LIKE wildcards: "%" or "_" typed in the search field are meant literally.
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            agencies = agencies.Where(a => EF.Functions.ILike(a.Name, pattern, @"\") || EF.Functions.ILike(a.ShortName, pattern, @"\"));
        }

        var total = await agencies.CountAsync(ct);
        var rows = await agencies
            .OrderBy(a => a.RegionCode.Length).ThenBy(a => a.RegionCode).ThenBy(a => a.Kind).ThenBy(a => a.Name)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .Select(a => new AgencyRow(a.Id, a.Name, a.ShortName, a.Kind, a.RegionCode, a.Region!.Name, a.IsActive, a.Version))
            .ToListAsync(ct);
        return new Page<AgencyRow>(rows, total);
    }

    public async Task<AgencyForm?> GetFormAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return null;
        }
        access.DemandReadAgency(actor, agency.RegionCode);
        return new AgencyForm
        {
            Name = agency.Name,
            ShortName = agency.ShortName,
            Kind = agency.Kind,
            RegionCode = agency.RegionCode,
            IsActive = agency.IsActive,
            Version = agency.Version,
        };
    }

    public async Task<Result<int>> CreateAsync(Actor actor, AgencyForm form, CancellationToken ct = default)
    {
        // Without a region the form is incomplete, but only someone who may manage agencies gets to hear that:
        // a read-only actor is refused whatever the form holds.
        if (string.IsNullOrWhiteSpace(form.RegionCode))
        {
            access.DemandManageAgencies(actor);
        }
        else
        {
            access.DemandManageAgencies(actor, form.RegionCode.Trim());
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, actor, form, null, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var agency = new Agency
        {
            Name = form.Name.Trim(),
            ShortName = form.ShortName.Trim(),
            Kind = form.Kind!.Value,
            RegionCode = form.RegionCode!.Trim(),
            IsActive = true,
        };
        db.Agencies.Add(agency);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsDuplicateShortName(ex))
        {
            // Someone saved the same short name between our check and this insert.
            return Result.Fail(nameof(AgencyForm.ShortName), DuplicateShortName(agency.ShortName));
        }
        logger.LogInformation("Agency {AgencyId} {ShortName} created in {Region} by {UserName}", agency.Id, agency.ShortName, agency.RegionCode, actor.UserName);
        return Result<int>.Ok(agency.Id);
    }

    public async Task<Result> UpdateAsync(Actor actor, int id, AgencyForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandManageAgencies(actor, agency.RegionCode);
        if (form.RegionCode is { Length: > 0 } code)
        {
            access.DemandManageAgencies(actor, code.Trim());
        }
        var errors = await ValidateAsync(db, actor, form, id, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        db.Entry(agency).Property(a => a.Version).OriginalValue = form.Version;
        agency.Name = form.Name.Trim();
        agency.ShortName = form.ShortName.Trim();
        agency.Kind = form.Kind!.Value;
        agency.RegionCode = form.RegionCode!.Trim();
        agency.IsActive = form.IsActive;
        return await SaveAsync(db, actor, agency, "changed", ct);
    }

    public async Task<Result> SetActiveAsync(Actor actor, int id, bool active, uint version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        access.DemandManageAgencies(actor, agency.RegionCode);
        db.Entry(agency).Property(a => a.Version).OriginalValue = version;
        agency.IsActive = active;
        return await SaveAsync(db, actor, agency, active ? "activated" : "deactivated", ct);
    }

    private async Task<Result> SaveAsync(AppDbContext db, Actor actor, Agency agency, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Agency {AgencyId} not {What} by {UserName}: changed by someone else meanwhile", agency.Id, what, actor.UserName);
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        catch (DbUpdateException ex) when (IsDuplicateShortName(ex))
        {
            return Result.Fail(nameof(AgencyForm.ShortName), DuplicateShortName(agency.ShortName));
        }
        logger.LogInformation("Agency {AgencyId} {ShortName} {What} by {UserName}", agency.Id, agency.ShortName, what, actor.UserName);
        return Result.Ok;
    }

    private static async Task<ErrorBag> ValidateAsync(AppDbContext db, Actor actor, AgencyForm form, int? id, CancellationToken ct)
    {
        var errors = new ErrorBag();
        var name = form.Name?.Trim() ?? "";
        var shortName = form.ShortName?.Trim() ?? "";
        if (name.Length == 0) errors.Add(nameof(AgencyForm.Name), "Nama instansi wajib diisi.");
        else if (name.Length > Agency.NameMaxLength) errors.Add(nameof(AgencyForm.Name), Texts.TooLong(Agency.NameMaxLength));
        if (shortName.Length == 0) errors.Add(nameof(AgencyForm.ShortName), "Singkatan wajib diisi.");
        else if (shortName.Length > Agency.ShortNameMaxLength) errors.Add(nameof(AgencyForm.ShortName), Texts.TooLong(Agency.ShortNameMaxLength));
        if (form.Kind is null || !Enum.IsDefined(form.Kind.Value)) errors.Add(nameof(AgencyForm.Kind), "Jenis instansi wajib dipilih.");

        var code = form.RegionCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(nameof(AgencyForm.RegionCode), "Wilayah instansi wajib dipilih.");
            return errors;
        }
        var level = await db.Regions.Where(r => r.Code == code).Select(r => (RegionLevel?)r.Level).FirstOrDefaultAsync(ct);
        if (level is null)
        {
            errors.Add(nameof(AgencyForm.RegionCode), $"Wilayah dengan kode {code} tidak ada.");
        }
        else if (form.Kind == AgencyKind.KantorKecamatan && level != RegionLevel.Kecamatan)
        {
            errors.Add(nameof(AgencyForm.RegionCode), "Kantor kecamatan harus dikaitkan dengan kecamatannya.");
        }
        else if (form.Kind != AgencyKind.KantorKecamatan && level is not (RegionLevel.Provinsi or RegionLevel.KabupatenKota))
        {
            errors.Add(nameof(AgencyForm.RegionCode), "Instansi dikaitkan dengan kabupaten/kota, atau provinsi untuk instansi tingkat provinsi.");
        }

        // Case-insensitive: "Dinkes" and "DINKES" in one district would confuse everyone picking from a list.
        var lowered = shortName.ToLowerInvariant();
        if (shortName.Length > 0 && await db.Agencies.AnyAsync(a => a.RegionCode == code && a.ShortName.ToLower() == lowered && a.Id != id, ct))
        {
            errors.Add(nameof(AgencyForm.ShortName), DuplicateShortName(shortName));
        }
        return errors;
    }

    private static string DuplicateShortName(string shortName) =>
        $"Singkatan \"{shortName}\" sudah dipakai instansi lain di wilayah ini.";

    private static bool IsDuplicateShortName(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static string EscapeLike(string term) =>
        term.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
