namespace Quantify.Tests.Infrastructure;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Quantify.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Quantify.sln not found above " + AppContext.BaseDirectory);
    }
}
