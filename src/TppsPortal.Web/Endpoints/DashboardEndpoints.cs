using TppsPortal.Accounts;
using TppsPortal.Prevalence;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// The dashboard as shown, as CSV and as a one-page PDF. The same query string as the page; the service refuses
/// an area outside the user's scope, which <see cref="Hosting.AccessDeniedMiddleware"/> answers with 403.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dasbor/ekspor.csv", async (HttpContext http, DashboardService dashboards, ILogger<DashboardService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var view = await dashboards.GetAsync(actor, QueryOf(http.Request), ct);
            logger.LogInformation("Dashboard CSV of {RegionCode} downloaded by {UserName}", view.Area.Code, actor.UserName);
            return Results.File(DashboardCsv.Write(view), "text/csv; charset=utf-8", FileName(view, "csv"));
        }).RequireAuthorization();

        app.MapGet("/dasbor/dasbor.pdf", async (HttpContext http, DashboardService dashboards, ILogger<DashboardService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var view = await dashboards.GetAsync(actor, QueryOf(http.Request), ct);
            logger.LogInformation("Dashboard PDF of {RegionCode} downloaded by {UserName}", view.Area.Code, actor.UserName);
            return Results.File(DashboardPdf.Render(view), "application/pdf", FileName(view, "pdf"));
        }).RequireAuthorization();
        return app;
    }

    private static DashboardQuery QueryOf(HttpRequest request)
    {
        string? Text(string name) => request.Query[name].FirstOrDefault() is { Length: > 0 } s ? s.Trim() : null;
        return new DashboardQuery(
            Text("wilayah"),
            Text("indikator") ?? "stunting",
            Text("sumber"),
            int.TryParse(Text("periode"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var period) ? period : null);
    }

    private static string FileName(DashboardView view, string extension) =>
        $"dasbor-{view.Area.Code.Replace('.', '-')}-{view.IndicatorCode}.{extension}";
}
