using TppsPortal.Submissions;

namespace TppsPortal.Dhis2;

/// <summary>
/// A district's whole DHIS2 mapping as the page edits it: the settings, one row per figure, one row per village.
/// Saved all at once (<see cref="Dhis2Service.SaveAsync"/>); each part carries the version it was read at.
/// </summary>
public sealed class Dhis2MappingForm
{
    public string DistrictCode { get; set; } = "";
    public string DistrictName { get; set; } = "";
    public Dhis2IdScheme OrgUnitIdScheme { get; set; } = Dhis2IdScheme.Uid;
    public string? DataSet { get; set; }
    public string? AttributeOptionCombo { get; set; }
    /// <summary>Version of the settings row (0: none saved yet).</summary>
    public uint SettingsVersion { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public List<Dhis2ElementForm> Elements { get; set; } = [];
    public List<Dhis2OrgUnitForm> OrgUnits { get; set; } = [];

    /// <summary>The error key of a figure's data element field.</summary>
    public static string ElementKey(string figureKey) => $"Elements[{figureKey}].DataElement";

    /// <summary>The error key of a figure's category option combo field.</summary>
    public static string ComboKey(string figureKey) => $"Elements[{figureKey}].CategoryOptionCombo";

    /// <summary>The error key of a village's org unit field.</summary>
    public static string OrgUnitKey(string regionCode) => $"OrgUnits[{regionCode}]";
}

/// <summary>One of the 11 figures and the DHIS2 data element (and category option combo) it goes to; empty: not exported.</summary>
public sealed class Dhis2ElementForm
{
    public string FigureKey { get; set; } = "";
    public string Label { get; set; } = "";
    public string? DataElement { get; set; }
    public string? CategoryOptionCombo { get; set; }
    /// <summary>Version of the stored row (0: none stored).</summary>
    public uint Version { get; set; }
}

/// <summary>One village of the district and its DHIS2 org unit (UID or code, per the settings); empty: not exported.</summary>
public sealed class Dhis2OrgUnitForm
{
    public string RegionCode { get; set; } = "";
    public string Name { get; set; } = "";
    public string KecamatanCode { get; set; } = "";
    public string KecamatanName { get; set; } = "";
    public string? OrgUnit { get; set; }
    public uint Version { get; set; }
}

/// <summary>The outcome of a pasted org unit list: all rows saved, or none and the row errors.</summary>
public sealed record Dhis2ImportResult(int Added, int Changed, int Unchanged, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    internal static Dhis2ImportResult Refused(params string[] errors) => new(0, 0, 0, errors);
}

/// <summary>
/// The export of one district (or kecamatan) and month: the DHIS2 file itself, and the report of what is in it and
/// what is not (kept apart so that the file stays exactly what DHIS2 imports).
/// </summary>
public sealed record Dhis2Export(Dhis2DataValueSet DataValueSet, Dhis2ExportReport Report);

/// <summary>DHIS2's <c>dataValueSets</c> import format (JSON), as documented for <c>POST /api/dataValueSets</c>.</summary>
public sealed record Dhis2DataValueSet
{
    public string? DataSet { get; init; }
    public string? Period { get; init; }
    public string? AttributeOptionCombo { get; init; }
    /// <summary>"CODE" when org units are named by code (DHIS2 reads id schemes from the payload too); absent for UIDs.</summary>
    public string? OrgUnitIdScheme { get; init; }
    public IReadOnlyList<Dhis2DataValue> DataValues { get; init; } = [];
}

/// <summary>One value: a figure of a village in a month. The value is a string, as DHIS2 expects.</summary>
public sealed record Dhis2DataValue(
    string DataElement,
    string Period,
    string OrgUnit,
    string? CategoryOptionCombo,
    string? AttributeOptionCombo,
    string Value);

/// <summary>What an export holds and, above all, what it leaves out and why.</summary>
public sealed record Dhis2ExportReport
{
    public required string DistrictCode { get; init; }
    public required string DistrictName { get; init; }
    public string? KecamatanCode { get; init; }
    /// <summary>DHIS2's monthly period, yyyyMM (e.g. 202611).</summary>
    public required string Period { get; init; }
    /// <summary>"November 2026".</summary>
    public required string PeriodName { get; init; }
    /// <summary>"UID" or "CODE": how org units are named in the file (DHIS2's orgUnitIdScheme on import).</summary>
    public required string OrgUnitIdScheme { get; init; }
    public required int ApprovedForms { get; init; }
    /// <summary>Kecamatan without an approved form for the month: nothing of theirs is in the file.</summary>
    public required IReadOnlyList<Dhis2KecamatanGap> KecamatanWithoutApproval { get; init; }
    public required int ValuesExported { get; init; }
    /// <summary>Filled-in values of approved forms left out because their figure or village has no mapping.</summary>
    public required int ValuesNotExported { get; init; }
    public required IReadOnlyList<Dhis2UnmappedFigure> UnmappedFigures { get; init; }
    public required IReadOnlyList<Dhis2UnmappedVillage> UnmappedVillages { get; init; }

    public bool Complete => ValuesNotExported == 0 && KecamatanWithoutApproval.Count == 0;
}

public sealed record Dhis2KecamatanGap(string Code, string Name, string Status);

/// <summary>A figure without a data element, and how many filled-in values of it are therefore not exported.</summary>
public sealed record Dhis2UnmappedFigure(string FigureKey, string Label, int ValuesNotExported);

/// <summary>A village without an org unit, and how many filled-in values of it are therefore not exported.</summary>
public sealed record Dhis2UnmappedVillage(string RegionCode, string Name, string KecamatanCode, string KecamatanName, int ValuesNotExported);

/// <summary>DHIS2 identifiers as DHIS2 defines them.</summary>
public static class Dhis2Ids
{
    /// <summary>A DHIS2 UID: 11 characters, a letter first, then letters or digits (e.g. "fbfJHSPpUQD").</summary>
    public static bool IsUid(string? text)
    {
        if (text is not { Length: Dhis2Settings.UidLength } || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A DHIS2 code as the export uses it: 1 to 50 characters, no control characters, no leading/trailing space.</summary>
    public static bool IsCode(string? text) =>
        text is { Length: > 0 and <= Dhis2OrgUnitMap.OrgUnitMaxLength } && text.Trim() == text && !text.Any(char.IsControl);

    public const string UidRule = "UID DHIS2 terdiri dari 11 karakter: huruf pertama, lalu huruf atau angka (contoh: fbfJHSPpUQD).";

    /// <summary>DHIS2's monthly period: 202611.</summary>
    public static string MonthlyPeriod(int year, int month) => $"{year:0000}{month:00}";

    /// <summary>"2026-11" or "202611" to year and month.</summary>
    public static bool TryParsePeriod(string? text, out int year, out int month)
    {
        year = month = 0;
        var digits = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        year = int.Parse(digits[..4], System.Globalization.CultureInfo.InvariantCulture);
        month = int.Parse(digits[4..], System.Globalization.CultureInfo.InvariantCulture);
        return year is >= 2000 and <= 2100 && month is >= 1 and <= 12;
    }

    public static string SchemeName(Dhis2IdScheme scheme) => scheme == Dhis2IdScheme.Code ? "CODE" : "UID";

    /// <summary>The 11 figures in the form's order with their keys (<see cref="FigureInfo.Key"/>).</summary>
    public static IReadOnlyList<(Figure Figure, string Key, string Label)> Figures { get; } =
        FigureInfo.All.Select(f => (f, f.Key(), f.Label())).ToList();
}
