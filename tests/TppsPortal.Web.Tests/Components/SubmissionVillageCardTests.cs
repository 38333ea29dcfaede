using Bunit;
using MudBlazor.Services;
using TppsPortal.Regions;
using TppsPortal.Submissions;
using TppsPortal.Web.Components.Shared;
using TppsPortal.Web.Submissions;

namespace TppsPortal.Web.Tests.Components;

/// <summary>One village of the camat form: what the person types is checked and computed at once, before any save.</summary>
public sealed class SubmissionVillageCardTests
{
    private const string Code = "73.24.04.2901";

    // A context per test, disposed asynchronously: MudBlazor's key interceptor can only be disposed that way.
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    private static RowView Row(VillageValues? values = null, VillageValues? previous = null, string comment = "", string? returnComment = null, uint version = 7) =>
        new(Code, "Desa Malili Contoh 1", RegionLevel.Desa, values ?? new VillageValues(), previous, comment, returnComment, [], [], version);

    private static string Id(Figure figure) => $"#f-desa-73-24-04-2901-{figure}";

    /// <summary>What the page does with an edit from the browser's journal: give it to the village, refresh the card.</summary>
    private static Guid Type(IRenderedComponent<VillageCard> card, string field, string text)
    {
        var id = Guid.NewGuid();
        card.InvokeAsync(() =>
        {
            Assert.True(card.Instance.Draft.Typed(new JournalEdit(id, 1, Code, field, text, 7)));
            card.Instance.Refresh();
        });
        return id;
    }

    private static Guid Type(IRenderedComponent<VillageCard> card, Figure figure, string text) => Type(card, figure.ToString(), text);

    [Fact]
    public async Task Typing_ShowsPrevalenceAndCoverageInIndonesianFormat_AndQueuesEachEditById()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        var ids = new[]
        {
            Type(card, Figure.ToddlersRegistered, "1072"),
            Type(card, Figure.ToddlersMeasured, "1.000"),
            Type(card, Figure.SeverelyStunted, "26"),
            Type(card, Figure.Stunted, "200"),
        };

