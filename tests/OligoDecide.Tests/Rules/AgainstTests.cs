using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>The <c>against</c> key: cautions only, naming options some rule gives.</summary>
public sealed class AgainstTests
{
    private const string When = "- fact: ecog\n  max: 4";

    [Test]
    public void Load_CautionAgainstAnOption_KeepsTheOptionCodes()
    {
        var rules = "rules:\n" + RuleSetFolder.Rule("opt", When) + "\n" + RuleSetFolder.Rule("warn", When, "against: [opt]", kind: "caution");
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load();
        Assert.That(result.RuleSet!.Rules.Single(r => r.Id == "warn").Against, Is.EqualTo(new[] { "opt" }));
    }

    [Test]
    public void Load_OptionWithAgainst_IsAnError()
    {
        var rules = "rules:\n" + RuleSetFolder.Rule("opt", When) + "\n" + RuleSetFolder.Rule("other", When, "against: [opt]");
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load();
        Assert.Multiple(() =>
        {
            Assert.That(result.RuleSet, Is.Null);
            Assert.That(result.Findings.Select(f => f.Message), Has.Some.EqualTo("'against' is for cautions: an option cannot weigh against another option"));
        });
    }

    [Test]
    public void Load_AgainstUnknownOption_IsAnErrorWithHint()
    {
        var rules = "rules:\n" + RuleSetFolder.Rule("opt", When) + "\n" + RuleSetFolder.Rule("warn", When, "against: [otp]", kind: "caution");
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load();
        Assert.Multiple(() =>
        {
            Assert.That(result.RuleSet, Is.Null);
            Assert.That(result.Findings.Select(f => f.Message), Has.Some.EqualTo("no rule suggests the option 'otp'; did you mean 'opt'?"));
        });
    }

    [Test]
    public void DefaultRules_NrgLu002CautionWeighsAgainstConsolidation()
    {
        var rule = RuleSet.LoadDefault().Rules.Single(r => r.Id == "caution-lct-after-chemo-immunotherapy");
        Assert.That(rule.Against, Is.EqualTo(new[] { "lct-all-sites-after-first-line" }));
    }
}
