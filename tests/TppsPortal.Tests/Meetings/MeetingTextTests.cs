using Microsoft.EntityFrameworkCore;
using Npgsql;
using TppsPortal.Agencies;
using TppsPortal.Common;
using TppsPortal.Meetings;
using TppsPortal.Pdf;
using TppsPortal.Tests.Infrastructure;
using TppsPortal.Tests.Pdf;
using UglyToad.PdfPig;

namespace TppsPortal.Tests.Meetings;

/// <summary>Text pasted from phones: bidirectional controls are stripped before they are stored.</summary>
public sealed class MeetingTextTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Rlo = "\u202E";

    [Fact]
    public async Task Create_AttendeeNameWithARightToLeftOverride_IsStoredWithoutIt_AndNoBidiControlReachesTheDatabase()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor \u2066arah\u2069 teks" + Rlo;
        form.Date = new DateOnly(2025, 3, 4);
        form.Venue = "Aula";
        form.NoteTakerName = "Notulis\u200F";
        form.Attendees = [new AttendeeForm { Name = "Budi " + Rlo + "exe.fdp", Position = "\u202BKepala\u202C", AgencyId = form.Invitations[0].AgencyId }];

        var created = await meetings.CreateAsync(admin, form);

        Assert.True(created.Succeeded, created.Outcome.Summary);
        await using var db = fixture.CreateContext();
        var stored = await db.Meetings.Include(m => m.Attendees).SingleAsync(m => m.Id == created.Value);
        Assert.Equal("Rakor arah teks", stored.Title);
        Assert.Equal("Notulis", stored.NoteTakerName);
        Assert.Equal(("Budi exe.fdp", "Kepala"), (stored.Attendees.Single().Name, stored.Attendees.Single().Position));
        Assert.Empty(await ColumnsHoldingBidiControlsAsync());
    }

    [Fact]
    public async Task Update_AgencyNameWithAnOverride_IsStoredWithoutIt()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var agencies = fixture.Get<AgencyService>();
        var id = await fixture.AgencyIdAsync("73.24", "Dinkes");
        var form = (await agencies.GetFormAsync(admin, id))!;
        form.Name = "Dinas " + Rlo + "Kesehatan";

        var saved = await agencies.UpdateAsync(admin, id, form);

        Assert.True(saved.Succeeded, saved.Summary);
        await using var db = fixture.CreateContext();
        Assert.Equal("Dinas Kesehatan", await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).SingleAsync());
    }

    [Fact]
    public async Task Minutes_WithArabicAndAnEmojiInAnAttendeesName_PrintEveryCharacter_AndAReplacementForOneNoFontHas()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var meetings = fixture.Get<MeetingService>();
        var form = await meetings.NewFormAsync(admin, "73.24");
        form.Title = "Rakor lintas aksara";
        form.Date = new DateOnly(2025, 5, 6);
        form.Venue = "Aula";
        form.NoteTakerName = "Notulis";
        form.Attendees =
        [
            new AttendeeForm { Name = "Ahmad أحمد علي 😀", Position = "Kepala 👍", AgencyId = form.Invitations[0].AgencyId },
            new AttendeeForm { Name = "Tamu 漢", Position = "Pengamat", AgencyId = form.Invitations[0].AgencyId },
        ];
        form.Decisions = [new DecisionForm { Text = "Disepakati: السلام عليكم 😀 bersama." }];
        var created = await meetings.CreateAsync(admin, form);
        Assert.True(created.Succeeded, created.Outcome.Summary);

        var minutes = await fixture.Get<MinutesService>().BuildMinutesAsync(admin, created.Value);
        var pdf = MinutesPdfRenderer.Render(minutes!);
        File.WriteAllBytes(Path.Combine(Artifacts.Folder, "rakor-minutes-arabic-emoji.pdf"), pdf);
        using var document = PdfDocument.Open(pdf);
        var ink = string.Concat(document.GetPages().Select(PdfAssert.Ink));
        var extracted = PdfTools.Text(pdf);

        Assert.Contains("Ahmadأحمدعلي😀", ink); // stored in logical order, drawn right to left
        Assert.Contains("Kepala👍", ink);
        Assert.Contains("السلامعليكم😀", ink);
        Assert.Contains("Tamu" + PdfFonts.Replacement, ink); // no installed face has CJK: a visible box, not nothing
        Assert.Contains("😀", extracted);
        Assert.Contains(PdfFonts.Replacement, extracted);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.All(PdfTools.Fonts(pdf), f => Assert.True(f.Embedded, $"{f.Name} is not embedded"));
    }

    [Fact]
    public void StripBidiControls_RemovesEveryEmbeddingOverrideIsolateAndMark_AndKeepsArabicAndEmoji()
    {
        const string controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
        const string text = "محمد 😀 Budi";

        var pasted = controls[..2] + text[..2] + controls[2..5] + text[2..6] + controls[5..] + text[6..];

        Assert.Equal(text, TextRules.StripBidiControls(pasted));
        Assert.Same(text, TextRules.StripBidiControls(text));
        Assert.All(controls, c => Assert.True(TextRules.IsBidiControl(c)));
    }

    /// <summary>Every text column of the database that holds a bidirectional control character, as "table.column".</summary>
    private async Task<List<string>> ColumnsHoldingBidiControlsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var check = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE \"{column}\" ~ '[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]')", connection);
            if ((bool)(await check.ExecuteScalarAsync())!)
            {
                found.Add($"{table}.{column}");
            }
        }
        return found;
    }
}
