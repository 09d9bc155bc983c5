using OligoDecide.Facts;
using OligoDecide.Tests.Rules;
using static OligoDecide.Tests.Cli.CliRunner;

namespace OligoDecide.Tests.Cli;

/// <summary>explain, lint and facts.</summary>
public class RuleCommandsTests
{
    [Test]
    public void Explain_RuleAndCase_ShowsEveryConditionWithTruthAndSeenValue()
    {
        var (exit, stdout, stderr) = Run("explain", "lct-all-sites-after-first-line", Seed("synchronous-egfr-adeno"));
        Assert.That((exit, stderr), Is.EqualTo((0, string.Empty)));
        Assert.That(stdout, Is.EqualTo("""
            Rule lct-all-sites-after-first-line: unknown
              [unknown] all of:
                [true] classification.state in [synchronous-oligometastatic, repeat-oligopersistence, induced-oligopersistence]   (seen: classification.state = synchronous-oligometastatic)
                [true] primary.nonSmallCell = true   (seen: primary.nonSmallCell = true)
                [true] lesions.count ≤ 3   (seen: lesions.count = 3)
                [true] every lesion with treatable = true   (seen: 3 of 3 lesion(s) match)
                  [true] metastases.lesions[0] (bone)   (seen: treatable = true)
                  [true] metastases.lesions[1] (adrenal)   (seen: treatable = true)
                  [true] metastases.lesions[2] (brain)   (seen: treatable = true)
                [true] any of:
                  [false] brain.metastasisFree = true   (seen: brain.metastasisFree = false)
                  [true] a lesion with organ = brain   (seen: 1 of 3 lesion(s) match)
                    [false] metastases.lesions[0] (bone)   (seen: organ = bone)
                    [false] metastases.lesions[1] (adrenal)   (seen: organ = adrenal)
                    [true] metastases.lesions[2] (brain)   (seen: organ = brain)
                [unknown] therapy.firstLineWithoutProgression = true   (seen: therapy.firstLineWithoutProgression = unknown)
                [unknown] any of:
                  [unknown] therapy.firstLine.cycles ≥ 4   (seen: therapy.firstLine.cycles = unknown)
                  [false] therapy.firstLine.months ≥ 3   (seen: therapy.firstLine.months = 0.2)
                [true] ecog ≤ 2   (seen: ecog = 1)
                [true] any of:
                  [true] preference not recorded   (seen: preference = unknown)
                  [unknown] preference not in [declines-local-therapy]   (seen: preference = unknown)
                [true] any of:
                  [true] treatmentIntent not recorded   (seen: treatmentIntent = unknown)
                  [unknown] treatmentIntent not in [palliative]   (seen: treatmentIntent = unknown)

            """));
    }

    [Test]
    public void Explain_FalseCondition_ShowsFalseLine()
    {
        var (exit, stdout, _) = Run("explain", "lat-then-pembrolizumab", Seed("synchronous-egfr-adeno"));
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.StartWith("Rule lat-then-pembrolizumab: false\n"));
        Assert.That(stdout, Does.Contain("[false] biomarkers.actionableDriver = false   (seen: biomarkers.actionableDriver = true)"));
    }

    [Test]
    public void Explain_UnknownRule_Exit2WithHint()
    {
        var (exit, stdout, stderr) = Run("explain", "lat-then-pembrolizumabb", Seed("synchronous-egfr-adeno"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo("error: the rule set has no rule or option 'lat-then-pembrolizumabb'; did you mean 'lat-then-pembrolizumab'?\n"));
    }

    [Test]
    public void Lint_DefaultSet_Exit0()
    {
        var (exit, stdout, stderr) = Run("lint");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stderr, Does.Not.Contain(": error:"));
        Assert.That(stdout, Does.Match(@"^oligodecide-default \d+\.\d+\.\d+: \d+ rules, \d+ citations, 0 error\(s\), \d+ warning\(s\)\n$"));
    }

    [Test]
    public void Lint_BrokenFolder_Exit2WithFindings()
    {
        var (rules, _, _) = RuleSetLoadErrorCases.All["SupersedesCycle"];
        using var folder = new RuleSetFolder(rules);
        var (exit, stdout, stderr) = Run("lint", folder.Path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Is.EqualTo("rules.yaml:2:5: error: a.supersedes: supersedes forms a cycle: a → b → a\n"));
        Assert.That(stdout, Is.EqualTo("1 error(s), 0 warning(s): the rule set does not load\n"));
    }

    [Test]
    public void Facts_Text_ListsEveryFactAndLesionField()
    {
        var (exit, stdout, _) = Run("facts");
        Assert.That(exit, Is.EqualTo(0));
        Assert.Multiple(() =>
        {
            foreach (var f in FactCatalog.Facts.Concat(FactCatalog.LesionFields))
            {
                Assert.That(stdout, Does.Contain($"  {f.Name}  ("), f.Name);
            }
        });
    }

    [Test]
    public void Facts_Json_ListsEveryFact()
    {
        var (exit, stdout, _) = Run("facts", "--format", "json");
        Assert.That(exit, Is.EqualTo(0));
        Assert.Multiple(() =>
        {
            foreach (var f in FactCatalog.Facts.Concat(FactCatalog.LesionFields))
            {
                Assert.That(stdout, Does.Contain($"\"{f.Name}\""), f.Name);
            }
        });
    }
}
