using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Issues;

/// <summary>Found by the fuzz tests (issue 7): a required key with a null value gave an invalid result with no finding.</summary>
public class RequiredKeyWithoutValueTests
{
    [Test]
    public void Parse_AssessedOnWithoutValue_ReportsIt()
    {
        var result = PatientDocument.Parse("id: case-1\nassessedOn:\n", "case.yaml");

        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "case.yaml:2:12: error: assessedOn: the required key 'assessedOn' has no value" }));
    }

    [Test]
    public void FromFiles_ManifestTitleWithoutValue_ReportsIt()
    {
        var result = RuleSet.FromFiles(
        [
            ("citations.yaml", "citations:\n  - { id: c, title: t, authors: a, journal: j, year: 2020, doi: \"10.1/x\", design: guideline, findings: [f] }\n"),
            ("rules.yaml", "rules:\n  - id: r\n    kind: option\n    option: r\n    title: t\n    text: t\n    evidence: [c]\n    when:\n      - fact: ecog\n        max: 1\n"),
            ("ruleset.yaml", "id: s\nversion: 1.0.0\ntitle:\n"),
        ], RuleSetLimits.Default);

        Assert.That(result.Findings.Select(f => f.Message), Has.Some.EqualTo("the required key 'title' has no value"));
    }
}
