using TppsPortal.Accounts;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Accounts;

public sealed class AccountServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task CheckCredentials_WithDemoPassword_Succeeds()
    {
        var check = await fixture.Get<AccountService>().CheckCredentialsAsync("camat.malili", ServiceFixture.DemoPassword);

        Assert.Equal(SignInOutcome.Success, check.Outcome);
        Assert.Equal("73.24.04", check.User!.RegionCode);
    }

    [Fact]
    public async Task CheckCredentials_AfterFiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var accounts = fixture.Get<AccountService>();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await accounts.CheckCredentialsAsync("camat.lalabata", "salah-sandi-" + i);
            Assert.Equal(SignInOutcome.InvalidCredentials, wrong.Outcome);
            Assert.Equal("Nama pengguna atau kata sandi salah.", wrong.Message);
        }

        var fifth = await accounts.CheckCredentialsAsync("camat.lalabata", "salah-sandi-5");
        var right = await accounts.CheckCredentialsAsync("camat.lalabata", ServiceFixture.DemoPassword);

        Assert.Equal(SignInOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(SignInOutcome.LockedOut, right.Outcome);
        Assert.Contains("dikunci", right.Message);
        Assert.True(fixture.Logs.Contains("locked out"));
    }

    [Fact]
    public async Task CheckCredentials_ForDeactivatedUser_IsRefusedWithItsOwnMessage()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var users = fixture.Get<UserService>();
        var created = await users.CreateAsync(admin, new UserForm
        {
            UserName = "operator.ganra", FullName = "Operator Ganra", Role = Role.OperatorKecamatan,
            RegionCode = "73.12.07", Password = "sandiAwal2024",
        });
        Assert.True(created.Succeeded, created.Outcome.Summary);
        Assert.Equal(SignInOutcome.Success, (await fixture.Get<AccountService>().CheckCredentialsAsync("operator.ganra", "sandiAwal2024")).Outcome);

        var deactivated = await users.SetActiveAsync(admin, created.Value!, active: false);
        var check = await fixture.Get<AccountService>().CheckCredentialsAsync("operator.ganra", "sandiAwal2024");

        Assert.True(deactivated.Succeeded);
        Assert.Equal(SignInOutcome.Inactive, check.Outcome);
        Assert.Contains("dinonaktifkan", check.Message);
    }

    [Fact]
    public async Task CheckCredentials_UnknownUser_SaysTheSameAsAWrongPassword()
    {
        var check = await fixture.Get<AccountService>().CheckCredentialsAsync("tidak.ada", "apapun12345");

        Assert.Equal(SignInOutcome.InvalidCredentials, check.Outcome);
        Assert.Equal("Nama pengguna atau kata sandi salah.", check.Message);
        Assert.True(fixture.Logs.Contains("unknown user"));
    }

    [Fact]
    public async Task CheckCredentials_LockedFromOneAddress_StillSignsInFromAnother()
    {
        var accounts = fixture.Get<AccountService>();
        for (var i = 0; i < 5; i++)
        {
            await accounts.CheckCredentialsAsync("admin.soppeng", "tebakan-" + i, "203.0.113.7");
        }

        var attacker = await fixture.Get<AccountService>().CheckCredentialsAsync("admin.soppeng", ServiceFixture.DemoPassword, "203.0.113.7");
        var admin = await fixture.Get<AccountService>().CheckCredentialsAsync("admin.soppeng", ServiceFixture.DemoPassword, "10.1.2.3");

        Assert.Equal(SignInOutcome.LockedOut, attacker.Outcome);
        Assert.Equal(SignInOutcome.Success, admin.Outcome);
        Assert.True(fixture.Logs.Contains("from 203.0.113.7"));
    }

    [Fact]
    public async Task CheckCredentials_UnknownUser_IsLockedOutWithTheSameMessageAsARealAccount()
    {
        var accounts = fixture.Get<AccountService>();
        SignInCheck? unknown = null, known = null;
        for (var i = 0; i < 5; i++)
        {
            unknown = await accounts.CheckCredentialsAsync("bukan.pengguna", "tebakan-" + i, "198.51.100.4");
            known = await accounts.CheckCredentialsAsync("pemantau.sulsel", "tebakan-" + i, "198.51.100.4");
        }

        Assert.Equal(SignInOutcome.LockedOut, unknown!.Outcome);
        Assert.Equal(SignInOutcome.LockedOut, known!.Outcome);
        Assert.Contains("dikunci", unknown.Message);
        Assert.Equal(known.Message, unknown.Message);
    }

    [Fact]
    public async Task CheckCredentials_WrongPasswordOfADeactivatedUser_SaysOnlyThatThePasswordIsWrong()
    {
        var admin = await fixture.ActorAsync("admin.soppeng");
        var users = fixture.Get<UserService>();
        var created = await users.CreateAsync(admin, new UserForm
        {
            UserName = "operator.liliriaja", FullName = "Operator Liliriaja", Role = Role.OperatorKecamatan,
            RegionCode = "73.12.02", Password = "sandiAwal2024",
        });
        Assert.True(created.Succeeded, created.Outcome.Summary);
        Assert.True((await users.SetActiveAsync(admin, created.Value!, active: false)).Succeeded);

        var check = await fixture.Get<AccountService>().CheckCredentialsAsync("operator.liliriaja", "bukan-sandinya-1");

        Assert.Equal(SignInOutcome.InvalidCredentials, check.Outcome);
        Assert.Equal("Nama pengguna atau kata sandi salah.", check.Message);
    }

    [Fact]
    public async Task EndSessions_GivesTheUserANewSecurityStamp_SoTheOldOneIsNoLongerCurrent()
    {
        var user = (await fixture.Get<AccountService>().CheckCredentialsAsync("opd.dp2kb.lutim", ServiceFixture.DemoPassword)).User!;
        var accounts = fixture.Get<AccountService>();
        Assert.True(await accounts.IsSessionCurrentAsync(user.Id, user.SecurityStamp));

        await accounts.EndSessionsAsync(user.Id);

        Assert.False(await fixture.Get<AccountService>().IsSessionCurrentAsync(user.Id, user.SecurityStamp));
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrentPassword_NamesTheCurrentPasswordField()
    {
        var actor = await fixture.ActorAsync("pimpinan.lutim");

        var result = await fixture.Get<AccountService>().ChangePasswordAsync(actor, "bukan-sandi-1", "SandiBaru2025x");

        Assert.False(result.Succeeded);
        Assert.Equal("Kata sandi saat ini salah.", Assert.Single(result.Errors["CurrentPassword"]));
    }

    [Fact]
    public async Task ChangePassword_TooWeak_IsRefusedWithThePolicyInIndonesian()
    {
        var actor = await fixture.ActorAsync("opd.dp2kb.lutim");

        var result = await fixture.Get<AccountService>().ChangePasswordAsync(actor, ServiceFixture.DemoPassword, "pendek");

        Assert.False(result.Succeeded);
        Assert.Contains("minimal 10 karakter", result.Errors["NewPassword"][0]);
    }
}
