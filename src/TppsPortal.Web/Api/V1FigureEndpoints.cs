using TppsPortal.Api;
using TppsPortal.Prevalence;
using TppsPortal.Submissions;

namespace TppsPortal.Web.Api;

/// <summary>/api/v1 figures: stored prevalence figures, approved village figures, target paths, the dashboard summary.</summary>
public static class V1FigureEndpoints
{
    public static RouteGroupBuilder MapV1FigureEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/figures", async (string? region, string? indicator, string? source, string? from, string? to, string? page, string? pageSize,
            HttpContext http, PrevalenceService figures, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var area = query.Region("region", region);
            var fromKey = query.PeriodKey("from", from, end: false);
            var toKey = query.PeriodKey("to", to, end: true);
            if (fromKey > toKey) query.Add("to", "to tidak boleh sebelum from.");
            if (query.Problem is { } bad) return bad;
            var found = await figures.ListFiguresAsync(actor, new FigureQuery(area, Blank(indicator), Blank(source), Skip: paging.Skip, Take: paging.PageSize, FromKey: fromKey, ToKey: toKey), ct);
            return ApiJson.OkWithETag(http, ApiJson.Paged(found, paging, ApiCodes.Figure));
        })
        .WithName("ListFigures").WithTags("Angka prevalensi")
        .WithSummary("Angka prevalensi tersimpan")
        .WithDescription("Angka prevalensi yang dimasukkan atau diimpor (SSGI, SKI, e-PPGBM, ...), bukan angka formulir camat (lihat /village-reports). " +
                         "Saring dengan region (kode wilayah: wilayah itu dan semua di bawahnya), indicator (stunting, wasting, ...), source (SSGI, ...), " +
                         "from dan to (periode YYYY atau YYYY-MM; angka tahunan dihitung sebagai awal tahunnya). Nilai dalam persen sebagai angka. Berhalaman.")
        .Produces<PagedResponse<FigureModel>>().WithProblems(400, 403);

        v1.MapGet("/village-reports", async (string? district, string? kecamatan, string? period, string? page, string? pageSize,
            HttpContext http, ApiReadService reads, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var month = query.YearMonth("period", period, required: true);
            var districtCode = query.Region("district", district);
            var kecamatanCode = query.Region("kecamatan", kecamatan);
            if (districtCode is not null && districtCode.Count(c => c == '.') != 1) query.Add("district", "district harus kode kabupaten/kota, misalnya 73.24.");
            if (kecamatanCode is not null && kecamatanCode.Count(c => c == '.') != 2) query.Add("kecamatan", "kecamatan harus kode kecamatan, misalnya 73.24.04.");
            if (string.IsNullOrWhiteSpace(district) == string.IsNullOrWhiteSpace(kecamatan)) query.Add("district", "Isi salah satu: district atau kecamatan.");
            if (query.Problem is { } bad) return bad;
            var found = await reads.VillageReportsAsync(actor,
                new VillageReportQuery((kecamatanCode ?? districtCode)!, month!.Value.Year, month.Value.Month, paging.Skip, paging.PageSize), ct);
            return ApiJson.OkWithETag(http, ApiJson.Paged(found, paging, ApiCodes.VillageReport));
        })
        .WithName("ListVillageReports").WithTags("Formulir kecamatan")
        .WithSummary("Angka desa dari formulir camat yang disetujui")
        .WithDescription("Angka per desa/kelurahan dari formulir kecamatan yang sudah DISETUJUI sekretariat (draf, diajukan, dikembalikan tidak pernah " +
                         "tampil) untuk satu kabupaten (district) atau kecamatan (kecamatan) dan satu bulan (period=YYYY-MM). values memuat 11 angka " +
                         "dengan kunci kolom impor: " + string.Join(", ", FigureInfo.All.Select(f => f.Key())) + " (null = tidak diisi). " +
                         "Camat hanya melihat kecamatannya; wilayah di samping cakupan ditolak (403). Berhalaman, pageSize sampai 1000.")
        .Produces<PagedResponse<VillageReportModel>>().WithProblems(400, 403);

        v1.MapGet("/targets/{region}", async (string region, string? indicator, HttpContext http, TargetService targets, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var code = query.Region("region", region, required: true);
            if (query.Problem is { } bad) return bad;
            TargetView view;
            try
            {
                view = await targets.GetAsync(actor, code!, Blank(indicator) ?? "stunting", ct);
            }
            catch (KeyNotFoundException)
            {
                return ApiProblems.NotFoundResult("Wilayah atau indikator tidak ditemukan.");
            }
            return ApiJson.OkWithETag(http, ApiCodes.Target(view));
        })
        .WithName("GetTarget").WithTags("Target")
        .WithSummary("Jalur target sebuah wilayah dengan statusnya")
        .WithDescription("Data dasar dan target tahunan wilayah untuk satu indikator (indicator, bawaan stunting), angka terakhir dari seri sumber data dasar, " +
                         "status terhitung (sisa poin, penurunan per tahun yang dibutuhkan, sesuai jalur atau tidak), jalur yang berlaku tahun ini (milik sendiri, " +
                         "provinsi, atau nasional RPJMN) dan jalur nasional sebagai rujukan.")
        .Produces<TargetResponse>().WithProblems(400, 403, 404);

        v1.MapGet("/dashboard/{region}", async (string region, string? indicator, string? source, string? period, HttpContext http, DashboardService dashboards, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var code = query.Region("region", region, required: true);
            var month = query.YearMonth("period", period, required: false);
            if (query.Problem is { } bad) return bad;
            var view = await dashboards.GetAsync(actor, new DashboardQuery(code, Blank(indicator) ?? "stunting", Blank(source),
                month is { } m ? (m.Year * 100) + m.Month : null), ct);
            return ApiJson.OkWithETag(http, ApiCodes.Dashboard(view));
        })
        .WithName("GetDashboard").WithTags("Dasbor")
        .WithSummary("Ringkasan dasbor sebuah wilayah")
        .WithDescription("Yang ditampilkan dasbor pimpinan untuk satu wilayah dan indikator: angka utama (survei dan rutin terakhir, terhadap jalur target yang berlaku), " +
                         "seri per sumber data (tidak pernah digabung), peringkat wilayah di bawahnya dari formulir yang disetujui untuk bulan period (YYYY-MM, " +
                         "bawaan bulan terakhir), dan kelengkapan formulir. Operator OPD tidak memiliki dasbor (403).")
        .Produces<DashboardResponse>().WithProblems(400, 403);
        return v1;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
