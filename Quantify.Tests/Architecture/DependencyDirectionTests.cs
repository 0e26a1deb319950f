using System.Reflection;

namespace Quantify.Tests.Architecture;

public class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Quantify.Domain.Common.Money).Assembly;
    private static readonly Assembly Ingestion = typeof(Quantify.Ingestion.IngestionAssembly).Assembly;

    [Fact]
    public void Domain_ReferencesNoPackageAndNoProject()
    {
        var refs = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var foreign = refs.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib").ToList();
        Assert.True(foreign.Count == 0, "Quantify.Domain must stay pure but references: " + string.Join(", ", foreign));
    }

    [Fact]
    public void DomainProjectFile_HasNoReferences()
    {
        var csproj = File.ReadAllText(Infrastructure.Repo.PathOf("Quantify.Domain", "Quantify.Domain.csproj"));
        Assert.DoesNotContain("<PackageReference", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("<ProjectReference", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("<FrameworkReference", csproj, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingestion_DependsOnDomainButNeverOnWeb()
    {
        var csproj = File.ReadAllText(Infrastructure.Repo.PathOf("Quantify.Ingestion", "Quantify.Ingestion.csproj"));
        var projects = System.Text.RegularExpressions.Regex.Matches(csproj, "<ProjectReference Include=\"([^\"]+)\"").Select(m => m.Groups[1].Value.Replace('\\', '/').Split('/')[^1]).ToList();
        Assert.Equal(["Quantify.Domain.csproj"], projects);
        var refs = Ingestion.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain("Quantify.Web", refs);
        Assert.DoesNotContain(refs, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_UsesNoWallClock()
    {
        // Time comes from an injected TimeProvider; DateTime.UtcNow/Now in Domain would make billing untestable.
        var offenders = Directory.EnumerateFiles(Infrastructure.Repo.PathOf("Quantify.Domain"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var t && (t.Contains("DateTime.UtcNow", StringComparison.Ordinal) || t.Contains("DateTime.Now", StringComparison.Ordinal) || t.Contains("DateTimeOffset.UtcNow", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Domain_NeverUsesDoubleForMoney()
    {
        var offenders = Domain.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (t, p)))
            .Where(x => x.p.PropertyType == typeof(double) || x.p.PropertyType == typeof(float) || x.p.PropertyType == typeof(double?))
            .Select(x => $"{x.t.Name}.{x.p.Name}")
            .ToList();
        Assert.Empty(offenders);
    }
}
