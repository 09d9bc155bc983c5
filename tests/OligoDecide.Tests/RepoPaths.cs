namespace OligoDecide.Tests;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SeedPatients => Path.Combine(Root, "seeds", "patients");

    public static string RulesMarkdown => Path.Combine(Root, "docs", "rules.md");

    public static string Seed(string relative) => Path.Combine(Root, "seeds", relative);

    public static IEnumerable<string> SeedCases() =>
        Directory.EnumerateFiles(SeedPatients, "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>File names (without folder) of the *.yaml files in seeds/<paramref name="folder"/>, sorted.</summary>
    public static IEnumerable<string> SeedNames(string folder) =>
        Directory.GetFiles(Path.Combine(Root, "seeds", folder), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OligoDecide.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OligoDecide.sln not found above " + AppContext.BaseDirectory);
    }
}
