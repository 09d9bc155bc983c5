using BenchmarkDotNet.Attributes;
using OligoDecide.Benchmarks.Fluent;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Benchmarks;

/// <summary>
/// Per-patient evaluation of the same patients with the same 19 rules by four engines. Every call
/// evaluates all <see cref="BenchmarkData.Patients"/>; times and allocations are per patient
/// (OperationsPerInvoke). OligoDecide does classification, facts, the NRules session, three-valued
/// explanations and couldApply; the three alternatives do classification, facts and the rules only.
/// The baseline is the hand-written NRules fluent session (the issue's 1.5× target).
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private const int Ops = BenchmarkData.Total;

    private IReadOnlyList<Patient> patients = [];
    private OligoDecideEngine engine = null!;
    private FluentEngine fluent = null!;
    private RulesEngineWorkflow workflow = null!;

    [GlobalSetup]
    public void Setup()
    {
        patients = BenchmarkData.Patients;
        if (patients.Count != Ops)
        {
            throw new InvalidOperationException($"expected {Ops} patients, found {patients.Count}");
        }

        EquivalenceCheck.Verify(patients);
        engine = OligoDecideEngine.CreateDefault();
        fluent = new FluentEngine();
        workflow = new RulesEngineWorkflow();
    }

    [Benchmark(Description = "OligoDecide Evaluate", OperationsPerInvoke = Ops)]
    public int OligoDecide()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += engine.Evaluate(p).Suggestions.Count;
        }

        return n;
    }

    [Benchmark(Description = "NRules.Fluent session", Baseline = true, OperationsPerInvoke = Ops)]
    public int NRulesFluent()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += fluent.Evaluate(BenchmarkData.Prepare(p)).Count;
        }

        return n;
    }

    [Benchmark(Description = "RulesEngine 6.0.1 workflow", OperationsPerInvoke = Ops)]
    public int RulesEngine()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += workflow.Evaluate(BenchmarkData.Prepare(p)).Count;
        }

        return n;
    }

    [Benchmark(Description = "hand-written C#", OperationsPerInvoke = Ops)]
    public int HandWritten()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += HandWrittenRules.Evaluate(BenchmarkData.Prepare(p)).Count;
        }

        return n;
    }
}

/// <summary>Load (YAML → validated rule model) plus compile (→ NRules session factory) of a whole rule set.</summary>
[MemoryDiagnoser]
public class LoadCompileBenchmarks
{
    private IReadOnlyList<(string Name, string Text)> generated100 = [];

    [GlobalSetup]
    public void Setup() => generated100 = GeneratedRuleSets.Files(100);

    [Benchmark(Description = "default rule set (19 rules): load + compile")]
    public OligoDecideEngine Default() => new(RuleSet.LoadDefault());

    [Benchmark(Description = "generated 100 rules: load + compile")]
    public OligoDecideEngine Generated100() => new(RuleSet.FromFiles(generated100, RuleSetLimits.Default).GetOrThrow());
}

/// <summary>Per-patient OligoDecide evaluation as the rule count grows (generated rule sets).</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private const int Ops = BenchmarkData.Total;

    private IReadOnlyList<Patient> patients = [];
    private OligoDecideEngine engine = null!;

    [Params(25, 50, 100, 200)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        patients = BenchmarkData.Patients;
        engine = new OligoDecideEngine(GeneratedRuleSets.Load(Rules));
    }

    [Benchmark(Description = "OligoDecide Evaluate, generated rules", OperationsPerInvoke = Ops)]
    public int Evaluate()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += engine.Evaluate(p).Suggestions.Count;
        }

        return n;
    }
}
