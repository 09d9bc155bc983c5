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
