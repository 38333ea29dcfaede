using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TppsPortal.Accounts;
using TppsPortal.Common;
using TppsPortal.Regions;

namespace TppsPortal.Web.Api;

/// <summary>
/// Answers of /api/v1 reads: the JSON body with a strong ETag (a hash of the body itself, so it changes exactly when
/// the answer does); a request whose If-None-Match holds that ETag gets 304 and no body.
/// </summary>
public static class ApiJson
{
    public static IResult OkWithETag<T>(HttpContext http, T payload)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, options);
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
        http.Response.Headers.ETag = etag;
        // Each user sees their own answer: no shared cache keeps it; a client revalidates with If-None-Match.
        http.Response.Headers.CacheControl = "private, no-cache";
        return Matches(http.Request.Headers.IfNoneMatch, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(body, "application/json; charset=utf-8");
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            foreach (var candidate in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // If-None-Match compares weakly: W/"x" matches "x".
                var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (tag == "*" || tag == etag)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The signed-in user or token's actor; null when the principal lacks the portal's claims.</summary>
    public static Actor? ActorOf(HttpContext http) => Actor.FromPrincipal(http.User);

    public static IResult NoActor() =>
        ApiProblems.Result(StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized, "Silakan masuk atau gunakan token API.");

    /// <summary>An absolute link on the portal: <c>Tpps:PublicUrl</c> when set, else the address the request came to.</summary>
    public static string Absolute(HttpContext http, string pathAndQuery)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Tpps:PublicUrl"];
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return root + pathAndQuery;
    }

    /// <summary>
    /// Reads a page of at most <paramref name="take"/> items from a service that gives at most <paramref name="chunk"/> at a
    /// time (its own limit), so the API's page size (up to 1,000) is the same everywhere.
    /// </summary>
    public static async Task<Page<T>> ChunkedAsync<T>(int skip, int take, int chunk, Func<int, int, Task<Page<T>>> fetch)
    {
        var items = new List<T>();
        var total = 0;
        while (true)
        {
            var want = Math.Min(chunk, take - items.Count);
            var page = await fetch(skip + items.Count, want);
            total = page.Total;
            items.AddRange(page.Items);
            if (page.Items.Count < want || items.Count >= take)
            {
                return new Page<T>(items, total);
            }
        }
    }

    public static PagedResponse<TOut> Paged<TIn, TOut>(Page<TIn> page, Paging paging, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), paging.Page, paging.PageSize, page.Total);
}

/// <summary>1-based page and page size (default 100, at most 1,000).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    public int Skip => (Page - 1) * PageSize;
}

/// <summary>
/// Reads the query values of one request and collects what is malformed, so that a client hears of every bad value at
/// once, in one 400 problem (<c>bad_request</c>) with an Indonesian message per parameter.
/// </summary>
public sealed class ApiQuery
{
    private readonly Dictionary<string, string[]> _errors = [];

    public Paging Paging(string? page, string? pageSize, int maxSize = Api.Paging.MaxSize)
    {
        var number = Int("page", page, 1, 1_000_000) ?? 1;
        var size = Int("pageSize", pageSize, 1, maxSize) ?? Math.Min(Api.Paging.DefaultSize, maxSize);
        return new Paging(number, size);
    }

    public int? Int(string name, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        Add(name, $"{name} harus bilangan bulat antara {min} dan {max} (sekarang \"{value}\").");
        return null;
    }

    public bool? Bool(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (bool.TryParse(value, out var b))
        {
            return b;
        }
        Add(name, $"{name} harus true atau false (sekarang \"{value}\").");
        return null;
    }

    public DateOnly? Date(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Add(name, $"{name} harus tanggal ISO YYYY-MM-DD (sekarang \"{value}\").");
        return null;
    }

    /// <summary>A region code of Kepmendagri's shape ("73", "73.24", "73.24.04", "73.24.04.2001"), or null.</summary>
    public string? Region(string name, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(name, $"{name} wajib diisi: kode wilayah Kepmendagri, misalnya 73.24.");
            }
            return null;
        }
        var code = value.Trim();
        if (RegionCode.IsValid(code))
        {
            return code;
        }
        Add(name, $"{name} bukan kode wilayah Kepmendagri yang sah (sekarang \"{value}\"), misalnya 73.24 atau 73.24.04.");
        return null;
    }

    /// <summary>
    /// A period "YYYY" or "YYYY-MM" as a yyyymm key: a year alone starts at month 0 (<paramref name="end"/> false) or
    /// ends at month 12 (true), so that from=2024&amp;to=2024 covers the yearly figure and every month of 2024.
    /// </summary>
    public int? PeriodKey(string name, string? value, bool end)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var v = value.Trim();
        if (v.Length == 4 && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100)
        {
            return (year * 100) + (end ? 12 : 0);
        }
        if (Month(v) is { } ym)
        {
            return (ym.Year * 100) + ym.Month;
        }
        Add(name, $"{name} harus periode YYYY atau YYYY-MM (sekarang \"{value}\").");
        return null;
    }

    /// <summary>A month "YYYY-MM".</summary>
    public (int Year, int Month)? YearMonth(string name, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(name, $"{name} wajib diisi: bulan dalam bentuk YYYY-MM, misalnya 2026-11.");
            }
            return null;
        }
        if (Month(value.Trim()) is { } ym)
        {
            return ym;
        }
        Add(name, $"{name} harus bulan dalam bentuk YYYY-MM (sekarang \"{value}\").");
        return null;
    }

    private static (int Year, int Month)? Month(string v) =>
        v.Length == 7 && v[4] == '-' &&
        int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100 &&
        int.TryParse(v.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? (y, m)
            : null;

    public void Add(string name, string message) =>
        _errors[name] = _errors.TryGetValue(name, out var list) ? [.. list, message] : [message];

    /// <summary>The 400 problem naming every malformed value; null when all were fine.</summary>
    public IResult? Problem => _errors.Count == 0
        ? null
        : ApiProblems.Result(StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
            string.Join(" ", _errors.Values.SelectMany(v => v)), _errors);
}
