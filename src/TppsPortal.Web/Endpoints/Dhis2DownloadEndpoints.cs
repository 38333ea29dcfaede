using System.Text;
using TppsPortal.Accounts;
using TppsPortal.Dhis2;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// The DHIS2 export as a file for the browser (sign-in cookie), the "Unduh JSON"/"Unduh CSV" buttons of /integrasi/dhis2:
/// <c>/integrasi/dhis2/{district}/{period}.json</c> or <c>.csv</c>, optionally <c>?kecamatan=</c>. The same service and
/// access rules as <c>/api/v1/dhis2/dataValueSets</c>; a district out of reach is 403 (AccessDeniedMiddleware).
/// </summary>
public static class Dhis2DownloadEndpoints
{
    public static IEndpointRouteBuilder MapDhis2DownloadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/integrasi/dhis2/{district}/{file}", async (HttpContext http, string district, string file, string? kecamatan,
            Dhis2Service service, ILogger<Dhis2Service> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var csv = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }
            var period = file[..file.LastIndexOf('.')];
            var export = await service.ExportAsync(actor, district, period, string.IsNullOrWhiteSpace(kecamatan) ? null : kecamatan.Trim(), ct);
            if (!export.Succeeded)
            {
                return Results.BadRequest(new { error = export.Outcome.Summary });
            }
            var (set, report) = (export.Value!.DataValueSet, export.Value.Report);
            Api.V1Dhis2Endpoints.AddReportHeaders(http, report, null);
            logger.LogInformation("DHIS2 export {District} {Period} ({Format}, {Values} values, {Missing} not exported) downloaded by {UserName}",
                district, report.Period, csv ? "csv" : "json", report.ValuesExported, report.ValuesNotExported, actor.UserName);
            var name = $"dhis2-{(report.KecamatanCode ?? district).Replace('.', '-')}-{report.Period}.{(csv ? "csv" : "json")}";
            return csv
                ? Results.File(Encoding.UTF8.GetBytes(Dhis2Service.ToCsv(set)), "text/csv; charset=utf-8", name)
                : Results.File(Encoding.UTF8.GetBytes(Dhis2Json.Serialize(set)), "application/json; charset=utf-8", name);
        }).RequireAuthorization();
        return app;
    }
}
