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

    [Test]
    public void ScreeningStepBenchmarks_MeasureValidDocumentsAndBothLineForms()
    {
        var bench = new ScreeningStepBenchmarks();
        bench.Setup();
        try
        {
            // Every generated document is valid, so the read benchmark times the whole path, not early errors.
            Assert.That(bench.Parse(), Is.EqualTo(256));
            var compact = bench.WriteCompact();
            var full = bench.WriteFull();
            Assert.That(compact, Is.GreaterThan(0));
            Assert.That(full, Is.GreaterThan(3 * compact), "the full line carries every citation in full");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Test]
    public void DocumentReadBenchmarks_BothReadersReadEveryDocument()
    {
        var bench = new DocumentReadBenchmarks();
        bench.Setup();

        // Setup throws if a line would fall back; both readers must count all 256 valid, so neither times an early exit.
        Assert.That(bench.Strict(), Is.EqualTo(256));
        Assert.That(bench.Fast(), Is.EqualTo(256));
        Assert.That(bench.MappingOnly(), Is.EqualTo(256));
    }
}
