using System.Net;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>Whether a user name exists cannot be told from the sign-in page's answer or from the work it does.</summary>
public sealed class SignInProbingHttpTests(HasherCountingPortal portal) : IClassFixture<HasherCountingPortal>
{
    [Fact]
    public async Task WrongPassword_ForAnUnknownAndAKnownUser_GivesTheSameMessageAndVerifiesAHashEachTime()
    {
        using var client = portal.CreateHttpClient();

        var before = portal.Hasher.Verifications;
        var unknown = await MessageAsync(await HttpSignIn.PostLoginAsync(client, "tidak.pernah.ada", "bukan-sandinya-1"));
        var afterUnknown = portal.Hasher.Verifications;
        var known = await MessageAsync(await HttpSignIn.PostLoginAsync(client, "admin.sistem", "bukan-sandinya-1"));
        var afterKnown = portal.Hasher.Verifications;

        Assert.Equal("Nama pengguna atau kata sandi salah.", unknown);
        Assert.Equal(known, unknown);
        Assert.Equal(1, afterUnknown - before); // the dummy hash of an unknown user name
        Assert.Equal(1, afterKnown - afterUnknown); // the account's own hash
    }

    [Fact]
    public async Task FiveWrongPasswords_ForAnUnknownAndAKnownUser_LockWithTheSameMessage()
    {
        using var client = portal.CreateHttpClient();
        string? unknown = null, known = null;

        for (var i = 0; i < 5; i++)
        {
            unknown = await MessageAsync(await HttpSignIn.PostLoginAsync(client, "juga.tidak.ada", "tebakan-" + i));
            known = await MessageAsync(await HttpSignIn.PostLoginAsync(client, "pemantau.sulsel", "tebakan-" + i));
        }

        Assert.Contains("dikunci", unknown);
        // The same words; the time until which each is locked may differ by the minute the two tries straddle.
        Assert.Equal(WithoutTime(known!), WithoutTime(unknown!));
    }

    private static string WithoutTime(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\d{2}\.\d{2}", "HH.mm");

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<");
        Assert.True(match.Success, "No sign-in error on the page.");
        return match.Groups[1].Value;
    }
}
