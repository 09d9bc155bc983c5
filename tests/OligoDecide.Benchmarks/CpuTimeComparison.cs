using System.Globalization;
using System.Runtime.InteropServices;
using OligoDecide.Benchmarks.Fluent;
using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Benchmarks;

/// <summary>
/// The issue-14 ratios measured in this thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), best of 7 rounds:
/// on a shared machine a benchmark's wall-clock time mostly measures how long it waited for a core, and the
/// load changes between benchmarks of one BenchmarkDotNet run; the CPU time a thread used does not. Run with
/// <c>dotnet run -c Release --project tests/OligoDecide.Benchmarks -- --cpu-time</c>. Same patients, engines and
/// equivalence check as <see cref="EvaluationBenchmarks"/> and <see cref="ScalingBenchmarks"/>.
/// </summary>
public static partial class CpuTimeComparison
{
    private const int ThreadCpuClock = 3;

    public static void Run(TextWriter output)
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("--cpu-time needs Linux (CLOCK_THREAD_CPUTIME_ID).");
            return;
        }

        var patients = BenchmarkData.Patients;
        EquivalenceCheck.Verify(patients);
        var engine = OligoDecideEngine.CreateDefault();
        var fluent = new FluentEngine();
        var workflow = new RulesEngineWorkflow();
        var e25 = new OligoDecideEngine(GeneratedRuleSets.Load(25));
        var e200 = new OligoDecideEngine(GeneratedRuleSets.Load(200));
        var candidates = new (string Name, Func<Patient, int> Evaluate)[]
        {
            ("full", p => engine.Evaluate(p).Suggestions.Count),
            ("options", p => EquivalenceCheck.OptionsOnly(engine, p).Count),
            ("fluent", p => fluent.Evaluate(BenchmarkData.Prepare(p)).Count),
            ("rulesengine", p => workflow.Evaluate(BenchmarkData.Prepare(p)).Count),
            ("hand", p => HandWrittenRules.Evaluate(BenchmarkData.Prepare(p)).Count),
            ("g25", p => e25.Evaluate(p).Suggestions.Count),
            ("g200", p => e200.Evaluate(p).Suggestions.Count),
        };

        // Warm every candidate up before timing any: tiered compilation promotes hot methods only once the
        // process stops compiling new ones, so a candidate timed while others are still being jitted runs
        // unoptimised code.
        for (var round = 0; round < 3; round++)
        {
            foreach (var (_, evaluate) in candidates)
            {
                Run(patients, evaluate, 5);
            }

            Thread.Sleep(500);
        }

        var t = candidates.ToDictionary(c => c.Name, c => Measure(patients, c.Evaluate));
        var (full, optionsOnly, nrules, rulesEngine, hand, g25, g200) = (t["full"], t["options"], t["fluent"], t["rulesengine"], t["hand"], t["g25"], t["g200"]);

        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        output.WriteLine($"thread CPU µs per patient ({patients.Count} patients, best of 7 rounds):");
        output.WriteLine($"  OligoDecide Evaluate {F(full)}, options only {F(optionsOnly)}, NRules.Fluent {F(nrules)}, RulesEngine 6.0.1 {F(rulesEngine)}, hand-written C# {F(hand)}");
        output.WriteLine($"  generated rules: 25 -> {F(g25)}, 200 -> {F(g200)}");
        output.WriteLine($"Evaluate / NRules.Fluent = {F(full / nrules)} (target <= 0.35)");
        output.WriteLine($"Evaluate / RulesEngine   = {F(full / rulesEngine)} (target < 1)");
        output.WriteLine($"options only / hand C#   = {F(optionsOnly / hand)} (target <= 2)");
        output.WriteLine($"200 rules / 25 rules     = {F(g200 / g25)} (target <= 5)");
    }

    private static int Run(IReadOnlyList<Patient> patients, Func<Patient, int> evaluate, int passes)
    {
        var sink = 0;
        for (var i = 0; i < passes; i++)
        {
            foreach (var p in patients)
            {
                sink += evaluate(p);
            }
        }

        return sink;
    }

    private static double Measure(IReadOnlyList<Patient> patients, Func<Patient, int> evaluate)
    {
        var best = double.MaxValue;
        var sink = 0;
        for (var round = 0; round < 7; round++)
        {
            var start = Now();
            sink += Run(patients, evaluate, 10);
            best = Math.Min(best, (Now() - start) / 1000.0 / (10 * patients.Count));
        }

        GC.KeepAlive(sink);
        return best;
    }

    /// <summary>This thread's CPU time in nanoseconds.</summary>
    private static double Now()
    {
        _ = ClockGetTime(ThreadCpuClock, out var ts);
        return (ts.Seconds * 1e9) + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
