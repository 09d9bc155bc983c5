using OligoDecide;
using OligoDecide.Classification;
using OligoDecide.Documents;

namespace OligoDecide.Tests;

/// <summary>The golden cases: every seeds/patients/*.yaml loads, classifies, and matches its <c>expect.state</c>.</summary>
public class SeedCaseTests
{
    public static IEnumerable<string> Seeds() => RepoPaths.SeedNames("patients");

    [TestCaseSource(nameof(Seeds))]
    public void Classify_SeedCase_MatchesExpectedState(string name)
    {
        var loaded = PatientDocument.Load(RepoPaths.Seed(Path.Combine("patients", name)));
        // Seeds are warning-free, except the one whose point is the warning (a therapy of unknown status).
        var allowed = name == "indeterminate-therapy-status-unknown.yaml" ? 1 : 0;
        Assert.That(loaded.Findings, Has.Count.EqualTo(allowed), () => string.Join("\n", loaded.Findings));
        Assert.That(loaded.Findings.All(f => f.Severity == Severity.Warning && f.Path == "systemicTherapies[0]"), Is.True, () => string.Join("\n", loaded.Findings));
        Assert.That(loaded.Expectation?.State, Is.Not.Null, "every seed case states its expected state");

        var result = OligometastaticClassifier.Default.Classify(loaded.Patient!);

        Assert.That(result.State.Id(), Is.EqualTo(loaded.Expectation!.State), () => "path:\n" + string.Join("\n", result.Path));
    }

    [Test]
    public void Seeds_CoverEveryState()
    {
        var expected = Seeds()
            .Select(n => PatientDocument.Load(RepoPaths.Seed(Path.Combine("patients", n))).Expectation?.State)
            .ToHashSet();

        Assert.That(StateIds.All.Where(id => !expected.Contains(id)), Is.Empty, "states without a seed case");
    }
}
