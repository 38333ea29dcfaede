using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Data;
using TppsPortal.Imports;
using TppsPortal.Regions;
using TppsPortal.Submissions;

namespace TppsPortal.Dhis2;

/// <summary>
/// A district's DHIS2 mapping (settings, a data element per figure, an org unit per village), kept by its secretariat,
/// and the export of approved camat forms as DHIS2 <c>dataValueSets</c> with the report of what has no mapping.
/// Who reads and who changes it: <see cref="AccessPolicy.CanReadDhis2"/> and <see cref="AccessPolicy.CanManageDhis2"/>.
/// </summary>
public sealed class Dhis2Service(
    IDbContextFactory<AppDbContext> dbFactory,
    AccessPolicy access,
    TimeProvider clock,
    ILogger<Dhis2Service> logger)
{
    /// <summary>A pasted or uploaded org unit list: a district has at most a few hundred villages.</summary>
    public static ImportLimits ImportLimits { get; } =
        new(500_000, MaxRows: 5_000, MaxColumns: 4, MaxCellLength: 200, AllowsXlsx: false);

    public bool CanRead(Actor actor, string districtCode) => access.CanReadDhis2(actor, districtCode);

    public bool CanManage(Actor actor, string districtCode) => access.CanManageDhis2(actor, districtCode);

    // ----- the mapping -----

    public async Task<Dhis2MappingForm> GetMappingAsync(Actor actor, string districtCode, CancellationToken ct = default)
    {
        access.DemandReadDhis2(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var district = await db.Regions.AsNoTracking().Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct)
            ?? throw new AccessDeniedException(AccessPolicy.DeniedMessage);
        var settings = await db.Dhis2Settings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictCode == districtCode, ct);
        var elements = await db.Dhis2ElementMaps.AsNoTracking().Where(m => m.DistrictCode == districtCode).ToDictionaryAsync(m => m.FigureKey, ct);
        var orgUnits = await db.Dhis2OrgUnitMaps.AsNoTracking().Where(m => m.DistrictCode == districtCode).ToDictionaryAsync(m => m.RegionCode, ct);
        var villages = await VillagesAsync(db, districtCode, ct);

        var form = new Dhis2MappingForm
        {
            DistrictCode = districtCode,
            DistrictName = district,
            OrgUnitIdScheme = settings?.OrgUnitIdScheme ?? Dhis2IdScheme.Uid,
            DataSet = settings?.DataSet,
            AttributeOptionCombo = settings?.AttributeOptionCombo,
            SettingsVersion = settings?.Version ?? 0,
            UpdatedBy = settings?.UpdatedBy,
            UpdatedAt = settings?.UpdatedAt,
        };
        foreach (var (_, key, label) in Dhis2Ids.Figures)
        {
            elements.TryGetValue(key, out var map);
            form.Elements.Add(new Dhis2ElementForm
            {
                FigureKey = key,
                Label = label,
                DataElement = map?.DataElement,
                CategoryOptionCombo = map?.CategoryOptionCombo,
                Version = map?.Version ?? 0,
            });
        }
        foreach (var v in villages)
        {
            orgUnits.TryGetValue(v.Code, out var map);
            form.OrgUnits.Add(new Dhis2OrgUnitForm
            {
                RegionCode = v.Code,
                Name = v.Name,
                KecamatanCode = v.KecamatanCode,
                KecamatanName = v.KecamatanName,
                OrgUnit = map?.OrgUnit,
                Version = map?.Version ?? 0,
            });
        }
        // The latest change of any part names who changed the mapping last.
        var latest = elements.Values.Select(m => (m.UpdatedAt, m.UpdatedBy)).Concat(orgUnits.Values.Select(m => (m.UpdatedAt, m.UpdatedBy)))
            .Append((settings?.UpdatedAt ?? DateTimeOffset.MinValue, settings?.UpdatedBy ?? "")).MaxBy(x => x.Item1);
        if (latest.Item1 > DateTimeOffset.MinValue)
        {
            form.UpdatedAt = latest.Item1;
            form.UpdatedBy = latest.Item2;
        }
        return form;
    }

    /// <summary>
    /// Saves the whole mapping at once, or nothing: every field is checked first (messages keyed by
    /// <see cref="Dhis2MappingForm.ElementKey"/>, <see cref="Dhis2MappingForm.OrgUnitKey"/>, ...), then every changed part
    /// is written against the version it was read at; a part someone else saved meanwhile is a conflict.
    /// On success the form carries the new versions.
    /// </summary>
    public async Task<Result> SaveAsync(Actor actor, string districtCode, Dhis2MappingForm form, CancellationToken ct = default)
    {
        access.DemandManageDhis2(actor, districtCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var villages = (await VillagesAsync(db, districtCode, ct)).ToDictionary(v => v.Code);

        var errors = new ErrorBag();
        form.DataSet = Clean(form.DataSet);
        form.AttributeOptionCombo = Clean(form.AttributeOptionCombo);
        if (form.DataSet is { } dataSet && !Dhis2Ids.IsUid(dataSet))
        {
            errors.Add(nameof(Dhis2MappingForm.DataSet), $"Data set \"{dataSet}\" bukan UID DHIS2. {Dhis2Ids.UidRule}");
        }
        if (form.AttributeOptionCombo is { } aoc && !Dhis2Ids.IsUid(aoc))
        {
            errors.Add(nameof(Dhis2MappingForm.AttributeOptionCombo), $"Attribute option combo \"{aoc}\" bukan UID DHIS2. {Dhis2Ids.UidRule} Kosongkan untuk kombinasi bawaan (default).");
        }
        if (!Enum.IsDefined(form.OrgUnitIdScheme))
        {
            errors.Add(nameof(Dhis2MappingForm.OrgUnitIdScheme), "Pilih cara menamai unit organisasi: UID atau kode.");
        }
        var figureKeys = Dhis2Ids.Figures.ToDictionary(f => f.Key, f => f.Label);
        foreach (var element in form.Elements)
        {
            if (!figureKeys.TryGetValue(element.FigureKey, out var label))
            {
                errors.Add("", $"Angka \"{element.FigureKey}\" tidak dikenal.");
                continue;
            }
            element.DataElement = Clean(element.DataElement);
            element.CategoryOptionCombo = Clean(element.CategoryOptionCombo);
            if (element.DataElement is { } de && !Dhis2Ids.IsUid(de))
            {
                errors.Add(Dhis2MappingForm.ElementKey(element.FigureKey), $"{label}: data element \"{de}\" bukan UID DHIS2. {Dhis2Ids.UidRule}");
            }
            if (element.CategoryOptionCombo is { } coc)
            {
                if (element.DataElement is null)
                {
                    errors.Add(Dhis2MappingForm.ComboKey(element.FigureKey), $"{label}: isi data element lebih dahulu, atau kosongkan category option combo.");
                }
                else if (!Dhis2Ids.IsUid(coc))
                {
                    errors.Add(Dhis2MappingForm.ComboKey(element.FigureKey), $"{label}: category option combo \"{coc}\" bukan UID DHIS2. {Dhis2Ids.UidRule} Kosongkan untuk kombinasi bawaan (default).");
                }
            }
        }
        foreach (var row in form.OrgUnits)
        {
            row.OrgUnit = Clean(row.OrgUnit);
            if (!villages.TryGetValue(row.RegionCode, out var village))
            {
                errors.Add("", $"Desa/kelurahan {row.RegionCode} tidak ada di {form.DistrictName}.");
                continue;
            }
            if (row.OrgUnit is { } unit && CheckOrgUnit(unit, form.OrgUnitIdScheme) is { } problem)
            {
                errors.Add(Dhis2MappingForm.OrgUnitKey(row.RegionCode), $"{village.Name} ({row.RegionCode}): {problem}");
            }
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var stored = await db.Dhis2OrgUnitMaps.Where(m => m.DistrictCode == districtCode).ToDictionaryAsync(m => m.RegionCode, ct);
        var wanted = form.OrgUnits.ToDictionary(r => r.RegionCode, r => r.OrgUnit);
        if (DuplicateOrgUnits(stored, wanted, villages) is { Any: true } duplicates)
        {
            return duplicates.ToResult();
        }
        // Switching the scheme makes every stored org unit mean something else: they must all fit the new scheme.
        foreach (var map in stored.Values.Where(m => !wanted.ContainsKey(m.RegionCode)))
        {
            if (CheckOrgUnit(map.OrgUnit, form.OrgUnitIdScheme) is { } problem)
            {
                errors.Add("", $"Unit organisasi {map.RegionCode} (\"{map.OrgUnit}\") tidak sesuai dengan cara penamaan yang dipilih: {problem}");
            }
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var now = clock.GetUtcNow();
        var conflict = false;
        var settings = await db.Dhis2Settings.FirstOrDefaultAsync(s => s.DistrictCode == districtCode, ct);
        if (settings is null)
        {
            conflict |= form.SettingsVersion != 0;
            settings = new Dhis2Settings { DistrictCode = districtCode };
            db.Dhis2Settings.Add(settings);
            Stamp(settings);
        }
        else
        {
            conflict |= settings.Version != form.SettingsVersion;
            db.Entry(settings).Property(s => s.Version).OriginalValue = form.SettingsVersion;
        }
        if (settings.OrgUnitIdScheme != form.OrgUnitIdScheme || settings.DataSet != form.DataSet || settings.AttributeOptionCombo != form.AttributeOptionCombo)
        {
            settings.OrgUnitIdScheme = form.OrgUnitIdScheme;
            settings.DataSet = form.DataSet;
            settings.AttributeOptionCombo = form.AttributeOptionCombo;
            Stamp(settings);
        }

        var elements = await db.Dhis2ElementMaps.Where(m => m.DistrictCode == districtCode).ToDictionaryAsync(m => m.FigureKey, ct);
        foreach (var element in form.Elements)
        {
            elements.TryGetValue(element.FigureKey, out var map);
            conflict |= (map?.Version ?? 0) != element.Version;
            if (map is null)
            {
                if (element.DataElement is not null)
                {
                    db.Dhis2ElementMaps.Add(Stamp(new Dhis2ElementMap
                    {
                        DistrictCode = districtCode, FigureKey = element.FigureKey, DataElement = element.DataElement, CategoryOptionCombo = element.CategoryOptionCombo,
                    }));
                }
                continue;
            }
            db.Entry(map).Property(m => m.Version).OriginalValue = element.Version;
            if (element.DataElement is null)
            {
                db.Dhis2ElementMaps.Remove(map);
            }
            else if (map.DataElement != element.DataElement || map.CategoryOptionCombo != element.CategoryOptionCombo)
            {
                map.DataElement = element.DataElement;
                map.CategoryOptionCombo = element.CategoryOptionCombo;
                Stamp(map);
            }
        }
        foreach (var row in form.OrgUnits)
        {
            stored.TryGetValue(row.RegionCode, out var map);
            conflict |= (map?.Version ?? 0) != row.Version;
            ApplyOrgUnit(db, districtCode, stored, row.RegionCode, row.OrgUnit, row.Version, Stamp);
        }
        if (conflict)
        {
            return Result.Conflict(ConflictMessage);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return Result.Conflict(ConflictMessage);
        }
        logger.LogInformation("DHIS2 mapping of {District} saved by {UserName}: {Elements} figures, {OrgUnits} villages mapped",
            districtCode, actor.UserName, form.Elements.Count(e => e.DataElement is not null), form.OrgUnits.Count(o => o.OrgUnit is not null));

        // Hand the new versions back so that the next save from the same page is not a conflict.
        var fresh = await GetMappingAsync(actor, districtCode, ct);
        form.SettingsVersion = fresh.SettingsVersion;
        form.UpdatedAt = fresh.UpdatedAt;
        form.UpdatedBy = fresh.UpdatedBy;
        var versions = fresh.Elements.ToDictionary(e => e.FigureKey, e => e.Version);
        form.Elements.ForEach(e => e.Version = versions.GetValueOrDefault(e.FigureKey));
        var unitVersions = fresh.OrgUnits.ToDictionary(o => o.RegionCode, o => o.Version);
        form.OrgUnits.ForEach(o => o.Version = unitVersions.GetValueOrDefault(o.RegionCode));
        return Result.Ok;

        T Stamp<T>(T entity)
        {
            switch (entity)
            {
                case Dhis2Settings s: s.UpdatedAt = now; s.UpdatedBy = actor.DisplayName; break;
                case Dhis2ElementMap e: e.UpdatedAt = now; e.UpdatedBy = actor.DisplayName; break;
                case Dhis2OrgUnitMap o: o.UpdatedAt = now; o.UpdatedBy = actor.DisplayName; break;
            }
            return entity;
        }
    }

    public const string ConflictMessage =
        "Pemetaan DHIS2 ini baru saja diubah oleh pengguna lain. Muat ulang untuk melihat perubahan terbaru, lalu ulangi perubahan Anda.";

    /// <summary>
    /// A pasted list or CSV of "kode wilayah;unit organisasi" lines (";", "," or tab; a header line is skipped) saved all
    /// or nothing: one wrong line and nothing is saved, every wrong line named. An empty org unit removes the mapping.
    /// Org units are checked against the district's saved scheme (UID or code).
    /// </summary>
    public async Task<Dhis2ImportResult> ImportOrgUnitsAsync(Actor actor, string districtCode, string text, CancellationToken ct = default)
    {
        access.DemandManageDhis2(actor, districtCode);
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) > ImportLimits.MaxFileBytes)
        {
            return Dhis2ImportResult.Refused($"Teks lebih besar dari {ImportLimits.FileSizeText}. Tidak ada yang disimpan.");
        }
        List<(int Line, string[] Cells)> table;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
            using var reader = new CsvTableReader(stream, ImportLimits, '\t', ';', ',');
            table = await ImportTable.ReadAllAsync(reader, ct);
        }
        catch (ImportRefusedException refused)
        {
            return Dhis2ImportResult.Refused(refused.Message);
        }
        var rows = table.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count > 0 && !RegionCode.IsValid(rows[0].Cells[0].Trim()) && rows[0].Cells[0].Trim().Any(char.IsLetter))
        {
            rows.RemoveAt(0); // "kode;unit organisasi"
        }
        if (rows.Count == 0)
        {
            return Dhis2ImportResult.Refused("Tidak ada baris berisi. Tempel baris \"kode wilayah;unit organisasi\", satu desa/kelurahan per baris. Tidak ada yang disimpan.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var villages = (await VillagesAsync(db, districtCode, ct)).ToDictionary(v => v.Code);
        var scheme = await db.Dhis2Settings.Where(s => s.DistrictCode == districtCode).Select(s => (Dhis2IdScheme?)s.OrgUnitIdScheme).FirstOrDefaultAsync(ct) ?? Dhis2IdScheme.Uid;
        var schemeText = scheme == Dhis2IdScheme.Code ? "kode" : "UID";
        var errors = new List<string>();
        var wanted = new Dictionary<string, string?>();
        var lines = new Dictionary<string, int>();
        foreach (var (line, cells) in rows)
        {
            var prefix = $"Baris {line}: ";
            var code = cells[0].Trim();
            var unit = cells.Length > 1 ? Clean(cells[1]) : null;
            if (cells.Length < 2)
            {
                errors.Add(prefix + $"isi dua kolom, kode wilayah dan unit organisasi ({schemeText}), dipisah titik koma atau tab.");
                continue;
            }
            if (cells.Skip(2).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                errors.Add(prefix + "lebih dari dua kolom; isi hanya kode wilayah dan unit organisasi.");
                continue;
            }
            if (!RegionCode.TryParse(code, out var level, out var codeError))
            {
                errors.Add(prefix + $"kode wilayah \"{code}\" tidak sah: {codeError}");
                continue;
            }
            if (!villages.TryGetValue(code, out var village))
            {
                errors.Add(prefix + (level is RegionLevel.Desa or RegionLevel.Kelurahan
                    ? $"desa/kelurahan {code} tidak ada di kabupaten/kota ini."
                    : $"{code} bukan desa/kelurahan; ekspor DHIS2 memetakan setiap desa/kelurahan."));
                continue;
            }
            if (lines.TryGetValue(code, out var earlier))
            {
                errors.Add(prefix + $"{village.Name} ({code}) sudah ada di baris {earlier}.");
                continue;
            }
            lines[code] = line;
            if (unit is not null && CheckOrgUnit(unit, scheme) is { } problem)
            {
                errors.Add(prefix + $"{village.Name} ({code}): {problem}");
                continue;
            }
            wanted[code] = unit;
        }
        var stored = await db.Dhis2OrgUnitMaps.Where(m => m.DistrictCode == districtCode).ToDictionaryAsync(m => m.RegionCode, ct);
        if (errors.Count == 0 && DuplicateOrgUnits(stored, wanted, villages) is { Any: true } duplicates)
        {
            errors.AddRange(duplicates.ToResult().Errors.Values.SelectMany(v => v).Distinct());
        }
        if (errors.Count > 0)
        {
            return new Dhis2ImportResult(0, 0, 0, errors);
        }

        var now = clock.GetUtcNow();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var (code, unit) in wanted)
        {
            stored.TryGetValue(code, out var map);
            if ((map?.OrgUnit) == unit)
            {
                unchanged++;
                continue;
            }
            if (map is null) added++; else changed++;
            ApplyOrgUnit(db, districtCode, stored, code, unit, map?.Version ?? 0, o => { o.UpdatedAt = now; o.UpdatedBy = actor.DisplayName; return o; });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return Dhis2ImportResult.Refused(ConflictMessage + " Tidak ada yang disimpan.");
        }
        logger.LogInformation("DHIS2 org units of {District} imported by {UserName}: {Added} added, {Changed} changed, {Unchanged} unchanged",
            districtCode, actor.UserName, added, changed, unchanged);
        return new Dhis2ImportResult(added, changed, unchanged, []);
    }

    // ----- the export -----

    /// <summary>
    /// Approved forms of the district (or one kecamatan of it) for a month as DHIS2 data values: one per mapped figure
    /// and mapped village with a value; a figure left empty is not a value. Whatever has no mapping is counted in
    /// the report, never dropped silently. Period "2026-11" or "202611".
    /// </summary>
    public async Task<Result<Dhis2Export>> ExportAsync(Actor actor, string districtCode, string? period, string? kecamatanCode = null, CancellationToken ct = default)
    {
        if (!RegionCode.TryParse(districtCode, out var level, out _) || level != RegionLevel.KabupatenKota)
        {
            return Result.Fail("district", $"\"{districtCode}\" bukan kode kabupaten/kota (contoh: 73.24).");
        }
        access.DemandReadDhis2(actor, districtCode);
        if (!Dhis2Ids.TryParsePeriod(period, out var year, out var month))
        {
            return Result.Fail("period", $"Periode \"{period}\" tidak sah; tulis tahun dan bulan, contoh 2026-11.");
        }
        if (kecamatanCode is not null && (!RegionCode.TryParse(kecamatanCode, out var kecLevel, out _) || kecLevel != RegionLevel.Kecamatan || RegionCode.ParentOf(kecamatanCode) != districtCode))
        {
            return Result.Fail("kecamatan", $"\"{kecamatanCode}\" bukan kecamatan di {districtCode}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var districtName = await db.Regions.AsNoTracking().Where(r => r.Code == districtCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (districtName is null)
        {
            return Result.Fail("district", $"Kabupaten/kota {districtCode} tidak ditemukan.");
        }
        var settings = await db.Dhis2Settings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictCode == districtCode, ct);
        var elements = await db.Dhis2ElementMaps.AsNoTracking().Where(m => m.DistrictCode == districtCode)
            .Select(m => new { m.FigureKey, m.DataElement, m.CategoryOptionCombo }).ToDictionaryAsync(m => m.FigureKey, ct);
        var orgUnits = await db.Dhis2OrgUnitMaps.AsNoTracking().Where(m => m.DistrictCode == districtCode)
            .Select(m => new { m.RegionCode, m.OrgUnit }).ToDictionaryAsync(m => m.RegionCode, m => m.OrgUnit, ct);

        var districtPrefix = districtCode + ".";
        var kecamatan = await db.Regions.AsNoTracking()
            .Where(r => r.ParentCode == districtCode && r.Level == RegionLevel.Kecamatan && (kecamatanCode == null || r.Code == kecamatanCode))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var forms = await db.KecamatanReports.AsNoTracking()
            .Where(r => r.Period!.DistrictCode == districtCode && r.Period.Year == year && r.Period.Month == month &&
                        (kecamatanCode == null ? r.KecamatanCode.StartsWith(districtPrefix) : r.KecamatanCode == kecamatanCode))
            .Select(r => new { r.Id, r.KecamatanCode, r.Status }).ToListAsync(ct);
        var approvedIds = forms.Where(f => f.Status == ReportStatus.Disetujui).Select(f => f.Id).ToList();
        var rows = await db.VillageRows.AsNoTracking()
            .Where(v => approvedIds.Contains(v.ReportId))
            .OrderBy(v => v.VillageCode)
            .Select(v => new
            {
                v.VillageCode, v.Families, v.FamiliesAtRisk, v.ToddlersRegistered, v.ToddlersMeasured, v.SeverelyStunted, v.Stunted,
                v.Wasted, v.Underweight, v.Pregnant, v.PregnantKek, v.UnderTwo,
            })
            .ToListAsync(ct);
        var villageCodes = rows.Select(r => r.VillageCode).Distinct().ToList();
        var villageNames = await db.Regions.AsNoTracking().Where(r => villageCodes.Contains(r.Code))
            .Select(r => new { r.Code, r.Name }).ToDictionaryAsync(r => r.Code, r => r.Name, ct);

        var dhisPeriod = Dhis2Ids.MonthlyPeriod(year, month);
        var aoc = settings?.AttributeOptionCombo;
        var values = new List<Dhis2DataValue>(rows.Count * Dhis2Ids.Figures.Count);
        var figureMissing = new Dictionary<string, int>();
        var villageMissing = new Dictionary<string, int>();
        var notExported = 0;
        foreach (var row in rows)
        {
            var rowValues = new VillageValues
            {
                Families = row.Families, FamiliesAtRisk = row.FamiliesAtRisk, ToddlersRegistered = row.ToddlersRegistered,
                ToddlersMeasured = row.ToddlersMeasured, SeverelyStunted = row.SeverelyStunted, Stunted = row.Stunted, Wasted = row.Wasted,
                Underweight = row.Underweight, Pregnant = row.Pregnant, PregnantKek = row.PregnantKek, UnderTwo = row.UnderTwo,
            };
            orgUnits.TryGetValue(row.VillageCode, out var orgUnit);
            foreach (var (figure, key, _) in Dhis2Ids.Figures)
            {
                if (rowValues.Get(figure) is not { } value)
                {
                    continue;
                }
                elements.TryGetValue(key, out var element);
                if (element is null || orgUnit is null)
                {
                    notExported++;
                    if (element is null) figureMissing[key] = figureMissing.GetValueOrDefault(key) + 1;
                    if (orgUnit is null) villageMissing[row.VillageCode] = villageMissing.GetValueOrDefault(row.VillageCode) + 1;
                    continue;
                }
                values.Add(new Dhis2DataValue(element.DataElement, dhisPeriod, orgUnit, element.CategoryOptionCombo, aoc,
                    value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var kecNames = kecamatan.ToDictionary(k => k.Code, k => k.Name);
        var scheme = settings?.OrgUnitIdScheme ?? Dhis2IdScheme.Uid;
        var set = new Dhis2DataValueSet
        {
            DataSet = settings?.DataSet,
            Period = dhisPeriod,
            AttributeOptionCombo = aoc,
            OrgUnitIdScheme = scheme == Dhis2IdScheme.Code ? "CODE" : null,
            DataValues = values,
        };
        var report = new Dhis2ExportReport
        {
            DistrictCode = districtCode,
            DistrictName = districtName,
            KecamatanCode = kecamatanCode,
            Period = dhisPeriod,
            PeriodName = IndonesianFormat.MonthYear(year, month),
            OrgUnitIdScheme = Dhis2Ids.SchemeName(scheme),
            ApprovedForms = approvedIds.Count,
            KecamatanWithoutApproval = kecamatan
                .Where(k => !forms.Any(f => f.KecamatanCode == k.Code && f.Status == ReportStatus.Disetujui))
                .Select(k => new Dhis2KecamatanGap(k.Code, k.Name,
                    forms.FirstOrDefault(f => f.KecamatanCode == k.Code) is { } f ? f.Status.Display() : "Belum ada formulir"))
                .ToList(),
            ValuesExported = values.Count,
            ValuesNotExported = notExported,
            UnmappedFigures = Dhis2Ids.Figures.Where(f => !elements.ContainsKey(f.Key))
                .Select(f => new Dhis2UnmappedFigure(f.Key, f.Label, figureMissing.GetValueOrDefault(f.Key))).ToList(),
            UnmappedVillages = villageMissing.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new Dhis2UnmappedVillage(v.Key, villageNames.GetValueOrDefault(v.Key, v.Key), RegionCode.ParentOf(v.Key) ?? "",
                    kecNames.GetValueOrDefault(RegionCode.ParentOf(v.Key) ?? "", ""), v.Value))
                .ToList(),
        };
        return Result<Dhis2Export>.Ok(new Dhis2Export(set, report));
    }

    /// <summary>DHIS2's CSV data value format: a header, then one quoted line per value.</summary>
    public static string ToCsv(Dhis2DataValueSet set)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', CsvColumns.Select(Quote))).Append('\n');
        foreach (var v in set.DataValues)
        {
            string?[] cells = [v.DataElement, v.Period, v.OrgUnit, v.CategoryOptionCombo, v.AttributeOptionCombo, v.Value, null, null, null, null];
            csv.Append(string.Join(',', cells.Select(c => c is null ? "" : Quote(c)))).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The columns of DHIS2's CSV data value format, in its order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
        ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value", "storedby", "lastupdated", "comment", "followup"];

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // ----- helpers -----

    private sealed record Village(string Code, string Name, string KecamatanCode, string KecamatanName);

    private static async Task<List<Village>> VillagesAsync(AppDbContext db, string districtCode, CancellationToken ct)
    {
        var prefix = districtCode + ".";
        var kecamatan = await db.Regions.AsNoTracking().Where(r => r.ParentCode == districtCode && r.Level == RegionLevel.Kecamatan)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Code.StartsWith(prefix) && (r.Level == RegionLevel.Desa || r.Level == RegionLevel.Kelurahan))
            .Select(r => new { r.Code, r.Name, r.ParentCode })
            .ToListAsync(ct);
        return villages.OrderBy(v => v.Code, StringComparer.Ordinal)
            .Select(v => new Village(v.Code, v.Name, v.ParentCode ?? "", kecamatan.GetValueOrDefault(v.ParentCode ?? "", "")))
            .ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Null when the org unit fits the scheme, else the Indonesian reason.</summary>
    private static string? CheckOrgUnit(string unit, Dhis2IdScheme scheme) => scheme == Dhis2IdScheme.Code
        ? Dhis2Ids.IsCode(unit) ? null : $"kode unit organisasi \"{Shorten(unit)}\" harus 1 sampai {Dhis2OrgUnitMap.OrgUnitMaxLength} karakter tanpa karakter kontrol."
        : Dhis2Ids.IsUid(unit) ? null : $"unit organisasi \"{Shorten(unit)}\" bukan UID DHIS2. {Dhis2Ids.UidRule} Jika provinsi memakai kode, pilih penamaan \"Kode\" di pengaturan.";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    /// <summary>Two villages on one org unit would add their values together in DHIS2: refused.</summary>
    private static ErrorBag DuplicateOrgUnits(Dictionary<string, Dhis2OrgUnitMap> stored, Dictionary<string, string?> wanted, Dictionary<string, Village> villages)
    {
        var final = stored.ToDictionary(s => s.Key, s => (string?)s.Value.OrgUnit);
        foreach (var (code, unit) in wanted)
        {
            final[code] = unit;
        }
        var errors = new ErrorBag();
        foreach (var group in final.Where(f => f.Value is not null).GroupBy(f => f.Value!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var names = group.Select(g => villages.TryGetValue(g.Key, out var v) ? $"{v.Name} ({g.Key})" : g.Key).Order(StringComparer.Ordinal);
            foreach (var entry in group.Where(g => wanted.ContainsKey(g.Key)))
            {
                errors.Add(Dhis2MappingForm.OrgUnitKey(entry.Key), $"Unit organisasi \"{group.Key}\" dipakai lebih dari satu desa/kelurahan: {string.Join(", ", names)}. Setiap desa/kelurahan memerlukan unit organisasinya sendiri.");
            }
        }
        return errors;
    }

    private static void ApplyOrgUnit(AppDbContext db, string districtCode, Dictionary<string, Dhis2OrgUnitMap> stored, string code, string? unit, uint version,
        Func<Dhis2OrgUnitMap, Dhis2OrgUnitMap> stamp)
    {
        stored.TryGetValue(code, out var map);
        if (map is null)
        {
            if (unit is not null)
            {
                db.Dhis2OrgUnitMaps.Add(stamp(new Dhis2OrgUnitMap { DistrictCode = districtCode, RegionCode = code, OrgUnit = unit }));
            }
            return;
        }
        db.Entry(map).Property(m => m.Version).OriginalValue = version;
        if (unit is null)
        {
            db.Dhis2OrgUnitMaps.Remove(map);
        }
        else if (map.OrgUnit != unit)
        {
            map.OrgUnit = unit;
            stamp(map);
        }
    }
}

/// <summary>The JSON of DHIS2 files: camelCase, absent instead of null (DHIS2 reads a missing combo as the default).</summary>
public static class Dhis2Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Dhis2DataValueSet set) => System.Text.Json.JsonSerializer.Serialize(set, Options);
}
