using Microsoft.EntityFrameworkCore;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Common;
using TppsPortal.Tests.Infrastructure;

namespace TppsPortal.Tests.Api;

/// <summary>API tokens against a real PostgreSQL with the demo accounts: who may make whose, what is stored, what is refused.</summary>
public sealed class ApiTokenServiceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private ApiTokenService Tokens => fixture.Get<ApiTokenService>();

    private async Task<Actor> IntegrationAccountAsync(string adminName, string userName, Role role, string region)
    {
        var admin = await fixture.ActorAsync(adminName);
        var created = await fixture.Get<UserService>().CreateAsync(admin, new UserForm
        {
            UserName = userName, FullName = $"Integrasi {userName}", Role = role, RegionCode = region, IsIntegration = true,
        });
        Assert.True(created.Succeeded, created.Outcome.Summary);
        return await fixture.ActorAsync(userName);
    }

    [Fact]
    public async Task Create_StoresOnlyAHash_ShowsTheSecretOnce_AndTheSecretAuthenticatesAsItsUser()
    {
        var camat = await fixture.ActorAsync("camat.malili");

        var made = await Tokens.CreateAsync(camat, camat.UserId, new ApiTokenForm { Name = "Lembar kerja bulanan", LifetimeDays = 90 });

        Assert.True(made.Succeeded, made.Outcome.Summary);
        var secret = made.Value!.Secret;
        Assert.StartsWith("tpps_", secret);
        Assert.Equal(45, secret.Length);
        Assert.Equal(secret[..ApiToken.PrefixLength], made.Value.Token.Prefix);
        await using (var db = fixture.CreateContext())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Id == made.Value.Token.Id);
            Assert.Equal(ApiTokenService.HashOf(secret), stored.Hash);
            Assert.Equal(camat.DisplayName, stored.CreatedBy);
            Assert.InRange(stored.ExpiresAt - stored.CreatedAt, TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(90) + TimeSpan.FromSeconds(1));
            // The secret itself is nowhere in the row.
            Assert.DoesNotContain(secret, $"{stored.Name}|{stored.Prefix}|{stored.CreatedBy}|{Convert.ToHexString(stored.Hash)}");
        }
        var identity = await Tokens.AuthenticateAsync(secret);
        Assert.NotNull(identity);
        Assert.Equal("camat.malili", identity.User.UserName);
        Assert.Equal("Lembar kerja bulanan", identity.TokenName);
        var listed = await Tokens.ListAsync(camat, camat.UserId);
        Assert.Contains(listed, t => t.Id == made.Value.Token.Id && t.LastUsedAt is not null);
    }

    [Theory]
    [InlineData("", 90, "Name", "Nama token wajib diisi")]
    [InlineData("   ", 90, "Name", "Nama token wajib diisi")]
    [InlineData("Token", 0, "LifetimeDays", "Masa berlaku 1 sampai 366 hari")]
    [InlineData("Token", 367, "LifetimeDays", "Masa berlaku 1 sampai 366 hari")]
    public async Task Create_RefusesAMissingNameOrALifetimeOutOfRange_AtItsField(string name, int days, string field, string message)
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var made = await Tokens.CreateAsync(admin, admin.UserId, new ApiTokenForm { Name = name, LifetimeDays = days });

        Assert.False(made.Succeeded);
        Assert.Contains(message, Assert.Single(made.Outcome.Errors[field]));
    }

    [Fact]
    public async Task Create_ANameOf101Characters_IsRefusedWithItsLength()
    {
        var admin = await fixture.ActorAsync("admin.lutim");

        var made = await Tokens.CreateAsync(admin, admin.UserId, new ApiTokenForm { Name = new string('x', 101), LifetimeDays = 30 });

        Assert.Contains("sekarang 101", Assert.Single(made.Outcome.Errors["Name"]));
    }

    [Fact]
    public async Task Create_TheSameNameTwiceWhileTheFirstIsActive_IsRefused_AfterRevokingItIsAllowed()
    {
        var pimpinan = await fixture.ActorAsync("pimpinan.lutim");
        var first = await Tokens.CreateAsync(pimpinan, pimpinan.UserId, new ApiTokenForm { Name = "Dasbor kantor", LifetimeDays = 30 });

        var again = await Tokens.CreateAsync(pimpinan, pimpinan.UserId, new ApiTokenForm { Name = "Dasbor kantor", LifetimeDays = 30 });
        Assert.Contains("Sudah ada token aktif dengan nama ini", Assert.Single(again.Outcome.Errors["Name"]));

        Assert.True((await Tokens.RevokeAsync(pimpinan, first.Value!.Token.Id)).Succeeded);
        var afterRevoke = await Tokens.CreateAsync(pimpinan, pimpinan.UserId, new ApiTokenForm { Name = "Dasbor kantor", LifetimeDays = 30 });
        Assert.True(afterRevoke.Succeeded, afterRevoke.Outcome.Summary);
        Assert.Null(await Tokens.AuthenticateAsync(first.Value.Secret));
        Assert.NotNull(await Tokens.AuthenticateAsync(afterRevoke.Value!.Secret));
    }

    [Fact]
    public async Task Authenticate_RefusesExpiredTokens_AndTokensOfADeactivatedUser()
    {
        var opd = await fixture.ActorAsync("opd.dp2kb.lutim");
        var expiring = await Tokens.CreateAsync(opd, opd.UserId, new ApiTokenForm { Name = "Kedaluwarsa", LifetimeDays = 1 });
        await using (var db = fixture.CreateContext())
        {
            await db.ApiTokens.Where(t => t.Id == expiring.Value!.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        Assert.Null(await Tokens.AuthenticateAsync(expiring.Value!.Secret));

        var account = await IntegrationAccountAsync("admin.lutim", "integrasi.nonaktif.lutim", Role.Pimpinan, "73.24");
        var admin = await fixture.ActorAsync("admin.lutim");
        var token = await Tokens.CreateAsync(admin, account.UserId, new ApiTokenForm { Name = "Dasbor", LifetimeDays = 30 });
        Assert.NotNull(await Tokens.AuthenticateAsync(token.Value!.Secret));
        Assert.True((await fixture.Get<UserService>().SetActiveAsync(admin, account.UserId, false)).Succeeded);
        Assert.Null(await Tokens.AuthenticateAsync(token.Value.Secret));
    }

    [Fact]
    public async Task Admins_ManageTokensOfIntegrationAccountsInTheirScope_NeverOfAnotherPersonsAccount()
    {
        var adminLutim = await fixture.ActorAsync("admin.lutim");
        var adminSoppeng = await fixture.ActorAsync("admin.soppeng");
        var adminSistem = await fixture.ActorAsync("admin.sistem");
        var camat = await fixture.ActorAsync("camat.malili");
        var lutimSystem = await IntegrationAccountAsync("admin.lutim", "integrasi.dasbor.lutim", Role.Pimpinan, "73.24");

        // The district's own admin makes one for its integration account; Admin Sistem may too.
        Assert.True((await Tokens.CreateAsync(adminLutim, lutimSystem.UserId, new ApiTokenForm { Name = "Dasbor kabupaten", LifetimeDays = 30 })).Succeeded);
        Assert.True((await Tokens.CreateAsync(adminSistem, lutimSystem.UserId, new ApiTokenForm { Name = "Dasbor cadangan", LifetimeDays = 30 })).Succeeded);
        // Another district's admin cannot, and nobody makes a token for a person's own account but that person.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.CreateAsync(adminSoppeng, lutimSystem.UserId, new ApiTokenForm { Name = "X", LifetimeDays = 30 }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.ListAsync(adminSoppeng, lutimSystem.UserId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.CreateAsync(adminLutim, camat.UserId, new ApiTokenForm { Name = "X", LifetimeDays = 30 }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.CreateAsync(adminSistem, camat.UserId, new ApiTokenForm { Name = "X", LifetimeDays = 30 }));
        var camatToken = await Tokens.CreateAsync(camat, camat.UserId, new ApiTokenForm { Name = "Milik camat", LifetimeDays = 30 });
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tokens.RevokeAsync(adminLutim, camatToken.Value!.Token.Id));
    }

    [Fact]
    public async Task IntegrationAccount_CannotBeAdminSistem_HasNoPasswordToReset()
    {
        var adminSistem = await fixture.ActorAsync("admin.sistem");
        var users = fixture.Get<UserService>();

        var asSystemAdmin = await users.CreateAsync(adminSistem, new UserForm
        {
            UserName = "integrasi.terlalu.kuat", FullName = "Integrasi", Role = Role.AdminSistem, IsIntegration = true,
        });
        Assert.Contains("tidak dapat berperan Admin Sistem", Assert.Single(asSystemAdmin.Outcome.Errors["Role"]));

        var account = await IntegrationAccountAsync("admin.sistem", "integrasi.uji.provinsi", Role.PemantauProvinsi, "73");
        var reset = await users.ResetPasswordAsync(adminSistem, account.UserId, "KataSandiBaru2026");
        Assert.Contains("tidak memakai kata sandi", Assert.Single(reset.Errors["Password"]));
        var form = await users.GetFormAsync(adminSistem, account.UserId);
        Assert.True(form!.IsIntegration);
    }

    [Fact]
    public async Task AnAccount_HasAtMostTwentyUsableTokens()
    {
        var soppeng = await fixture.ActorAsync("admin.soppeng");
        for (var i = 1; i <= ApiTokenService.MaxUsablePerUser; i++)
        {
            var ok = await Tokens.CreateAsync(soppeng, soppeng.UserId, new ApiTokenForm { Name = $"Token {i}", LifetimeDays = 30 });
            Assert.True(ok.Succeeded, ok.Outcome.Summary);
        }

        var oneMore = await Tokens.CreateAsync(soppeng, soppeng.UserId, new ApiTokenForm { Name = "Token 21", LifetimeDays = 30 });

        Assert.Contains("sudah memiliki 20 token aktif", oneMore.Outcome.Errors[""].Single());
    }
}
