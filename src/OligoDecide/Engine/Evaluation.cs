using OligoDecide.Classification;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// Everything one evaluation of one patient established, made once by <see cref="Evaluator.Evaluate"/>:
/// the classification, the facts, every rule's truth, the option states <c>suggested</c> read, and the
/// traces of the rules that are true or unknown. The <see cref="Decision"/>, <c>explain</c>, coverage
/// (near misses), the test kit and the CDS cards read it; none of them derives facts or decides a rule again.
/// Immutable (a false rule's trace is built on first request from the stored facts, and must reach the
/// stored truth).
/// </summary>
internal sealed class Evaluation
{
    private readonly Truth[] truths;
    private readonly Truth[] options;
    private readonly ConditionTrace?[] traces;

    public Evaluation(Evaluator evaluator, Patient patient, ClassificationResult classification, PatientFacts facts, Truth[] truths, Truth[] options, ConditionTrace?[] traces)
    {
        Evaluator = evaluator;
        Patient = patient;
        Classification = classification;
        Facts = facts;
        this.truths = truths;
        this.options = options;
        this.traces = traces;
    }

    /// <summary>The compiled rule set that decided.</summary>
    public Evaluator Evaluator { get; }

    /// <summary>The rule set the evaluation came from.</summary>
    public RuleSet RuleSet => Evaluator.RuleSet;

    public Patient Patient { get; }

    public ClassificationResult Classification { get; }

    public PatientFacts Facts { get; }

    /// <summary>The truth of the rule of rank <paramref name="rank"/> (index in <see cref="RuleSet.Rules"/>).</summary>
    public Truth TruthOf(int rank) => truths[rank];

    /// <summary>The state of an option: True when a rule suggesting it fired, Unknown when one could apply, else False.</summary>
    public Truth Suggested(string option) => Evaluator.OptionOf(option) is var i and >= 0 ? options[i] : Truth.False;

    /// <summary>The rule of a given id, or null.</summary>
    public Rule? Rule(string ruleId) => Evaluator.RankOf(ruleId) is var rank and >= 0 ? Evaluator.Rules[rank].Rule : null;

    /// <summary>
    /// The trace of one rule: stored for rules that are true or unknown; for a false rule built now from the
    /// stored facts and option states (explain and near misses ask for it).
    /// </summary>
    public ConditionTrace Trace(int rank)
    {
        if (Volatile.Read(ref traces[rank]) is { } stored)
        {
            return stored;
        }

        var trace = ThreeValued.Evaluate(Evaluator.Rules[rank].Rule.When, Facts, Suggested);
        if (trace.Truth != truths[rank])
        {
            throw new InvalidOperationException($"Rule '{Evaluator.Rules[rank].Rule.Id}': the compiled condition says {truths[rank]}, the interpreter {trace.Truth}.");
        }

        return Interlocked.CompareExchange(ref traces[rank], trace, null) ?? trace;
    }

    /// <summary>Every condition of one rule, flattened for <c>explain</c>.</summary>
    /// <exception cref="ArgumentException">The rule set has no such rule.</exception>
    public IReadOnlyList<ExplainedCondition> Explain(string ruleId)
    {
        var rank = Evaluator.RankOf(ruleId);
        if (rank < 0)
        {
            throw new ArgumentException($"The rule set has no rule '{ruleId}'.", nameof(ruleId));
        }

        // Each lesion itemised, and a suggested: condition followed into the rules that decide it, all read
        // from this evaluation (their traces are stored, or built from the stored facts).
        return ExplainTree.Lines(Trace(rank), Facts.Lesions, option =>
            Enumerable.Range(0, Evaluator.Rules.Count)
                .Where(r => Evaluator.Rules[r].Rule.Option == option)
                .Select(r => (Evaluator.Rules[r].Rule, Trace(r))));
    }

    /// <summary>
    /// The decision's suggestions (true rules in output order, with <c>because</c> and supersession) and
    /// <c>couldApply</c> (unknown rules with what is missing), from the stored truths and traces.
    /// </summary>
    public (List<Suggestion> Suggestions, List<CouldApply> CouldApply) Outcome()
    {
        var rules = Evaluator.Rules;
        int fired = 0, undecided = 0;
        foreach (var t in truths)
        {
            fired += t == Truth.True ? 1 : 0;
            undecided += t == Truth.Unknown ? 1 : 0;
        }

        var suggestions = new List<Suggestion>(fired);
        var could = new List<CouldApply>(undecided);
        Dictionary<string, string>? supersededBy = null;
        for (var rank = 0; rank < rules.Count; rank++)
        {
            if (truths[rank] != Truth.True)
            {
                continue;
            }

            var supersedes = rules[rank].Rule.Supersedes;
            for (var i = 0; i < supersedes.Count; i++)
            {
                var target = supersedes[i];
                if (Evaluator.RankOf(target) is var t and >= 0 && truths[t] == Truth.True)
                {
                    supersededBy ??= new(StringComparer.Ordinal);
                    supersededBy.TryAdd(target, rules[rank].Rule.Id);
                }
            }
        }

        for (var rank = 0; rank < rules.Count; rank++)
        {
            var rule = rules[rank].Rule;
            switch (truths[rank])
            {
                case Truth.True:
                    suggestions.Add(new Suggestion(rule.Id, rule.Kind, rule.Option, rule.Title, rule.Text, rule.Doses, rule.Evidence,
                        Explanations.Because(traces[rank]!), supersededBy?.GetValueOrDefault(rule.Id)));
                    break;
                case Truth.Unknown:
                    could.Add(new CouldApply(rule.Id, rule.Kind, rule.Option, rule.Title, Explanations.Missing(traces[rank]!, Facts)));
                    break;
            }
        }

        return (suggestions, could);
    }
}
