using TppsPortal.Accounts;
using TppsPortal.Meetings;

namespace TppsPortal.Web.Endpoints;

/// <summary>
/// The minutes (PDF, and DOCX for editing) and the blank attendance sheet as downloads. Only for users whose scope covers the meeting:
/// the service refuses anyone else, which <see cref="Hosting.AccessDeniedMiddleware"/> answers with 403.
/// </summary>
public static class MinutesEndpoints
{
    public static IEndpointRouteBuilder MapMinutesEndpoints(this IEndpointRouteBuilder app)
    {
        // Final minutes: the stored PDF of the latest version, or of ?versi=N, byte for byte as it was fixed.
        // A draft: drawn from the meeting as it stands.
        app.MapGet("/rapat/{id:int}/notulen.pdf", async (int id, int? versi, HttpContext http, MinutesService minutes, ILogger<MinutesService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var version = await minutes.GetVersionAsync(actor, id, versi, ct);
            if (version is not null)
            {
                logger.LogInformation("Minutes PDF of meeting {MeetingId} version {Version} downloaded by {UserName}", id, version.Number, actor.UserName);
                return Results.File(version.Pdf, "application/pdf", $"notulen-rapat-{id}-versi-{version.Number}.pdf");
            }
            if (versi is not null)
            {
                return Results.NotFound();
            }
            var doc = await minutes.BuildMinutesAsync(actor, id, ct);
            if (doc is null) return Results.NotFound();
            var pdf = MinutesPdfRenderer.Render(doc);
            logger.LogInformation("Minutes PDF of meeting {MeetingId} downloaded by {UserName}", id, actor.UserName);
            return Results.File(pdf, "application/pdf", $"notulen-rapat-{id}.pdf");
        }).RequireAuthorization();

        // The same minutes as a Word document, for secretariats that must edit them; the PDF stays the official record.
        app.MapGet("/rapat/{id:int}/notulen.docx", async (int id, HttpContext http, MinutesService minutes, ILogger<MinutesService> logger, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var doc = await minutes.BuildMinutesAsync(actor, id, ct);
            if (doc is null) return Results.NotFound();
            var docx = MinutesDocxRenderer.Render(doc);
            logger.LogInformation("Minutes DOCX of meeting {MeetingId} downloaded by {UserName}", id, actor.UserName);
            return Results.File(docx, MinutesDocxRenderer.ContentType, $"notulen-rapat-{id}.docx");
        }).RequireAuthorization();

        app.MapGet("/rapat/{id:int}/daftar-hadir.pdf", async (int id, HttpContext http, MinutesService minutes, CancellationToken ct) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null) return Results.Challenge();
            var doc = await minutes.BuildAttendanceSheetAsync(actor, id, ct);
            return doc is null ? Results.NotFound() : Results.File(MinutesPdfRenderer.Render(doc), "application/pdf", $"daftar-hadir-rapat-{id}.pdf");
        }).RequireAuthorization();
        return app;
    }
}
