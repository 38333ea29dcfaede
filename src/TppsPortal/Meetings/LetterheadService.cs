using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Meetings;

public sealed class LetterheadForm
{
    public string Government { get; set; } = "";
    public string Office { get; set; } = "";
    public string Address { get; set; } = "";
    public string SigningPlace { get; set; } = "";
    public string TimeZone { get; set; } = "WITA";
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public bool RemoveLogo { get; set; }
    public uint Version { get; set; }
}

/// <summary>The kop surat of a district's minutes (configurable per district; sensible defaults until set).</summary>
public sealed class LetterheadService(IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access)
{
    public async Task<LetterheadForm> GetAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        access.DemandReadMeeting(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, districtCode, ct);
    }

    internal static async Task<LetterheadForm> LoadAsync(AppDbContext db, string districtCode, CancellationToken ct)
    {
        var saved = await db.Letterheads.AsNoTracking().FirstOrDefaultAsync(l => l.DistrictCode == districtCode, ct);
        if (saved is not null)
        {
            return new LetterheadForm
            {
                Government = saved.Government, Office = saved.Office, Address = saved.Address, SigningPlace = saved.SigningPlace,
                TimeZone = saved.TimeZone, Logo = saved.Logo, LogoContentType = saved.LogoContentType, Version = saved.Version,
            };
        }
        var name = await db.Regions.Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? districtCode;
        return new LetterheadForm
        {
            Government = "PEMERINTAH " + name.ToUpperInvariant(),
            Office = "TIM PERCEPATAN PENURUNAN STUNTING",
            TimeZone = MeetingService.DefaultTimeZone(districtCode),
        };
    }

    public async Task<Result> SaveAsync(Actor actor, string districtCode, LetterheadForm form, CancellationToken ct = default)
    {
        access.DemandManageTeam(actor, districtCode);
        var errors = new ErrorBag();
        if (string.IsNullOrWhiteSpace(form.Government)) errors.Add(nameof(form.Government), "Nama pemerintah daerah wajib diisi.");
        if (string.IsNullOrWhiteSpace(form.Office)) errors.Add(nameof(form.Office), "Nama kantor/tim wajib diisi.");
        foreach (var (field, value) in new[] { (nameof(form.Government), form.Government), (nameof(form.Office), form.Office) })
        {
            if (value.Trim().Length > DistrictLetterhead.LineMaxLength) errors.Add(field, Texts.TooLong(DistrictLetterhead.LineMaxLength));
        }
        if (form.Address.Trim().Length > DistrictLetterhead.LineMaxLength * 2) errors.Add(nameof(form.Address), Texts.TooLong(DistrictLetterhead.LineMaxLength * 2));
        if (!MeetingService.TimeZones.Contains(form.TimeZone)) errors.Add(nameof(form.TimeZone), "Zona waktu harus WIB, WITA atau WIT.");
        if (form.Logo is { } logo)
        {
            if (logo.Length > DistrictLetterhead.MaxLogoBytes) errors.Add(nameof(form.Logo), "Logo paling besar 1 MB.");
            else if (ImageType(logo) is null) errors.Add(nameof(form.Logo), "Logo harus berupa gambar PNG atau JPEG.");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Letterheads.FirstOrDefaultAsync(l => l.DistrictCode == districtCode, ct);
        if (row is null)
        {
            row = new DistrictLetterhead { DistrictCode = districtCode };
            db.Letterheads.Add(row);
        }
        else
        {
            db.Entry(row).Property(l => l.Version).OriginalValue = form.Version;
        }
        row.Government = form.Government.Trim();
        row.Office = form.Office.Trim();
        row.Address = form.Address.Trim();
        row.SigningPlace = form.SigningPlace.Trim();
        row.TimeZone = form.TimeZone;
        if (form.RemoveLogo)
        {
            row.Logo = null;
            row.LogoContentType = null;
        }
        else if (form.Logo is { } newLogo)
        {
            row.Logo = newLogo;
            row.LogoContentType = ImageType(newLogo);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Texts.ConcurrencyConflict);
        }
    }

    /// <summary>The content type from the file's first bytes (never trust the file name).</summary>
    public static string? ImageType(byte[] bytes) =>
        bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == 0x50 && bytes[2] == 0x4E && bytes[3] == 0x47 ? "image/png"
        : bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "image/jpeg"
        : null;
}
