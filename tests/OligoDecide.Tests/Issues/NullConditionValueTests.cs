using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Issues;

/// <summary>Found by the rule-file fuzz tests (issue 7): a null value passed the loader and failed in the NRules compiler.</summary>
public class NullConditionValueTests
{
    [TestCase("equals: null", "expected a value for therapy.iciExposed")]
    [TestCase("in: [null]", "expected a value for therapy.iciExposed")]
    [TestCase("exists: null", "'exists' needs true or false; found null")]
    public void FromFiles_NullConditionValue_ReportsItInsteadOfFailingToCompile(string condition, string message)
    {
        var rules = $$"""
            rules:
              - id: null-value
                kind: option
                option: null-value
                title: t
                text: t
                evidence: [c]
                when:
                  - fact: therapy.iciExposed
                    {{condition}}
            """;
        var result = RuleSet.FromFiles(
        [
            ("citations.yaml", "citations:\n  - { id: c, title: t, authors: a, journal: j, year: 2020, doi: \"10.1/x\", design: guideline, findings: [f] }\n"),
            ("rules.yaml", rules),
            ("ruleset.yaml", "id: s\nversion: 1.0.0\ntitle: t\n"),
        ], RuleSetLimits.Default);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Select(f => f.Message), Has.Some.Contains(message));
    }

    [Test]
    public void FromFiles_NullBound_ReportsIt()
    {
        var result = RuleSet.FromFiles(
        [
            ("citations.yaml", "citations:\n  - { id: c, title: t, authors: a, journal: j, year: 2020, doi: \"10.1/x\", design: guideline, findings: [f] }\n"),
            ("rules.yaml", "rules:\n  - id: r\n    kind: option\n    option: r\n    title: t\n    text: t\n    evidence: [c]\n    when:\n      - fact: ecog\n        min: null\n"),
            ("ruleset.yaml", "id: s\nversion: 1.0.0\ntitle: t\n"),
        ], RuleSetLimits.Default);

        Assert.That(result.Findings.Select(f => f.Message), Has.Some.Contains("'min' needs a number; found null"));
    }
}
