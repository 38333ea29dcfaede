using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using TppsPortal.Accounts;
using TppsPortal.Api;
using TppsPortal.Data;
using TppsPortal.Web.Api;
using TppsPortal.Web.Tests.Infrastructure;

namespace TppsPortal.Web.Tests.Api;

/// <summary>
/// What an integrator does: fetch /openapi/v1.json from the running portal, generate a C# client with a standard
/// generator (NSwag), compile it (Roslyn, in memory), and call the API with a token. The figures it reads are the
/// database's. Fails until the figures endpoint of issue 17 is merged beside the documentation.
/// </summary>
public sealed class GeneratedClientTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string ClientNamespace = "TppsPortal.Generated";
    private const string ClientClass = "TppsApiClient";
    private const string FiguresPath = "/api/v1/figures";

    private async Task<string> TokenForAsync(string userName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync(Actor.FromUser(user), user.Id, new ApiTokenForm { Name = "Klien hasil generator", LifetimeDays = 1 });
        Assert.True(made.Succeeded, made.Outcome.Summary);
        return made.Value!.Secret;
    }

    [Fact]
    public async Task ClientGeneratedFromTheLiveDocument_ReadsLuwuTimursFigures_WithAToken_AsTheDatabaseHasThem()
    {
        using var anonymous = portal.CreateHttpClient();
        var json = await anonymous.GetStringAsync(ApiDocumentation.DocumentPath);
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        NSwag.OpenApiOperation? figures = null;
        if (document.Paths.TryGetValue(FiguresPath, out var item) && item.TryGetValue("get", out var get))
        {
            figures = get;
        }
        Assert.True(figures is not null, $"The document has no GET {FiguresPath}: the API's endpoints are not there yet.");
        Assert.False(string.IsNullOrWhiteSpace(figures!.OperationId), $"GET {FiguresPath} has no operationId.");

        var generator = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = ClientClass,
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            InjectHttpClient = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = ClientNamespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        });
        var source = generator.GenerateFile();
        await File.WriteAllTextAsync(Path.Combine(Browser.BrowserSession.ArtifactsDirectory, "TppsApiClient.generated.cs"), source);
        var assembly = Compile(source);

        using var http = portal.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync("admin.lutim"));
        var clientType = assembly.GetType($"{ClientNamespace}.{ClientClass}", throwOnError: true)!;
        var client = Activator.CreateInstance(clientType, http)!;
        var method = clientType.GetMethods()
            .Single(m => string.Equals(m.Name, figures.OperationId + "Async", StringComparison.OrdinalIgnoreCase)
                && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));

        // Every page through the generated operation, as a client would page.
        var items = new List<JsonElement>();
        int total;
        var page = 1;
        do
        {
            var result = await InvokeAsync(method, client, new Dictionary<string, object?>
            {
                ["region"] = "73.24",
                ["page"] = page,
                ["pagesize"] = 100,
            });
            using var envelope = JsonDocument.Parse(JsonSerializer.Serialize(result, result.GetType()));
            var root = envelope.RootElement;
            total = Property(root, "total").GetInt32();
            Assert.Equal(page, Property(root, "page").GetInt32());
            items.AddRange(Property(root, "items").EnumerateArray().Select(i => i.Clone()));
            Assert.True(page++ <= 100, "More than 100 pages: the paging does not advance.");
        }
        while (items.Count < total);

        Assert.Equal(total, items.Count);
        Assert.All(items, item =>
        {
            var region = Property(item, "regionCode").GetString()!;
            Assert.True(region == "73.24" || region.StartsWith("73.24.", StringComparison.Ordinal), $"{region} is outside Luwu Timur.");
        });

        // Every stored figure of Luwu Timur and the areas under it comes through, with its value as a number.
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.PrevalenceFigures.AsNoTracking()
            .Where(f => f.RegionCode == "73.24" || f.RegionCode.StartsWith("73.24."))
            .Select(f => new { f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year, f.Month, f.Value })
            .ToListAsync();
        Assert.NotEmpty(stored);
        var read = items.Select(i => string.Join("|",
                Property(i, "regionCode").GetString(), Property(i, "indicatorCode").GetString(), Property(i, "sourceCode").GetString(),
                Property(i, "year").GetInt32(), NullableInt(Property(i, "month", optional: true)),
                Property(i, "value").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)))
            .ToHashSet();
        var missing = stored
            .Select(f => string.Join("|", f.RegionCode, f.IndicatorCode, f.SourceCode, f.Year, f.Month?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Value.ToString("0.00", CultureInfo.InvariantCulture)))
            .Where(key => !read.Contains(key))
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {stored.Count} stored figures not read, e.g. {missing.FirstOrDefault()}");
    }

    private static string NullableInt(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetInt32().ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>A property by its JSON name, whatever the case the generated class serialises it in.</summary>
    private static JsonElement Property(JsonElement element, string name, bool optional = false)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        Assert.True(optional, $"No '{name}' in {element}");
        return default;
    }

    /// <summary>Calls a generated operation with the arguments it has (matched by name), the others left at their defaults.</summary>
    private static async Task<object> InvokeAsync(MethodInfo method, object client, IReadOnlyDictionary<string, object?> arguments)
    {
        var parameters = method.GetParameters();
        var values = parameters.Select(p =>
        {
            if (p.ParameterType == typeof(CancellationToken))
            {
                return CancellationToken.None;
            }
            if (arguments.TryGetValue(p.Name!.ToLowerInvariant(), out var value))
            {
                // A query value the API describes as text or as a number, whichever the generator made of it.
                var target = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
                return target == typeof(string) ? Convert.ToString(value, CultureInfo.InvariantCulture)
                    : target.IsPrimitive ? Convert.ChangeType(value, target, CultureInfo.InvariantCulture)
                    : value;
            }
            return p.HasDefaultValue ? p.DefaultValue : null;
        }).ToArray();
        foreach (var name in new[] { "region", "page", "pagesize" })
        {
            Assert.True(parameters.Any(p => p.Name!.Equals(name, StringComparison.OrdinalIgnoreCase)),
                $"{method.Name} has no parameter '{name}' ({string.Join(", ", parameters.Select(p => p.Name))}).");
        }
        var task = (Task)method.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    /// <summary>Compiles the generated client in memory against the framework the tests run on.</summary>
    private static Assembly Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "TppsApiClient.Generated",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success, "The generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}
