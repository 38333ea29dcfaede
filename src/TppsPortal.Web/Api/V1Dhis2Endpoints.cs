using System.Globalization;
using System.Text;
using TppsPortal.Accounts;
using TppsPortal.Dhis2;

namespace TppsPortal.Web.Api;

/// <summary>
/// The DHIS2 export on the JSON API: <c>GET /api/v1/dhis2/dataValueSets</c> (the file DHIS2 imports, JSON or CSV) and
/// <c>GET /api/v1/dhis2/report</c> (what is in it and what has no mapping). The file carries nothing but DHIS2's own
/// format; the counts of the report also come as <c>X-Dhis2-*</c> headers, and a <c>Link</c> header names the report.
/// See docs/dhis2.md.
/// </summary>
public static class V1Dhis2Endpoints
{
    public const string ValuesExportedHeader = "X-Dhis2-Values-Exported";
    public const string ValuesNotExportedHeader = "X-Dhis2-Values-Not-Exported";
    public const string OrgUnitIdSchemeHeader = "X-Dhis2-OrgUnitIdScheme";

    public static RouteGroupBuilder MapDhis2Endpoints(this RouteGroupBuilder v1)
    {
        var dhis2 = v1.MapGroup("/dhis2").WithTags("DHIS2");

        dhis2.MapGet("/dataValueSets", async (HttpContext http, Dhis2Service service, string? district, string? period, string? kecamatan, string? format, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User);
                if (actor is null) return Results.Challenge();
                var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
                if (format is { Length: > 0 } && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
                {
                    return ApiProblems.Result(StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
                        $"Format \"{format}\" tidak dikenal; pilih json atau csv.", new Dictionary<string, string[]> { ["format"] = ["Pilih json atau csv."] });
                }
                var export = await service.ExportAsync(actor, district ?? "", period, Empty(kecamatan), ct);
                if (!export.Succeeded) return BadRequest(export.Outcome);
                AddReportHeaders(http, export.Value!.Report, $"{http.Request.PathBase}/api/v1/dhis2/report{http.Request.QueryString}");
                return csv
                    ? Results.Text(Dhis2Service.ToCsv(export.Value.DataValueSet), "text/csv; charset=utf-8", Encoding.UTF8)
                    : Results.Text(Dhis2Json.Serialize(export.Value.DataValueSet), "application/json; charset=utf-8", Encoding.UTF8);
            })
            .WithName("GetDhis2DataValueSets")
            .WithSummary("Ekspor DHIS2 (dataValueSets) dari formulir kecamatan yang disetujui")
            .WithDescription("Angka desa/kelurahan dari formulir camat yang sudah disetujui untuk satu kabupaten/kota (atau satu kecamatan) dan satu bulan, " +
                             "dalam format dataValueSets DHIS2 (JSON; format=csv untuk CSV DHIS2). Satu nilai per angka yang dipetakan ke data element dan per desa " +
                             "yang dipetakan ke unit organisasi; angka kosong tidak diekspor. Periode DHIS2 bulanan yyyyMM (contoh 202611). Bila kabupaten memakai " +
                             "kode unit organisasi, impor dengan orgUnitIdScheme=CODE (JSON sudah memuatnya). Yang belum dipetakan tidak ada di berkas: lihat " +
                             "/api/v1/dhis2/report dan header X-Dhis2-Values-Not-Exported. Parameter: district (contoh 73.24), period (contoh 2026-11), kecamatan (opsional).")
            .Produces<Dhis2DataValueSet>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        dhis2.MapGet("/report", async (HttpContext http, Dhis2Service service, string? district, string? period, string? kecamatan, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User);
                if (actor is null) return Results.Challenge();
                var export = await service.ExportAsync(actor, district ?? "", period, Empty(kecamatan), ct);
                if (!export.Succeeded) return BadRequest(export.Outcome);
                AddReportHeaders(http, export.Value!.Report, null);
                return Results.Ok(export.Value.Report);
            })
            .WithName("GetDhis2ExportReport")
            .WithSummary("Laporan ekspor DHIS2: yang diekspor dan yang belum dipetakan")
            .WithDescription("Untuk parameter yang sama dengan /api/v1/dhis2/dataValueSets: jumlah nilai yang diekspor dan yang tidak, angka (figure key) tanpa " +
                             "data element, desa/kelurahan tanpa unit organisasi (dengan jumlah nilai yang karenanya tidak diekspor), dan kecamatan yang belum " +
                             "memiliki formulir disetujui. Tidak ada yang dibuang diam-diam: periksa laporan ini sebelum mengimpor.")
            .Produces<Dhis2ExportReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return v1;
    }

    internal static void AddReportHeaders(HttpContext http, Dhis2ExportReport report, string? reportLink)
    {
        http.Response.Headers[ValuesExportedHeader] = report.ValuesExported.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[ValuesNotExportedHeader] = report.ValuesNotExported.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[OrgUnitIdSchemeHeader] = report.OrgUnitIdScheme;
        if (reportLink is not null)
        {
            http.Response.Headers.Link = $"<{reportLink}>; rel=\"describedby\"";
        }
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IResult BadRequest(TppsPortal.Common.Result outcome) =>
        ApiProblems.Result(StatusCodes.Status400BadRequest, ApiProblems.BadRequest, outcome.Summary, outcome.Errors.ToDictionary(e => e.Key, e => e.Value));
}
