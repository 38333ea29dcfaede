using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Web.Api;

/// <summary>/api/v1 regions and agencies.</summary>
public static class V1RegionEndpoints
{
    public static RouteGroupBuilder MapV1RegionEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/regions/{code}", async (string code, HttpContext http, RegionService regions, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var view = await regions.BrowseAsync(actor, code, ct);
            if (view.Region is not { } r)
            {
                return ApiProblems.NotFoundResult($"Wilayah dengan kode \"{code}\" tidak ada.");
            }
            return ApiJson.OkWithETag(http, new RegionDetail(r.Code, r.Name, ApiCodes.Of(r.Level), r.ParentCode, r.ChildCount, r.IsExample,
                view.Path.Select(ApiCodes.Region).ToList()));
        })
        .WithName("GetRegion").WithTags("Wilayah")
        .WithSummary("Satu wilayah dengan jalurnya")
        .WithDescription("Wilayah menurut kode Kepmendagri (provinsi 73, kabupaten 73.24, kecamatan 73.24.04, desa 73.24.04.2001) dengan wilayah di atasnya. " +
                         "Wilayah di atas cakupan akun boleh dilihat namanya; wilayah di samping cakupan ditolak (403).")
        .Produces<RegionDetail>().WithProblems(403, 404);

        v1.MapGet("/regions/{code}/children", async (string code, string? page, string? pageSize, HttpContext http, RegionService regions, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            if (query.Problem is { } bad) return bad;
            var view = await regions.BrowseAsync(actor, code, ct);
            if (view.Region is null)
            {
                return ApiProblems.NotFoundResult($"Wilayah dengan kode \"{code}\" tidak ada.");
            }
            var items = view.Children.Skip(paging.Skip).Take(paging.PageSize).Select(ApiCodes.Region).ToList();
            return ApiJson.OkWithETag(http, new PagedResponse<RegionModel>(items, paging.Page, paging.PageSize, view.Children.Count));
        })
        .WithName("ListRegionChildren").WithTags("Wilayah")
        .WithSummary("Wilayah di bawah satu wilayah")
        .WithDescription("Kabupaten/kota sebuah provinsi, kecamatan sebuah kabupaten, atau desa/kelurahan sebuah kecamatan, yang boleh dilihat akun ini " +
                         "(seorang camat tidak melihat kecamatan lain di kabupatennya). Berhalaman: page (mulai 1), pageSize (bawaan 100, paling banyak 1000).")
        .Produces<PagedResponse<RegionModel>>().WithProblems(400, 403, 404);

        v1.MapGet("/agencies", async (string? region, string? search, string? page, string? pageSize, HttpContext http, AgencyService agencies, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var area = query.Region("region", region);
            if (query.Problem is { } bad) return bad;
            var found = await ApiJson.ChunkedAsync(paging.Skip, paging.PageSize, 500, (skip, take) =>
                agencies.ListAsync(actor, new AgencyQuery(Search: search, RegionCode: area, Skip: skip, Take: take), ct));
            return ApiJson.OkWithETag(http, ApiJson.Paged(found, paging, ApiCodes.Agency));
        })
        .WithName("ListAgencies").WithTags("Instansi")
        .WithSummary("Daftar instansi aktif")
        .WithDescription("Instansi (OPD, instansi vertikal, rumah sakit, ...) di cakupan akun dan di wilayah di atasnya. Saring dengan region " +
                         "(kode wilayah: wilayah itu dan di bawahnya) dan search (nama atau singkatan). Berhalaman.")
        .Produces<PagedResponse<AgencyModel>>().WithProblems(400);

        v1.MapGet("/agencies/{id:int}", async (int id, HttpContext http, AgencyService agencies, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var found = await agencies.ListAsync(actor, new AgencyQuery(Id: id, IncludeInactive: true, Take: 1), ct);
            return found.Items.Count == 0
                ? ApiProblems.NotFoundResult("Instansi tidak ditemukan atau di luar wilayah akses Anda.")
                : ApiJson.OkWithETag(http, ApiCodes.Agency(found.Items[0]));
        })
        .WithName("GetAgency").WithTags("Instansi")
        .WithSummary("Satu instansi")
        .WithDescription("Instansi menurut id, termasuk yang sudah nonaktif; 404 bila tidak ada atau di luar cakupan akun.")
        .Produces<AgencyModel>().WithProblems(404);
        return v1;
    }
}
