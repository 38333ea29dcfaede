using System.Net;
using System.Text;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Http;

/// <summary>The dashboard and its exports through HTTP: each role sees its own area, and nothing outside it whatever the URL.</summary>
public sealed class DashboardHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("pimpinan.lutim", "Dasbor Kabupaten Luwu Timur", "Mangkutana", "Lalabata")]
    [InlineData("admin.soppeng", "Dasbor Kabupaten Soppeng", "Lalabata", "Mangkutana")]
    [InlineData("camat.malili", "Dasbor Kecamatan Malili", "Desa Malili Contoh 1", "Mangkutana")]
    [InlineData("pemantau.sulsel", "Dasbor Sulawesi Selatan", "Kabupaten Soppeng", "Marioriwawo")]
    public async Task Page_OpensOnTheUsersOwnArea(string userName, string heading, string shown, string notShown)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        var response = await client.GetAsync("/dasbor");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, html);
        Assert.Contains(shown, html);
        Assert.DoesNotContain(notShown, html);
    }

    [Theory]
    [InlineData("admin.soppeng", "73.24")]
    [InlineData("pimpinan.lutim", "73.12")]
    [InlineData("pimpinan.lutim", "73")]
    [InlineData("camat.malili", "73.24")]
    [InlineData("camat.malili", "73.24.05")]
    [InlineData("camat.lalabata", "73.24.04")]
    [InlineData("opd.dp2kb.lutim", "73.24")]
    public async Task PageAndExports_OutsideTheUsersScope_AreForbidden(string userName, string region)
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, userName);

        foreach (var path in new[] { "/dasbor", "/dasbor/ekspor.csv", "/dasbor/dasbor.pdf" })
        {
            var response = await client.GetAsync($"{path}?wilayah={region}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} for {userName} at {region}: {response.StatusCode}");
            Assert.DoesNotContain("%PDF", body);
            Assert.DoesNotContain("Survei terakhir;", body);
            Assert.DoesNotContain("Peringkat", body);
        }
    }

    [Fact]
    public async Task Exports_WithoutSigningIn_AskToSignIn()
    {
        using var client = portal.CreateHttpClient();

        var csv = await client.GetAsync("/dasbor/ekspor.csv?wilayah=73.24");
        var pdf = await client.GetAsync("/dasbor/dasbor.pdf?wilayah=73.24");

        Assert.NotEqual(HttpStatusCode.OK, csv.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains("/masuk", csv.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task Csv_OfLuwuTimur_HoldsTheHeadlineTheSeriesBySourceAndTheRanking()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "pimpinan.lutim");

        var response = await client.GetAsync("/dasbor/ekspor.csv?wilayah=73.24");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);
        var lines = csv.Split("\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains(lines, l => l.StartsWith("Survei terakhir;22,6;SSGI;2022;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Pengukuran rutin terakhir;", StringComparison.Ordinal) && l.Contains(";Formulir kecamatan (portal ini);", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Jalur target yang berlaku;;jalur target Provinsi Sulawesi Selatan;2022-2045;\"Jalur target Kabupaten Luwu Timur berakhir 2024; kini diukur terhadap jalur target Provinsi Sulawesi Selatan.\";", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SSGI;Survei;2021;19,9;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SSGI;Survei;2022;22,6;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Target;Jalur target;2025;23,9;", StringComparison.Ordinal)); // the path that applies, as the chart draws it
        Assert.Contains(lines, l => l.StartsWith("Formulir kecamatan (portal ini);Rutin;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Nasional (SSGI);Rujukan nasional;2022;21,6;", StringComparison.Ordinal));
        var ranking = lines.SkipWhile(l => !l.StartsWith("No;Kode;Kecamatan;", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(11, ranking.Count); // every kecamatan of Luwu Timur, none of Soppeng
        Assert.All(ranking, l => Assert.Contains(";73.24.", l));
    }

    [Fact]
    public async Task Csv_ForPemantauProvinsi_PutsTheDistrictsSideBySide()
    {
        using var client = await HttpSignIn.SignedInClientAsync(portal, "pemantau.sulsel");

        var csv = await client.GetStringAsync("/dasbor/ekspor.csv?wilayah=73");
        var lines = csv.Split("\r\n");

        var lutim = Assert.Single(lines, l => l.Contains(";73.24;Kabupaten Luwu Timur;", StringComparison.Ordinal));
        var soppeng = Assert.Single(lines, l => l.Contains(";73.12;Kabupaten Soppeng;", StringComparison.Ordinal));
        Assert.Contains(";22,6;SSGI 2022;", lutim); // the latest survey beside the forms
        Assert.Contains(";26,9;SSGI 2022;", soppeng);
        // What the side panels show: the forms of both districts, and overdue actions told apart by district.
        var completeness = lines.SkipWhile(l => !l.StartsWith("Kecamatan;Disetujui;", StringComparison.Ordinal)).Skip(1).First();
        Assert.StartsWith("19;", completeness); // 11 kecamatan of Luwu Timur and 8 of Soppeng
        var overdue = lines.SkipWhile(l => !l.StartsWith("Instansi;Singkatan;Wilayah;", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Contains(overdue, l => l.Contains(";Dinkes;Kabupaten Luwu Timur;", StringComparison.Ordinal));
        Assert.Contains(overdue, l => l.Contains(";Dinkes;Kabupaten Soppeng;", StringComparison.Ordinal));
    }
}
