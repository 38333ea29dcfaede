using TppsPortal.Accounts;
using TppsPortal.Prevalence;

namespace TppsPortal.Web.Api;

/// <summary>SCRATCH (reverted): a stand-in for the API's figures endpoint, to prove the generated-client test's pipeline.</summary>
public static class ScratchFigures
{
    public sealed record FigureItem(string RegionCode, string RegionName, string IndicatorCode, string SourceCode, int Year, int? Month, decimal Value);

    public sealed record FigurePage(IReadOnlyList<FigureItem> Items, int Page, int PageSize, int Total);

    public static IEndpointRouteBuilder MapScratchFigures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/figures", async (string? region, string? indicator, int? page, int? pageSize, HttpContext http, PrevalenceService prevalence, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User)!;
            var p = Math.Max(1, page ?? 1);
            var size = Math.Clamp(pageSize ?? 50, 1, 500);
            var rows = await prevalence.ListFiguresAsync(actor, new FigureQuery(RegionCode: region, IndicatorCode: indicator, Skip: (p - 1) * size, Take: size), ct);
            return Results.Ok(new FigurePage(rows.Items.Select(r => new FigureItem(r.RegionCode, r.RegionName, r.IndicatorCode, r.SourceCode, r.Year, r.Month, r.Value)).ToList(), p, size, rows.Total));
        })
        .RequireAuthorization()
        .WithName("ListFigures")
        .WithSummary("Angka prevalensi (uji sementara)")
        .Produces<FigurePage>()
        .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
