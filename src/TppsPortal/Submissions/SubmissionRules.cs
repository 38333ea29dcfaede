using TppsPortal.Common;

namespace TppsPortal.Submissions;

/// <summary>A rule's finding on one village: where (the figure) and what, in Indonesian.</summary>
public sealed record RuleFinding(string Rule, Figure Figure, string Message, bool IsHard);

/// <summary>
/// Every rule of the camat form in one place. Hard rules refuse a submission (the number is impossible); soft
/// rules warn, and the submission is accepted only with a comment on the village.
/// </summary>
public static class SubmissionRules
{
    /// <summary>Prevalence more than this many points away from the previous approved period is suspicious.</summary>
    public const double PrevalenceJumpPoints = 10;

    /// <summary>A measured count changing by more than this fraction is suspicious.</summary>
    public const double MeasuredChangeFraction = 0.5;

    /// <summary>
    /// The hard finding that makes the prevalence meaningless (an impossible count it is computed from), or null.
    /// The form shows this rule instead of a figure such as "112,5 %".
    /// </summary>
    public static RuleFinding? BreaksPrevalence(IReadOnlyList<RuleFinding> hard) =>
        hard.FirstOrDefault(f => f.Rule is "stunted-le-measured" or "measured-le-registered"
            || (f.Rule == "non-negative" && f.Figure is Figure.Stunted or Figure.SeverelyStunted or Figure.ToddlersMeasured));

    /// <summary>The hard finding that makes the measurement coverage meaningless, or null.</summary>
    public static RuleFinding? BreaksCoverage(IReadOnlyList<RuleFinding> hard) =>
        hard.FirstOrDefault(f => f.Rule == "measured-le-registered"
            || (f.Rule == "non-negative" && f.Figure is Figure.ToddlersMeasured or Figure.ToddlersRegistered));

    public static IReadOnlyList<RuleFinding> Hard(VillageValues v)
    {
        var found = new List<RuleFinding>();
        foreach (var f in FigureInfo.All)
        {
            if (v.Get(f) is < 0)
            {
                found.Add(new RuleFinding("non-negative", f, $"{f.Label()} tidak boleh negatif.", true));
            }
        }
        var stunted = (v.Stunted ?? 0) + (v.SeverelyStunted ?? 0);
        if (v.ToddlersMeasured is { } measured)
        {
            if ((v.Stunted is not null || v.SeverelyStunted is not null) && stunted > measured)
            {
                found.Add(new RuleFinding("stunted-le-measured", Figure.Stunted,
                    $"Sangat pendek + pendek ({IndonesianFormat.Number(stunted)}) melebihi balita diukur ({IndonesianFormat.Number(measured)}).", true));
            }
            if (v.ToddlersRegistered is { } registered && measured > registered)
            {
                found.Add(new RuleFinding("measured-le-registered", Figure.ToddlersMeasured,
                    $"Balita diukur ({IndonesianFormat.Number(measured)}) melebihi balita terdaftar ({IndonesianFormat.Number(registered)}).", true));
            }
            if (v.Wasted is { } wasted && wasted > measured)
            {
                found.Add(new RuleFinding("wasted-le-measured", Figure.Wasted,
                    $"Gizi kurang ({IndonesianFormat.Number(wasted)}) melebihi balita diukur ({IndonesianFormat.Number(measured)}).", true));
            }
            if (v.Underweight is { } under && under > measured)
            {
                found.Add(new RuleFinding("underweight-le-measured", Figure.Underweight,
                    $"Berat badan kurang ({IndonesianFormat.Number(under)}) melebihi balita diukur ({IndonesianFormat.Number(measured)}).", true));
            }
        }
        else if (v.Stunted is not null || v.SeverelyStunted is not null || v.Wasted is not null || v.Underweight is not null)
        {
            found.Add(new RuleFinding("measured-required", Figure.ToddlersMeasured, "Isi balita diukur: angka pendek, gizi kurang dan berat badan kurang dihitung dari balita yang diukur.", true));
        }
        if (v.PregnantKek is { } kek && v.Pregnant is { } pregnant && kek > pregnant)
        {
            found.Add(new RuleFinding("kek-le-pregnant", Figure.PregnantKek,
                $"Ibu hamil KEK ({IndonesianFormat.Number(kek)}) melebihi ibu hamil ({IndonesianFormat.Number(pregnant)}).", true));
        }
        if (v.UnderTwo is { } baduta && v.ToddlersRegistered is { } reg && baduta > reg)
        {
            found.Add(new RuleFinding("baduta-le-registered", Figure.UnderTwo,
                $"Baduta ({IndonesianFormat.Number(baduta)}) melebihi balita terdaftar ({IndonesianFormat.Number(reg)}).", true));
        }
        if (v.FamiliesAtRisk is { } risk && v.Families is { } families && risk > families)
        {
            found.Add(new RuleFinding("risk-le-families", Figure.FamiliesAtRisk,
                $"Keluarga berisiko ({IndonesianFormat.Number(risk)}) melebihi jumlah keluarga ({IndonesianFormat.Number(families)}).", true));
        }
        return found;
    }

    /// <param name="v">This period's figures.</param>
    /// <param name="previous">The same village's figures in its latest earlier approved period, if any.</param>
    /// <param name="isWeighingMonth">February and August, the posyandu weighing months.</param>
    public static IReadOnlyList<RuleFinding> Soft(VillageValues v, VillageValues? previous, bool isWeighingMonth)
    {
        var found = new List<RuleFinding>();
        if (isWeighingMonth && v.ToddlersMeasured == 0)
        {
            found.Add(new RuleFinding("zero-measured-weighing-month", Figure.ToddlersMeasured,
                "Tidak ada balita diukur pada bulan penimbangan (Februari/Agustus). Benarkah?", false));
        }
        if (previous is null)
        {
            return found;
        }
        if (v.Prevalence is { } now && previous.Prevalence is { } before && Math.Abs(now - before) > PrevalenceJumpPoints)
        {
            found.Add(new RuleFinding("prevalence-jump", Figure.Stunted,
                $"Prevalensi {IndonesianFormat.Percent(now)} berbeda {IndonesianFormat.Decimal(Math.Abs(now - before))} poin dari periode disetujui sebelumnya ({IndonesianFormat.Percent(before)}).", false));
        }
        if (v.ToddlersMeasured is { } m && previous.ToddlersMeasured is { } p && p > 0 && Math.Abs(m - p) > p * MeasuredChangeFraction)
        {
            found.Add(new RuleFinding("measured-change", Figure.ToddlersMeasured,
                $"Balita diukur berubah dari {IndonesianFormat.Number(p)} menjadi {IndonesianFormat.Number(m)} (lebih dari separuh).", false));
        }
        return found;
    }

    /// <summary>A row must be complete to be submitted: the core figures of the stunting count.</summary>
    public static IReadOnlyList<RuleFinding> Missing(VillageValues v)
    {
        Figure[] required = [Figure.Families, Figure.ToddlersRegistered, Figure.ToddlersMeasured, Figure.SeverelyStunted, Figure.Stunted];
        return required.Where(f => v.Get(f) is null)
            .Select(f => new RuleFinding("required", f, $"{f.Label()} wajib diisi (isi 0 bila tidak ada).", true)).ToList();
    }
}
