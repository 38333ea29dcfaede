using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Regions;

namespace TppsPortal.Teams;

/// <summary>
/// A district's TPPS: its SK Bupati with the members, and its list of bidang. A new SK is added beside the old
/// ones (history kept); the current SK is the one with the latest date.
/// </summary>
public sealed class TeamService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, ILogger<TeamService> logger)
{
    public bool CanManage(Actor actor, string districtCode) => access.CanManageTeam(actor, districtCode);

    public async Task<IReadOnlyList<DecreeSummary>> DecreesAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        access.DemandReadMeeting(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decrees = await db.TeamDecrees.AsNoTracking().Where(d => d.DistrictCode == districtCode)
            .OrderByDescending(d => d.DecreeDate).ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.Number, d.Title, d.DecreeDate, d.PeriodStart, d.PeriodEnd, Count = d.Members.Count })
            .ToListAsync(ct);
        return decrees.Select((d, i) => new DecreeSummary(d.Id, d.Number, d.Title, d.DecreeDate, d.PeriodStart, d.PeriodEnd, d.Count, i == 0)).ToList();
    }

    public async Task<DecreeForm?> GetDecreeAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await db.TeamDecrees.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return null;
        }
        access.DemandReadMeeting(actor, d.DistrictCode);
        return new DecreeForm
        {
            DistrictCode = d.DistrictCode, Number = d.Number, Title = d.Title, DecreeDate = d.DecreeDate,
            PeriodStart = d.PeriodStart, PeriodEnd = d.PeriodEnd, Version = d.Version,
            Members = d.Members.OrderBy(m => m.SortOrder).Select(m => new MemberForm
            {
                Name = m.Name, Position = m.Position, Nip = m.Nip, AgencyId = m.AgencyId, Role = m.Role, BidangId = m.BidangId,
            }).ToList(),
        };
    }

    /// <summary>Adds a new SK (the previous ones stay as history). Members can be copied from the current SK by the UI.</summary>
    public async Task<Result<int>> CreateDecreeAsync(Actor actor, DecreeForm form, CancellationToken ct = default)
    {
        DemandManage(actor, form.DistrictCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, actor, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var decree = new TeamDecree { DistrictCode = form.DistrictCode, Number = "" };
        Apply(form, decree);
        db.TeamDecrees.Add(decree);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("SK {Number} of {District} added by {UserName}", decree.Number, decree.DistrictCode, actor.UserName);
        return Result<int>.Ok(decree.Id);
    }

    public async Task<Result> UpdateDecreeAsync(Actor actor, int id, DecreeForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decree = await db.TeamDecrees.Include(d => d.Members).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decree is null)
        {
            return Result.Fail("", Texts.NotFound);
        }
        DemandManage(actor, decree.DistrictCode);
        form.DistrictCode = decree.DistrictCode;
        var errors = await ValidateAsync(db, actor, form, ct);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        db.Entry(decree).Property(d => d.Version).OriginalValue = form.Version;
        db.RemoveRange(decree.Members);
        decree.Members.Clear();
        Apply(form, decree);
        db.Entry(decree).Property(d => d.Number).IsModified = true; // bump the row version with member changes
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        return Result.Ok;
    }

    public async Task<IReadOnlyList<BidangRow>> BidangAsync(Actor actor, string districtCode, bool includeInactive = false, CancellationToken ct = default)
    {
        access.DemandReadMeeting(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bidang.AsNoTracking().Where(b => b.DistrictCode == districtCode && (includeInactive || b.IsActive))
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BidangRow(b.Id, b.Name, b.SortOrder, b.IsActive, b.Version)).ToListAsync(ct);
    }

    public async Task<Result<int>> SaveBidangAsync(Actor actor, string districtCode, int? id, string name, int sortOrder, bool isActive, uint version, CancellationToken ct = default)
    {
        DemandManage(actor, districtCode);
        name = name.Trim();
        if (name.Length == 0) return Result.Fail("Name", "Nama bidang wajib diisi.");
        if (name.Length > Bidang.NameMaxLength) return Result.Fail("Name", Texts.TooLong(Bidang.NameMaxLength));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Bidang.AnyAsync(b => b.DistrictCode == districtCode && b.Name == name && b.Id != id, ct))
        {
            return Result.Fail("Name", $"Bidang \"{name}\" sudah ada.");
        }
        Bidang bidang;
        if (id is { } existing)
        {
            bidang = await db.Bidang.FirstOrDefaultAsync(b => b.Id == existing && b.DistrictCode == districtCode, ct)
                     ?? throw new AccessDeniedException(Texts.NotFound);
            db.Entry(bidang).Property(b => b.Version).OriginalValue = version;
        }
        else
        {
            bidang = new Bidang { DistrictCode = districtCode, Name = name };
            db.Bidang.Add(bidang);
        }
        bidang.Name = name;
        bidang.SortOrder = sortOrder;
        bidang.IsActive = isActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
        return Result<int>.Ok(bidang.Id);
    }

    private void DemandManage(Actor actor, string districtCode) => access.DemandManageTeam(actor, districtCode);

    private async Task<ErrorBag> ValidateAsync(AppDbContext db, Actor actor, DecreeForm form, CancellationToken ct)
    {
        var errors = new ErrorBag();
        if (string.IsNullOrWhiteSpace(form.Number)) errors.Add(nameof(form.Number), "Nomor SK wajib diisi.");
        else if (form.Number.Trim().Length > TeamDecree.NumberMaxLength) errors.Add(nameof(form.Number), Texts.TooLong(TeamDecree.NumberMaxLength));
        if (form.Title.Trim().Length > TeamDecree.TitleMaxLength) errors.Add(nameof(form.Title), Texts.TooLong(TeamDecree.TitleMaxLength));
        if (form.DecreeDate is null) errors.Add(nameof(form.DecreeDate), "Tanggal SK wajib diisi.");
        if (form.PeriodStart is null) errors.Add(nameof(form.PeriodStart), "Awal masa berlaku wajib diisi.");
        if (form.PeriodStart is { } s && form.PeriodEnd is { } e && e < s) errors.Add(nameof(form.PeriodEnd), "Akhir masa berlaku harus setelah awalnya.");
        for (var i = 0; i < form.Members.Count; i++)
        {
            var m = form.Members[i];
            if (string.IsNullOrWhiteSpace(m.Name)) errors.Add($"Members[{i}].Name", $"Anggota ke-{i + 1}: nama wajib diisi.");
            var nip = m.Nip?.Replace(" ", "") ?? "";
            if (nip.Length > 0 && (nip.Length != 18 || !nip.All(char.IsAsciiDigit))) errors.Add($"Members[{i}].Nip", $"Anggota ke-{i + 1}: NIP terdiri dari 18 angka.");
        }
        if (form.Members.Count(m => m.Role == TeamRole.Ketua) > 1) errors.Add(nameof(form.Members), "Satu SK hanya memiliki satu Ketua.");
        var agencyIds = form.Members.Where(m => m.AgencyId is not null).Select(m => m.AgencyId!.Value).Distinct().ToList();
        if (agencyIds.Count > 0 && await access.ReadableAgencies(actor, db.Agencies).CountAsync(a => agencyIds.Contains(a.Id), ct) != agencyIds.Count)
        {
            errors.Add(nameof(form.Members), "Ada instansi anggota yang tidak dikenal atau di luar wilayah Anda.");
        }
        var bidangIds = form.Members.Where(m => m.BidangId is not null).Select(m => m.BidangId!.Value).Distinct().ToList();
        if (bidangIds.Count > 0 && await db.Bidang.CountAsync(b => bidangIds.Contains(b.Id) && b.DistrictCode == form.DistrictCode, ct) != bidangIds.Count)
        {
            errors.Add(nameof(form.Members), "Bidang harus salah satu bidang TPPS kabupaten ini.");
        }
        if (!await db.Regions.AnyAsync(r => r.Code == form.DistrictCode && r.Level == RegionLevel.KabupatenKota, ct))
        {
            errors.Add(nameof(form.DistrictCode), "SK TPPS ditetapkan untuk kabupaten/kota.");
        }
        return errors;
    }

    private static void Apply(DecreeForm form, TeamDecree decree)
    {
        decree.Number = form.Number.Trim();
        decree.Title = form.Title.Trim();
        decree.DecreeDate = form.DecreeDate!.Value;
        decree.PeriodStart = form.PeriodStart!.Value;
        decree.PeriodEnd = form.PeriodEnd;
        decree.Members.AddRange(form.Members.Select((m, i) => new TeamMember
        {
            Name = m.Name.Trim(), Position = m.Position.Trim(), Nip = string.IsNullOrWhiteSpace(m.Nip) ? null : m.Nip.Replace(" ", ""),
            AgencyId = m.AgencyId, Role = m.Role, BidangId = m.BidangId, SortOrder = i + 1,
        }));
    }
}
