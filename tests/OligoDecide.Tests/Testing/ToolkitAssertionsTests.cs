using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Testing;
using OligoDecide.Tests.Rules;

namespace OligoDecide.Tests.Testing;

/// <summary>Issue 18: the test kit a hospital's own NUnit suite runs over its own cases and rule set.</summary>
public class ToolkitAssertionsTests
{
    private static readonly OligoDecideEngine Tiny = TinyRuleSet.Engine();
    private string dir = null!;

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("oligodecide-kit-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    private static (Model.Patient Patient, Decision Decision) EcogOne()
    {
        var patient = PatientDocument.Load(Path.Combine(RepoPaths.SeedPatients, "metachronous-oligorecurrence-controlled.yaml")).GetPatientOrThrow();
        return (patient, Tiny.Evaluate(patient));
    }

    [Test]
    public void ShouldSuggestExactly_SameOptionsAnyOrder_ReturnsDecision()
    {
        var (_, decision) = EcogOne();
        Assert.That(decision.ShouldSuggestExactly(["fit-option", "any-ecog-option"]), Is.SameAs(decision));
    }

    [Test]
    public void ShouldSuggestExactly_MissingAndUnexpected_ListsBothWithWhyAndWhyNot()
    {
        var (_, decision) = EcogOne();
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldSuggestExactly(["fit-option", "frail-caution"]))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo("""
            Expected exactly these options to be suggested: fit-option, frail-caution
            State: metachronous-oligorecurrence
            Suggested: any-ecog-option, fit-option
            Missing: frail-caution
              Rule frail, conditions that did not hold:
                [false] ecog ≥ 3 (seen: ecog = 1)
            Unexpected: any-ecog-option
              Rule any-ecog fired because:
                ecog ≤ 4 (seen: ecog = 1)
            """));
    }

    [Test]
    public void ShouldSuggestExactly_NoneExpected_NamesEveryUnexpected()
    {
        var (_, decision) = EcogOne();
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldSuggestExactly([]))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Does.StartWith("Expected exactly these options to be suggested: none\n")
            .And.Contain("Unexpected: any-ecog-option\n").And.Contain("Unexpected: fit-option\n"));
    }

    [Test]
    public void CaseAssertAllHold_Strict_ListsEveryFailingCaseWithWhy()
    {
        TinyRuleSet.Case(dir, "a-complete", "expect:\n  options: [fit-option, any-ecog-option]");
        var partial = TinyRuleSet.Case(dir, "b-partial", "expect:\n  options: [fit-option]\n  notOptions: [frail-caution]");
        var ex = Assert.Throws<AssertionException>(() => CaseAssert.AllHold(Tiny, [dir], strict: true))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo($"""
            1 of 2 case(s) failed:
            {partial}: 1 expectation(s) failed:
              option any-ecog-option (rule any-ecog) was suggested but the case does not assert it: add it to expect.options, or fix the rule
            State: metachronous-oligorecurrence
            Suggested: any-ecog-option, fit-option
            Why any-ecog-option:
              Rule any-ecog fired because:
                ecog ≤ 4 (seen: ecog = 1)
            """));
        Assert.That(CaseAssert.AllHold(Tiny, [dir]), Has.Count.EqualTo(2), "without strict both hold");
    }

    [Test]
    public void CaseAssertAllHold_UnknownOptionCode_FailsAsInvalidAtItsPosition()
    {
        var path = TinyRuleSet.Case(dir, "typo", "expect:\n  notOptions: [frail-cuation]");
        var line = Array.FindIndex(File.ReadAllLines(path), l => l.StartsWith("  notOptions:", StringComparison.Ordinal)) + 1;
        var ex = Assert.Throws<AssertionException>(() => CaseAssert.ExpectationsHold(Tiny, path))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo($"""
            {path}: the case is invalid:
              typo.yaml:{line}:16: error: expect.notOptions[0]: no rule of the rule set suggests the option 'frail-cuation'; did you mean 'frail-caution'?
            """));
    }

    [Test]
    public void CaseAssertAllHold_NoCaseWithExpect_Fails()
    {
        File.WriteAllText(Path.Combine(dir, "notes.yaml"), File.ReadAllText(TinyRuleSet.Case(dir, "x", "expect:\n  options: [fit-option]")).Split("\nexpect:")[0] + "\n");
        File.Delete(Path.Combine(dir, "x.yaml"));
        var ex = Assert.Throws<AssertionException>(() => CaseAssert.AllHold(Tiny, [dir]))!;
        Assert.That(ex.Message, Is.EqualTo("No case with an expect block among 1 file(s)."));
    }

    [Test]
    public void RuleCoverageOf_OwnRuleSetFolder_AssertFiredAndNeverFired()
    {
        using var rules = new RuleSetFolder(TinyRuleSet.Rules);
        var path = TinyRuleSet.Case(dir, "one", "expect:\n  options: [fit-option]");
        var coverage = RuleCoverage.Of(rules.Path, [path]);
        Assert.That(coverage.AssertFired("fit").AssertFired("any-ecog").AssertNeverFired("frail"), Is.SameAs(coverage));

        var ex = Assert.Throws<AssertionException>(() => coverage.AssertFired("frail"))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo($"""
            Expected rule frail (frail-caution) to fire on some case, but it fired on none of 1 case(s).
              near miss {path}: ecog ≥ 3 (seen: ecog = 1)
            """));
        Assert.That(Assert.Throws<AssertionException>(() => coverage.AssertNeverFired("fit"))!.Message, Is.EqualTo($"Expected rule fit (fit-option) to fire on no case, but it fired on 1: {path}."));
        Assert.That(Assert.Throws<AssertionException>(() => coverage.AssertFired("fitt"))!.Message, Is.EqualTo("The rule set has no rule 'fitt'. Its rules: any-ecog, fit, frail."));
    }

    [Test]
    public void RuleCoverageAssertAtLeast_Under_ListsNeverFired()
    {
        var path = TinyRuleSet.Case(dir, "one", "expect:\n  options: [fit-option]");
        var coverage = RuleCoverage.Of(Tiny, [path]);
        coverage.AssertAtLeast(66m);
        var ex = Assert.Throws<AssertionException>(() => coverage.AssertAtLeast(100m))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo($"""
            Rule coverage 66.6% is under 100% (2 of 3 rules fired on 1 case(s)). Never fired:
              frail (frail-caution)
                near miss {path}: ecog ≥ 3 (seen: ecog = 1)
            """));
    }

    [Test]
    public void RuleCoverageOf_InvalidRuleSetFolder_FailsWithItsFindings()
    {
        using var rules = new RuleSetFolder(RuleSetLoadErrorCases.Good(when: "- fact: ecogg\n  max: 1"));
        var ex = Assert.Throws<AssertionException>(() => RuleCoverage.Of(rules.Path, [dir]))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo($"""
            The rule set {rules.Path} does not load:
              rules.yaml:9:15: error: rules[0].when[0].fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.
            """));
    }
}
