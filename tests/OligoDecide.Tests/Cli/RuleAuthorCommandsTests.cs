using OligoDecide.Cli;
using OligoDecide.Tests.Rules;
using OligoDecide.Tests.Testing;

namespace OligoDecide.Tests.Cli;

/// <summary>
/// Issue 18: what <c>test</c> and <c>coverage</c> catch for a rule author. A tiny rule set (two rules on ecog)
/// keeps every expected line exact whatever the default rule set becomes.
/// </summary>
public class RuleAuthorCommandsTests
{
    private RuleSetFolder rules = null!;
    private string dir = null!;

    [SetUp]
    public void SetUp()
    {
        rules = new RuleSetFolder(TinyRuleSet.Rules);
        dir = Directory.CreateTempSubdirectory("oligodecide-toolkit-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        rules.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private string Case(string name, string expect) => TinyRuleSet.Case(dir, name, expect);

    private static int LineOf(string path, string start) => Array.FindIndex(File.ReadAllLines(path), l => l.StartsWith(start, StringComparison.Ordinal)) + 1;

    [Test]
    public void Test_UnknownOptionCodesInExpect_EachAnErrorAtItsLineAndColumnExitTwo()
    {
        var path = Case("typo", """
            expect:
              options: [fit-option, fit-optoin]
              notOptions: [frail-cuation, no-such-thing-at-all]
            """);
        var (code, output, err) = CliRunner.Run("test", path, "--rules", rules.Path);
        int options = LineOf(path, "  options:"), notOptions = LineOf(path, "  notOptions:");
        Assert.That(err, Is.EqualTo($"""
            typo.yaml:{options}:25: error: expect.options[1]: no rule of the rule set suggests the option 'fit-optoin'; did you mean 'fit-option'?
            typo.yaml:{notOptions}:16: error: expect.notOptions[0]: no rule of the rule set suggests the option 'frail-cuation'; did you mean 'frail-caution'?
            typo.yaml:{notOptions}:31: error: expect.notOptions[1]: no rule of the rule set suggests the option 'no-such-thing-at-all'

            """));
        Assert.That(output, Is.EqualTo($"INVALID {path}\n0 passed, 0 failed, 1 invalid, 0 without expect\n"), "no misleading 'missing option' failure");
        Assert.That(code, Is.EqualTo(CliApp.InvalidInput));
    }

    [Test]
    public void Test_Strict_ReportsEverySuggestionTheCaseDoesNotAssert()
    {
        var path = Case("partial", """
            expect:
              options: [fit-option]
              notOptions: [frail-caution]
            """);

        var (plainCode, plain, _) = CliRunner.Run("test", path, "--rules", rules.Path);
        Assert.That(plain, Is.EqualTo("1 passed, 0 failed, 0 invalid, 0 without expect\n"));
        Assert.That(plainCode, Is.EqualTo(CliApp.Ok));

        var (code, output, _) = CliRunner.Run("test", path, "--rules", rules.Path, "--strict");
        Assert.That(output, Is.EqualTo($"""
            FAIL {path}: option any-ecog-option (rule any-ecog) was suggested but the case does not assert it: add it to expect.options, or fix the rule
            0 passed, 1 failed, 0 invalid, 0 without expect

            """));
        Assert.That(code, Is.EqualTo(CliApp.ChecksFailed));
    }

    [Test]
    public void Test_StrictCompleteCase_Passes()
    {
        var path = Case("complete", """
            expect:
              options: [fit-option, any-ecog-option]
              notOptions: [frail-caution]
            """);
        var (code, output, _) = CliRunner.Run("test", path, "--rules", rules.Path, "--strict");
        Assert.That(output, Is.EqualTo("1 passed, 0 failed, 0 invalid, 0 without expect\n"));
        Assert.That(code, Is.EqualTo(CliApp.Ok));
    }

    [Test]
    public void Coverage_RuleFilter_ShowsOnlyThatRuleAndCountsOnlyIt()
    {
        var path = Case("one", "expect:\n  options: [fit-option]");
        var (code, output, _) = CliRunner.Run("coverage", path, "--rules", rules.Path, "--rule", "frail", "--min", "100");
        Assert.That(output, Is.EqualTo("""
            Rule   Fired  Near misses
            frail      0            1

            frail (frail-caution)
              fired in: none
              near miss: one.yaml: ecog ≥ 3 (seen: ecog = 1)

            Never fired: frail
            Coverage: 0 of 1 rules fired (0%) on 1 case(s)

            """));
        Assert.That(code, Is.EqualTo(CliApp.ChecksFailed));
    }

    [Test]
    public void Coverage_OptionFilter_SelectsTheRulesThatSuggestIt()
    {
        var path = Case("one", "expect:\n  options: [fit-option]");
        var (code, output, _) = CliRunner.Run("coverage", path, "--rules", rules.Path, "--option", "fit-option", "--option", "any-ecog-option", "--min", "100");
        Assert.That(output, Does.StartWith("Rule      Fired  Near misses\nany-ecog      1            0\nfit           1            0\n\n"));
        Assert.That(output, Does.EndWith("Never fired: none\nCoverage: 2 of 2 rules fired (100%) on 1 case(s)\n"));
        Assert.That(code, Is.EqualTo(CliApp.Ok));
    }

    [Test]
    public void Coverage_UnknownRuleOrOption_ErrorWithHintExitTwo()
    {
        var path = Case("one", "expect:\n  options: [fit-option]");
        var (code, output, err) = CliRunner.Run("coverage", path, "--rules", rules.Path, "--rule", "fitt", "--option", "frail-cuation");
        Assert.That(err, Is.EqualTo("""
            error: the rule set has no rule 'fitt'; did you mean 'fit'?
            error: the rule set has no option 'frail-cuation'; did you mean 'frail-caution'?

            """));
        Assert.That(output, Is.Empty);
        Assert.That(code, Is.EqualTo(CliApp.InvalidInput));
    }

    [Test]
    public void Coverage_RuleThatCanNeverFire_IsMarkedInNeverFiredWithWhy()
    {
        using var withDeadRule = new RuleSetFolder(TinyRuleSet.Rules + "\n" + RuleSetFolder.Rule(
            "induced-without-history",
            "- fact: classification.state\n  equals: induced-oligoprogression\n- fact: history.polymetastatic\n  equals: false"));
        var path = Case("one", "expect:\n  options: [fit-option]");
        var (code, output, _) = CliRunner.Run("coverage", path, "--rules", withDeadRule.Path, "--rule", "induced-without-history", "--rule", "frail");
        Assert.That(output, Is.EqualTo("""
            Rule                     Fired  Near misses
            frail                        0            1
            induced-without-history      0            0

            frail (frail-caution)
              fired in: none
              near miss: one.yaml: ecog ≥ 3 (seen: ecog = 1)
            induced-without-history (induced-without-history)
              fired in: none
              can never fire: classification.state = induced-oligoprogression and history.polymetastatic = false contradict: classification.state = induced-oligoprogression implies history.polymetastatic = true

            Never fired: frail, induced-without-history (can never fire)
            Coverage: 0 of 2 rules fired (0%) on 1 case(s)

            """));
        Assert.That(code, Is.EqualTo(CliApp.Ok));
    }
}
