using TppsPortal.Accounts;
using TppsPortal.Agencies;
using TppsPortal.Regions;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// A small read-only JSON API over the same services as the pages, for integrations and for checking scope
/// over plain HTTP. Out-of-scope requests answer 403 (see <see cref="Hosting.AccessDeniedMiddleware"/>).
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/wilayah/{code}", async (string code, HttpContext http, RegionService regions, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Unauthorized();
            var view = await regions.BrowseAsync(actor, code, ct);
            return view.Region is null ? Results.NotFound() : Results.Ok(view);
        });

        api.MapGet("/instansi", async (string? cari, string? wilayah, HttpContext http, AgencyService agencies, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Unauthorized();
            var page = await agencies.ListAsync(actor, new AgencyQuery(Search: cari, RegionCode: wilayah, Take: 500), ct);
            return Results.Ok(page);
        });

        api.MapGet("/instansi/{id:int}", async (int id, HttpContext http, AgencyService agencies, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Unauthorized();
            var form = await agencies.GetFormAsync(actor, id, ct);
            return form is null ? Results.NotFound() : Results.Ok(form);
        });
        return app;
    }
}
