using System.Text.Json;
using OligoDecide.Rules;
using OligoDecide.Tests.Rules;
using Snapshooter.NUnit;
using static OligoDecide.Tests.Cli.CliRunner;

namespace OligoDecide.Tests.Cli;

public class SuggestCommandTests
{
    private static readonly string DefaultSha = RuleSet.LoadDefault().Info.Sha256;

    // The hash changes with every rule edit; it is tested on its own, so snapshots keep to the clinical content.
    private static string Masked(string output) =>
        output.Replace(DefaultSha, "<sha256>", StringComparison.Ordinal).Replace(DefaultSha[..12], "<sha256>", StringComparison.Ordinal);

    private static IEnumerable<string> Seeds() => SeedNames();

    [TestCaseSource(nameof(Seeds))]
    public void Suggest_SeedCaseText_MatchesReviewedSnapshot(string seed)
    {
        var (exit, stdout, stderr) = Run("suggest", Seed(seed));
        Assert.That((exit, stderr), Is.EqualTo((0, string.Empty)));
        Snapshot.Match(Masked(stdout));
    }

    [TestCaseSource(nameof(Seeds))]
    public void Suggest_SeedCaseJson_MatchesReviewedSnapshot(string seed)
    {
        var (exit, stdout, stderr) = Run("suggest", Seed(seed), "--format", "json");
        Assert.That((exit, stderr), Is.EqualTo((0, string.Empty)));
        Snapshot.Match(Masked(stdout));
    }

    [TestCaseSource(nameof(Seeds))]
    public void Suggest_Verify_SameJsonAsWithoutAndExitZero(string seed)
    {
        var plain = Run("suggest", Seed(seed), "--format", "json");
        var verified = Run("suggest", Seed(seed), "--format", "json", "--verify");
        Assert.That((verified.Exit, verified.Err), Is.EqualTo((0, string.Empty)));
        Assert.That(verified.Out, Is.EqualTo(plain.Out));
    }

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Test]
    public void Suggest_Json_HasTheDocumentedKeys()
    {
        var (exit, stdout, _) = Run("suggest", Seed("synchronous-egfr-adeno"), "--format", "json");
        Assert.That(exit, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.That(Keys(root), Is.EqualTo(new[] { "ruleSet", "classificationLimits", "classification", "suggestions", "couldApply", "warnings", "lesionSchedules" }));
        Assert.That(Keys(root.GetProperty("ruleSet")), Is.EqualTo(new[] { "id", "version", "title", "sha256" }));
        Assert.That(Keys(root.GetProperty("classificationLimits")), Is.EqualTo(new[] { "maxLesions", "maxOrgans", "synchronousWindowMonths" }));
        Assert.That(Keys(root.GetProperty("warnings")), Is.EqualTo(new[] { "input", "ignored" }));
        Assert.That(root.GetProperty("warnings").GetProperty("input").GetArrayLength() + root.GetProperty("warnings").GetProperty("ignored").GetArrayLength(), Is.Zero);
        Assert.That(root.GetProperty("ruleSet").GetProperty("sha256").GetString(), Is.EqualTo(DefaultSha));
        Assert.That(root.GetProperty("classification").GetProperty("state").GetString(), Is.EqualTo("synchronous-oligometastatic"));
        var suggestion = root.GetProperty("suggestions")[0];
        Assert.That(Keys(suggestion), Is.EqualTo(new[] { "rule", "kind", "option", "title", "text", "dose", "evidence", "because", "supersededBy" }));
        Assert.That(suggestion.GetProperty("evidence")[0].GetProperty("doi").GetString(), Does.StartWith("10."));
        Assert.That(Keys(suggestion.GetProperty("because")[0]), Is.EqualTo(new[] { "condition", "seen" }));
        var could = root.GetProperty("couldApply")[0];
        Assert.That(Keys(could), Is.EqualTo(new[] { "rule", "kind", "option", "title", "missing" }));
        Assert.That(Keys(could.GetProperty("missing")[0]), Is.EqualTo(new[] { "fact", "needed" }));
    }

    [Test]
    public void Suggest_RulesFolderValid_UsesThatSet()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        var (exit, stdout, stderr) = Run("suggest", Seed("synchronous-egfr-adeno"), "--rules", folder.Path, "--format", "json");
        Assert.That((exit, stderr), Is.EqualTo((0, string.Empty)));
        using var doc = JsonDocument.Parse(stdout);
        Assert.That(doc.RootElement.GetProperty("ruleSet").GetProperty("id").GetString(), Is.EqualTo("test-set"));
        Assert.That(doc.RootElement.GetProperty("suggestions")[0].GetProperty("rule").GetString(), Is.EqualTo("ok"));
    }

    [Test]
    public void Suggest_RulesFolderInvalid_Exit2WithFileLineColumn()
    {
        var (rules, _, _) = RuleSetLoadErrorCases.All["UnknownFact"];
        using var folder = new RuleSetFolder(rules);
        var (exit, stdout, stderr) = Run("suggest", Seed("synchronous-egfr-adeno"), "--rules", folder.Path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        // The rule with the misspelt fact still cites c1: no false "not used" warning (issue 18).
        Assert.That(stderr, Is.EqualTo("""
            rules.yaml:9:15: error: rules[0].when[0].fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.

            """));
    }
}
