using OligoDecide.Engine;
using OligoDecide.Testing;

namespace OligoDecide.Tests.Testing;

public class SeedCaseTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static IEnumerable<TestCaseData> Cases() =>
        RepoPaths.SeedCases().Select(p => new TestCaseData(p).SetArgDisplayNames(Path.GetFileName(p)));

    [TestCaseSource(nameof(Cases))]
    public void SeedCase_ExpectationsHold(string path) => CaseAssert.ExpectationsHold(Engine, path);

    [Test]
    public void SeedCases_EveryRuleFiresAndHasANearMiss() =>
        RuleCoverage.Of(Engine, [RepoPaths.SeedPatients]).AssertEveryRuleFired().AssertEveryRuleHasNearMiss();

    [Test]
    public void SeedCases_EveryRuleHasANearMissCaseThatForbidsIt()
    {
        var report = RuleCoverage.Of(Engine, [RepoPaths.SeedPatients]).Report;
        var expectations = RepoPaths.SeedCases().ToDictionary(p => p, p => global::OligoDecide.Documents.PatientDocument.Load(p).Expectation!);
        var unguarded = report.Rules
            .Where(r => !r.NearMisses.Any(m => expectations[m.Case].NotOptions.Contains(r.Option)))
            .Select(r => r.RuleId)
            .ToList();
        Assert.That(unguarded, Is.Empty, "rules without a near-miss case whose expect.notOptions names them");
    }
}
