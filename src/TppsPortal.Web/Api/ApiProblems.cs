using Microsoft.AspNetCore.Mvc;

namespace TppsPortal.Web.Api;

/// <summary>
/// Errors of the JSON API: RFC 9457 problem details with a stable machine <c>code</c> (English, never changes) and an
/// Indonesian <c>detail</c> for people. Field errors go in <c>errors</c> (field name to messages).
/// </summary>
public static class ApiProblems
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string ValidationFailed = "validation_failed";
    public const string Conflict = "conflict";
    public const string RateLimited = "rate_limited";
    public const string TokenRequired = "token_required";
    public const string BadRequest = "bad_request";

    public static IResult Result(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors;
        }
        return Results.Problem(detail: detail, statusCode: status, title: TitleOf(status), extensions: extensions);
    }

    public static IResult NotFoundResult(string detail = "Data tidak ditemukan atau di luar wilayah akses Anda.") =>
        Result(StatusCodes.Status404NotFound, NotFound, detail);

    /// <summary>A service's refusal: field errors as 422 (conflict as 409), messages unchanged.</summary>
    public static IResult From(TppsPortal.Common.Result outcome)
    {
        if (outcome.IsConflict)
        {
            return Result(StatusCodes.Status409Conflict, Conflict, outcome.Summary);
        }
        var errors = outcome.Errors.ToDictionary(e => e.Key, e => e.Value);
        return Result(StatusCodes.Status422UnprocessableEntity, ValidationFailed, outcome.Summary, errors);
    }

    public static async Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail };
        problem.Extensions["code"] = code;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Error",
    };
}
