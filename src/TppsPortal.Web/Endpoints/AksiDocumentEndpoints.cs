using System.Globalization;
using TppsPortal.Accounts;
using TppsPortal.Convergence;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// The documents generated for the aksi from approved kecamatan forms: the publication of stunting figures (aksi 7)
/// as PDF and the situation-analysis table (aksi 1) as XLSX, for a period given as <c>?periode=yyyyMM</c> (default: the
/// latest with approved forms). A district the user may not read answers 404, as if it did not exist.
/// </summary>
public static class AksiDocumentEndpoints
{
    public static IEndpointRouteBuilder MapAksiDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/aksi/{district}/{year:int}/publikasi.pdf", async (string district, int year, string? periode, HttpContext http,
            PublicationService publications, ILogger<PublicationService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            if (!publications.CanRead(actor, district)) return Results.NotFound();
            var figures = await publications.GetAsync(actor, district, year, PeriodKey(periode), ct);
            logger.LogInformation("Stunting publication of {District} {Year} ({Period}) downloaded by {UserName}", district, year, figures.Period?.Key, actor.UserName);
            var name = $"publikasi-stunting-{district.Replace('.', '-')}-{figures.Period?.Key.ToString(CultureInfo.InvariantCulture) ?? year.ToString(CultureInfo.InvariantCulture)}.pdf";
            return Results.File(PublicationPdf.Render(figures), "application/pdf", name);
        }).RequireAuthorization();

        app.MapGet("/aksi/{district}/{year:int}/analisis-situasi.xlsx", async (string district, int year, string? periode, HttpContext http,
            PublicationService publications, ILogger<PublicationService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            if (!publications.CanRead(actor, district)) return Results.NotFound();
            var figures = await publications.GetAsync(actor, district, year, PeriodKey(periode), ct);
            logger.LogInformation("Situation analysis of {District} {Year} ({Period}) downloaded by {UserName}", district, year, figures.Period?.Key, actor.UserName);
            return Results.File(SituationAnalysisXlsx.Write(figures), SituationAnalysisXlsx.ContentType, SituationAnalysisXlsx.FileName(figures));
        }).RequireAuthorization();
        return app;
    }

    /// <summary>"202611" as a period key; anything else is no choice (the default period).</summary>
    public static int? PeriodKey(string? text) =>
        text is { Length: 6 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && key % 100 is >= 1 and <= 12 ? key : null;
}
