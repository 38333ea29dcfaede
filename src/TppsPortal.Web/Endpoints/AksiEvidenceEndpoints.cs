using TppsPortal.Accounts;
using TppsPortal.Convergence;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// An uploaded evidence document of an aksi konvergensi, byte for byte as it was stored, always as an attachment (never
/// shown inline on the portal's origin). Whoever may not read the district's cycle gets 404, as for a document that
/// does not exist: the id says nothing about other districts.
/// </summary>
public static class AksiEvidenceEndpoints
{
    public static IEndpointRouteBuilder MapAksiEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/aksi/bukti/{id:int}", async (int id, HttpContext http, ConvergenceService convergence, ILogger<ConvergenceService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var file = await convergence.DownloadAsync(actor, id, ct);
            if (file is null) return Results.NotFound();
            logger.LogInformation("Aksi evidence {EvidenceId} downloaded by {UserName}", id, actor.UserName);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // The stored name was made safe at upload (no folders, quotes or control characters); ASP.NET Core writes
            // it as filename and RFC 5987 filename* in Content-Disposition: attachment.
            return Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization();
        return app;
    }
}
