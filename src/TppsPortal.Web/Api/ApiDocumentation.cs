using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace TppsPortal.Web.Api;

/// <summary>
/// The OpenAPI document of the JSON API (<c>/openapi/v1.json</c>) and its interactive reference (<c>/api/docs</c>,
/// Swagger UI served from the package itself). Both are anonymous: they describe the API and reveal no data; every
/// operation they describe still needs a token. Only <c>/api/v1</c> operations are in the document (not the pages,
/// Blazor's endpoints, nor the old <c>/api/wilayah</c> and <c>/api/instansi</c>). Why OpenAPI 3.0 and Swagger UI:
/// docs/api.md.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ApiProblem";
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The stable machine codes of <see cref="ApiProblems"/>, listed as the enum of the problem's <c>code</c>.</summary>
    public static readonly IReadOnlyList<string> ProblemCodes =
    [
        ApiProblems.Unauthorized, ApiProblems.Forbidden, ApiProblems.NotFound, ApiProblems.ValidationFailed,
        ApiProblems.Conflict, ApiProblems.RateLimited, ApiProblems.TokenRequired, ApiProblems.BadRequest,
    ];

    private const string Description = """
        API JSON TPPS Portal untuk sistem provinsi dan nasional: wilayah, instansi, angka prevalensi, target, ringkasan
        dasbor, periode dan status formulir camat, rapat dan tindak lanjut, serta ekspor DHIS2 `dataValueSets`.
        Setiap panggilan melalui layanan dan aturan akses yang sama dengan halaman portal: sebuah token melihat tepat
        apa yang dilihat penggunanya.

        **Token.** Buat token di halaman Profil (bagian "Token API"); token ditampilkan satu kali saja, simpan baik-baik.
        Untuk sistem lain (mis. DHIS2 provinsi), Admin Sistem atau Admin Sekretariat membuat *akun integrasi* (peran dan
        wilayah, tanpa kata sandi) lalu token untuk akun itu. Kirim token di setiap permintaan:
        `Authorization: Bearer tpps_...`. Token yang dicabut atau kedaluwarsa dijawab 401.

        **Konvensi.** Tanggal ISO 8601 (`2026-11-30`, waktu dalam UTC), angka desimal sebagai angka JSON, kode wilayah
        Kepmendagri sebagai teks (`"73.24"`). Daftar berhalaman memakai `page` dan `pageSize` dan menjawab
        `{items, page, pageSize, total}`. Bacaan membawa `ETag`; kirim `If-None-Match` untuk jawaban 304 bila data tidak
        berubah. Batas permintaan per token per menit; lebih dari itu dijawab 429 dengan `Retry-After`.

        **Galat** berupa *problem details* (RFC 9457) dengan `code` mesin yang tetap (bahasa Inggris) dan `detail`
        berbahasa Indonesia; galat per isian ada di `errors`.
        """;

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            // 3.0, not 3.1: the client generators in use (NSwag 14, most others) read 3.0 fully; 3.1's type arrays
            // ("type": ["string", "null"]) are read partly or not at all. docs/api.md.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.ShouldInclude = description => IsApiV1(description.RelativePath);
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
            options.AddSchemaTransformer(NumbersAsNumbers);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        // The fallback policy asks for a sign-in everywhere; the document and its reference page describe, they do not read data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        // Swagger UI is middleware; as an endpoint it runs after authorization and can be made anonymous like the rest.
        var reference = app.CreateApplicationBuilder();
        reference.UseSwaggerUI(ConfigureReference);
        app.Map(ReferencePath + "/{**asset}", reference.Build()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsApiV1(string? relativePath) =>
        relativePath is not null && (relativePath.Equals("api/v1", StringComparison.OrdinalIgnoreCase)
            || relativePath.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase));

    private static void ConfigureReference(SwaggerUIOptions options)
    {
        options.RoutePrefix = ReferencePath.TrimStart('/');
        options.DocumentTitle = "Referensi API TPPS Portal";
        options.SwaggerEndpoint(DocumentPath, "TPPS Portal API v1");
        // Nothing leaves the portal: no validator badge (it would call validator.swagger.io).
        options.ConfigObject.ValidatorUrl = null;
        options.ConfigObject.DisplayOperationId = true;
        options.ConfigObject.DisplayRequestDuration = true;
        options.ConfigObject.Filter = "";
        // A token typed into "Authorize" stays in the tab's memory, not in localStorage.
        options.ConfigObject.PersistAuthorization = false;
        options.ConfigObject.SupportedSubmitMethods = [SubmitMethod.Get, SubmitMethod.Post, SubmitMethod.Put, SubmitMethod.Patch, SubmitMethod.Delete];
    }

    /// <summary>
    /// The web JSON defaults also read numbers written as strings, so the generator describes an <c>int</c> or a
    /// <c>decimal</c> as <c>"type": ["integer", "string"]</c> with a pattern. OpenAPI 3.0 has no type arrays: the
    /// type was dropped and generators made a class of a page number. Numbers are numbers (docs/api.md).
    /// </summary>
    private static Task NumbersAsNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "API TPPS Portal",
            Version = DocumentName,
            Description = Description,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "tpps_...",
            Description = "Token API dari halaman Profil (\"Token API\") atau token akun integrasi: `Authorization: Bearer tpps_...`.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        // Every problem response of /api/v1 refers to ApiProblem (DescribeOperation): the framework's own two are unused.
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        return Task.CompletedTask;
    }

    /// <summary>The problem details every error of the API has (<see cref="ApiProblems"/>).</summary>
    private static OpenApiSchema Problem()
    {
        var code = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Kode mesin yang tetap (bahasa Inggris); program membaca ini, bukan `detail`.",
            Enum = [.. ProblemCodes.Select(c => (JsonNode)JsonValue.Create(c))],
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Galat (RFC 9457 problem details) dengan kode mesin yang tetap dan pesan berbahasa Indonesia.",
            Required = new HashSet<string> { "status", "title", "code", "detail" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "URI jenis galat (RFC 9110)." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Nama status HTTP, mis. \"Forbidden\"." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Kode status HTTP." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Penjelasan untuk manusia, bahasa Indonesia." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = code,
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Galat per isian (nama isian ke pesan-pesannya), pada `validation_failed`.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Rujukan ke log server." },
            },
            AdditionalPropertiesAllowed = true,
        };
    }

    private static readonly (int Status, string Description, string Code, string Detail)[] CommonProblems =
    [
        (StatusCodes.Status401Unauthorized, "Tanpa token, atau token tidak dikenal, dicabut atau kedaluwarsa.", ApiProblems.Unauthorized,
            "Token API tidak dikenal, sudah dicabut, atau kedaluwarsa. Buat token baru di halaman Profil."),
        (StatusCodes.Status403Forbidden, "Data di luar wilayah atau peran pemilik token.", ApiProblems.Forbidden,
            "Anda tidak memiliki akses ke data wilayah ini."),
        (StatusCodes.Status429TooManyRequests, "Terlalu banyak permintaan dengan token ini; lihat header Retry-After.", ApiProblems.RateLimited,
            "Terlalu banyak permintaan dengan token ini (batas 120 per menit). Coba lagi dalam 30 detik."),
    ];

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (!IsApiV1(context.Description.RelativePath))
        {
            return Task.CompletedTask;
        }
        var document = context.Document;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });

        DescribeQueryParameters(operation);
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, description, code, detail) in CommonProblems)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = ProblemContent(document, status, code, detail),
                },
            };
        }
        // Problems the endpoint declares itself (.ProducesProblem: 404, 409, 422...) get the same schema with its code.
        foreach (var (key, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(key, out var status) || status < 400 || response is not OpenApiResponse concrete
                || CommonProblems.Any(p => p.Status == status))
            {
                continue;
            }
            var problemCode = status switch
            {
                404 => ApiProblems.NotFound,
                409 => ApiProblems.Conflict,
                412 => ApiProblems.Conflict,
                422 => ApiProblems.ValidationFailed,
                _ => ApiProblems.BadRequest,
            };
            concrete.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = ProblemContent(document, status, problemCode, DefaultDetail(status)),
            };
            if (string.IsNullOrWhiteSpace(concrete.Description))
            {
                concrete.Description = DefaultDetail(status);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The endpoints take their query values as text so that a malformed one gets an Indonesian 400 problem naming it;
    /// the document says what the values are (a number, a period) so that generated clients and people send them right.
    /// </summary>
    private static void DescribeQueryParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            (parameter.Schema, var description) = parameter.Name switch
            {
                "page" => (new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = JsonValue.Create(1) },
                    "Halaman yang diminta, mulai dari 1."),
                "pageSize" => (new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "1000", Default = JsonValue.Create(100) },
                    "Jumlah baris per halaman, 1 sampai 1.000 (bawaan 100)."),
                "period" => (new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$" },
                    "Bulan laporan, YYYY-MM, misalnya 2026-11."),
                "from" or "to" => (new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$" },
                    parameter.Name == "from" ? "Periode awal (inklusif): YYYY atau YYYY-MM." : "Periode akhir (inklusif): YYYY atau YYYY-MM."),
                _ => (parameter.Schema, parameter.Description),
            };
            parameter.Description ??= description;
        }
    }

    private static OpenApiMediaType ProblemContent(OpenApiDocument? document, int status, string code, string detail) => new()
    {
        Schema = new OpenApiSchemaReference(ProblemSchema, document),
        Example = new JsonObject
        {
            ["title"] = StatusTitle(status),
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
        },
    };

    private static string DefaultDetail(int status) => status switch
    {
        404 => "Data tidak ditemukan atau di luar wilayah akses Anda.",
        409 => "Data sudah diubah orang lain; muat ulang lalu coba lagi.",
        412 => "Data sudah diubah orang lain; muat ulang lalu coba lagi.",
        422 => "Periksa kembali isian yang ditandai.",
        _ => "Permintaan tidak dapat diproses.",
    };

    private static string StatusTitle(int status) => status switch
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
