namespace TppsPortal.Web.Api;

/// <summary>
/// The versioned JSON API, <c>/api/v1</c>: every endpoint goes through the same services and AccessPolicy as the pages,
/// with <see cref="TppsPortal.Accounts.Actor.FromPrincipal"/> of the caller (a bearer token acts as its user; a signed-in
/// browser may read too). Writes take a token only. Conventions: <see cref="ApiJson"/> (ETag), <see cref="ApiQuery"/>
/// (paging, 400 problems), <see cref="ApiCodes"/> (English codes, ISO periods).
/// </summary>
public static class ApiV1
{
    /// <summary>Maps /api/v1 and returns its group, so that more endpoints (the DHIS2 export) join the same rules.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization();
        v1.MapV1RegionEndpoints();
        v1.MapV1FigureEndpoints();
        v1.MapV1PeriodEndpoints();
        v1.MapV1MeetingEndpoints();
        // An unknown path (or an id that is not a number) is a 404 problem, not the portal's HTML "not found" page.
        v1.MapFallback(() => ApiProblems.NotFoundResult("Alamat API ini tidak ada. Lihat dokumentasi API untuk daftar alamat /api/v1."))
            .ExcludeFromDescription();
        return v1;
    }

    /// <summary>The problems every /api/v1 endpoint may answer, and the ones given.</summary>
    internal static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder endpoint, params int[] more)
    {
        endpoint.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        foreach (var status in more)
        {
            endpoint.ProducesProblem(status);
        }
        return endpoint;
    }
}
