using System.Text.RegularExpressions;
using OligoDecide.Classification;
using OligoDecide.Documents;

namespace OligoDecide.Tests;

/// <summary>The examples in docs/ are real: the example case loads and classifies as it says, the error listing is what the reader prints.</summary>
public partial class DocsTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", name));

    /// <summary>The first fenced block after <paramref name="heading"/>.</summary>
    private static string Block(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), heading);
        var match = FencedBlock().Match(markdown, start);
        Assert.That(match.Success, Is.True);
        return match.Groups["body"].Value;
    }

    [GeneratedRegex("```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [Test]
    public void PatientFormat_Example_LoadsAndClassifiesAsItExpects()
    {
        var loaded = PatientDocument.Parse(Block(Doc("patient-format.md"), "## Example"), "example.yaml");
        Assert.That(loaded.Findings, Is.Empty, () => string.Join("\n", loaded.Findings));

        Assert.That(OligometastaticClassifier.Default.Classify(loaded.Patient!).State.Id(), Is.EqualTo(loaded.Expectation!.State));
    }

    [Test]
    public void PatientFormat_ErrorListing_IsWhatTheReaderReports()
    {
        // The listing is seeds/invalid/therapy-stopped-before-started.yaml with four more mistakes.
        var text = File.ReadAllText(RepoPaths.Seed("invalid/therapy-stopped-before-started.yaml"))
            .Replace("ecog: 1", "ecgo: 1", StringComparison.Ordinal)
            .Replace("histology: adenocarcinoma", "histology: adenocarcenoma", StringComparison.Ordinal)
            .Replace("pdl1Tps: 5", "pdl1Tps: 140", StringComparison.Ordinal)
            .Replace("  diagnosedOn: 2025-11-05", "  diagnosedOn: 2025-12-02", StringComparison.Ordinal);

        var printed = string.Concat(PatientDocument.Parse(text, "case.yaml").Findings.Select(f => f + "\n"));

        Assert.That(printed, Is.EqualTo(Block(Doc("patient-format.md"), "## Errors")));
    }

    [Test]
    public void Classification_StateTable_ListsEveryStateId()
    {
        var markdown = Doc("classification.md");

        Assert.That(StateIds.All.Where(id => !markdown.Contains($"| `{id}` |", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>docs/testing-rules.md: its example rule loads beside the default rules, and the misspelt fact gives the error it shows.</summary>
    [Test]
    public void TestingRules_ExampleRuleLoads_AndItsTypoGivesTheShownError()
    {
        var markdown = Doc("testing-rules.md");
        var rule = Block(markdown, "## 1. Write the rule");
        var dir = Directory.CreateTempSubdirectory("oligodecide-docs-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "rules"), "*.yaml"))
            {
                File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(dir, "90-local.yaml"), rule);
            var loaded = OligoDecide.Rules.RuleSet.Load(dir);
            Assert.That(loaded.IsValid, Is.True, () => string.Join("\n", loaded.Findings));
            Assert.That(loaded.RuleSet!.Rules.Select(r => r.Id), Does.Contain("local-induced-pathway"));

            File.WriteAllText(Path.Combine(dir, "90-local.yaml"), rule.Replace("classification.category", "classification.categry", StringComparison.Ordinal));
            var errors = OligoDecide.Rules.RuleSet.Load(dir).Findings.Where(f => f.Severity == Severity.Error).Select(f => f + "\n");
            Assert.That(string.Concat(errors), Is.EqualTo(Block(markdown, "reports every error at once")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>docs/testing-rules.md: the explain listing is what the command prints.</summary>
    [Test]
    public void TestingRules_ExplainListing_IsWhatTheCommandPrints()
    {
        var block = Block(Doc("testing-rules.md"), "## 5. Why did it fire");
        const string Command = "$ oligodecide explain lct-all-sites-after-first-line seeds/patients/synchronous-egfr-adeno.yaml\n";
        Assert.That(block, Does.StartWith(Command));
        var (exit, stdout, _) = Cli.CliRunner.Run("explain", "lct-all-sites-after-first-line", Cli.CliRunner.Seed("synchronous-egfr-adeno"));
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(block[Command.Length..], Is.EqualTo(stdout));
    }
}
