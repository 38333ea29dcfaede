namespace TppsPortal.Submissions;

/// <summary>The figures a kecamatan reports for one village in one period (e-PPGBM aggregates, data sasaran).</summary>
public enum Figure
{
    Families,
    FamiliesAtRisk,
    ToddlersRegistered,
    ToddlersMeasured,
    SeverelyStunted,
    Stunted,
    Wasted,
    Underweight,
    Pregnant,
    PregnantKek,
    UnderTwo,
}

public static class FigureInfo
{
    public static readonly IReadOnlyList<Figure> All = Enum.GetValues<Figure>();

    /// <summary>The label the form shows.</summary>
    public static string Label(this Figure figure) => figure switch
    {
        Figure.Families => "Jumlah keluarga",
        Figure.FamiliesAtRisk => "Keluarga berisiko stunting",
        Figure.ToddlersRegistered => "Balita terdaftar",
        Figure.ToddlersMeasured => "Balita diukur",
        Figure.SeverelyStunted => "Sangat pendek",
        Figure.Stunted => "Pendek",
        Figure.Wasted => "Gizi kurang (wasting)",
        Figure.Underweight => "Berat badan kurang (underweight)",
        Figure.Pregnant => "Ibu hamil",
        Figure.PregnantKek => "Ibu hamil KEK",
        Figure.UnderTwo => "Baduta",
        _ => figure.ToString(),
    };

    /// <summary>The column name in import files (lower case, no spaces).</summary>
    public static string Key(this Figure figure) => figure switch
    {
        Figure.Families => "jumlah_keluarga",
        Figure.FamiliesAtRisk => "keluarga_berisiko",
        Figure.ToddlersRegistered => "balita_terdaftar",
        Figure.ToddlersMeasured => "balita_diukur",
        Figure.SeverelyStunted => "sangat_pendek",
        Figure.Stunted => "pendek",
        Figure.Wasted => "gizi_kurang",
        Figure.Underweight => "bb_kurang",
        Figure.Pregnant => "ibu_hamil",
        Figure.PregnantKek => "ibu_hamil_kek",
        Figure.UnderTwo => "baduta",
        _ => figure.ToString(),
    };
}

/// <summary>One village's figures; null means not filled in yet.</summary>
public sealed record VillageValues
{
    public int? Families { get; init; }
    public int? FamiliesAtRisk { get; init; }
    public int? ToddlersRegistered { get; init; }
    public int? ToddlersMeasured { get; init; }
    public int? SeverelyStunted { get; init; }
    public int? Stunted { get; init; }
    public int? Wasted { get; init; }
    public int? Underweight { get; init; }
    public int? Pregnant { get; init; }
    public int? PregnantKek { get; init; }
    public int? UnderTwo { get; init; }

    public int? Get(Figure figure) => figure switch
    {
        Figure.Families => Families,
        Figure.FamiliesAtRisk => FamiliesAtRisk,
        Figure.ToddlersRegistered => ToddlersRegistered,
        Figure.ToddlersMeasured => ToddlersMeasured,
        Figure.SeverelyStunted => SeverelyStunted,
        Figure.Stunted => Stunted,
        Figure.Wasted => Wasted,
        Figure.Underweight => Underweight,
        Figure.Pregnant => Pregnant,
        Figure.PregnantKek => PregnantKek,
        Figure.UnderTwo => UnderTwo,
        _ => null,
    };

    public VillageValues With(Figure figure, int? value) => figure switch
    {
        Figure.Families => this with { Families = value },
        Figure.FamiliesAtRisk => this with { FamiliesAtRisk = value },
        Figure.ToddlersRegistered => this with { ToddlersRegistered = value },
        Figure.ToddlersMeasured => this with { ToddlersMeasured = value },
        Figure.SeverelyStunted => this with { SeverelyStunted = value },
        Figure.Stunted => this with { Stunted = value },
        Figure.Wasted => this with { Wasted = value },
        Figure.Underweight => this with { Underweight = value },
        Figure.Pregnant => this with { Pregnant = value },
        Figure.PregnantKek => this with { PregnantKek = value },
        Figure.UnderTwo => this with { UnderTwo = value },
        _ => this,
    };

    /// <summary>Stunting prevalence in percent: (pendek + sangat pendek) / diukur; null without children measured.</summary>
    public double? Prevalence =>
        ToddlersMeasured is > 0 && (Stunted is not null || SeverelyStunted is not null)
            ? ((Stunted ?? 0) + (SeverelyStunted ?? 0)) * 100.0 / ToddlersMeasured.Value
            : null;

    /// <summary>Measurement coverage in percent: diukur / terdaftar.</summary>
    public double? Coverage =>
        ToddlersRegistered is > 0 && ToddlersMeasured is not null ? ToddlersMeasured.Value * 100.0 / ToddlersRegistered.Value : null;

    public bool IsEmpty => FigureInfo.All.All(f => Get(f) is null);

    /// <summary>Sums villages for the kecamatan's totals (a figure is null only when no village has it).</summary>
    public static VillageValues Sum(IEnumerable<VillageValues> rows)
    {
        var total = new VillageValues();
        foreach (var row in rows)
        {
            foreach (var f in FigureInfo.All)
            {
                if (row.Get(f) is { } v)
                {
                    total = total.With(f, (total.Get(f) ?? 0) + v);
                }
            }
        }
        return total;
    }
}
