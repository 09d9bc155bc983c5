using System.Text;
using BenchmarkDotNet.Attributes;
using OligoDecide.Documents;

namespace OligoDecide.Benchmarks;

/// <summary>
/// Reading one NDJSON patient line as <c>screen</c> gets it (UTF-8 bytes) into a validated patient: the strict
/// document reader (decode, JSON node tree, mapping, validation; the baseline) against the fast path that
/// maps the bytes straight to the patient with the same field tables and validation.
/// </summary>
[MemoryDiagnoser]
public class DocumentReadBenchmarks
{
    private const int Ops = 256;

    private static readonly Validation.PatientValidator Validator = new();

    private List<byte[]> lines = [];

    private List<Model.Patient> patients = [];

    [GlobalSetup]
    public void Setup()
    {
        lines = [.. Synthetic.PatientGenerator.Documents(Ops, 2025).Select(Encoding.UTF8.GetBytes)];
        if (lines.Any(l => PatientDocument.TryReadJson(l) is null))
        {
            throw new InvalidOperationException("every generated line should take the fast path");
        }

        patients = [.. lines.Select(l => PatientDocument.TryReadJson(l)!.Patient!)];
    }

    [Benchmark(Description = "strict reader (text, node tree, mapping, validation)", Baseline = true, OperationsPerInvoke = Ops)]
    public int Strict()
    {
        var n = 0;
        foreach (var line in lines)
        {
            n += PatientDocument.Parse(Encoding.UTF8.GetString(line), "bench.ndjson").IsValid ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "fast path (UTF-8 straight to the patient, validation)", OperationsPerInvoke = Ops)]
    public int Fast()
    {
        var n = 0;
        foreach (var line in lines)
        {
            n += PatientDocument.TryReadJson(line) is { IsValid: true } ? 1 : 0;
        }

        return n;
    }

    /// <summary>Only the mapping half of the fast path (no validation, so not a complete read): shows what validation costs.</summary>
    [Benchmark(Description = "fast path, mapping only (no validation)", OperationsPerInvoke = Ops)]
    public int MappingOnly()
    {
        var n = 0;
        foreach (var line in lines)
        {
            var json = new System.Text.Json.Utf8JsonReader(line);
            n += PatientReader.TryRead(ref json, DocumentLimits.Default, out _, out _) ? 1 : 0;
        }

        return n;
    }

    /// <summary>Only the validation half of a read (the patients are read once in setup): what the shared validator costs per document.</summary>
    [Benchmark(Description = "validation only (PatientValidator)", OperationsPerInvoke = Ops)]
    public int ValidationOnly()
    {
        var n = 0;
        foreach (var patient in patients)
        {
            n += Validator.Validate(patient).IsValid ? 1 : 0;
        }

        return n;
    }
}
