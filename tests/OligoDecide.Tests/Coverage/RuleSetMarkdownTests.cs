using OligoDecide.Output;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Coverage;

public class RuleSetMarkdownTests
{
    [Test]
    public void Write_DefaultRuleSet_MatchesCommittedDocs()
    {
        var generated = RuleSetMarkdown.Write(RuleSet.LoadDefault());
        var committed = File.ReadAllText(RepoPaths.RulesMarkdown).ReplaceLineEndings("\n");
        Assert.That(committed, Is.EqualTo(generated), "docs/rules.md is out of date: run `dotnet run --project src/OligoDecide.Cli -- docs --out docs/rules.md`");
    }

    [Test]
    public void Write_DefaultRuleSet_OneRowPerRuleAndDoiLinks()
    {
        var ruleSet = RuleSet.LoadDefault();
        var markdown = RuleSetMarkdown.Write(ruleSet);
        foreach (var rule in ruleSet.Rules)
        {
            Assert.That(markdown, Does.Contain($"| `{rule.Option}`<br>"));
        }

        Assert.That(markdown, Does.Contain("[10.1016/S0140-6736(18)32487-5](https://doi.org/10.1016/S0140-6736%2818%2932487-5)"));
        Assert.That(markdown, Does.Contain("24 Gy / 3 fx"));
    }
}
