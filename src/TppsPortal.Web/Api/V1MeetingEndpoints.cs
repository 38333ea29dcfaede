using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Common;
using TppsPortal.Meetings;

namespace TppsPortal.Web.Api;

/// <summary>/api/v1 meetings (list, detail with the final minutes as PDF links) and follow-up actions (list, progress).</summary>
public static class V1MeetingEndpoints
{
    public static RouteGroupBuilder MapV1MeetingEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/meetings", async (string? region, string? status, string? year, string? search, string? page, string? pageSize,
            HttpContext http, MeetingService meetings, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var area = query.Region("region", region);
            var y = query.Int("year", year, 2000, 2100);
            MeetingStatus? state = null;
            if (!string.IsNullOrWhiteSpace(status) && (state = ApiCodes.ParseMeetingStatus(status)) is null)
            {
                query.Add("status", $"status harus planned, held atau minutes_final (sekarang \"{status}\").");
            }
            if (query.Problem is { } bad) return bad;
            var found = await ApiJson.ChunkedAsync(paging.Skip, paging.PageSize, 200, (skip, take) =>
                meetings.ListAsync(actor, new MeetingQuery(area, state, y, search, skip, take), ct));
            return ApiJson.OkWithETag(http, ApiJson.Paged(found, paging, ApiCodes.Meeting));
        })
        .WithName("ListMeetings").WithTags("Rapat")
        .WithSummary("Daftar rapat")
        .WithDescription("Rapat yang boleh dibaca akun ini (cakupannya, dan rakor kabupaten tempatnya bekerja), terbaru dulu. Saring dengan region (kode " +
                         "wilayah dan di bawahnya), status (planned, held, minutes_final), year, search (judul atau tempat). Berhalaman.")
        .Produces<PagedResponse<MeetingModel>>().WithProblems(400);

        v1.MapGet("/meetings/{id:int}", async (int id, HttpContext http, MeetingService meetings, MinutesService minutes, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var details = await meetings.GetAsync(actor, id, ct);
            if (details is null)
            {
                return ApiProblems.NotFoundResult("Rapat tidak ditemukan.");
            }
            var versions = (await minutes.ListVersionsAsync(actor, id, ct))
                .Select(v => new MinutesVersionModel(v.Number, v.Code, v.FinalizedAt, v.FinalizedBy, v.Reason, v.Summary, v.Sha256, v.PdfBytes,
                    ApiJson.Absolute(http, string.Create(CultureInfo.InvariantCulture, $"/rapat/{id}/notulen.pdf?versi={v.Number}"))))
                .ToList();
            return ApiJson.OkWithETag(http, ApiCodes.MeetingDetail(details, versions));
        })
        .WithName("GetMeeting").WithTags("Rapat")
        .WithSummary("Satu rapat dengan notulen finalnya")
        .WithDescription("Rapat menurut id: waktu, tempat, pimpinan rapat, agenda, keputusan, peserta, dan setiap versi final notulen dengan tautan " +
                         "absolut ke PDF-nya (pdfUrl; unduh dengan token yang sama) serta kode verifikasi dan SHA-256 berkasnya. 404 bila tidak ada; " +
                         "rapat di luar cakupan ditolak (403).")
        .Produces<MeetingDetailModel>().WithProblems(403, 404);

        v1.MapGet("/actions", async (string? district, string? agency, string? status, string? open, string? overdue, string? bidang, string? meeting,
            string? dueFrom, string? dueTo, string? search, string? page, string? pageSize, HttpContext http, ActionService actions, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            var query = new ApiQuery();
            var paging = query.Paging(page, pageSize);
            var districtCode = query.Region("district", district);
            var agencyId = query.Int("agency", agency, 1, int.MaxValue);
            var bidangId = query.Int("bidang", bidang, 1, int.MaxValue);
            var meetingId = query.Int("meeting", meeting, 1, int.MaxValue);
            var openOnly = query.Bool("open", open) ?? false;
            var overdueOnly = query.Bool("overdue", overdue) ?? false;
            var from = query.Date("dueFrom", dueFrom);
            var to = query.Date("dueTo", dueTo);
            ActionStatus? state = null;
            if (!string.IsNullOrWhiteSpace(status) && (state = ApiCodes.ParseActionStatus(status)) is null)
            {
                query.Add("status", $"status harus salah satu dari {string.Join(", ", ApiCodes.ActionStatuses.Values)} (sekarang \"{status}\").");
            }
            if (query.Problem is { } bad) return bad;
            var found = await ApiJson.ChunkedAsync(paging.Skip, paging.PageSize, 500, (skip, take) =>
                actions.ListAsync(actor, new ActionQuery(districtCode, agencyId, state, openOnly, overdueOnly, bidangId, meetingId, from, to, search, skip, take), ct));
            return ApiJson.OkWithETag(http, ApiJson.Paged(found, paging, ApiCodes.Action));
        })
        .WithName("ListActions").WithTags("Tindak lanjut")
        .WithSummary("Daftar tindak lanjut rapat")
        .WithDescription("Tindak lanjut yang boleh dilihat akun ini (Operator OPD: hanya milik instansinya), urut tenggat. Saring seperti halaman " +
                         "/tindak-lanjut: district, agency (id instansi penanggung jawab), status (not_started, in_progress, done, cancelled), open=true " +
                         "(belum selesai), overdue=true (lewat tenggat), bidang, meeting (id rapat), dueFrom/dueTo (tanggal ISO), search. " +
                         "version dipakai saat mencatat perkembangan. Berhalaman.")
        .Produces<PagedResponse<ActionModel>>().WithProblems(400);

        v1.MapGet("/actions/{id:int}", async (int id, HttpContext http, ApiReadService reads, CancellationToken ct) =>
        {
            if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
            return await reads.ActionAsync(actor, id, ct) is { } row
                ? ApiJson.OkWithETag(http, ApiCodes.Action(row))
                : ApiProblems.NotFoundResult("Tindak lanjut tidak ditemukan atau di luar wilayah akses Anda.");
        })
        .WithName("GetAction").WithTags("Tindak lanjut")
        .WithSummary("Satu tindak lanjut dengan riwayat perkembangannya")
        .WithDescription("Tindak lanjut menurut id dengan semua catatan perkembangannya; 404 bila tidak ada atau tidak boleh dilihat akun ini.")
        .Produces<ActionModel>().WithProblems(404);

        v1.MapPost("/actions/{id:int}/progress", RecordProgressAsync)
        .WithName("RecordActionProgress").WithTags("Tindak lanjut")
        .WithSummary("Mencatat perkembangan tindak lanjut (hanya dengan token)")
        .WithDescription("Status baru dan catatan perkembangan bertanggal, oleh instansi penanggung jawab (Operator OPD) atau penyunting rapat. " +
                         "Hanya dengan token API: sesi peramban (cookie) ditolak 403 token_required, agar halaman situs lain tidak dapat menulis atas nama " +
                         "seseorang. Pimpinan dan Pemantau Provinsi hanya membaca (403). version harus version tindak lanjut yang terakhir dibaca; bila " +
                         "sudah diubah orang lain: 409. Catatan tersimpan atas nama pengguna token dengan nama tokennya, dan setiap penulisan dicatat di log.")
        .Accepts<ActionProgressRequest>("application/json")
        .Produces<ActionModel>().WithProblems(400, 403, 404, 409, 422);
        return v1;
    }

    private static async Task<IResult> RecordProgressAsync(int id, HttpContext http, ActionService actions, ApiReadService reads, ILoggerFactory loggers, CancellationToken ct)
    {
        if (ApiJson.ActorOf(http) is not { } actor) return ApiJson.NoActor();
        if (ApiTokenAuthenticationHandler.TokenNameOf(http.User) is not { } tokenName)
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, ApiProblems.TokenRequired,
                "Perubahan melalui API hanya dapat dilakukan dengan token API (header Authorization: Bearer). Buat token di halaman Profil.");
        }
        ActionProgressRequest? body;
        try
        {
            var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            body = await JsonSerializer.DeserializeAsync<ActionProgressRequest>(http.Request.Body, options, ct);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
                "Isi permintaan harus JSON: {\"status\": \"in_progress\", \"date\": \"2026-11-30\", \"note\": \"...\", \"version\": 123}.");
        }
        if (ApiCodes.ParseActionStatus(body.Status) is not { } status)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
                $"status harus salah satu dari {string.Join(", ", ApiCodes.ActionStatuses.Values)} (sekarang \"{body.Status}\").",
                new Dictionary<string, string[]> { ["status"] = ["Status tidak dikenal."] });
        }

        // The record names who wrote it and that it came through the API with which token (ActionProgress.Author and
        // FollowUpAction.UpdatedBy are the display name of whoever acted; no schema change needed).
        var via = actor with { FullName = ThroughApi(actor.DisplayName, tokenName) };
        var logger = loggers.CreateLogger("TppsPortal.Web.Api");
        logger.LogInformation("API write: progress of action {ActionId} ({Status}) by {User} with token {TokenName}", id, status, actor.UserName, tokenName);
        var outcome = await actions.RecordProgressAsync(via, id, new ActionProgressForm
        {
            Status = status, Date = body.Date, Note = body.Note ?? "", Version = body.Version,
        }, ct);
        if (!outcome.Succeeded)
        {
            logger.LogInformation("API write refused: progress of action {ActionId} by {User} with token {TokenName}: {Reason}", id, actor.UserName, tokenName, outcome.Summary);
            return outcome.Errors.TryGetValue("", out var general) && general.Contains(Texts.NotFound)
                ? ApiProblems.NotFoundResult("Tindak lanjut tidak ditemukan.")
                : ApiProblems.From(outcome);
        }
        return await reads.ActionAsync(actor, id, ct) is { } row
            ? Results.Ok(ApiCodes.Action(row))
            : ApiProblems.NotFoundResult("Tindak lanjut tidak ditemukan.");
    }

    /// <summary>"Operator DP2KB (melalui API, token SIMPEL)", cut to the column's length (the token name is cut first).</summary>
    internal static string ThroughApi(string displayName, string tokenName)
    {
        const string prefix = " (melalui API, token ";
        var room = AppUser.FullNameMaxLength - prefix.Length - 1;
        var name = displayName.Length > room - 10 ? displayName[..Math.Max(0, room - 10)] : displayName;
        var token = tokenName.Length > room - name.Length ? tokenName[..(room - name.Length)] : tokenName;
        return name + prefix + token + ")";
    }
}
