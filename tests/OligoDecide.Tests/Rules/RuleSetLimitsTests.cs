using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>The rule-set limits not covered elsewhere: nesting depth and total size, each with its own error.</summary>
public sealed class RuleSetLimitsTests
{
    [Test]
    public void Load_ConditionNestedDeeperThanLimit_ReportsDepthWithPosition()
    {
        // 40 nested 'not' conditions under when: deeper than the default 32 levels.
        var when = string.Concat(Enumerable.Repeat("{ not: ", 40)) + "{ fact: ecog, max: 1 }" + new string('}', 40);
        var rules = "rules:\n" + RuleSetFolder.Rule("deep", "- " + when);
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load();
        Assert.Multiple(() =>
        {
            Assert.That(result.RuleSet, Is.Null);
            var error = result.Findings.Single(f => f.Severity == Severity.Error);
            Assert.That(error.Message, Is.EqualTo("the document nests deeper than 32 levels"));
            Assert.That(error.Source, Is.EqualTo("rules.yaml"));
            Assert.That(error.Line, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Load_DepthWithinACustomLimit_Loads()
    {
        var when = string.Concat(Enumerable.Repeat("{ not: ", 40)) + "{ fact: ecog, max: 1 }" + new string('}', 40);
        var rules = "rules:\n" + RuleSetFolder.Rule("deep", "- " + when);
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load(new RuleSetLimits { Document = new DocumentLimits { MaxDepth = 64 } });
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Findings));
    }

    [Test]
    public void Load_FolderLargerThanTotalLimit_ReportsTheTotal()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        folder.Write("padding.yaml", "rules: []\n# " + new string('x', 3000));
        var result = folder.Load(new RuleSetLimits { MaxTotalBytes = 2000 });
        Assert.Multiple(() =>
        {
            Assert.That(result.RuleSet, Is.Null);
            Assert.That(result.Findings.Select(f => f.Message), Has.Some.EqualTo("the rule set is larger than 2,000 bytes in total"));
        });
    }
}
