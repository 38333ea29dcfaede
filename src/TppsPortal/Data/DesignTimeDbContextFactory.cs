using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TppsPortal.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app. No database is contacted.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        ServiceCollectionExtensions.ConfigureDb(options, "Host=localhost;Database=tpps_design");
        return new AppDbContext(options.Options);
    }
}
