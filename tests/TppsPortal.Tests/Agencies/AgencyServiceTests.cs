using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Common;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Agencies;

/// <summary>
/// The agency registry against a real database with the demo data. Tests that change something make their
/// own agency with a name no other test uses, so that none depends on another's data.
/// </summary>
public sealed class AgencyServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private AgencyService Agencies => fixture.Get<AgencyService>();

    private static AgencyForm NewForm(string shortName, string region = "73.24", AgencyKind kind = AgencyKind.Opd) => new()
    {
        Name = $"Dinas Uji {shortName}",
        ShortName = shortName,
        Kind = kind,
        RegionCode = region,
    };

    private async Task<int> CreateAsync(string actorName, AgencyForm form)
    {
        var created = await Agencies.CreateAsync(await fixture.ActorAsync(actorName), form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return created.Value;
    }

    private async Task<Agency> LoadAsync(int id)
    {
        await using var db = fixture.CreateContext();
        return await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    // ----- an admin's everyday work -----

    [Fact]
    public async Task Create_ByAdminLutim_IsStoredActiveInLuwuTimur()
    {
        var id = await CreateAsync("admin.lutim", NewForm("DKP-create"));

        var stored = await LoadAsync(id);
        Assert.Equal("73.24", stored.RegionCode);
        Assert.Equal("Dinas Uji DKP-create", stored.Name);
        Assert.True(stored.IsActive);
        Assert.True(fixture.Logs.Contains("DKP-create created in 73.24 by admin.lutim"));
    }

    [Fact]
    public async Task Create_TrimsWhatWasTyped()
    {
        var form = NewForm("Trim-1");
        form.Name = "  Dinas Sosial  ";
        form.ShortName = "  Dinsos-trim ";

        var id = await CreateAsync("admin.lutim", form);

        var stored = await LoadAsync(id);
        Assert.Equal("Dinas Sosial", stored.Name);
        Assert.Equal("Dinsos-trim", stored.ShortName);
    }

    [Fact]
    public async Task Create_KantorKecamatanOnAKecamatan_Succeeds()
    {
        var id = await CreateAsync("admin.lutim", NewForm("Kec-uji-Wotu", "73.24.06", AgencyKind.KantorKecamatan));

        Assert.Equal("73.24.06", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task Update_ByAdminLutim_ChangesNameKindAndShortName()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Upd-1"));
        var form = (await Agencies.GetFormAsync(admin, id))!;
        form.Name = "RSUD I Lagaligo";
        form.ShortName = "RSUD-upd";
        form.Kind = AgencyKind.RumahSakit;

        var result = await Agencies.UpdateAsync(admin, id, form);

        Assert.True(result.Succeeded, result.Summary);
        var stored = await LoadAsync(id);
        Assert.Equal("RSUD I Lagaligo", stored.Name);
        Assert.Equal("RSUD-upd", stored.ShortName);
        Assert.Equal(AgencyKind.RumahSakit, stored.Kind);
    }

    [Fact]
    public async Task SetActive_DeactivateThenReactivate_KeepsTheRowAndItsId()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Deact-1"));
        var version = (await Agencies.GetFormAsync(admin, id))!.Version;

        var deactivated = await Agencies.SetActiveAsync(admin, id, active: false, version);

        Assert.True(deactivated.Succeeded, deactivated.Summary);
        var stored = await LoadAsync(id);
        Assert.False(stored.IsActive);

        var reactivated = await Agencies.SetActiveAsync(admin, id, active: true, stored.Version);

        Assert.True(reactivated.Succeeded, reactivated.Summary);
        Assert.True((await LoadAsync(id)).IsActive);
    }

    [Fact]
    public async Task List_DeactivatedAgency_IsHiddenByDefaultAndListedWithIncludeInactive()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Hidden-1"));
        Assert.True((await Agencies.SetActiveAsync(admin, id, false, (await LoadAsync(id)).Version)).Succeeded);

        var activeOnly = await Agencies.ListAsync(admin, new AgencyQuery(Search: "Hidden-1"));
        var all = await Agencies.ListAsync(admin, new AgencyQuery(Search: "Hidden-1", IncludeInactive: true));

        Assert.Empty(activeOnly.Items);
        var row = Assert.Single(all.Items);
        Assert.Equal(id, row.Id);
        Assert.False(row.IsActive);
        await using var db = fixture.CreateContext();
        Assert.True(await db.Agencies.AnyAsync(a => a.Id == id));
    }

    [Fact]
    public async Task List_FiltersByKindRegionAndSearch_AndPages()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var hospitals = await Agencies.ListAsync(admin, new AgencyQuery(Kind: AgencyKind.RumahSakit, RegionCode: "73.12"));
        var dinkes = await Agencies.ListAsync(admin, new AgencyQuery(Search: "dinkes", RegionCode: "73.24"));
        var firstTwo = await Agencies.ListAsync(admin, new AgencyQuery(RegionCode: "73.12", Take: 2));
        var nextTwo = await Agencies.ListAsync(admin, new AgencyQuery(RegionCode: "73.12", Skip: 2, Take: 2));

        Assert.Equal("RSUD Latemmamala", Assert.Single(hospitals.Items).ShortName);
        Assert.Equal("Dinkes", Assert.Single(dinkes.Items).ShortName);
        Assert.Equal(2, firstTwo.Items.Count);
        Assert.True(firstTwo.Total > 4);
        Assert.Empty(firstTwo.Items.Select(a => a.Id).Intersect(nextTwo.Items.Select(a => a.Id)));
    }

    [Fact]
    public async Task List_SearchWithLikeWildcards_MatchesThemLiterally()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var percent = await Agencies.ListAsync(admin, new AgencyQuery(Search: "%"));
        var underscore = await Agencies.ListAsync(admin, new AgencyQuery(Search: "_"));

        Assert.Empty(percent.Items);
        Assert.Empty(underscore.Items);
    }

    // ----- validation, one message per field -----

    [Fact]
    public async Task Create_EmptyName_IsRefusedOnTheNameField()
    {
        var form = NewForm("Empty-1");
        form.Name = "   ";

        var result = await Agencies.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.False(result.Succeeded);
        Assert.Equal(["Nama instansi wajib diisi."], result.Outcome.Errors[nameof(AgencyForm.Name)]);
        Assert.False(result.Outcome.Errors.ContainsKey(nameof(AgencyForm.ShortName)));
    }

    [Fact]
    public async Task Create_TooLongNameAndShortName_AreRefusedOnTheirFields()
    {
        var form = NewForm(new string('S', Agency.ShortNameMaxLength + 1));
        form.Name = new string('N', Agency.NameMaxLength + 1);

        var result = await Agencies.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.False(result.Succeeded);
        Assert.Equal([Texts.TooLong(Agency.NameMaxLength)], result.Outcome.Errors[nameof(AgencyForm.Name)]);
        Assert.Equal([Texts.TooLong(Agency.ShortNameMaxLength)], result.Outcome.Errors[nameof(AgencyForm.ShortName)]);
    }

    [Fact]
    public async Task Create_EmptyShortNameAndNoKind_AreRefusedOnTheirFields()
    {
        var form = NewForm("");
        form.Kind = null;

        var result = await Agencies.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.Equal(["Singkatan wajib diisi."], result.Outcome.Errors[nameof(AgencyForm.ShortName)]);
        Assert.Equal(["Jenis instansi wajib dipilih."], result.Outcome.Errors[nameof(AgencyForm.Kind)]);
    }

    [Fact]
    public async Task Create_DuplicateShortNameInTheSameDistrict_IsRefusedEvenInAnotherCase()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var same = await Agencies.CreateAsync(admin, NewForm("Dinkes"));
        var otherCase = await Agencies.CreateAsync(admin, NewForm("DINKES"));

        Assert.Equal(["Singkatan \"Dinkes\" sudah dipakai instansi lain di wilayah ini."], same.Outcome.Errors[nameof(AgencyForm.ShortName)]);
        Assert.True(otherCase.Outcome.Errors.ContainsKey(nameof(AgencyForm.ShortName)));
    }

    [Fact]
    public async Task Create_SameShortNameInAnotherDistrict_IsAllowed()
    {
        // Luwu Timur has a "DP2KB"; Soppeng's office is named otherwise, so the short name is free there.
        var id = await CreateAsync("admin.soppeng", NewForm("DP2KB", "73.12"));

        Assert.Equal("73.12", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task Update_KeepingItsOwnShortName_IsNotADuplicate()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Own-1"));
        var form = (await Agencies.GetFormAsync(admin, id))!;
        form.Name = "Nama baru";

        var result = await Agencies.UpdateAsync(admin, id, form);

        Assert.True(result.Succeeded, result.Summary);
    }

    [Fact]
    public async Task Create_KantorKecamatanOnADistrict_IsRefusedOnTheRegionField()
    {
        var result = await Agencies.CreateAsync(await fixture.ActorAsync("admin.lutim"), NewForm("Kec-salah", "73.24", AgencyKind.KantorKecamatan));

        Assert.Equal(["Kantor kecamatan harus dikaitkan dengan kecamatannya."], result.Outcome.Errors[nameof(AgencyForm.RegionCode)]);
    }

    [Fact]
    public async Task Create_OpdOnAKecamatanOrAVillage_IsRefusedOnTheRegionField()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var onKecamatan = await Agencies.CreateAsync(admin, NewForm("Opd-kec", "73.24.04"));
        var onVillage = await Agencies.CreateAsync(admin, NewForm("Opd-desa", "73.24.04.2901"));

        Assert.True(onKecamatan.Outcome.Errors.ContainsKey(nameof(AgencyForm.RegionCode)));
        Assert.True(onVillage.Outcome.Errors.ContainsKey(nameof(AgencyForm.RegionCode)));
    }

    [Fact]
    public async Task Create_WithoutRegion_IsRefusedOnTheRegionField()
    {
        var result = await Agencies.CreateAsync(await fixture.ActorAsync("admin.lutim"), NewForm("NoRegion", region: ""));

        Assert.Equal(["Wilayah instansi wajib dipilih."], result.Outcome.Errors[nameof(AgencyForm.RegionCode)]);
    }

    // ----- scope -----

    [Fact]
    public async Task List_AdminSoppeng_NeverSeesLuwuTimur()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        var page = await Agencies.ListAsync(admin, new AgencyQuery(IncludeInactive: true, Take: 500));
        var asked = await Agencies.ListAsync(admin, new AgencyQuery(RegionCode: "73.24", Take: 500));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, a => Assert.True(a.RegionCode is "73" || a.RegionCode.StartsWith("73.12", StringComparison.Ordinal), a.RegionCode));
        Assert.DoesNotContain(page.Items, a => a.RegionCode.StartsWith("73.24", StringComparison.Ordinal));
        Assert.Empty(asked.Items);
    }

    [Fact]
    public async Task GetForm_AdminSoppengOnALuwuTimurAgency_IsDenied()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var dinkesLutim = await fixture.AgencyIdAsync("73.24", "Dinkes");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.GetFormAsync(admin, dinkesLutim));
        Assert.Equal(AccessPolicy.DeniedMessage, denied.Message);
    }

    [Fact]
    public async Task Update_AdminSoppengOnALuwuTimurAgency_IsDeniedAndNothingChanges()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        var id = await CreateAsync("admin.lutim", NewForm("Guarded-1"));
        var form = (await Agencies.GetFormAsync(await fixture.ActorAsync("admin.lutim"), id))!;
        form.Name = "Diambil alih";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.UpdateAsync(soppeng, id, form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.SetActiveAsync(soppeng, id, false, form.Version));

        var stored = await LoadAsync(id);
        Assert.Equal("Dinas Uji Guarded-1", stored.Name);
        Assert.True(stored.IsActive);
    }

    [Fact]
    public async Task Update_AdminLutimMovingAnAgencyToSoppeng_IsDenied()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Move-1"));
        var form = (await Agencies.GetFormAsync(admin, id))!;
        form.RegionCode = "73.12";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.UpdateAsync(admin, id, form));
        Assert.Equal("73.24", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task Create_AdminLutimInSoppengOrOnTheProvince_IsDenied()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(admin, NewForm("Elsewhere-1", "73.12")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(admin, NewForm("Province-1", "73", AgencyKind.InstansiVertikal)));
    }

    [Fact]
    public async Task Create_AdminSistemOnTheProvince_Succeeds()
    {
        var id = await CreateAsync("admin.sistem", NewForm("Prov-1", "73", AgencyKind.InstansiVertikal));

        Assert.Equal("73", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task List_CamatMalili_SeesDistrictProvinceAndOwnKecamatanOnly()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var shortNames = (await Agencies.ListAsync(camat, new AgencyQuery(Take: 500))).Items.Select(a => a.ShortName).ToList();
        var regions = (await Agencies.ListAsync(camat, new AgencyQuery(IncludeInactive: true, Take: 500))).Items.Select(a => a.RegionCode).ToList();

        Assert.Contains("DP2KB", shortNames);
        Assert.Contains("Dinkes", shortNames);
        Assert.Contains("BKKBN Sulsel", shortNames);
        Assert.Contains("Kec. Malili", shortNames);
        Assert.DoesNotContain("Kec. Nuha", shortNames);
        Assert.DoesNotContain("RSUD Latemmamala", shortNames);
        Assert.DoesNotContain("Kec. Lalabata", shortNames);
        Assert.All(regions, r => Assert.True(r is "73" or "73.24" or "73.24.04", r));
    }

    [Fact]
    public async Task GetForm_CamatMaliliOnKantorKecamatanNuha_IsDenied()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var nuha = await fixture.AgencyIdAsync("73.24.02", "Kec. Nuha");
        var malili = await fixture.AgencyIdAsync("73.24.04", "Kec. Malili");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.GetFormAsync(camat, nuha));
        Assert.Equal("73.24.04", (await Agencies.GetFormAsync(camat, malili))!.RegionCode);
    }

    [Fact]
    public async Task CreateAndUpdate_CamatMalili_AreDenied()
    {
        var camat = await fixture.ActorAsync("camat.malili");
        var malili = await fixture.AgencyIdAsync("73.24.04", "Kec. Malili");
        var form = (await Agencies.GetFormAsync(camat, malili))!;
        form.Name = "Kantor Camat Malili";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(camat, NewForm("Camat-1", "73.24.04", AgencyKind.KantorKecamatan)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.UpdateAsync(camat, malili, form));
        Assert.False(Agencies.CanManage(camat));
        Assert.False(Agencies.CanManage(camat, "73.24.04"));
        Assert.Equal("Kantor Kecamatan Malili", (await LoadAsync(malili)).Name);
    }

    [Fact]
    public async Task AnyChange_PimpinanLutim_IsDenied()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Pimp-1"));
        var form = (await Agencies.GetFormAsync(pimpinan, id))!;
        form.Name = "Diubah pimpinan";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(pimpinan, NewForm("Pimp-2")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(pimpinan, new AgencyForm()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.UpdateAsync(pimpinan, id, form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.SetActiveAsync(pimpinan, id, false, form.Version));
        Assert.False(Agencies.CanManage(pimpinan));
        Assert.Equal("Dinas Uji Pimp-1", (await LoadAsync(id)).Name);
    }

    [Fact]
    public async Task AnyChange_PemantauAndOpdOperator_AreDenied()
    {
        var pemantau = await fixture.ActorAsync("pemantau.sulsel");
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(pemantau, NewForm("Pem-1")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Agencies.CreateAsync(opd, NewForm("Opd-1")));
    }

    // ----- two people at once -----

    [Fact]
    public async Task Update_WithAStaleVersion_IsAConflictAndTheFirstChangeIsKept()
    {
        var first = await fixture.ActorAsync("admin.lutim");
        var second = await fixture.ActorAsync("admin.sistem");
        var id = await CreateAsync("admin.lutim", NewForm("Conc-1"));
        var firstForm = (await Agencies.GetFormAsync(first, id))!;
        var secondForm = (await Agencies.GetFormAsync(second, id))!;

        firstForm.Name = "Perubahan pertama";
        var saved = await Agencies.UpdateAsync(first, id, firstForm);
        secondForm.Name = "Perubahan kedua";
        var conflict = await Agencies.UpdateAsync(second, id, secondForm);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.False(conflict.Succeeded);
        Assert.True(conflict.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, conflict.Errors[""].Single());
        Assert.Equal("Perubahan pertama", (await LoadAsync(id)).Name);
    }

    [Fact]
    public async Task SetActive_WithAStaleVersion_IsAConflict()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", NewForm("Conc-2"));
        var form = (await Agencies.GetFormAsync(admin, id))!;
        form.Name = "Diubah dulu";
        Assert.True((await Agencies.UpdateAsync(admin, id, form)).Succeeded);

        var stale = await Agencies.SetActiveAsync(admin, id, false, form.Version);

        Assert.True(stale.IsConflict);
        Assert.True((await LoadAsync(id)).IsActive);
    }

    [Fact]
    public async Task Update_UnknownAgency_SaysNotFound()
    {
        var result = await Agencies.UpdateAsync(await fixture.ActorAsync("admin.lutim"), int.MaxValue, NewForm("Ghost"));

        Assert.Equal(Texts.NotFound, result.Errors[""].Single());
    }
}
