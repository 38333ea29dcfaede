using System.Net;
using System.Text.RegularExpressions;

namespace TppsPortal.Web.Tests.Infrastructure;

/// <summary>Signs in through the real sign-in form, as a browser without JavaScript would.</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/masuk");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "The sign-in form has no antiforgery token.");
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "masuk",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/masuk", content);
    }

    public static async Task<HttpClient> SignedInClientAsync(PortalFactory portal, string userName)
    {
        var client = portal.CreateHttpClient();
        var response = await PostLoginAsync(client, userName, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>An antiforgery token made for the client's current user, read from a form of the given page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
