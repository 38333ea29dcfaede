using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SkiaSharp;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;

namespace TppsPortal.Meetings;

/// <summary>
/// Self check-in (daftar hadir mandiri): the secretariat shows the meeting's QR code in the room; each participant
/// opens it on their phone without an account, picks their agency from the invited list, types name and position and
/// may sign with a finger. The link works on the meeting's day only (in the meeting's time zone) and not once the
/// minutes are final; the secretariat sees each entry at once (<see cref="CheckInNotifier"/>) and can remove one.
/// Entries are stored apart from the editor's attendance list (<see cref="CheckIn"/>); the minutes list both.
/// </summary>
public sealed class CheckInService(
    IDbContextFactory<AppDbContext> dbFactory, AccessPolicy access, TimeProvider clock, CheckInNotifier notifier, ILogger<CheckInService> logger)
{
    /// <summary>The path of the check-in page under the portal's address; the token follows it.</summary>
    public const string PathPrefix = "hadir/";

    private const int SignatureWidth = 600;
    private const int SignatureHeight = 200;

    // ----- the secretariat -----

    /// <summary>The check-in link of a meeting the actor may change, and whether it works now.</summary>
    public async Task<CheckInLink> GetLinkAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Where(x => x.Id == meetingId)
            .Select(x => new { x.RegionCode, x.CheckInToken, x.Date, x.TimeZone, x.Status }).FirstOrDefaultAsync(ct)
                ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandWriteMeeting(actor, m.RegionCode);
        var closed = Refusal(m.Date, m.TimeZone, m.Status);
        return new CheckInLink(PathPrefix + m.CheckInToken, IndonesianFormat.DayAndDate(m.Date), closed is null, closed);
    }

    /// <summary>Everyone who checked in, in the order they came.</summary>
    public async Task<IReadOnlyList<CheckInRow>> ListAsync(Actor actor, int meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Where(x => x.Id == meetingId).Select(x => new { x.RegionCode, x.TimeZone }).FirstOrDefaultAsync(ct)
                ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandReadMeeting(actor, m.RegionCode);
        var rows = await db.CheckIns.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.CheckedInAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Position, Agency = c.Agency != null ? c.Agency.Name : c.GuestOrganisation ?? "", c.Signature, c.CheckedInAt })
            .ToListAsync(ct);
        return rows.Select(c => new CheckInRow(c.Id, c.Name, c.Position, c.Agency, c.Signature, LocalTime(c.CheckedInAt, m.TimeZone))).ToList();
    }

    /// <summary>Removes an entry (a duplicate, someone who was not there); refused once the minutes are final.</summary>
    public async Task<Result> RemoveAsync(Actor actor, int meetingId, int checkInId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Where(x => x.Id == meetingId).Select(x => new { x.RegionCode, x.Status }).FirstOrDefaultAsync(ct)
                ?? throw new AccessDeniedException(Texts.NotFound);
        access.DemandWriteMeeting(actor, m.RegionCode);
        if (m.Status == MeetingStatus.NotulenFinal)
        {
            return Result.Fail("", "Notulen sudah final: daftar hadirnya tidak dapat diubah lagi.");
        }
        var removed = await db.CheckIns.Where(c => c.Id == checkInId && c.MeetingId == meetingId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return Result.Fail("", "Isian daftar hadir ini sudah tidak ada (mungkin sudah dihapus).");
        }
        logger.LogInformation("Check-in {CheckInId} of meeting {MeetingId} removed by {UserName}", checkInId, meetingId, actor.UserName);
        notifier.Publish(meetingId);
        return Result.Ok;
    }

    /// <summary>The QR code of a check-in address, as a PNG to show on a screen or a projector.</summary>
    public static byte[] QrPng(string address) => MinutesPdfRenderer.QrPng(address);

    // ----- the participant (no account) -----

    /// <summary>What the check-in page shows for a link; null when the token belongs to no meeting.</summary>
    public async Task<CheckInInvitation?> OpenAsync(string? token, CancellationToken ct = default)
    {
        if (!IsTokenShaped(token))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Where(x => x.CheckInToken == token)
            .Select(x => new { x.Id, x.Title, x.Date, x.StartTime, x.EndTime, x.TimeZone, x.Venue, x.Status, x.RegionCode }).FirstOrDefaultAsync(ct);
        if (m is null)
        {
            return null;
        }
        var regionName = await db.Regions.Where(r => r.Code == m.RegionCode).Select(r => r.Name).FirstAsync(ct);
        var agencies = await db.Meetings.Where(x => x.Id == m.Id).SelectMany(x => x.Invitations).Select(i => i.Agency!)
            .OrderBy(a => a.Name).Select(a => new CheckInAgency(a.Id, a.Name, a.ShortName)).ToListAsync(ct);
        return new CheckInInvitation(m.Title, IndonesianFormat.DayAndDate(m.Date), IndonesianFormat.TimeRange(m.StartTime, m.EndTime, m.TimeZone),
            m.Venue, regionName, agencies, Refusal(m.Date, m.TimeZone, m.Status));
    }

    /// <summary>
    /// Records one participant. Field errors are keyed like the form (Name, Position, AgencyId, GuestOrganisation,
    /// Signature). The same person (name and agency) checking in twice, e.g. a double tap, is stored once.
    /// </summary>
    public async Task<Result<CheckedIn>> CheckInAsync(string? token, CheckInForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!IsTokenShaped(token))
        {
            return Result.Fail("", UnknownLink);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Meetings.AsNoTracking().Where(x => x.CheckInToken == token)
            .Select(x => new { x.Id, x.Date, x.TimeZone, x.Status }).FirstOrDefaultAsync(ct);
        if (m is null)
        {
            return Result.Fail("", UnknownLink);
        }
        if (Refusal(m.Date, m.TimeZone, m.Status) is { } refusal)
        {
            return Result.Fail("", refusal);
        }

        var errors = new ErrorBag();
        var person = new AttendeeForm { Name = form.Name, Position = form.Position, AgencyId = form.AgencyId, GuestOrganisation = form.GuestOrganisation };
        if (person.AgencyId is null && string.IsNullOrWhiteSpace(person.GuestOrganisation))
        {
            errors.Add(nameof(CheckInForm.AgencyId), "Pilih instansi Anda, atau pilih \"Instansi lain\" dan tulis nama lembaganya.");
            person.AgencyId = 0; // the rest of the person is still checked, with the editor's rules and limits
            MeetingFormRules.CheckAttendee(person, "", "", errors);
            person.AgencyId = null;
        }
        else
        {
            MeetingFormRules.CheckAttendee(person, "", "", errors);
        }
        if (string.IsNullOrWhiteSpace(person.Position))
        {
            errors.Add(nameof(CheckInForm.Position), "Isi jabatan Anda.");
        }
        if (person.AgencyId is { } agencyId && !await db.Meetings.Where(x => x.Id == m.Id).SelectMany(x => x.Invitations).AnyAsync(i => i.AgencyId == agencyId, ct))
        {
            errors.Add(nameof(CheckInForm.AgencyId), "Instansi ini tidak ada dalam undangan rapat. Pilih dari daftar, atau pilih \"Instansi lain\".");
        }
        byte[]? signature = null;
        if (!string.IsNullOrEmpty(form.Signature))
        {
            signature = ReadSignature(form.Signature);
            if (signature is null)
            {
                errors.Add(nameof(CheckInForm.Signature), "Tanda tangan tidak terbaca. Hapus lalu tanda tangani lagi, atau kirim tanpa tanda tangan.");
            }
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var name = person.Name.Trim();
        var guest = person.AgencyId is null ? person.GuestOrganisation?.Trim() : null;
        var now = clock.GetUtcNow();
        // Finalising updates the meeting's row and fixes the minutes in one transaction; holding a share lock on that
        // row while the entry is written means a check-in is either in the final version or refused, never lost between.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var status = await db.Database
            .SqlQuery<short>($"SELECT status AS \"Value\" FROM meetings WHERE id = {m.Id} FOR SHARE").SingleAsync(ct);
        if (Refusal(m.Date, m.TimeZone, (MeetingStatus)status) is { } late)
        {
            return Result.Fail("", late);
        }
        var existing = await db.CheckIns.Where(c => c.MeetingId == m.Id && c.Name.ToLower() == name.ToLower() && c.AgencyId == person.AgencyId
                                                    && (c.GuestOrganisation ?? "").ToLower() == (guest ?? "").ToLower())
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            existing.Position = person.Position.Trim();
            existing.Signature = signature ?? existing.Signature;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            notifier.Publish(m.Id);
            return Result<CheckedIn>.Ok(new CheckedIn(existing.Name, LocalTime(existing.CheckedInAt, m.TimeZone), AlreadyThere: true));
        }
        if (await db.CheckIns.CountAsync(c => c.MeetingId == m.Id, ct) >= CheckIn.MaxPerMeeting)
        {
            logger.LogWarning("Check-in refused for meeting {MeetingId}: {Max} entries already", m.Id, CheckIn.MaxPerMeeting);
            return Result.Fail("", "Daftar hadir mandiri rapat ini sudah penuh. Sampaikan kehadiran Anda kepada sekretariat.");
        }
        var entry = new CheckIn
        {
            MeetingId = m.Id,
            Name = name,
            Position = person.Position.Trim(),
            AgencyId = person.AgencyId,
            GuestOrganisation = guest,
            Signature = signature,
            CheckedInAt = now,
        };
        db.CheckIns.Add(entry);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Check-in {CheckInId} for meeting {MeetingId} (signature: {Signed})", entry.Id, m.Id, signature is not null);
        notifier.Publish(m.Id);
        return Result<CheckedIn>.Ok(new CheckedIn(entry.Name, LocalTime(now, m.TimeZone), AlreadyThere: false));
    }

    private const string UnknownLink = "Tautan daftar hadir ini tidak dikenal. Pindai lagi kode QR yang ditampilkan sekretariat.";

    /// <summary>Why the link does not take check-ins now, or null when it does (the meeting's day, minutes not final).</summary>
    private string? Refusal(DateOnly date, string timeZone, MeetingStatus status)
    {
        if (status == MeetingStatus.NotulenFinal)
        {
            return "Notulen rapat ini sudah final, sehingga daftar hadir mandiri sudah ditutup. Sampaikan kehadiran Anda kepada sekretariat.";
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(MeetingService.OffsetHours(timeZone)).Date);
        return date == today ? null
            : date > today ? $"Daftar hadir mandiri dibuka pada hari rapat, {IndonesianFormat.DayAndDate(date)}."
            : $"Daftar hadir mandiri hanya dibuka pada hari rapat ({IndonesianFormat.DayAndDate(date)}) dan sudah ditutup.";
    }

    private static bool IsTokenShaped(string? token) =>
        token is { Length: Meeting.CheckInTokenLength } && token.All(char.IsAsciiHexDigitLower);

    private static string LocalTime(DateTimeOffset at, string timeZone) =>
        $"{IndonesianFormat.Time(TimeOnly.FromDateTime(at.UtcDateTime.AddHours(MeetingService.OffsetHours(timeZone))))} {timeZone}";

    /// <summary>
    /// A signature as the page sends it ("data:image/png;base64,..."): decoded, drawn on white, scaled to fit
    /// 600 x 200 and encoded again as PNG, so that only a plain picture is ever stored or printed. Null when it is not
    /// a readable image within the limits.
    /// </summary>
    internal static byte[]? ReadSignature(string dataUrl)
    {
        const string prefix = "data:image/png;base64,";
        if (!dataUrl.StartsWith(prefix, StringComparison.Ordinal) || dataUrl.Length > prefix.Length + (CheckIn.SignatureMaxBytes * 4 / 3) + 4)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(dataUrl[prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png || codec.Info.Width is < 1 or > 4000 || codec.Info.Height is < 1 or > 4000)
        {
            return null;
        }
        using var source = SKBitmap.Decode(codec);
        if (source is null)
        {
            return null;
        }
        var scale = Math.Min(1f, Math.Min((float)SignatureWidth / source.Width, (float)SignatureHeight / source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}

/// <summary>
/// Tells the secretariat's open pages that a meeting's check-ins changed, so that a new entry shows at once. In
/// process: the portal runs as one instance (docs/operations.md); a second instance would need PostgreSQL
/// LISTEN/NOTIFY here.
/// </summary>
public sealed class CheckInNotifier
{
    private readonly ConcurrentDictionary<int, ImmutableHandlers> _handlers = new();

    public IDisposable Subscribe(int meetingId, Func<Task> changed)
    {
        _handlers.AddOrUpdate(meetingId, _ => new ImmutableHandlers([changed]), (_, h) => new ImmutableHandlers([.. h.Items, changed]));
        return new Subscription(() =>
            _handlers.AddOrUpdate(meetingId, _ => new ImmutableHandlers([]), (_, h) => new ImmutableHandlers([.. h.Items.Where(x => x != changed)])));
    }

    public void Publish(int meetingId)
    {
        if (!_handlers.TryGetValue(meetingId, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers.Items)
        {
            _ = handler(); // each page catches its own failures (a closed circuit)
        }
    }

    private sealed record ImmutableHandlers(IReadOnlyList<Func<Task>> Items);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>What a participant fills in on the check-in page.</summary>
public sealed class CheckInForm
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";

    /// <summary>An invited agency, or null with <see cref="GuestOrganisation"/> for anyone else.</summary>
    public int? AgencyId { get; set; }

    public string? GuestOrganisation { get; set; }

    /// <summary>The drawn signature as a PNG data URL, or empty.</summary>
    public string? Signature { get; set; }
}

public sealed record CheckInLink(string Path, string MeetingDay, bool IsOpen, string? ClosedReason);

public sealed record CheckInRow(int Id, string Name, string Position, string Agency, byte[]? Signature, string Time);

public sealed record CheckInAgency(int Id, string Name, string? ShortName);

public sealed record CheckInInvitation(
    string Title, string Day, string Time, string Venue, string RegionName, IReadOnlyList<CheckInAgency> Agencies, string? ClosedReason);

public sealed record CheckedIn(string Name, string Time, bool AlreadyThere);
