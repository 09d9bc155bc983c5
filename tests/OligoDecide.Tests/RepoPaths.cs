namespace OligoDecide.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OligoDecide.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OligoDecide.sln not found above " + TestContext.CurrentContext.TestDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Seed(string relative) => Path.Combine(Root, "seeds", relative);

    /// <summary>File names (without folder) of the *.yaml files in seeds/<paramref name="folder"/>, sorted.</summary>
    public static IEnumerable<string> SeedNames(string folder) =>
        Directory.GetFiles(Path.Combine(Root, "seeds", folder), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
