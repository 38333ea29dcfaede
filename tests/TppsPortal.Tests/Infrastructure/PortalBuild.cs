namespace TppsPortal.Tests.Infrastructure;

/// <summary>Where the solution's build put the web portal, for tests that start it as a process of its own.</summary>
public static class PortalBuild
{
    /// <summary>
    /// src/TppsPortal.Web/bin/&lt;Configuration&gt;/net10.0/&lt;rid&gt;/TppsPortal.Web.dll, with the configuration,
    /// framework and runtime of the running test assembly (tests/X/bin/&lt;Configuration&gt;/net10.0/&lt;rid&gt;/).
    /// </summary>
    public static string WebDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var rid = here.Name;
        var framework = here.Parent!.Name;
        var configuration = here.Parent.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TppsPortal.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException("TppsPortal.sln not found above " + AppContext.BaseDirectory);
        }
        var dll = Path.Combine(root.FullName, "src", "TppsPortal.Web", "bin", configuration, framework, rid, "TppsPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (scripts/test.sh does).");
        }
        return dll;
    }
}
