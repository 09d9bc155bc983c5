using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Benchmarks.Fluent;

namespace OligoDecide.Benchmarks;

/// <summary>Before anything is timed: the four engines must give the same option set for every patient.</summary>
public static class EquivalenceCheck
{
    /// <summary>Every disagreement, as "patient: engine {options} vs OligoDecide {options}"; empty when all agree.</summary>
    public static IReadOnlyList<string> Mismatches(IReadOnlyList<Patient> patients)
    {
        var engine = OligoDecideEngine.CreateDefault();
        var fluent = new FluentEngine();
        var workflow = new RulesEngineWorkflow();
        var mismatches = new List<string>();
        var errors = workflow.Errors(BenchmarkData.Prepare(patients[0]));
        mismatches.AddRange(errors.Select(e => "RulesEngine expression error: " + e));
        for (var i = 0; i < patients.Count; i++)
        {
            var p = patients[i];
            var expected = Key(engine.Evaluate(p).Suggestions.Select(s => s.Option));
            var facts = BenchmarkData.Prepare(p);
            foreach (var (name, options) in new[]
            {
                ("NRules.Fluent", fluent.Evaluate(facts)),
                ("RulesEngine", workflow.Evaluate(facts)),
                ("hand-written", HandWrittenRules.Evaluate(facts)),
                ("OligoDecide options only", OptionsOnly(engine, p)),
            })
            {
                var got = Key(options);
                if (got != expected)
                {
                    mismatches.Add($"{p.Id ?? "#" + i}: {name} {{{got}}} vs OligoDecide {{{expected}}}");
                }
            }
        }

        return mismatches;
    }

    /// <summary>
    /// OligoDecide's options-only path: classification, facts and every rule's compiled truth, no traces (so no
    /// <c>because</c> or <c>couldApply</c>); the option codes of the rules that fired, like the alternatives return.
    /// </summary>
    public static List<string> OptionsOnly(OligoDecideEngine engine, Patient patient)
    {
        var evaluator = engine.Evaluator;
        var truths = evaluator.DecideOnly(patient);
        var options = new List<string>();
        for (var rank = 0; rank < truths.Length; rank++)
        {
            if (truths[rank] == Rules.Truth.True)
            {
                options.Add(evaluator.Rules[rank].Rule.Option);
            }
        }

        return options;
    }

    /// <summary>Throws when any engine disagrees (called from the benchmarks' global setup).</summary>
    public static void Verify(IReadOnlyList<Patient> patients)
    {
        var mismatches = Mismatches(patients);
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException($"{mismatches.Count} disagreement(s):\n" + string.Join('\n', mismatches.Take(20)));
        }
    }

    /// <summary>The set of option codes: several rules may give one option (e.g. the timing cautions, one rule per local-therapy option).</summary>
    private static string Key(IEnumerable<string> options) => string.Join(",", options.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
