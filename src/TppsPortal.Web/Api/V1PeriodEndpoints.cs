using TppsPortal.Api;
using TppsPortal.Submissions;

namespace TppsPortal.Web.Api;

/// <summary>/api/v1 reporting periods of the camat forms and the state of each kecamatan's form.</summary>
public static class V1PeriodEndpoints
{
    public static RouteGroupBuilder MapV1PeriodEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/periods", async (string? district, string? page, string? pageSize, HttpContext http, SubmissionService submissions, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var code = query.Region("district", district, required: true);
            if (code is not null && code.Count(c => c == '.') != 1) query.Add("district", "district harus kode kabupaten/kota, misalnya 73.24.");
            if (query.Problem is { } bad) return bad;
            var periods = await submissions.PeriodsAsync(actor, code!, ct);
            var items = periods.Skip(paging.Skip).Take(paging.PageSize).Select(ApiCodes.Period).ToList();
            return ApiJson.OkWithETag(http, new PagedResponse<PeriodModel>(items, paging.Page, paging.PageSize, periods.Count));
        })
        .WithName("ListPeriods").WithTags("Formulir kecamatan")
        .WithSummary("Periode pelaporan sebuah kabupaten")
        .WithDescription("Periode bulanan formulir camat yang dibuka sekretariat kabupaten (district), terbaru dulu, dengan batas waktu (tanggal ISO) dan " +
                         "apakah masih terbuka. Berhalaman.")
        .Produces<PagedResponse<PeriodModel>>().WithProblems(400, 403);

        v1.MapGet("/periods/{id:int}/forms", async (int id, HttpContext http, ApiReadService reads, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var forms = await reads.PeriodFormsAsync(actor, id, ct);
            return forms is null
                ? ApiProblems.NotFoundResult("Periode pelaporan tidak ditemukan.")
                : ApiJson.OkWithETag(http, ApiCodes.PeriodForms(forms));
        })
        .WithName("ListPeriodForms").WithTags("Formulir kecamatan")
        .WithSummary("Status formulir tiap kecamatan dalam satu periode")
        .WithDescription("Untuk setiap kecamatan yang boleh dibaca akun ini (camat: kecamatannya sendiri): status formulir (not_started, draft, submitted, " +
                         "returned, approved), terlambat atau tidak, waktu diajukan dan diputuskan, jumlah baris desa.")
        .Produces<PeriodFormsResponse>().WithProblems(403, 404);
        return v1;
    }
}
