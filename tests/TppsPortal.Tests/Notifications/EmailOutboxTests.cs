using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using TppsPortal.Accounts;
using TppsPortal.Notifications;
using TppsPortal.Notifications.Email;

namespace TppsPortal.Tests.Notifications;

/// <summary>
/// The e-mail outbox against a real PostgreSQL and a real SMTP server (aiosmtpd). Every test starts from no
/// notifications, an empty mailbox and a running server, and sets the mail choices of the users it uses.
/// </summary>
public sealed class EmailOutboxTests(EmailFixture fixture) : IClassFixture<EmailFixture>, IAsyncLifetime
{
    private const string Portal = "http://tpps.test/";
    private const string OpdUser = "opd.dp2kb.lutim";
    private const string CamatUser = "camat.malili";

    /// <summary>Wednesday 2 December 2026, 09.00 WITA (Luwu Timur).</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);

    public async Task InitializeAsync()
    {
        await fixture.Smtp.StartAgainAsync();
        fixture.Smtp.Clear();
        await using var db = fixture.Portal.CreateContext();
        await db.Notifications.ExecuteDeleteAsync();
        await db.ReminderSettings.ExecuteDeleteAsync();
        await db.Users.ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, (string?)null).SetProperty(u => u.NormalizedEmail, (string?)null)
            .SetProperty(u => u.EmailDigest, false).SetProperty(u => u.EmailMutedKinds, 0).SetProperty(u => u.LastDigestAt, (DateTimeOffset?)null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SendDue_OverdueActionForUserWithEmail_SendsExactlyOneIndonesianMailWithTheLink_AndNothingOnTheNextRun()
    {
        var user = await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id");
        var id = await AddAsync(user, NotificationKind.ActionOverdue, "Tindak lanjut terlambat: Rekap data posyandu",
            "Batas waktu 30 Juni 2024 sudah lewat. Cakupan < 80 % & belum dilaporkan.", "tindak-lanjut/12");

        var first = await SendDueAsync();
        var second = await SendDueAsync();

        var mail = Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1));
        await SaveAsync(mail, "email-single");
        Assert.Equal(1, first.Mails);
        Assert.Equal(OutboxResult.Nothing, second);
        Assert.Single(fixture.Smtp.Messages());
        Assert.Equal("operator.dp2kb@luwutimurkab.go.id", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("tpps@luwutimurkab.go.id", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("[TPPS Portal] Tindak lanjut terlambat: Rekap data posyandu", mail.Subject);
        Assert.Equal($"notification-{id}@tpps.test", mail.MessageId);
        var text = mail.TextBody;
        Assert.Contains("Yth. Operator DP2KB Luwu Timur (demo),", text);
        Assert.Contains("Batas waktu 30 Juni 2024 sudah lewat. Cakupan < 80 % & belum dilaporkan.", text);
        Assert.Contains("http://tpps.test/tindak-lanjut/12", text);
        Assert.Contains("Rabu, 2 Desember 2026 pukul 09.00 WITA", text);
        Assert.Contains("\"Tindak lanjut terlambat\"", text);
        Assert.Contains("http://tpps.test/akun/profil", text);
        var html = mail.HtmlBody;
        Assert.Contains("Cakupan &lt; 80 % &amp; belum dilaporkan.", html);
        Assert.DoesNotContain("< 80 %", html);
        Assert.Contains("href=\"http://tpps.test/tindak-lanjut/12\"", html);
        Assert.Contains("href=\"http://tpps.test/akun/profil\"", html);
        var row = await RowAsync(id);
        Assert.Equal(EmailState.Sent, row.EmailState);
        Assert.Equal(Start, row.EmailSentAt);
        Assert.Equal(0, row.EmailAttempts);
    }

    [Fact]
    public async Task AnOverdueAction_ThroughTheDailyCheckAndTheOutbox_GivesTheAgencysOperatorExactlyOneMail()
    {
        var operatorId = (await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id")).Id;
        int actionId;
        await using (var db = fixture.Portal.CreateContext())
        {
            var meeting = await db.Meetings.Where(m => m.RegionCode == "73.24").OrderBy(m => m.Id).FirstAsync();
            var action = new TppsPortal.Meetings.FollowUpAction
            {
                MeetingId = meeting.Id, DistrictCode = "73.24", Number = 901, Description = "Rekap sasaran PMT lokal per desa",
                ResponsibleAgencyId = await fixture.Portal.AgencyIdAsync("73.24", "DP2KB"), DueDate = new DateOnly(2026, 11, 20),
                CreatedAt = Start, UpdatedAt = Start,
            };
            db.FollowUpActions.Add(action);
            await db.SaveChangesAsync();
            actionId = action.Id;
        }

        // The daily check at 09.00 WITA (after the district's 07.00), twice: the reminder exists once.
        await using (var scope = fixture.Portal.Services.CreateAsyncScope())
        {
            var reminders = ActivatorUtilities.CreateInstance<ReminderService>(scope.ServiceProvider, (TimeProvider)_clock);
            await reminders.RunDailyCheckAsync(default);
            await reminders.RunDailyCheckAsync(default);
        }
        await SendDueAsync();
        await SendDueAsync();

        var mails = await fixture.Smtp.WaitForMessagesAsync(1);
        await using var check = fixture.Portal.CreateContext();
        var reminder = await check.Notifications.SingleAsync(n => n.DedupKey!.StartsWith($"action-overdue:{actionId}:") && n.UserId == operatorId);
        var mail = Assert.Single(fixture.Smtp.Messages(), m => m.MessageId == $"notification-{reminder.Id}@tpps.test");
        Assert.Equal("operator.dp2kb@luwutimurkab.go.id", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("[TPPS Portal] " + reminder.Title, mail.Subject);
        Assert.Contains("Rekap sasaran PMT lokal per desa", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("20 November 2026", mail.TextBody, StringComparison.Ordinal);
        // Only the operator gave an address: the secretariat's copy is in the bell, not in a mailbox.
        Assert.All(fixture.Smtp.Messages(), m => Assert.Equal("operator.dp2kb@luwutimurkab.go.id", m.To.Mailboxes.Single().Address));
        Assert.Equal(EmailState.Sent, reminder.EmailState);
        Assert.NotEmpty(mails);
    }

    [Fact]
    public async Task SendDue_DigestUser_WaitsForTheDistrictsDigestHour_ThenSendsOneMailWithAllThree()
    {
        await using (var db = fixture.Portal.CreateContext())
        {
            db.ReminderSettings.Add(new ReminderSettings { DistrictCode = "73.24", DigestHour = 6, UpdatedAt = Start });
            await db.SaveChangesAsync();
        }
        var user = await SetUserAsync(CamatUser, "camat.malili@luwutimurkab.go.id", digest: true);
        _clock.Now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));
        var ids = new List<long>
        {
            await AddAsync(user, NotificationKind.FormReturned, "Formulir Malili dikembalikan", "Mohon perbaiki jumlah balita diukur.", "laporan/formulir/3"),
        };
        _clock.Advance(TimeSpan.FromMinutes(10));
        ids.Add(await AddAsync(user, NotificationKind.DeadlineNear, "Batas waktu formulir Desember 2026: 2 hari lagi", "Formulir belum diajukan.", "laporan/formulir/4"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        ids.Add(await AddAsync(user, NotificationKind.MeetingScheduled, "Undangan rapat koordinasi TPPS", "Senin, 7 Desember 2026 pukul 09.00 WITA di Aula Bappeda.", "rapat/7"));

        _clock.Advance(TimeSpan.FromMinutes(10));
        var sameDay = await SendDueAsync();
        _clock.Now = new DateTimeOffset(2026, 12, 3, 5, 59, 0, TimeSpan.FromHours(8));
        var justBefore = await SendDueAsync();
        _clock.Now = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.FromHours(8));
        var atTheHour = await SendDueAsync();
        var again = await SendDueAsync();

        Assert.Equal(OutboxResult.Nothing, sameDay);
        Assert.Equal(OutboxResult.Nothing, justBefore);
        Assert.Equal(new OutboxResult(1, 3, 0, 0), atTheHour);
        Assert.Equal(OutboxResult.Nothing, again);
        var mail = Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1));
        await SaveAsync(mail, "email-digest");
        Assert.Equal("Ringkasan harian TPPS Portal: 3 pemberitahuan baru", mail.Subject);
        Assert.Equal("camat.malili@luwutimurkab.go.id", Assert.Single(mail.To.Mailboxes).Address);
        var text = mail.TextBody;
        Assert.Contains("1. Formulir Malili dikembalikan", text);
        Assert.Contains("2. Batas waktu formulir Desember 2026: 2 hari lagi", text);
        Assert.Contains("3. Undangan rapat koordinasi TPPS", text);
        Assert.Contains("http://tpps.test/laporan/formulir/3", text);
        Assert.Contains("http://tpps.test/rapat/7", text);
        Assert.Contains("pukul 06.00 WITA", text);
        Assert.Contains("http://tpps.test/akun/profil", text);
        Assert.Contains("href=\"http://tpps.test/rapat/7\"", mail.HtmlBody);
        await using var check = fixture.Portal.CreateContext();
        var rows = await check.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync();
        Assert.All(rows, r => Assert.Equal(EmailState.Sent, r.EmailState));
        var saved = await check.Users.AsNoTracking().SingleAsync(u => u.UserName == CamatUser);
        Assert.Equal(_clock.Now, saved.LastDigestAt);
    }

    [Fact]
    public async Task SendDue_WhenTheSmtpServerIsDown_KeepsTheMailAndRetriesWithBackoff_ThenSendsItOnceWhenBack()
    {
        var user = await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id");
        var id = await AddAsync(user, NotificationKind.ActionOverdue, "Tindak lanjut terlambat: Surat edaran camat", "Sudah lewat batas waktu.", "tindak-lanjut/5");
        await fixture.Smtp.StopAsync();

        var down = await SendDueAsync();
        var afterFirst = await RowAsync(id);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var tooEarly = await SendDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var stillDown = await SendDueAsync();
        var afterSecond = await RowAsync(id);

        await fixture.Smtp.StartAgainAsync();
        var backButNotDue = await SendDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));
        var back = await SendDueAsync();
        var again = await SendDueAsync();

