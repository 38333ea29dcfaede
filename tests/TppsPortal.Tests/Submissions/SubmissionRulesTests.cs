using TppsPortal.Submissions;

namespace TppsPortal.Tests.Submissions;

/// <summary>Every hard and soft rule of the camat form, with its Indonesian message.</summary>
public sealed class SubmissionRulesTests
{
    private static readonly VillageValues Good = new()
    {
        Families = 420, FamiliesAtRisk = 35, ToddlersRegistered = 150, ToddlersMeasured = 140, SeverelyStunted = 4, Stunted = 12,
        Wasted = 6, Underweight = 9, Pregnant = 18, PregnantKek = 2, UnderTwo = 60,
    };

    [Fact]
    public void Hard_OnConsistentFigures_FindsNothing() => Assert.Empty(SubmissionRules.Hard(Good));

    [Theory]
    [InlineData(Figure.Families)]
    [InlineData(Figure.Stunted)]
    [InlineData(Figure.PregnantKek)]
    public void Hard_NegativeNumber_IsRefusedAtThatField(Figure figure)
    {
        var finding = Assert.Single(SubmissionRules.Hard(Good.With(figure, -1)), f => f.Rule == "non-negative");

        Assert.Equal(figure, finding.Figure);
        Assert.Equal($"{figure.Label()} tidak boleh negatif.", finding.Message);
        Assert.True(finding.IsHard);
    }

    [Fact]
    public void Hard_StuntedPlusSeverelyStuntedAboveMeasured_IsRefused()
    {
        var finding = Assert.Single(SubmissionRules.Hard(Good with { Stunted = 130, SeverelyStunted = 20 }));

        Assert.Equal("stunted-le-measured", finding.Rule);
        Assert.Equal("Sangat pendek + pendek (150) melebihi balita diukur (140).", finding.Message);
    }

    [Fact]
    public void Hard_MeasuredAboveRegistered_IsRefused()
    {
        var finding = Assert.Single(SubmissionRules.Hard(Good with { ToddlersMeasured = 151, UnderTwo = 60 }));

        Assert.Equal(Figure.ToddlersMeasured, finding.Figure);
        Assert.Equal("Balita diukur (151) melebihi balita terdaftar (150).", finding.Message);
    }

    [Fact]
    public void Hard_WastingAndUnderweightAboveMeasured_AreRefusedEach()
    {
        var findings = SubmissionRules.Hard(Good with { Wasted = 141, Underweight = 1_200, ToddlersRegistered = 1_500, UnderTwo = 60 });

        Assert.Contains(findings, f => f.Rule == "wasted-le-measured" && f.Message == "Gizi kurang (141) melebihi balita diukur (140).");
        Assert.Contains(findings, f => f.Rule == "underweight-le-measured" && f.Message == "Berat badan kurang (1.200) melebihi balita diukur (140).");
    }

    [Fact]
    public void Hard_KekAbovePregnant_IsRefused() =>
        Assert.Equal("Ibu hamil KEK (19) melebihi ibu hamil (18).", Assert.Single(SubmissionRules.Hard(Good with { PregnantKek = 19 })).Message);

    [Fact]
    public void Hard_BadutaAboveRegistered_IsRefused() =>
        Assert.Equal("Baduta (151) melebihi balita terdaftar (150).", Assert.Single(SubmissionRules.Hard(Good with { UnderTwo = 151 })).Message);

    [Fact]
    public void Hard_FamiliesAtRiskAboveFamilies_IsRefused() =>
        Assert.Equal("Keluarga berisiko (421) melebihi jumlah keluarga (420).", Assert.Single(SubmissionRules.Hard(Good with { FamiliesAtRisk = 421 })).Message);

    [Fact]
    public void Hard_StuntedWithoutMeasured_AsksForMeasured() =>
        Assert.Equal("measured-required", Assert.Single(SubmissionRules.Hard(Good with { ToddlersMeasured = null })).Rule);

    [Fact]
    public void Soft_PrevalenceMoreThanTenPointsFromPreviousApproved_Warns()
    {
        var previous = Good with { Stunted = 5, SeverelyStunted = 2 }; // 5,0 %
        var now = Good with { Stunted = 20, SeverelyStunted = 3 }; // 16,4 %

        var finding = Assert.Single(SubmissionRules.Soft(now, previous, isWeighingMonth: false));

        Assert.Equal("prevalence-jump", finding.Rule);
        Assert.False(finding.IsHard);
        Assert.Equal("Prevalensi 16,4 % berbeda 11,4 poin dari periode disetujui sebelumnya (5,0 %).", finding.Message);
    }

    [Fact]
    public void Soft_PrevalenceTenPointsOrLess_DoesNotWarn()
    {
        var previous = Good with { Stunted = 5, SeverelyStunted = 2 }; // 5,0 %
        var now = Good with { Stunted = 19, SeverelyStunted = 2 }; // 15,0 %

        Assert.Empty(SubmissionRules.Soft(now, previous, isWeighingMonth: false));
    }

    [Fact]
    public void Soft_MeasuredChangingByMoreThanHalf_Warns()
    {
        var previous = Good with { ToddlersMeasured = 140 };
        var now = Good with { ToddlersMeasured = 60, Stunted = 5, SeverelyStunted = 2 };

        var finding = Assert.Single(SubmissionRules.Soft(now, previous, false), f => f.Rule == "measured-change");

        Assert.Equal("Balita diukur berubah dari 140 menjadi 60 (lebih dari separuh).", finding.Message);
    }

    [Fact]
    public void Soft_ZeroMeasuredInAWeighingMonth_Warns_ButNotInOtherMonths()
    {
        var zero = Good with { ToddlersMeasured = 0, Stunted = 0, SeverelyStunted = 0, Wasted = 0, Underweight = 0 };

        var weighing = Assert.Single(SubmissionRules.Soft(zero, null, isWeighingMonth: true));
        Assert.Empty(SubmissionRules.Soft(zero, null, isWeighingMonth: false));

        Assert.Equal("Tidak ada balita diukur pada bulan penimbangan (Februari/Agustus). Benarkah?", weighing.Message);
    }

    [Fact]
    public void Prevalence_AndCoverage_FollowTheDefinitions()
    {
        Assert.Equal(16 * 100.0 / 140, Good.Prevalence);
        Assert.Equal(140 * 100.0 / 150, Good.Coverage);
        Assert.Null((Good with { ToddlersMeasured = 0 }).Prevalence);
        Assert.True(ReportingPeriod.WeighingMonth(2) && ReportingPeriod.WeighingMonth(8) && !ReportingPeriod.WeighingMonth(6));
    }

    [Fact]
    public void Missing_CoreFigures_AreRequiredWithZeroAllowed()
    {
        var findings = SubmissionRules.Missing(new VillageValues { Families = 0, ToddlersRegistered = 0, ToddlersMeasured = 0 });

        Assert.Equal([Figure.SeverelyStunted, Figure.Stunted], findings.Select(f => f.Figure));
        Assert.All(findings, f => Assert.EndsWith("wajib diisi (isi 0 bila tidak ada).", f.Message));
    }

    [Theory]
    [InlineData("1072", 1072)]
    [InlineData("1.072", 1072)]
    [InlineData(" 0 ", 0)]
    public void TryParseCount_AcceptsWholeNumbersWithIndonesianThousands(string text, int expected)
    {
        Assert.True(SubmissionImporter.TryParseCount(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("2,5")]
    [InlineData("12.5")]
    [InlineData("dua")]
    public void TryParseCount_RefusesNegativesDecimalsAndWords(string text) =>
        Assert.False(SubmissionImporter.TryParseCount(text, out _));
}
