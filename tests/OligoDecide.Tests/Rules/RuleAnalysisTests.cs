namespace OligoDecide.Tests.Rules;

/// <summary>Lint warnings: the set loads, and the warning says where and why.</summary>
public class RuleAnalysisTests
{
    private static string[] Warnings(string rules, string? citations = null)
    {
        using var folder = new RuleSetFolder(rules, citations);
        var result = folder.Load();
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Findings));
        return [.. result.Findings.Where(f => f.Severity == Severity.Warning).Select(f => f.ToString())];
    }

    [Test]
    public void Load_UnusedCitation_Warns()
    {
        var citations = RuleSetFolder.Citations + "\n" + """
              - id: spare
                title: Unused
                authors: Roe R
                journal: JCO
                year: 2021
                doi: 10.1000/xyz
                design: retrospective
            """;
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(), citations), Is.EqualTo(new[] { "citations.yaml:9:5: warning: citations: the citation 'spare' is not used by any rule" }));
    }

    [Test]
    public void Load_MinAboveMaxInAll_WarnsNeverFires() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: ecog\n  min: 2\n- fact: ecog\n  max: 1")), Is.EqualTo(new[]
        {
            "rules.yaml:9:7: warning: ok.when: the conditions on ecog contradict each other (ecog ≥ 2; ecog ≤ 1): the rule can never fire",
        }));

    [Test]
    public void Load_TwoDifferentEquals_WarnsNeverFires() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "all:\n  - fact: primary.histology\n    equals: squamous\n  - fact: primary.histology\n    equals: adenocarcinoma")), Is.EqualTo(new[]
        {
            "rules.yaml:9:7: warning: ok.when: the conditions on primary.histology contradict each other (primary.histology = squamous; primary.histology = adenocarcinoma): the rule can never fire",
        }));

    [Test]
    public void Load_CompatibleConditionsOnOneFact_NoWarning() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: ecog\n  min: 1\n- fact: ecog\n  max: 1")), Is.Empty);

    /// <summary>Issue 18: a state condition and a fact the state implies (an induced state rests on polymetastatic history).</summary>
    [Test]
    public void Load_StateAndFactItImplies_WarnsNeverFires() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: classification.state\n  equals: induced-oligoprogression\n- fact: history.polymetastatic\n  equals: false")), Is.EqualTo(new[]
        {
            "rules.yaml:9:7: warning: ok.when: classification.state = induced-oligoprogression and history.polymetastatic = false contradict: classification.state = induced-oligoprogression implies history.polymetastatic = true: the rule can never fire",
        }));

    [Test]
    public void Load_DerivedFactAgainstItsSource_WarnsNeverFires() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: primary.nonSmallCell\n  equals: true\n- fact: primary.histology\n  in: [small-cell]")), Is.EqualTo(new[]
        {
            "rules.yaml:9:7: warning: ok.when: primary.histology in [small-cell] and primary.nonSmallCell = true contradict: primary.histology = small-cell implies primary.nonSmallCell = false: the rule can never fire",
        }));

    [Test]
    public void Load_SuggestedOptionOnlyFromAContradictingRule_WarnsNeverFires() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: classification.state\n  equals: synchronous-oligometastatic") + "\n"
            + RuleSetFolder.Rule("b", "- suggested: ok\n- fact: classification.oligometastatic\n  equals: false")), Is.EqualTo(new[]
        {
            "rules.yaml:18:7: warning: b.when: it needs option ok suggested, and every rule that suggests it contradicts it (ok: classification.state = synchronous-oligometastatic and classification.oligometastatic = false contradict: classification.state = synchronous-oligometastatic implies classification.oligometastatic = true): the rule can never fire",
        }));

    [Test]
    public void Load_SuggestedTagWhoseEveryRuleContradicts_WarnsNeverFires() =>
        Assert.That(Warnings("rules:\n" + RuleSetFolder.Rule("ok", "- fact: classification.state\n  equals: synchronous-oligometastatic", "tags: [local]") + "\n"
            + RuleSetFolder.Rule("ok2", "- fact: classification.state\n  equals: metachronous-oligorecurrence", "tags: [local]") + "\n"
            + RuleSetFolder.Rule("b", "- suggested: { tag: local }\n- fact: classification.oligometastatic\n  equals: false")), Has.One.Contains("b.when: it needs an option tagged local suggested, and every rule that suggests one contradicts it (ok: ").And.One.Contains("; ok2: "));

    [Test]
    public void Load_SuggestedListWithOneCompatibleRule_NoWarning() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: classification.state\n  equals: synchronous-oligometastatic") + "\n"
            + RuleSetFolder.Rule("ok2", "- fact: ecog\n  max: 1") + "\n"
            + RuleSetFolder.Rule("b", "- suggested: [ok, ok2]\n- fact: classification.oligometastatic\n  equals: false")), Is.Empty);

    [Test]
    public void Load_StateWithCompatibleDerivedFacts_NoWarning() =>
        Assert.That(Warnings(RuleSetLoadErrorCases.Good(when: "- fact: classification.state\n  in: [repeat-oligoprogression, induced-oligoprogression]\n- fact: history.oligometastatic\n  equals: true\n- fact: classification.oligometastatic\n  equals: true")), Is.Empty);

    [Test]
    public void Load_DefaultRuleSet_NoRuleThatCanNeverFire()
    {
        var rules = OligoDecide.Rules.RuleSet.LoadDefault().Rules;
        Assert.That(rules.Select(r => (r.Id, Why: OligoDecide.Rules.RuleAnalysis.CannotFire(r, rules))).Where(r => r.Why is not null), Is.Empty);
    }
}