        Assert.Equal(new OutboxResult(0, 0, 1, 0), down);
        Assert.Equal(EmailState.Pending, afterFirst.EmailState);
        Assert.Equal(1, afterFirst.EmailAttempts);
        Assert.Equal(Start + TimeSpan.FromMinutes(1), afterFirst.EmailNextAttemptAt);
        Assert.False(string.IsNullOrWhiteSpace(afterFirst.EmailError));
        Assert.Equal(OutboxResult.Nothing, tooEarly);
        Assert.Equal(new OutboxResult(0, 0, 1, 0), stillDown);
        Assert.Equal(2, afterSecond.EmailAttempts);
        Assert.Equal(Start + TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(2), afterSecond.EmailNextAttemptAt);
        Assert.Equal(OutboxResult.Nothing, backButNotDue);
        Assert.Equal(new OutboxResult(1, 1, 0, 0), back);
        Assert.Equal(OutboxResult.Nothing, again);
        var mail = Assert.Single(await fixture.Smtp.WaitForMessagesAsync(1));
        Assert.Equal($"notification-{id}@tpps.test", mail.MessageId);
        var sent = await RowAsync(id);
        Assert.Equal(EmailState.Sent, sent.EmailState);
        Assert.Null(sent.EmailError);
        Assert.Equal(2, sent.EmailAttempts);
    }

    [Fact]
    public async Task SendDue_AfterADayOfFailures_GivesUpAndMarksTheMailFailed()
    {
        var user = await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id");
        var id = await AddAsync(user, NotificationKind.ActionDueSoon, "Tindak lanjut jatuh tempo 3 hari lagi", "Rekap data posyandu.", "tindak-lanjut/6");
        await fixture.Smtp.StopAsync();

        var early = await SendDueAsync();
        _clock.Advance(TimeSpan.FromHours(24));
        var dayLater = await SendDueAsync();
        await fixture.Smtp.StartAgainAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        var afterwards = await SendDueAsync();

        Assert.Equal(new OutboxResult(0, 0, 1, 0), early);
        Assert.Equal(new OutboxResult(0, 0, 0, 1), dayLater);
        Assert.Equal(OutboxResult.Nothing, afterwards);
        var row = await RowAsync(id);
        Assert.Equal(EmailState.Failed, row.EmailState);
        Assert.Null(row.EmailNextAttemptAt);
        Assert.Empty(fixture.Smtp.Messages());
    }

    [Fact]
    public async Task SendDue_MutedKindOrNoAddress_SendsNoMail()
    {
        var muted = await SetUserAsync(CamatUser, "camat.malili@luwutimurkab.go.id", muted: NotificationKind.FormApproved.Bit());
        var noAddress = await SetUserAsync(OpdUser, email: null);
        var mutedRow = await AddAsync(muted, NotificationKind.FormApproved, "Formulir Malili disetujui", "Terima kasih.", "laporan/formulir/3");
        var noAddressRow = await AddAsync(noAddress, NotificationKind.ActionOverdue, "Tindak lanjut terlambat", "Sudah lewat.", "tindak-lanjut/5");
        // Made while the kind was wanted, muted before the mail went (outside the profile page, which clears it itself).
        var laterMuted = await AddAsync(muted, NotificationKind.FormReturned, "Formulir Malili dikembalikan", "Perbaiki.", "laporan/formulir/3");
        await using (var db = fixture.Portal.CreateContext())
        {
            await db.Users.Where(u => u.UserName == CamatUser)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailMutedKinds, NotificationKind.FormApproved.Bit() | NotificationKind.FormReturned.Bit()));
        }

        var result = await SendDueAsync();

        Assert.Equal(OutboxResult.Nothing, result);
        Assert.Empty(fixture.Smtp.Messages());
        Assert.Equal(EmailState.None, (await RowAsync(mutedRow)).EmailState);
        Assert.Equal(EmailState.None, (await RowAsync(noAddressRow)).EmailState);
        Assert.Equal(EmailState.None, (await RowAsync(laterMuted)).EmailState);
    }

    [Fact]
    public async Task SendDue_TwoOutboxesAtOnce_SendEachMailOnce()
    {
        var user = await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id");
        var ids = new List<long>();
        for (var i = 1; i <= 30; i++)
        {
            ids.Add(await AddAsync(user, NotificationKind.ActionOverdue, $"Tindak lanjut terlambat nomor {i}", "Sudah lewat.", $"tindak-lanjut/{i}"));
        }

        var results = await Task.WhenAll(SendDueAsync(), SendDueAsync());

        Assert.Equal(30, results.Sum(r => r.Mails));
        var mails = await fixture.Smtp.WaitForMessagesAsync(30);
        Assert.Equal(30, mails.Count);
        Assert.Equal(ids.Select(id => $"notification-{id}@tpps.test").Order(), mails.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task SendDue_AsRegisteredWithoutMailConfiguration_SendsNothingAndKeepsTheMailPending()
    {
        var user = await SetUserAsync(OpdUser, "operator.dp2kb@luwutimurkab.go.id");
        var id = await AddAsync(user, NotificationKind.ActionOverdue, "Tindak lanjut terlambat", "Sudah lewat.", "tindak-lanjut/5");

        var result = await fixture.Portal.Get<EmailOutbox>().SendDueAsync(CancellationToken.None);

        Assert.Equal(OutboxResult.Nothing, result);
        Assert.Equal(EmailState.Pending, (await RowAsync(id)).EmailState);
        Assert.Empty(fixture.Smtp.Messages());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void Backoff_DoublesFromOneMinute_UpToAnHour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), EmailOutbox.Backoff(attempts));

    [Fact]
    public void DigestClock_UsesTheDistrictsHourAndZone_AndWibWithoutARegion()
    {
        var hours = new Dictionary<string, int> { ["73.24"] = 6 };
        var lutim = DigestClock.For("73.24.04", hours);
        var admin = DigestClock.For(null, hours);
        var papua = DigestClock.For("91.01", hours);

        Assert.Equal(new DigestClock("WITA", 6), lutim);
        Assert.Equal(new DigestClock("WIB", ReminderSettings.DefaultDigestHour), admin);
        Assert.Equal(new DigestClock("WIT", ReminderSettings.DefaultDigestHour), papua);
        // 05.59 WITA on 3 December: the last digest hour was 06.00 WITA on 2 December.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), lutim.LastSlot(new DateTimeOffset(2026, 12, 3, 5, 59, 0, TimeSpan.FromHours(8))));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero), lutim.LastSlot(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero), lutim.NextSlot(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void MailOptions_SwitchedOnWithoutSenderOrPortalAddress_NameTheMissingKeys_AndOffNeedsNothing()
    {
        var incomplete = new MailOptions { Enabled = true, Host = "smtp.luwutimurkab.go.id" };
        var off = new MailOptions();

        var problems = incomplete.Problems();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Mail:FromAddress", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Mail:PortalAddress", StringComparison.Ordinal));
        Assert.Empty(off.Problems());
        Assert.Equal(MailSecurity.StartTls, new MailOptions { Port = 587 }.EffectiveSecurity);
        Assert.Equal(MailSecurity.SslOnConnect, new MailOptions { Port = 465 }.EffectiveSecurity);
        Assert.Equal(MailSecurity.None, new MailOptions().EffectiveSecurity);
        Assert.Equal(MailSecurity.None, new MailOptions { Port = 587, Security = MailSecurity.None }.EffectiveSecurity);
    }

    private async Task<OutboxResult> SendDueAsync()
    {
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        var options = Options.Create(new MailOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = fixture.Smtp.Port,
            Security = MailSecurity.None,
            FromAddress = "tpps@luwutimurkab.go.id",
            PortalAddress = Portal,
            TimeoutSeconds = 5,
        });
        var sender = new SmtpMailSender(options, NullLogger<SmtpMailSender>.Instance);
        var outbox = ActivatorUtilities.CreateInstance<EmailOutbox>(scope.ServiceProvider, options, sender, (TimeProvider)_clock);
        return await outbox.SendDueAsync(CancellationToken.None);
    }

    private async Task<AppUser> SetUserAsync(string userName, string? email, bool digest = false, int muted = 0)
    {
        await using var db = fixture.Portal.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.Email = email;
        user.NormalizedEmail = email?.ToUpperInvariant();
        user.EmailDigest = digest;
        user.EmailMutedKinds = muted;
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<long> AddAsync(AppUser user, NotificationKind kind, string title, string body, string link)
    {
        await using var db = fixture.Portal.CreateContext();
        var notification = Notifier.Create(user, new NotificationDraft(kind, title, body, link, user.RegionCode ?? "73.24"), _clock.GetUtcNow());
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    /// <summary>Keeps the mail as received (.eml) and its HTML part for a person to look at (TPPS_ARTIFACTS, as screenshots).</summary>
    private static async Task SaveAsync(MimeMessage mail, string name)
    {
        var dir = Environment.GetEnvironmentVariable("TPPS_ARTIFACTS") is { Length: > 0 } value ? value : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        await mail.WriteToAsync(Path.Combine(dir, name + ".eml"));
        await File.WriteAllTextAsync(Path.Combine(dir, name + ".html"), mail.HtmlBody);
    }

    private async Task<Notification> RowAsync(long id)
    {
        await using var db = fixture.Portal.CreateContext();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }
}
