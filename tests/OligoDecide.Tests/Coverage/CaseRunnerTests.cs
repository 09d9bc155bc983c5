using OligoDecide.Coverage;
using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Coverage;

public class CaseRunnerTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();
    private string dir = null!;

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("oligodecide-cases-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    internal static string WrongExpectations(string dir)
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.SeedPatients, "rule-sabr-all-metastases-near-miss.yaml"));
        var expect = source.IndexOf("\nexpect:", StringComparison.Ordinal);
        var path = Path.Combine(dir, "wrong.yaml");
        File.WriteAllText(path, source[..expect] + """

            expect:
              state: repeat-oligorecurrence
              options: [sabr-all-metastases]
              notOptions: [mdt-discussion]

            """);
        return path;
    }

    [Test]
    public void CheckCase_WrongExpectations_ListsEachFailure()
    {
        var result = CaseRunner.CheckCase(Engine, WrongExpectations(dir));
        Assert.That(result.Failures.Select(f => f.Message), Is.EqualTo(new[]
        {
            "expected state repeat-oligorecurrence, classified as metachronous-oligorecurrence",
            "expected option sabr-all-metastases, suggested: mdt-discussion",
            "option mdt-discussion must not be suggested, suggested: mdt-discussion",
        }));
        Assert.That(result.Passed, Is.False);
    }

    [Test]
    public void CheckCase_MissingFile_IsInvalid()
    {
        var result = CaseRunner.CheckCase(Engine, Path.Combine(dir, "absent.yaml"));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Single().Message, Is.EqualTo("the file does not exist"));
    }

    [Test]
    public void Coverage_DefaultRulesOnSeeds_IsComplete()
    {
        var report = CaseRunner.Coverage(Engine, CaseRunner.FindCases([RepoPaths.SeedPatients]));
        Assert.That(report.Percent, Is.EqualTo(100m));
        Assert.That(report.NeverFired, Is.Empty);
        Assert.That(report.InvalidCases, Is.Empty);
        Assert.That(report.Rules, Has.Count.EqualTo(Engine.RuleSet.Rules.Count));
    }

    [Test]
    public void Coverage_TinyRuleSet_FindsFiredNearMissAndNeverFired()
    {
        var rules = Path.Combine(dir, "rules");
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "ruleset.yaml"), "id: tiny\nversion: 1.0.0\ntitle: Tiny\n");
        File.WriteAllText(Path.Combine(rules, "citations.yaml"), """
            citations:
              - id: c1
                title: "A title"
                authors: "Doe J"
                journal: "J Test"
                year: 2020
                source: "Test Congress 2020, abstract 1"
                design: retrospective

            """);
        File.WriteAllText(Path.Combine(rules, "rules.yaml"), """
            rules:
              - id: fit-recurrence
                kind: option
                option: fit-recurrence
                title: Fit, metachronous
                text: Test rule.
                evidence: [c1]
                when:
                  - fact: classification.state
                    equals: metachronous-oligorecurrence
                  - fact: ecog
                    max: 1
              - id: never
                kind: caution
                option: never
                title: Never
                text: Test rule.
                evidence: [c1]
                when:
                  - fact: classification.state
                    equals: repeat-oligopersistence
                  - fact: ecog
                    min: 4

            """);
        var engine = new OligoDecideEngine(RuleSet.Load(rules).GetOrThrow());
        var fit = Path.Combine(RepoPaths.SeedPatients, "metachronous-oligorecurrence-controlled.yaml");
        var ecog2 = Path.Combine(RepoPaths.SeedPatients, "rule-sabr-all-metastases-near-miss.yaml");
        var synchronousEcog2 = Path.Combine(dir, "far.yaml");
        File.WriteAllText(synchronousEcog2, File.ReadAllText(Path.Combine(RepoPaths.SeedPatients, "synchronous-brain-first.yaml")).Replace("ecog: 1", "ecog: 2", StringComparison.Ordinal).Replace("ecog: 0", "ecog: 2", StringComparison.Ordinal));

        var report = CaseRunner.Coverage(engine, [fit, ecog2, synchronousEcog2]);

        var entry = report.Rules.Single(r => r.RuleId == "fit-recurrence");
        Assert.That(entry.FiredIn, Is.EqualTo(new[] { fit }));
        Assert.That(entry.NearMisses, Is.EqualTo(new[] { new NearMiss(ecog2, "ecog ≤ 1", "ecog = 2") }), "two false conditions are not a near miss");
        Assert.That(report.NeverFired, Is.EqualTo(new[] { "never" }));
        Assert.That(report.Percent, Is.EqualTo(50m));
    }
}
