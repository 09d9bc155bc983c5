using OligoDecide.Cli;
using OligoDecide.Tests.Rules;

namespace OligoDecide.Tests.Cli;

/// <summary>Issue 18: explain takes an option code, itemises lesions and follows a suggested: condition.</summary>
public class ExplainCommandTests
{
    private const string Rules = """
        rules:
          - id: all-treatable
            kind: option
            option: local-all
            title: All treatable
            text: Every lesion treatable.
            evidence: [c1]
            when:
              - allLesions: { treatable: true }
          - id: few-liver
            kind: option
            option: local-all
            title: Few liver
            text: At most two liver lesions.
            evidence: [c1]
            when:
              - countLesions: { where: { organ: liver }, max: 2 }
          - id: chained
            kind: option
            option: chained
            title: Chained
            text: Chained on local-all.
            evidence: [c1]
            when:
              - suggested: local-all
              - fact: ecog
                max: 1
        """;

    private RuleSetFolder rules = null!;
    private string dir = null!;
    private string patient = null!;

    [SetUp]
    public void SetUp()
    {
        rules = new RuleSetFolder(Rules);
        dir = Directory.CreateTempSubdirectory("oligodecide-explain-").FullName;
        var source = File.ReadAllText(CliRunner.Seed("metachronous-oligorecurrence-controlled"));
        var lesions = source.IndexOf("  lesions:\n", StringComparison.Ordinal);
        patient = Path.Combine(dir, "three-lesions.yaml");
        File.WriteAllText(patient, source[..lesions] + """
              lesions:
                - { organ: liver, sizeMm: 12, status: new, treatable: true }
                - { organ: bone, sizeMm: 15, status: new, treatable: false }
                - { organ: liver, sizeMm: 19, status: new }

            """);
    }

    [TearDown]
    public void TearDown()
    {
        rules.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Explain_OptionCode_ExplainsEveryRuleThatSuggestsIt_WithEachLesion()
    {
        var (exit, stdout, stderr) = CliRunner.Run("explain", "local-all", patient, "--rules", rules.Path);
        Assert.That((exit, stderr), Is.EqualTo((CliApp.Ok, string.Empty)));
        Assert.That(stdout, Is.EqualTo("""
            Rule all-treatable (option local-all): false
              [false] all of:
                [false] every lesion with treatable = true   (seen: 1 of 3 lesion(s) match, 1 undecided (a field not recorded))
                  [true] metastases.lesions[0] (liver)   (seen: treatable = true)
                  [false] metastases.lesions[1] (bone)   (seen: treatable = false)
                  [unknown] metastases.lesions[2] (liver)   (seen: treatable = unknown)

            Rule few-liver (option local-all): true
              [true] all of:
                [true] at most 2 lesion(s) with organ = liver   (seen: 2 of 3 lesion(s) match)
                  [true] metastases.lesions[0] (liver)   (seen: organ = liver)
                  [false] metastases.lesions[1] (bone)   (seen: organ = bone)
                  [true] metastases.lesions[2] (liver)   (seen: organ = liver)

            """));
    }

    [Test]
    public void Explain_SuggestedCondition_FollowsIntoTheRulesThatDecideIt()
    {
        var (exit, stdout, stderr) = CliRunner.Run("explain", "chained", patient, "--rules", rules.Path);
        Assert.That((exit, stderr), Is.EqualTo((CliApp.Ok, string.Empty)));
        Assert.That(stdout, Is.EqualTo("""
            Rule chained: true
              [true] all of:
                [true] option local-all suggested   (seen: option local-all suggested)
                  [false] rule all-treatable (option local-all):
                    [false] all of:
                      [false] every lesion with treatable = true   (seen: 1 of 3 lesion(s) match, 1 undecided (a field not recorded))
                        [true] metastases.lesions[0] (liver)   (seen: treatable = true)
                        [false] metastases.lesions[1] (bone)   (seen: treatable = false)
                        [unknown] metastases.lesions[2] (liver)   (seen: treatable = unknown)
                  [true] rule few-liver (option local-all):
                    [true] all of:
                      [true] at most 2 lesion(s) with organ = liver   (seen: 2 of 3 lesion(s) match)
                        [true] metastases.lesions[0] (liver)   (seen: organ = liver)
                        [false] metastases.lesions[1] (bone)   (seen: organ = bone)
                        [true] metastases.lesions[2] (liver)   (seen: organ = liver)
                [true] ecog ≤ 1   (seen: ecog = 1)

            """));
    }

    [Test]
    public void Explain_NeitherRuleNorOption_Exit2WithHint()
    {
        var (exit, stdout, stderr) = CliRunner.Run("explain", "local-al", patient, "--rules", rules.Path);
        Assert.That(stderr, Is.EqualTo("error: the rule set has no rule or option 'local-al'; did you mean 'local-all'?\n"));
        Assert.That((exit, stdout), Is.EqualTo((CliApp.InvalidInput, string.Empty)));
    }
}
