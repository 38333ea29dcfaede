using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Accounts;

/// <summary>
/// User management against a real database with the demo accounts. A test that changes an account makes its
/// own, with a user name no other test uses; the demo accounts are only read (or refused).
/// </summary>
public sealed class UserServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Password = "sandiAwal2024";

    private UserService Users => fixture.Get<UserService>();

    private static UserForm Camat(string userName, string region) => new()
    {
        UserName = userName,
        FullName = "Camat " + userName,
        Role = Role.OperatorKecamatan,
        RegionCode = region,
        Password = Password,
    };

    private async Task<string> CreateAsync(string adminName, UserForm form)
    {
        var created = await Users.CreateAsync(await fixture.ActorAsync(adminName), form);
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return created.Value!;
    }

    private async Task<AppUser> LoadAsync(string userId)
    {
        await using var db = fixture.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }

    /// <summary>Five wrong passwords from one address lock the user name for that address (SignInThrottle).</summary>
    private async Task LockOutAsync(string userName)
    {
        for (var i = 0; i < 5; i++)
        {
            await fixture.Get<AccountService>().CheckCredentialsAsync(userName, "salah-sandi-" + i, "10.0.0.9");
        }
    }

    // ----- creating -----

    [Fact]
    public async Task Create_AdminLutimMakesACamatForALuwuTimurKecamatan_WhoCanSignIn()
    {
        var id = await CreateAsync("admin.lutim", Camat("camat.wotu.baru", "73.24.06"));

        var stored = await LoadAsync(id);
        Assert.Equal(Role.OperatorKecamatan, stored.Role);
        Assert.Equal("73.24.06", stored.RegionCode);
        Assert.True(stored.IsActive);
        var check = await fixture.Get<AccountService>().CheckCredentialsAsync("camat.wotu.baru", Password);
        Assert.Equal(SignInOutcome.Success, check.Outcome);
    }

    [Fact]
    public async Task Create_AdminSistemMakesAPemantauNasional_WithoutARegion_AndAnAdminSekretariatCannot()
    {
        var form = new UserForm
        {
            UserName = "pemantau.nasional.baru", FullName = "Pemantau Nasional Kemenko PMK", Role = Role.PemantauNasional, Password = Password,
        };

        var refused = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);
        var withRegion = await Users.CreateAsync(await fixture.ActorAsync("admin.sistem"), new UserForm
        {
            UserName = "pemantau.nasional.wilayah", FullName = "Pemantau", Role = Role.PemantauNasional, RegionCode = "73", Password = Password,
        });
        var id = await CreateAsync("admin.sistem", form);

        Assert.False(refused.Succeeded);
        Assert.Contains(nameof(UserForm.Role), refused.Outcome.Errors.Keys);
        Assert.Equal(["Pemantau Nasional tidak dibatasi wilayah: kosongkan wilayah kerja."], withRegion.Outcome.Errors[nameof(UserForm.RegionCode)]);
        var stored = await LoadAsync(id);
        Assert.Equal(Role.PemantauNasional, stored.Role);
        Assert.Null(stored.RegionCode);
        var actor = Actor.FromUser(stored);
        Assert.True(actor.IsReadOnly);
        Assert.True(fixture.Get<AccessPolicy>().CanSeeNation(actor));
    }

    [Fact]
    public async Task Create_UserNameIsStoredInLowerCase()
    {
        var form = Camat("Camat.Burau.Baru", "73.24.07");

        var created = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        // The form's own rule asks for lower case; the service is lenient and lowers it.
        Assert.True(created.Succeeded, created.Outcome.Summary);
        Assert.Equal("camat.burau.baru", (await LoadAsync(created.Value!)).UserName);
    }

    [Fact]
    public async Task Create_AdminLutimForASoppengKecamatan_IsRefusedOnTheRegion()
    {
        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), Camat("camat.ganra.lutim", "73.12.07"));

        Assert.False(result.Succeeded);
        Assert.Equal(["Wilayah ini di luar wilayah kewenangan Anda."], result.Outcome.Errors[nameof(UserForm.RegionCode)]);
        await using var db = fixture.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "camat.ganra.lutim"));
    }

    [Theory]
    [InlineData(Role.AdminSistem, null)]
    [InlineData(Role.PemantauProvinsi, "73")]
    public async Task Create_AdminLutimGivingARoleAboveItself_IsRefusedOnTheRole(Role role, string? region)
    {
        var form = Camat("naik.pangkat." + (int)role, "73.24.04");
        form.Role = role;
        form.RegionCode = region;

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.Equal([$"Anda tidak berwenang memberikan peran {role.Display()}."], result.Outcome.Errors[nameof(UserForm.Role)]);
        Assert.DoesNotContain(Role.AdminSistem, Users.AssignableRoles(await fixture.ActorAsync("admin.lutim")));
    }

    [Fact]
    public async Task Create_AdminSistemMakesAProvincialMonitor()
    {
        var form = Camat("pemantau.baru", "73");
        form.Role = Role.PemantauProvinsi;

        var id = await CreateAsync("admin.sistem", form);

        Assert.Equal("73", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task Create_TakenUserName_IsRefusedOnTheUserName()
    {
        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), Camat("camat.malili", "73.24.04"));

        Assert.Equal(["Nama pengguna \"camat.malili\" sudah dipakai."], result.Outcome.Errors[nameof(UserForm.UserName)]);
    }

    [Fact]
    public async Task Create_BadUserNameWeakPasswordNoFullName_EachOnItsField()
    {
        var form = Camat("a b", "73.24.04");
        form.FullName = " ";
        form.Password = "pendek";

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.True(result.Outcome.Errors.ContainsKey(nameof(UserForm.UserName)));
        Assert.Equal(["Nama lengkap wajib diisi."], result.Outcome.Errors[nameof(UserForm.FullName)]);
        Assert.Contains("Kata sandi minimal 10 karakter.", result.Outcome.Errors[nameof(UserForm.Password)]);
        Assert.Contains("Kata sandi harus berisi angka (0-9).", result.Outcome.Errors[nameof(UserForm.Password)]);
    }

    [Fact]
    public async Task Create_WithoutPassword_IsRefusedOnThePassword()
    {
        var form = Camat("tanpa.sandi", "73.24.04");
        form.Password = null;

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.Equal(["Kata sandi awal wajib diisi."], result.Outcome.Errors[nameof(UserForm.Password)]);
    }

    // ----- role and scope level -----

    [Fact]
    public async Task Create_CamatOnADistrict_SaysTheLevelTheRoleNeeds()
    {
        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), Camat("camat.kabupaten", "73.24"));

        Assert.Equal(["Peran Operator Kecamatan / Camat harus diberi wilayah tingkat kecamatan."], result.Outcome.Errors[nameof(UserForm.RegionCode)]);
    }

    [Fact]
    public async Task Create_PimpinanOnAKecamatan_SaysTheLevelTheRoleNeeds()
    {
        var form = Camat("pimpinan.kecamatan", "73.24.04");
        form.Role = Role.Pimpinan;

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.Equal(["Peran Pimpinan harus diberi wilayah tingkat kabupaten/kota."], result.Outcome.Errors[nameof(UserForm.RegionCode)]);
    }

    [Fact]
    public async Task Create_WithoutRegion_NamesTheLevelToPick()
    {
        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), Camat("camat.tanpa.wilayah", ""));

        Assert.Equal(["Wilayah kerja wajib dipilih: kecamatan."], result.Outcome.Errors[nameof(UserForm.RegionCode)]);
    }

    [Fact]
    public async Task Create_AdminSistemWithARegion_IsToldToLeaveItEmpty()
    {
        var form = Camat("admin.sistem.dua", "73");
        form.Role = Role.AdminSistem;

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.sistem"), form);

        Assert.Equal(["Admin Sistem tidak dibatasi wilayah: kosongkan wilayah kerja."], result.Outcome.Errors[nameof(UserForm.RegionCode)]);
    }

    // ----- Operator OPD and its agency -----

    [Fact]
    public async Task Create_OperatorOpdWithoutAgency_IsRefusedOnTheAgency()
    {
        var form = Camat("opd.tanpa.instansi", "73.24");
        form.Role = Role.OperatorOpd;

        var result = await Users.CreateAsync(await fixture.ActorAsync("admin.lutim"), form);

        Assert.Equal(["Operator OPD wajib dikaitkan dengan satu instansi."], result.Outcome.Errors[nameof(UserForm.AgencyId)]);
    }

    [Fact]
    public async Task Create_OperatorOpdWithAnotherDistrictsOrAKecamatanAgency_IsRefusedOnTheAgency()
    {
        var admin = await fixture.ActorAsync("admin.sistem");
        var form = Camat("opd.salah.instansi", "73.24");
        form.Role = Role.OperatorOpd;

        form.AgencyId = await fixture.AgencyIdAsync("73.12", "Dinkes");
        var soppengAgency = await Users.CreateAsync(admin, form);
        form.AgencyId = await fixture.AgencyIdAsync("73.24.04", "Kec. Malili");
        var kecamatanAgency = await Users.CreateAsync(admin, form);

        Assert.Equal(["Instansi harus milik kabupaten/kota yang dipilih."], soppengAgency.Outcome.Errors[nameof(UserForm.AgencyId)]);
        Assert.Equal(["Instansi harus milik kabupaten/kota yang dipilih."], kecamatanAgency.Outcome.Errors[nameof(UserForm.AgencyId)]);
    }

    [Fact]
    public async Task Create_OperatorOpdWithADistrictAgency_IsLinkedToIt()
    {
        var dinkes = await fixture.AgencyIdAsync("73.24", "Dinkes");
        var form = Camat("opd.dinkes.lutim", "73.24");
        form.Role = Role.OperatorOpd;
        form.AgencyId = dinkes;

        var id = await CreateAsync("admin.lutim", form);

        Assert.Equal(dinkes, (await LoadAsync(id)).AgencyId);
        var row = Assert.Single((await Users.ListAsync(await fixture.ActorAsync("admin.lutim"), new UserQuery(Search: "opd.dinkes.lutim"))).Items);
        Assert.Equal("Dinkes", row.AgencyName);
    }

    [Fact]
    public async Task Update_FromOperatorOpdToPimpinan_DropsTheAgency()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var form = Camat("opd.jadi.pimpinan", "73.24");
        form.Role = Role.OperatorOpd;
        form.AgencyId = await fixture.AgencyIdAsync("73.24", "Bappeda");
        var id = await CreateAsync("admin.lutim", form);
        var before = await LoadAsync(id);
        var edit = (await Users.GetFormAsync(admin, id))!;
        edit.Role = Role.Pimpinan;

        var result = await Users.UpdateAsync(admin, id, edit);

        Assert.True(result.Succeeded, result.Summary);
        var after = await LoadAsync(id);
        Assert.Equal(Role.Pimpinan, after.Role);
        Assert.Null(after.AgencyId);
        // A new role must take effect in open sessions too.
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
    }

    // ----- scope of the list -----

    [Fact]
    public async Task List_AdminSoppeng_NeverContainsLuwuTimurUsers()
    {
        await CreateAsync("admin.lutim", Camat("camat.angkona.list", "73.24.05"));
        var admin = await fixture.ActorAsync("admin.soppeng");

        var page = await Users.ListAsync(admin, new UserQuery(Take: 200));
        var searched = await Users.ListAsync(admin, new UserQuery(Search: "lutim"));

        Assert.Contains(page.Items, u => u.UserName == "camat.lalabata");
        Assert.All(page.Items, u => Assert.StartsWith("73.12", u.RegionCode));
        Assert.DoesNotContain(page.Items, u => u.UserName is "camat.malili" or "camat.angkona.list" or "admin.sistem" or "pemantau.sulsel");
        Assert.Empty(searched.Items);
    }

    [Fact]
    public async Task List_AdminSistem_SeesEveryoneAndFiltersByRole()
    {
        var admin = await fixture.ActorAsync("admin.sistem");

        var all = await Users.ListAsync(admin, new UserQuery(Take: 200));
        var camats = await Users.ListAsync(admin, new UserQuery(Role: Role.OperatorKecamatan, Take: 200));

        Assert.Contains(all.Items, u => u.UserName == "pemantau.sulsel");
        Assert.Contains(all.Items, u => u.UserName == "camat.malili");
        Assert.Contains(camats.Items, u => u.UserName == "camat.lalabata");
        Assert.All(camats.Items, u => Assert.Equal(Role.OperatorKecamatan, u.Role));
    }

    [Fact]
    public async Task List_SearchWithLikeWildcards_MatchesThemLiterally()
    {
        var page = await Users.ListAsync(await fixture.ActorAsync("admin.sistem"), new UserQuery(Search: "%"));

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task GetForm_AdminSoppengOfCamatMalili_IsDenied()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var malili = (await fixture.ActorAsync("camat.malili")).UserId;

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Users.GetFormAsync(admin, malili));

        Assert.Equal(AccessPolicy.DeniedMessage, denied.Message);
    }

    [Fact]
    public async Task GetForm_AdminLutimOfTheSystemAdmin_IsDenied()
    {
        var sistem = (await fixture.ActorAsync("admin.sistem")).UserId;

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Users.GetFormAsync(await fixture.ActorAsync("admin.lutim"), sistem));
    }

    [Fact]
    public async Task Changes_AdminSoppengOnCamatMalili_AreAllDenied()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var malili = (await fixture.ActorAsync("camat.malili")).UserId;
        var form = (await Users.GetFormAsync(await fixture.ActorAsync("admin.lutim"), malili))!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.UpdateAsync(admin, malili, form));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.ResetPasswordAsync(admin, malili, "sandiCuri2024"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.SetActiveAsync(admin, malili, false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.UnlockAsync(admin, malili));
        Assert.True((await LoadAsync(malili)).IsActive);
    }

    [Theory]
    [InlineData("opd.dp2kb.lutim")]
    [InlineData("camat.malili")]
    [InlineData("pimpinan.lutim")]
    [InlineData("pemantau.sulsel")]
    public async Task List_NonAdmin_IsDenied(string userName)
    {
        var actor = await fixture.ActorAsync(userName);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Users.ListAsync(actor, new UserQuery()));

        Assert.Equal(AccessPolicy.DeniedMessage, denied.Message);
        Assert.False(Users.CanManage(actor));
        Assert.Empty(Users.AssignableRoles(actor));
    }

    [Theory]
    [InlineData("opd.dp2kb.lutim")]
    [InlineData("camat.malili")]
    [InlineData("pimpinan.lutim")]
    public async Task Create_NonAdmin_IsDeniedWhateverTheForm(string userName)
    {
        var actor = await fixture.ActorAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.CreateAsync(actor, Camat("dibuat." + userName, "73.24.04")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.CreateAsync(actor, new UserForm()));
    }

    // ----- passwords and lockout -----

    [Fact]
    public async Task ResetPassword_OfALockedUser_SetsThePasswordAndUnlocks()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.towuti.lupa", "73.24.03"));
        await LockOutAsync("camat.towuti.lupa");
        // A fresh AccountService (and so a fresh DbContext) per sign-in, as one HTTP request each would have.
        Assert.Equal(SignInOutcome.LockedOut, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.towuti.lupa", Password, "10.0.0.9")).Outcome);
        Assert.True(Assert.Single((await Users.ListAsync(admin, new UserQuery(Search: "camat.towuti.lupa"))).Items).IsLockedOut);

        var reset = await Users.ResetPasswordAsync(admin, id, "sandiBaru2025");

        Assert.True(reset.Succeeded, reset.Summary);
        Assert.False(Assert.Single((await Users.ListAsync(admin, new UserQuery(Search: "camat.towuti.lupa"))).Items).IsLockedOut);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.towuti.lupa", Password, "10.0.0.9")).Outcome);
        Assert.Equal(SignInOutcome.Success, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.towuti.lupa", "sandiBaru2025", "10.0.0.9")).Outcome);
    }

    [Fact]
    public async Task ResetPassword_WeakOrEmpty_IsRefusedOnThePassword()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.tomoni.lemah", "73.24.08"));

        var weak = await Users.ResetPasswordAsync(admin, id, "abcdefghij");
        var empty = await Users.ResetPasswordAsync(admin, id, "");

        Assert.Equal(["Kata sandi harus berisi angka (0-9)."], weak.Errors[nameof(UserForm.Password)]);
        Assert.Equal(["Kata sandi baru wajib diisi."], empty.Errors[nameof(UserForm.Password)]);
        Assert.Equal(SignInOutcome.Success, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.tomoni.lemah", Password)).Outcome);
    }

    [Fact]
    public async Task ResetPassword_WithAGeneratedPassword_Works()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.kalaena.acak", "73.24.10"));
        var generated = UserService.GeneratePassword();

        var reset = await Users.ResetPasswordAsync(admin, id, generated);

        Assert.True(reset.Succeeded, reset.Summary);
        Assert.Equal(SignInOutcome.Success, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.kalaena.acak", generated)).Outcome);
    }

    [Fact]
    public async Task GeneratePassword_AlwaysMeetsThePolicy()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var passwords = Enumerable.Range(0, 200).Select(_ => UserService.GeneratePassword()).ToList();

        foreach (var password in passwords)
        {
            foreach (var validator in userManager.PasswordValidators)
            {
                var check = await validator.ValidateAsync(userManager, new AppUser(), password);
                Assert.True(check.Succeeded, password + ": " + string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }
        Assert.True(passwords.Distinct().Count() > 190);
    }

    [Fact]
    public async Task ResetPassword_OfOneself_IsRefused()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");

        var result = await Users.ResetPasswordAsync(admin, admin.UserId, "sandiSendiri2025");

        Assert.Equal(["Untuk akun Anda sendiri, gunakan menu Ganti kata sandi."], result.Errors[nameof(UserForm.Password)]);
    }

    [Fact]
    public async Task Unlock_LockedUser_CanSignInWithTheOldPassword()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.mangkutana.kunci", "73.24.01"));
        await LockOutAsync("camat.mangkutana.kunci");
        Assert.Equal(SignInOutcome.LockedOut, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.mangkutana.kunci", Password, "10.0.0.9")).Outcome);

        var unlocked = await Users.UnlockAsync(admin, id);

        Assert.True(unlocked.Succeeded, unlocked.Summary);
        Assert.Equal(SignInOutcome.Success, (await fixture.Get<AccountService>().CheckCredentialsAsync("camat.mangkutana.kunci", Password, "10.0.0.9")).Outcome);
        Assert.True(fixture.Logs.Contains("camat.mangkutana.kunci unlocked by admin.lutim"));
    }

    // ----- editing -----

    [Fact]
    public async Task Update_WithAStaleConcurrencyStamp_IsAConflictAndTheFirstChangeIsKept()
    {
        var lutim = await fixture.ActorAsync("admin.lutim");
        var sistem = await fixture.ActorAsync("admin.sistem");
        var id = await CreateAsync("admin.lutim", Camat("camat.nuha.dua", "73.24.02"));
        var first = (await Users.GetFormAsync(lutim, id))!;
        var second = (await Users.GetFormAsync(sistem, id))!;

        first.FullName = "Nama dari admin kabupaten";
        var saved = await Users.UpdateAsync(lutim, id, first);
        second.FullName = "Nama dari admin sistem";
        var conflict = await Users.UpdateAsync(sistem, id, second);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.True(conflict.IsConflict);
        Assert.Equal(Texts.ConcurrencyConflict, conflict.Errors[""].Single());
        Assert.Equal("Nama dari admin kabupaten", (await LoadAsync(id)).FullName);
    }

    [Fact]
    public async Task Update_MovingACamatToSoppeng_IsRefusedOnTheRegion()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.wasuponda.pindah", "73.24.11"));
        var form = (await Users.GetFormAsync(admin, id))!;
        form.RegionCode = "73.12.01";

        var result = await Users.UpdateAsync(admin, id, form);

        Assert.Equal(["Wilayah ini di luar wilayah kewenangan Anda."], result.Errors[nameof(UserForm.RegionCode)]);
        Assert.Equal("73.24.11", (await LoadAsync(id)).RegionCode);
    }

    [Fact]
    public async Task Update_OwnRole_IsRefusedOnTheRole()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var form = (await Users.GetFormAsync(admin, admin.UserId))!;
        form.Role = Role.Pimpinan;

        var result = await Users.UpdateAsync(admin, admin.UserId, form);

        Assert.Equal(["Anda tidak dapat mengubah peran akun Anda sendiri."], result.Errors[nameof(UserForm.Role)]);
        Assert.Equal(Role.AdminSekretariat, (await LoadAsync(admin.UserId)).Role);
    }

    [Fact]
    public async Task Update_OwnFullName_IsAllowed()
    {
        var second = Camat("admin.lutim.kedua", "73.24");
        second.Role = Role.AdminSekretariat;
        await CreateAsync("admin.sistem", second);
        var admin = await fixture.ActorAsync("admin.lutim.kedua");
        var form = (await Users.GetFormAsync(admin, admin.UserId))!;
        form.FullName = "Admin Kedua Luwu Timur";

        var result = await Users.UpdateAsync(admin, admin.UserId, form);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal("Admin Kedua Luwu Timur", (await LoadAsync(admin.UserId)).FullName);
    }

    [Fact]
    public async Task SetActive_Oneself_IsRefusedAndStaysActive()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var result = await Users.SetActiveAsync(admin, admin.UserId, active: false);

        Assert.False(result.Succeeded);
        Assert.Equal(["Anda tidak dapat menonaktifkan akun Anda sendiri."], result.Errors[""]);
        Assert.True((await LoadAsync(admin.UserId)).IsActive);
    }

    [Fact]
    public async Task SetActive_DeactivateThenReactivate_ShowsInTheList()
    {
        var admin = await fixture.ActorAsync("admin.lutim");
        var id = await CreateAsync("admin.lutim", Camat("camat.burau.cuti", "73.24.07"));

        Assert.True((await Users.SetActiveAsync(admin, id, false)).Succeeded);
        var inactive = Assert.Single((await Users.ListAsync(admin, new UserQuery(Search: "camat.burau.cuti"))).Items);
        var hidden = await Users.ListAsync(admin, new UserQuery(Search: "camat.burau.cuti", IncludeInactive: false));
        Assert.True((await Users.SetActiveAsync(admin, id, true)).Succeeded);

        Assert.False(inactive.IsActive);
        Assert.Empty(hidden.Items);
        Assert.True((await LoadAsync(id)).IsActive);
    }

    [Fact]
    public async Task GetForm_UnknownUser_IsNull()
    {
        Assert.Null(await Users.GetFormAsync(await fixture.ActorAsync("admin.lutim"), Guid.NewGuid().ToString()));
    }
}
