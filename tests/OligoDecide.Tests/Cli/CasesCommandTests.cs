using System.Text.Json;
using OligoDecide.Cli;
using OligoDecide.Tests.Coverage;

namespace OligoDecide.Tests.Cli;

public class CasesCommandTests
{
    private string dir = null!;

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("oligodecide-cli-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Test]
    public void Test_Seeds_AllPassExitZero()
    {
        var (code, output, _) = Run("test", RepoPaths.SeedPatients);
        var cases = RepoPaths.SeedCases().Count();
        Assert.That(output, Is.EqualTo($"{cases} passed, 0 failed, 0 invalid, 0 without expect\n"));
        Assert.That(code, Is.EqualTo(0));
    }

    [Test]
    public void Test_FailedExpectations_PrintsEachAndExitsThree()
    {
        var path = CaseRunnerTests.WrongExpectations(dir);
        var (code, output, _) = Run("test", path);
        Assert.That(output, Is.EqualTo($"""
            FAIL {path}: expected state repeat-oligorecurrence, classified as metachronous-oligorecurrence
            FAIL {path}: expected option sabr-all-metastases, suggested: mdt-discussion
            FAIL {path}: option mdt-discussion must not be suggested, suggested: mdt-discussion
            0 passed, 1 failed, 0 invalid, 0 without expect

            """));
        Assert.That(code, Is.EqualTo(CliApp.ChecksFailed));
    }

    [Test]
    public void Test_InvalidCase_ExitsTwo()
    {
        var (code, _, err) = Run("test", Path.Combine(RepoPaths.Root, "seeds", "invalid", "unknown-key.yaml"));
        Assert.That(code, Is.EqualTo(CliApp.InvalidInput));
        Assert.That(err, Does.Contain("unknown-key.yaml"));
    }

    [Test]
    public void Coverage_SeedsMin100_TextEndsWithSummaryExitZero()
    {
        var (code, output, _) = Run("coverage", RepoPaths.SeedPatients, "--min", "100");
        Assert.That(output, Does.StartWith("Rule "));
        var rules = OligoDecide.Engine.OligoDecideEngine.CreateDefault().RuleSet.Rules.Count;
        Assert.That(output, Does.EndWith($"Never fired: none\nCoverage: {rules} of {rules} rules fired (100%) on {RepoPaths.SeedCases().Count()} case(s)\n"));
        Assert.That(code, Is.EqualTo(0));
    }

    [Test]
    public void Coverage_OneCaseUnderMin_ExitsThree()
    {
        var (code, output, err) = Run("coverage", Path.Combine(RepoPaths.SeedPatients, "metachronous-oligorecurrence-controlled.yaml"), "--min", "100");
        // Three rules fire on this case (mdt-discussion, sabr-all-metastases, caution-sabr-toxicity); the percentage is
        // of the whole default rule set, truncated to one decimal.
        var rules = OligoDecide.Engine.OligoDecideEngine.CreateDefault().RuleSet.Rules.Count;
        var percent = Math.Round(300m / rules, 1, MidpointRounding.ToZero).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(output, Does.Contain($"Coverage: 3 of {rules} rules fired"));
        Assert.That(output, Does.Contain("Never fired: outside-scope-no-distant-metastasis, ").And.Contain(", staging-incomplete, "));
        Assert.That(err, Does.StartWith($"coverage {percent}% is under the minimum 100%").And.Contain("schedule-row coverage 4.1% is under the minimum 100%"));
        Assert.That(code, Is.EqualTo(CliApp.ChecksFailed));
    }

    [Test]
    public void Coverage_Json_HasSummaryAndPerRuleEntries()
    {
        var (code, output, _) = Run("coverage", RepoPaths.SeedPatients, "--format", "json");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "cases", "rules", "fired", "percent", "neverFired", "coverage", "scheduleRowPercent", "rowsNeverHeld", "scheduleRows" }));
        Assert.That(root.GetProperty("percent").GetDecimal(), Is.EqualTo(100m));
        var first = root.GetProperty("coverage")[0];
        Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "rule", "option", "kind", "firedIn", "cannotFire", "nearMisses" }));
        Assert.That(code, Is.EqualTo(0));
    }

    [Test]
    public void Coverage_MinOutOfRange_ExitsTwo()
    {
        var (code, _, err) = Run("coverage", RepoPaths.SeedPatients, "--min", "101");
        Assert.That(err, Does.Contain("--min must be between 0 and 100."));
        Assert.That(code, Is.EqualTo(CliApp.InvalidInput));
    }

    [Test]
    public void Docs_Out_WritesTheCommittedPage()
    {
        var path = Path.Combine(dir, "rules.md");
        var (code, _, _) = Run("docs", "--out", path);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(File.ReadAllText(path), Is.EqualTo(File.ReadAllText(RepoPaths.RulesMarkdown)));
    }
}
