using BenchmarkDotNet.Attributes;
using OligoDecide.Benchmarks.Fluent;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Benchmarks;

/// <summary>
/// Per-patient evaluation of the same patients with the same 19 rules by four engines. Every call
/// evaluates all <see cref="BenchmarkData.Patients"/>; times and allocations are per patient
/// (OperationsPerInvoke). OligoDecide Evaluate is the full decision: classification, facts, every rule
/// decided by the compiled evaluator, traces of true and unknown rules, <c>because</c>, <c>couldApply</c>,
/// supersession; "options only" is classification, facts and the compiled truths, like the three
/// alternatives (classification, facts and the rules only); "Evaluate --verify" adds the NRules session of the
/// YAML rules as a check. The baseline is the hand-written NRules fluent session (issue 14: full Evaluate at
/// most 0.35 of it and below RulesEngine; options only at most 2x hand-written C#).
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private const int Ops = BenchmarkData.Total;

    private IReadOnlyList<Patient> patients = [];
    private OligoDecideEngine engine = null!;
    private OligoDecideEngine verifying = null!;
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
        verifying = new OligoDecideEngine(RuleSet.LoadDefault(), verifyWithNRules: true);
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

    [Benchmark(Description = "OligoDecide options only", OperationsPerInvoke = Ops)]
    public int OligoDecideOptionsOnly()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += EquivalenceCheck.OptionsOnly(engine, p).Count;
        }

        return n;
    }

    [Benchmark(Description = "OligoDecide Evaluate --verify", OperationsPerInvoke = Ops)]
    public int OligoDecideVerify()
    {
        var n = 0;
        foreach (var p in patients)
        {
            n += verifying.Evaluate(p).Suggestions.Count;
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

/// <summary>Load (YAML → validated rule model) plus compile (each rule's condition to a delegate, checked against the interpreter) of a whole rule set.</summary>
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

/// <summary>
/// The other two steps of screening one NDJSON line besides Evaluate: reading the patient document
/// (JSON tree, strict mapping, validation) and writing the decision line (compact and full forms).
/// </summary>
[MemoryDiagnoser]
public class ScreeningStepBenchmarks
{
    private const int Ops = 256;

    private List<string> lines = [];
    private List<Decision> decisions = [];
    private System.Buffers.ArrayBufferWriter<byte> buffer = null!;
    private System.Text.Json.Utf8JsonWriter writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        lines = [.. Synthetic.PatientGenerator.Documents(Ops, 2025)];
        var engine = OligoDecideEngine.CreateDefault();
        decisions = [.. lines.Select(l => engine.Evaluate(Documents.PatientDocument.Parse(l).GetPatientOrThrow()))];
        buffer = new(1 << 16);
        writer = new(buffer, new System.Text.Json.JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();

    [Benchmark(Description = "read one NDJSON patient document", OperationsPerInvoke = Ops)]
    public int Parse()
    {
        var n = 0;
        foreach (var line in lines)
        {
            n += Documents.PatientDocument.Parse(line, "bench.ndjson").IsValid ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "write one compact decision line", OperationsPerInvoke = Ops)]
    public long WriteCompact() => Write(full: false);

    [Benchmark(Description = "write one full decision line", OperationsPerInvoke = Ops)]
    public long WriteFull() => Write(full: true);

    private long Write(bool full)
    {
        long bytes = 0;
        foreach (var d in decisions)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            writer.WriteStartObject();
            if (full)
            {
                Output.JsonOutput.WriteDecisionProperties(writer, d);
            }
            else
            {
                Output.JsonOutput.WriteCompactDecisionProperties(writer, d);
            }

            writer.WriteEndObject();
            writer.Flush();
            bytes += buffer.WrittenCount;
        }

        return bytes;
    }
}
