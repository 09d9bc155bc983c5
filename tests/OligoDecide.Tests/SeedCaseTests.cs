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
        Assert.That(loaded.Findings, Is.Empty, () => string.Join("\n", loaded.Findings));
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
