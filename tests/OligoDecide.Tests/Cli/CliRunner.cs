using OligoDecide.Cli;

namespace OligoDecide.Tests.Cli;

internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string Seed(string name) => Path.Combine(Repo.Root, "seeds", "patients", name + ".yaml");

    public static IEnumerable<string> SeedNames() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "seeds", "patients"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;
}
