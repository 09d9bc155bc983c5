namespace OligoDecide.Benchmarks.Tests;

/// <summary>The benchmarks' own setup runs (it checks the patient count and the equivalence), so a growing seed set cannot break them unnoticed.</summary>
public sealed class BenchmarkSetupTests
{
    [Test]
    public void EvaluationBenchmarks_Setup_Succeeds()
    {
        Assert.DoesNotThrow(() => new EvaluationBenchmarks().Setup());
        Assert.That(BenchmarkData.Patients, Has.Count.EqualTo(BenchmarkData.Total));
    }
}