        Assert.Equal("22,6 %", card.Find("[data-testid=prevalence]").TextContent);
        Assert.Equal("93,3 %", card.Find("[data-testid=coverage]").TextContent);
        Assert.Equal(1000, draft.Values.ToddlersMeasured);
        Assert.True(draft.HasUnsent);
        Assert.All(ids, id => Assert.True(draft.IsPending(id)));
        Assert.Empty(card.FindAll("[data-testid=field-error]"));
    }

    [Fact]
    public void AJournalEditWithTheValueTheServerHas_IsNotPending_SoTheJournalForgetsItInsteadOfShowingItUnsentForever()
    {
        // The value was stored, its answer lost, and the page loaded again: the journal still offers it.
        var draft = new VillageDraft(Row(new VillageValues { Families = 210 }, comment: "Posyandu tutup"), isWeighingMonth: false);

        Assert.False(draft.Typed(new JournalEdit(Guid.NewGuid(), 1, Code, nameof(Figure.Families), "210", 6)));
        Assert.False(draft.Typed(new JournalEdit(Guid.NewGuid(), 2, Code, VillageDraft.CommentKey, "Posyandu tutup", 6)));
        Assert.False(draft.HasUnsent);

        // A value that differs, and text that is not a count (it waits to be corrected), stay with the village.
        var changed = Guid.NewGuid();
        Assert.True(draft.Typed(new JournalEdit(changed, 3, Code, nameof(Figure.Families), "211", 7)));
        Assert.True(draft.IsPending(changed));
        Assert.True(draft.Typed(new JournalEdit(Guid.NewGuid(), 4, Code, nameof(Figure.Stunted), "7a", 7)));
        Assert.False(draft.Typed(new JournalEdit(Guid.NewGuid(), 5, Code, "NotAFigure", "1", 7)));
    }

    [Fact]
    public void AStaleCopyArrivingAfterANewerValueWasStored_IsSkipped_NotSavedOverIt()
    {
        // The journal's snapshot from attaching ("6", typed first) reaches the page after "64", typed next, was already
        // taken and stored (a CI run stored "6" with "Tersimpan" shown while the box said "64").
        var draft = new VillageDraft(Row(), isWeighingMonth: false);
        var first = new JournalEdit(Guid.NewGuid(), 1_000, Code, nameof(Figure.ToddlersRegistered), "6", 7);
        var next = new JournalEdit(Guid.NewGuid(), 2_000, Code, nameof(Figure.ToddlersRegistered), "64", 7, [first.Id]);
        Assert.True(draft.Typed(next));
        Assert.True(draft.TakeNext(out _, out _, out var edit));
        draft.Saved(Row(new VillageValues { ToddlersRegistered = 64 }, version: 8), edit, sent: 7, versionAfter: 8);
        Assert.False(draft.HasUnsent);

        var taken = draft.Typed(first);

        Assert.False(taken);
        Assert.Equal(64, draft.Values.ToddlersRegistered);
        Assert.False(draft.HasUnsent);
        Assert.False(draft.IsPending(first.Id));
        // A value typed after both is still taken.
        Assert.True(draft.Typed(new JournalEdit(Guid.NewGuid(), 3_000, Code, nameof(Figure.ToddlersRegistered), "65", 8)));
        Assert.Equal(65, draft.Values.ToddlersRegistered);
    }

    [Fact]
    public void AnEditBeingSent_IsStillPending_SoTheJournalSendingItAgainMeanwhileDoesNotForgetIt()
    {
        var draft = new VillageDraft(Row(new VillageValues { Families = 210 }), isWeighingMonth: false);
        var id = Guid.NewGuid();
        Assert.True(draft.Typed(new JournalEdit(id, 1, Code, nameof(Figure.Families), "211", 6)));
        Assert.True(draft.TakeNext(out _, out _, out var edit));

        // Between taking it and the server's answer the edit is no longer queued, but it is not settled either.
        Assert.False(draft.HasUnsent);
        Assert.True(draft.IsPending(id));
        draft.Saved(Row(new VillageValues { Families = 211 }), edit, sent: 6, versionAfter: 7);
        Assert.False(draft.IsPending(id));
    }

    [Fact]
    public async Task Typing_NeverWritesIntoTheBox_SoAKeystrokeInFlightCannotBeOverwritten()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(new VillageValues { Families = 10 }), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        Type(card, Figure.Families, "107");   // the browser already shows "1072" when this edit is answered
        Type(card, Figure.Families, "1072");

        // The box keeps the value attribute it was rendered with: the browser's text is never replaced.
        Assert.Equal("10", card.Find(Id(Figure.Families)).GetAttribute("value"));
        Assert.Equal(1072, draft.Values.Families);
        Assert.Equal("1072", draft.Text(Figure.Families));
    }

    [Fact]
    public async Task TheSameFieldTypedAgain_KeepsOnlyTheNewestEdit_AndAFailedSaveKeepsItForTheNextTry()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));
        var first = Type(card, Figure.Families, "10");
        var second = Type(card, Figure.Families, "107");

        Assert.False(draft.IsPending(first));
        Assert.True(draft.TakeNext(out var figure, out var comment, out var edit));
        Assert.Equal((Figure.Families, false, second, 7u), (figure, comment, edit.Id, edit.TypedOn));
        Assert.False(draft.TakeNext(out _, out _, out _));

        draft.Failed(figure, comment, edit, "Server tidak dapat menyimpan saat ini.");
        Assert.True(draft.IsPending(second));
        Assert.Equal(SaveState.Failed, draft.State);
    }

    [Fact]
    public async Task EditsTypedOnAVersionThisPageMovedOn_ContinueFromTheNewVersion_OthersKeepTheirs()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(version: 7), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));
        Type(card, Figure.Families, "100");
        Type(card, Figure.ToddlersRegistered, "60");

        Assert.True(draft.TakeNext(out _, out _, out var families));
        Assert.Equal(7u, draft.VersionFor(families));
        draft.Saved(Row(new VillageValues { Families = 100 }, version: 11), families, sent: 7, versionAfter: 11);

        // Typed on 7 while the first save was on its way: it was typed on top of that save, so it presents 11.
        Assert.True(draft.TakeNext(out _, out _, out var registered));
        Assert.Equal(11u, draft.VersionFor(registered));
        // An edit typed on a version this page never moved on (someone else's) keeps it: the server calls that a conflict.
        Assert.Equal(5u, draft.VersionFor(new PendingEdit(Guid.NewGuid(), 5)));
    }

    [Fact]
    public async Task Typing_MoreStuntedThanMeasured_ShowsTheHardRuleMessageAtThePendekField_AndNoPrevalence()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(new VillageValues { ToddlersRegistered = 60, ToddlersMeasured = 40 }), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        Type(card, Figure.SeverelyStunted, "5");
        Type(card, Figure.Stunted, "38");

        var stunted = card.Find(Id(Figure.Stunted));
        Assert.Equal("true", stunted.GetAttribute("aria-invalid"));
        var message = card.Find("#" + stunted.GetAttribute("aria-describedby"));
        Assert.Equal("Sangat pendek + pendek (43) melebihi balita diukur (40).", message.TextContent);
        // Never "107,5 %": the rule stands where the figure would be.
        Assert.Equal("tidak dihitung", card.Find("[data-testid=prevalence]").TextContent);
        Assert.Equal("Sangat pendek + pendek (43) melebihi balita diukur (40).", card.Find("[data-testid=prevalence-rule]").TextContent);
        Assert.Equal("66,7 %", card.Find("[data-testid=coverage]").TextContent); // measured and registered are fine

        Type(card, Figure.Stunted, "30");

        Assert.Empty(card.FindAll("[data-testid=field-error]"));
        Assert.Equal("87,5 %", card.Find("[data-testid=prevalence]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=prevalence-rule]"));
        Assert.Equal("false", card.Find(Id(Figure.Stunted)).GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Typing_TextThatIsNotACount_SaysSoAndDoesNotQueueASave()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(new VillageValues { ToddlersMeasured = 40 }), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        Type(card, Figure.ToddlersMeasured, "4,5");

        Assert.Equal("Isi bilangan bulat, tanpa koma.", card.Find("[data-testid=field-error]").TextContent);
        Assert.False(draft.HasUnsent);
        Assert.Equal(40, draft.Values.ToddlersMeasured);
        // Every message is in the page; the state's class is the one shown (VillageSaveState.razor.css).
        Assert.Contains("tpps-state-errors", card.Find("[data-testid=save-state]").ClassName);
    }

    [Fact]
    public async Task APrevalenceFarFromThePreviousPeriod_WarnsAndRequiresAnExplanation()
    {
        await using var ctx = NewContext();
        var previous = new VillageValues { ToddlersRegistered = 60, ToddlersMeasured = 50, SeverelyStunted = 1, Stunted = 4 }; // 10,0 %
        var draft = new VillageDraft(Row(new VillageValues { ToddlersRegistered = 60, ToddlersMeasured = 50, SeverelyStunted = 1 }, previous), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));
        Assert.Empty(card.FindAll("[data-testid=village-warnings]"));

        Assert.True(card.Find(".tpps-soft").HasAttribute("hidden"));
        Type(card, Figure.Stunted, "14"); // 30,0 %

        Assert.Contains("Prevalensi 30,0 % berbeda 20,0 poin dari periode disetujui sebelumnya (10,0 %).", card.Find("[data-testid=village-warnings]").TextContent);
        Assert.Contains("Wajib diisi: jelaskan angka yang diberi peringatan di atas.", card.Markup);

        Assert.False(card.Find(".tpps-soft").HasAttribute("hidden"));
        Type(card, VillageDraft.CommentKey, "Pengukuran ulang oleh puskesmas; angka sudah diperiksa.");

        Assert.DoesNotContain("Wajib diisi: jelaskan", card.Markup);
        Assert.True(draft.CommentDirty);
    }

    [Fact]
    public async Task AfterAConflict_ShowsTheServerValuesAndWhatWasTyped()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(new VillageValues { ToddlersMeasured = 40 }), isWeighingMonth: false);
        draft.SetText(Figure.ToddlersMeasured, "45");
        draft.Conflict("Data desa ini baru saja diubah oleh operator.malili.", Row(new VillageValues { ToddlersMeasured = 42 }, version: 9));

        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        var alert = card.Find("[data-testid=village-conflict]");
        Assert.Contains("baru saja diubah oleh operator.malili", alert.TextContent);
        Assert.Contains("Balita diukur 45", alert.TextContent);
        Assert.Equal("42", card.Find(Id(Figure.ToddlersMeasured)).GetAttribute("value"));
        Assert.Equal(9u, draft.Version);
        Assert.False(draft.HasUnsent);
    }

    [Fact]
    public async Task WhenReturned_ShowsTheSecretariatsRemarkAtTheVillage()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(returnComment: "Balita diukur tertukar dengan desa sebelah."), isWeighingMonth: false);

        var returned = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft).Add(c => c.ShowReturnComment, true));
        var approved = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft).Add(c => c.ShowReturnComment, false));

        Assert.Contains("Balita diukur tertukar dengan desa sebelah.", returned.Find("[data-testid=village-return-comment]").TextContent);
        Assert.Empty(approved.FindAll("[data-testid=village-return-comment]"));
    }

    [Theory]
    [InlineData("1072", 1072)]
    [InlineData("1.072", 1072)]
    [InlineData(" 12 ", 12)]
    [InlineData("", null)]
    [InlineData("-3", -3)]
    public void TryParseCount_AcceptsWholeNumbersAsPeopleTypeThem(string text, int? expected)
    {
        Assert.True(VillageDraft.TryParseCount(text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("4,5", "Isi bilangan bulat, tanpa koma.")]
    [InlineData("12a", "Isi dengan angka saja.")]
    [InlineData("99999999999", "Angka terlalu besar.")]
    public void TryParseCount_RefusesWhatIsNotACount(string text, string message)
    {
        Assert.False(VillageDraft.TryParseCount(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public async Task Typing_MoreMeasuredThanRegistered_ShowsTheRuleInsteadOfPrevalenceAndCoverage()
    {
        await using var ctx = NewContext();
        var draft = new VillageDraft(Row(new VillageValues { ToddlersRegistered = 40, SeverelyStunted = 1, Stunted = 4 }), isWeighingMonth: false);
        var card = ctx.Render<VillageCard>(p => p.Add(c => c.Draft, draft));

        Type(card, Figure.ToddlersMeasured, "45");

        Assert.Equal("tidak dihitung", card.Find("[data-testid=coverage]").TextContent); // never "112,5 %"
        Assert.Equal("Balita diukur (45) melebihi balita terdaftar (40).", card.Find("[data-testid=coverage-rule]").TextContent);
        Assert.Equal("tidak dihitung", card.Find("[data-testid=prevalence]").TextContent);
    }

    [Fact]
    public async Task KecamatanTotals_WithAVillageBreakingARule_ShowTheRuleInsteadOfTheSums()
    {
        await using var ctx = NewContext();
        var totals = new VillageValues { ToddlersRegistered = 100, ToddlersMeasured = 80, SeverelyStunted = 10, Stunted = 80 };
        var card = ctx.Render<KecamatanTotals>(p => p.Add(c => c.Totals, totals).Add(c => c.Title, "Jumlah Kecamatan Malili")
            .Add(c => c.Villages, 4).Add(c => c.Filled, 2).Add(c => c.PrevalenceBroken, 1));

        Assert.Equal("tidak dihitung", card.Find("[data-testid=total-prevalence]").TextContent);
        Assert.Contains("1 desa/kelurahan melanggar aturan", card.Find("[data-testid=total-prevalence-rule]").TextContent, StringComparison.Ordinal);
        Assert.Equal("80,0 %", card.Find("[data-testid=total-coverage]").TextContent);

        await card.InvokeAsync(() => card.Instance.Show(totals with { Stunted = 10 }, 2, 0, 0));

        Assert.Equal("25,0 %", card.Find("[data-testid=total-prevalence]").TextContent);
    }
}
